"""Kazakh: 20.06.2027 and 20.06.2027, 14:30, as Kazakhstan's official documents write them: Russian's formats.

Django ships no Kazakh formats (so Kazakh pages fell back to the US 06/20/2027); its Kazakh catalogue does have
the month and weekday names (Маусым, Бейсенбі), which YEAR_MONTH_FORMAT and the weekday helpers use.
"""

from core.formats.ru.formats import *  # noqa: F403 - the same digits, separators and input formats

MONTH_DAY_FORMAT = "d.m"  # Kazakh puts the month's name in the genitive-free form only with a year: 20.06
