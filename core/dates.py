"""Dates and times as people read them: the active language's named format, and the time zone said aloud.

The formats themselves live in core/formats/<language>/formats.py (settings.FORMAT_MODULE_PATH): 20.06.2027 and
20.06.2027, 14:30 in Kazakh and Russian, 20 June 2027 and 20 June 2027, 14:30 in English. Everything here reads
them by name, so a page, an e-mail, a PDF, an .ics description and the API say a date the same way. A time is
never shown without its zone: "20.06.2027, 10:00–13:00 (Алматы, UTC+5)". The zone is the portal's
(settings.TIME_ZONE, Asia/Almaty) unless a caller passes another one (a meeting with a zone of its own).

Templates use the filters of core/templatetags/dates.py; tests/core/test_dates.py checks that no template
writes a format string of its own.
"""

from __future__ import annotations

import datetime as dt
import zoneinfo

from django import forms
from django.utils import formats, timezone
from django.utils.functional import lazy
from django.utils.translation import get_language, gettext, gettext_lazy

# The format names a template may give |date or |time: Django's own names, defined per language in core/formats/.
# Machines read <time datetime="{{ value|iso }}">.
NAMED_FORMATS = frozenset({
    "DATE_FORMAT", "DATETIME_FORMAT", "SHORT_DATE_FORMAT", "SHORT_DATETIME_FORMAT", "TIME_FORMAT",
    "YEAR_MONTH_FORMAT", "MONTH_DAY_FORMAT",
})

# Zones as people name them; the UTC offset is computed for the date itself (Kazakhstan moved to UTC+5 in 2024).
_ZONE_NAMES = {
    "Asia/Almaty": gettext_lazy("Almaty"),
    "Asia/Qostanay": gettext_lazy("Kostanay"),
    "UTC": "UTC",
}

# Excel number formats of the named formats: the cell stays a real date (sortable, filterable) and shows as the
# portal does. English carries the en-GB locale tag, so a Russian Excel still writes "20 June 2027".
_XLSX_FORMATS = {
    "en": {"date": "[$-809]d mmmm yyyy", "datetime": "[$-809]d mmmm yyyy, hh:mm"},
    "ru": {"date": "dd.mm.yyyy", "datetime": "dd.mm.yyyy, hh:mm"},
    "kk": {"date": "dd.mm.yyyy", "datetime": "dd.mm.yyyy, hh:mm"},
}


def _zone(tz: dt.tzinfo | str | None) -> dt.tzinfo:
    if tz is None or tz == "":
        return timezone.get_current_timezone()
    if isinstance(tz, str):
        return zoneinfo.ZoneInfo(tz)
    return tz


def localize(value: dt.datetime, tz: dt.tzinfo | str | None = None) -> dt.datetime:
    """An aware datetime in the zone people read it in (a naive one is taken as already local)."""
    if timezone.is_naive(value):
        return value
    return timezone.localtime(value, _zone(tz))


def zone_name(tz: dt.tzinfo | str | None = None) -> str:
    zone = _zone(tz)
    key = getattr(zone, "key", None) or str(zone)
    return str(_ZONE_NAMES.get(key, key.rsplit("/", 1)[-1].replace("_", " ")))


def utc_offset(moment: dt.datetime | None = None, tz: dt.tzinfo | str | None = None) -> str:
    """"UTC+5" (or "UTC+5:30", "UTC−3") on that date in that zone."""
    zone = _zone(tz)
    moment = moment or timezone.now()
    offset = moment.astimezone(zone).utcoffset() if timezone.is_aware(moment) else zone.utcoffset(moment)
    minutes = int((offset or dt.timedelta(0)).total_seconds()) // 60
    sign = "+" if minutes >= 0 else "\u2212"
    hours, rest = divmod(abs(minutes), 60)
    return f"UTC{sign}{hours}" + (f":{rest:02d}" if rest else "")


def zone_label(moment: dt.datetime | None = None, tz: dt.tzinfo | str | None = None) -> str:
    """"Алматы, UTC+5": the zone's name in the active language and its offset on that date."""
    return f"{zone_name(tz)}, {utc_offset(moment, tz)}"


def iso(value: dt.date | dt.datetime | None, tz: dt.tzinfo | str | None = None) -> str:
    """"2027-06-20T10:00:00+05:00" (whole seconds: HTML's <time datetime> takes at most three decimals), or
    "2027-06-20" for a date: what machines read, in every language."""
    if value is None or value == "":
        return ""
    if isinstance(value, dt.datetime):
        return localize(value, tz).replace(microsecond=0).isoformat()
    return value.isoformat()


def date_text(value: dt.date | dt.datetime | None, tz: dt.tzinfo | str | None = None) -> str:
    """"20.06.2027" / "20 June 2027"; a datetime gives the day it is in the zone."""
    if value is None or value == "":
        return ""
    if isinstance(value, dt.datetime):
        value = localize(value, tz).date()
    return formats.date_format(value, "DATE_FORMAT")


def time_text(
    value: dt.datetime | dt.time | None, tz: dt.tzinfo | str | None = None, *, zone: bool = True,
    seconds: bool = False,
) -> str:
    """"14:30 (Алматы, UTC+5)"; with `seconds` "14:30:05 (...)", for waits counted in seconds."""
    if value is None or value == "":
        return ""
    time_format = formats.get_format("TIME_FORMAT") + (":s" if seconds else "")
    if isinstance(value, dt.datetime):
        local = localize(value, tz)
        text = formats.time_format(local, time_format)
        return f"{text} ({zone_label(local, tz)})" if zone else text
    text = formats.time_format(value, time_format)
    return f"{text} ({zone_label(tz=tz)})" if zone else text


def datetime_text(value: dt.datetime | None, tz: dt.tzinfo | str | None = None, *, zone: bool = True) -> str:
    """"20.06.2027, 14:30 (Алматы, UTC+5)" / "20 June 2027, 14:30 (Almaty, UTC+5)"."""
    if value is None or value == "":
        return ""
    if not isinstance(value, dt.datetime):
        return date_text(value)
    local = localize(value, tz)
    text = formats.date_format(local, "DATETIME_FORMAT")
    return f"{text} ({zone_label(local, tz)})" if zone else text


def range_text(
    starts_at: dt.datetime, ends_at: dt.datetime | None, tz: dt.tzinfo | str | None = None, *, weekday: bool = False
) -> str:
    """"20.06.2027, 10:00–13:00 (Алматы, UTC+5)"; across midnight both days are written out. With `weekday`:
    "четверг, 20.06.2027, 10:00–13:00 (Алматы, UTC+5)"."""
    start = localize(starts_at, tz)
    if ends_at is None:
        return datetime_text(start, tz)
    end = localize(ends_at, tz)
    day = weekday_text(start, tz) if weekday else formats.date_format(start, "DATE_FORMAT")
    if start.date() == end.date():
        span = f"{formats.time_format(start, 'TIME_FORMAT')}\u2013{formats.time_format(end, 'TIME_FORMAT')}"
        return f"{day}, {span} ({zone_label(start, tz)})"
    first = f"{day}, {formats.time_format(start, 'TIME_FORMAT')}"
    return f"{first} \u2013 {formats.date_format(end, 'DATETIME_FORMAT')} ({zone_label(start, tz)})"


def hours_text(starts_at: dt.datetime, ends_at: dt.datetime, tz: dt.tzinfo | str | None = None) -> str:
    """"10:00–13:00 (Алматы, UTC+5)", for a line that gives the date beside it; an end on a later day is dated."""
    start, end = localize(starts_at, tz), localize(ends_at, tz)
    first = formats.time_format(start, "TIME_FORMAT")
    if start.date() == end.date():
        return f"{first}\u2013{formats.time_format(end, 'TIME_FORMAT')} ({zone_label(start, tz)})"
    return f"{first} \u2013 {formats.date_format(end, 'DATETIME_FORMAT')} ({zone_label(start, tz)})"


def weekday_text(value: dt.date | dt.datetime, tz: dt.tzinfo | str | None = None) -> str:
    """"четверг, 20.06.2027" / "Thursday, 20 June 2027": the day of the week (Django's own names) and the date."""
    if isinstance(value, dt.datetime):
        value = localize(value, tz).date()
    weekday = formats.date_format(value, "l")
    if (get_language() or "")[:2] in ("ru", "kk"):
        # Russian and Kazakh write the day of the week in lower case inside a sentence.
        weekday = weekday.lower()
    # Translators: a day of the week and a date, e.g. "Thursday, 20 June 2027".
    return gettext("%(weekday)s, %(date)s") % {"weekday": weekday, "date": date_text(value)}


def month_text(value: dt.date | dt.datetime) -> str:
    """"Маусым 2027" / "June 2027" (YEAR_MONTH_FORMAT, with Django's own month names)."""
    if isinstance(value, dt.datetime):
        value = localize(value).date()
    return formats.date_format(value, "YEAR_MONTH_FORMAT")


def _zone_hint() -> str:
    return gettext("Time zone: %(zone)s.") % {"zone": zone_label()}


# A form field's help text, read when the form is shown: "Time zone: Almaty, UTC+5."
zone_hint = lazy(_zone_hint, str)


# --- Spreadsheets ------------------------------------------------------------------------------------------------


def xlsx_number_format(kind: str, language: str | None = None) -> str:
    """The Excel number format of a "date" or "datetime" cell in `language` (default: the active one)."""
    language = (language or get_language() or "en")[:2]
    return _XLSX_FORMATS.get(language, _XLSX_FORMATS["en"])[kind]


def xlsx_datetime(value: dt.datetime, tz: dt.tzinfo | str | None = None) -> dt.datetime:
    """Excel has no time zones: the local wall-clock time, naive (the column heading says the zone)."""
    return localize(value, tz).replace(tzinfo=None)


# --- Form inputs -------------------------------------------------------------------------------------------------
# Browsers' date pickers send and accept ISO values only (2027-06-20, 2027-06-20T14:30) and show them in the
# reader's own format; a localized value ("20.06.2027") in value="" leaves the picker empty, and an edit would
# lose the date. So these widgets always write ISO, whatever the page's language.


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs: dict[str, str] | None = None) -> None:
        super().__init__(attrs=attrs, format="%Y-%m-%d")


class DateTimeLocalInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, attrs: dict[str, str] | None = None) -> None:
        super().__init__(attrs=attrs, format="%Y-%m-%dT%H:%M")


class TimeInput(forms.TimeInput):
    input_type = "time"

    def __init__(self, attrs: dict[str, str] | None = None) -> None:
        super().__init__(attrs=attrs, format="%H:%M")
