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
import functools
import zoneinfo
from typing import Any

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import formats, timezone
from django.utils.dateparse import parse_datetime
from django.utils.functional import lazy
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString
from django.utils.translation import get_language, gettext, gettext_lazy, override

# The format names a template may give |date or |time: Django's own names, defined per language in core/formats/.
# Machines read <time datetime="{{ value|iso }}">.
NAMED_FORMATS = frozenset({
    "DATE_FORMAT", "DATETIME_FORMAT", "SHORT_DATE_FORMAT", "SHORT_DATETIME_FORMAT", "TIME_FORMAT",
    "YEAR_MONTH_FORMAT", "MONTH_DAY_FORMAT",
})

# Zones as people name them; the UTC offset is computed for the date itself (Kazakhstan moved to UTC+5 in 2024).
# The first entries are also the zones a meeting is most likely held in (COMMON_ZONES): the portal's own, the UN in
# Geneva and New York, the OSCE in Vienna and Warsaw, the EU in Brussels, the Council of Europe in Strasbourg, and
# the neighbours. IANA names a zone after its largest city, so Geneva's is Europe/Zurich and Strasbourg's Europe/Paris.
_ZONE_NAMES = {
    "Asia/Almaty": gettext_lazy("Almaty"),
    "Europe/Zurich": gettext_lazy("Geneva"),
    "America/New_York": gettext_lazy("New York"),
    "Europe/Vienna": gettext_lazy("Vienna"),
    "Europe/Warsaw": gettext_lazy("Warsaw"),
    "Europe/Brussels": gettext_lazy("Brussels"),
    "Europe/Paris": gettext_lazy("Paris, Strasbourg"),
    "Europe/Berlin": gettext_lazy("Berlin"),
    "Europe/London": gettext_lazy("London"),
    "Europe/Moscow": gettext_lazy("Moscow"),
    "Europe/Istanbul": gettext_lazy("Istanbul"),
    "Asia/Tashkent": gettext_lazy("Tashkent"),
    "Asia/Bishkek": gettext_lazy("Bishkek"),
    "Asia/Qostanay": gettext_lazy("Kostanay"),
    "UTC": "UTC",
}
COMMON_ZONES = tuple(key for key in _ZONE_NAMES if key != "Asia/Qostanay")

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
        try:
            return zoneinfo.ZoneInfo(tz)
        except (zoneinfo.ZoneInfoNotFoundError, ValueError):
            # A zone the server's tzdata no longer knows must not take a page down: the portal's zone, named.
            return timezone.get_current_timezone()
    return tz


# --- Time zones of their own (a meeting held in Geneva) -----------------------------------------------------------


def meeting_zone(name: str | None) -> dt.tzinfo:
    """The tzinfo of a stored zone name; the portal's when it is empty or no longer known."""
    return _zone(name) if name else home_zone()


def default_time_zone() -> str:
    return str(settings.TIME_ZONE)


@functools.cache
def all_zones() -> tuple[str, ...]:
    """Every IANA zone this server's tzdata knows, sorted (the form suggests them after COMMON_ZONES)."""
    return tuple(sorted(
        name for name in zoneinfo.available_timezones()
        if not name.startswith(("posix", "right/")) and name not in ("Factory", "localtime")
    ))


def parse_zone(text: str | None) -> str | None:
    """The IANA name of the zone `text` means, or None: "Europe/Zurich", "europe/zurich", or the name the portal
    gives a common zone in any of its languages ("Geneva", "Женева")."""
    value = (text or "").strip().casefold()
    return _zones_by_folded_name().get(value) if value else None


@functools.cache
def _zones_by_folded_name() -> dict[str, str]:
    """{casefolded name: IANA name} for every zone and for the name the portal gives a common zone in each of its
    languages: built once, where parse_zone rebuilt it (600 zones, three languages) on every call."""
    found: dict[str, str] = {}
    for key, label in _ZONE_NAMES.items():
        for language, _name in settings.LANGUAGES:
            with override(language):
                found.setdefault(str(label).casefold(), key)
    # An IANA name wins over a label of the same spelling ("UTC"), as it did when it was looked up first.
    found.update({name.casefold(): name for name in all_zones()})
    return found


# The message of a zone nobody knows, on the form field and from meetings' services alike.
INVALID_ZONE = gettext_lazy(
    "“%(value)s” is not a time zone. Choose one from the list, or type its name as in Europe/Zurich or "
    "America/New_York."
)


def validate_zone(value: str) -> None:
    if parse_zone(value) != value:
        raise ValidationError(
            INVALID_ZONE,
            code="invalid_zone", params={"value": value},
        )


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


def home_zone() -> dt.tzinfo:
    """The portal's zone (settings.TIME_ZONE, Asia/Almaty): where most readers are."""
    return zoneinfo.ZoneInfo(settings.TIME_ZONE)


def _home_time(starts_at: dt.datetime, ends_at: dt.datetime | None, tz: dt.tzinfo | str | None) -> str:
    """"по времени Алматы: 14:00–17:00" when `tz` is a zone of its own whose clocks differ from Almaty's on that
    date, else "". The date is written out when Almaty is already on another day (a New York evening)."""
    if tz is None or tz == "" or timezone.is_naive(starts_at):
        return ""
    local, home = localize(starts_at, tz), localize(starts_at, home_zone())
    if local.utcoffset() == home.utcoffset():
        return ""
    text = formats.time_format(home, "TIME_FORMAT")
    if home.date() != local.date():
        text = f"{formats.date_format(home, 'DATE_FORMAT')}, {text}"
    if ends_at is not None and not timezone.is_naive(ends_at):
        home_end = localize(ends_at, home_zone())
        end_format = "TIME_FORMAT" if home_end.date() == home.date() else "DATETIME_FORMAT"
        separator = "\u2013" if end_format == "TIME_FORMAT" else " \u2013 "
        text += separator + formats.date_format(home_end, end_format)
    # Translators: the time of a meeting held in another zone as read in Almaty, e.g. "Almaty time: 14:00–17:00".
    return gettext("%(zone)s time: %(time)s") % {"zone": zone_name(home_zone()), "time": text}


def _zone_note(
    starts_at: dt.datetime, ends_at: dt.datetime | None, tz: dt.tzinfo | str | None, *, home: bool = True
) -> str:
    """"Алматы, UTC+5", or "Женева, UTC+2; по времени Алматы: 14:00–17:00" for a meeting held in another zone."""
    label = zone_label(localize(starts_at, tz), tz)
    extra = _home_time(starts_at, ends_at, tz) if home else ""
    return f"{label}; {extra}" if extra else label


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
        return f"{text} ({_zone_note(value, None, tz)})" if zone else text
    text = formats.time_format(value, time_format)
    return f"{text} ({zone_label(tz=tz)})" if zone else text


def datetime_text(value: dt.datetime | None, tz: dt.tzinfo | str | None = None, *, zone: bool = True) -> str:
    """"20.06.2027, 14:30 (Алматы, UTC+5)" / "20 June 2027, 14:30 (Almaty, UTC+5)"; in a zone of its own whose
    clocks differ from Almaty's, "20 June 2027, 10:00 (Geneva, UTC+2; Almaty time: 13:00)"."""
    if value is None or value == "":
        return ""
    if not isinstance(value, dt.datetime):
        return date_text(value)
    local = localize(value, tz)
    text = formats.date_format(local, "DATETIME_FORMAT")
    return f"{text} ({_zone_note(value, None, tz)})" if zone else text


def range_text(
    starts_at: dt.datetime, ends_at: dt.datetime | None, tz: dt.tzinfo | str | None = None, *, weekday: bool = False
) -> str:
    """"20.06.2027, 10:00–13:00 (Алматы, UTC+5)"; across midnight both days are written out. With `weekday`:
    "четверг, 20.06.2027, 10:00–13:00 (Алматы, UTC+5)". In a zone of its own whose clocks differ from Almaty's,
    Almaty's time follows: "20 June 2027, 10:00–13:00 (Geneva, UTC+2; Almaty time: 13:00–16:00)"."""
    start = localize(starts_at, tz)
    if ends_at is None:
        return datetime_text(starts_at, tz)
    end = localize(ends_at, tz)
    day = weekday_text(start, tz) if weekday else formats.date_format(start, "DATE_FORMAT")
    note = _zone_note(starts_at, ends_at, tz)
    if start.date() == end.date():
        span = f"{formats.time_format(start, 'TIME_FORMAT')}\u2013{formats.time_format(end, 'TIME_FORMAT')}"
        return f"{day}, {span} ({note})"
    first = f"{day}, {formats.time_format(start, 'TIME_FORMAT')}"
    return f"{first} \u2013 {formats.date_format(end, 'DATETIME_FORMAT')} ({note})"


def hours_text(starts_at: dt.datetime, ends_at: dt.datetime, tz: dt.tzinfo | str | None = None) -> str:
    """"10:00–13:00 (Алматы, UTC+5)", for a line that gives the date beside it; an end on a later day is dated."""
    start, end = localize(starts_at, tz), localize(ends_at, tz)
    first = formats.time_format(start, "TIME_FORMAT")
    note = _zone_note(starts_at, ends_at, tz)
    if start.date() == end.date():
        return f"{first}\u2013{formats.time_format(end, 'TIME_FORMAT')} ({note})"
    return f"{first} \u2013 {formats.date_format(end, 'DATETIME_FORMAT')} ({note})"


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


class ZoneInput(forms.TextInput):
    """A text box for an IANA zone with a <datalist> of suggestions: the common zones by name first, then every
    other zone. Typed, not a 600-entry <select>: anything else typed comes back with its error, as typed."""

    def render(self, name: str, value: Any, attrs: dict[str, Any] | None = None, renderer: Any = None) -> SafeString:
        attrs = dict(attrs or {})
        list_id = f"{attrs.get('id') or 'id_' + name}-zones"
        attrs.update({"list": list_id, "autocomplete": "off", "spellcheck": "false"})
        box = super().render(name, value, attrs, renderer)
        now = timezone.now()
        common = format_html_join(
            "", '<option value="{}">{}</option>',
            ((key, zone_label(now, key)) for key in COMMON_ZONES),
        )
        rest = format_html_join(
            "", '<option value="{}"></option>', ((key,) for key in all_zones() if key not in COMMON_ZONES),
        )
        return format_html('{}<datalist id="{}">{}{}</datalist>', box, list_id, common, rest)


class ZoneField(forms.CharField):
    """An IANA time zone, typed or picked from the suggestions; cleans to its canonical name ("Geneva" and
    "europe/zurich" give "Europe/Zurich")."""

    widget = ZoneInput

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("max_length", 64)
        super().__init__(**kwargs)

    def clean(self, value: Any) -> str:
        text: str = super().clean(value)
        if not text:
            return text
        zone = parse_zone(text)
        if zone is None:
            raise ValidationError(
                INVALID_ZONE,
                code="invalid_zone", params={"value": text},
            )
        return zone


class WallClockDateTimeField(forms.DateTimeField):
    """A date and time as typed, not yet placed in a zone: the form places it in the zone chosen beside it
    (`in_zone`), which the page's own zone is not. A value typed with an offset keeps it."""

    # The zone an existing value is shown in (a meeting's own), set by the form.
    display_zone: dt.tzinfo | str | None = None

    def to_python(self, value: Any) -> dt.datetime | None:
        # DateTimeField.to_python without its last step, which would read a naive value in the page's zone.
        if value in self.empty_values:
            return None
        if isinstance(value, dt.datetime):
            return value
        if isinstance(value, dt.date):
            return dt.datetime(value.year, value.month, value.day)
        try:
            result = parse_datetime(str(value).strip())
        except ValueError:
            raise ValidationError(self.error_messages["invalid"], code="invalid") from None
        return result or forms.fields.BaseTemporalField.to_python(self, value)

    def prepare_value(self, value: Any) -> Any:
        if isinstance(value, dt.datetime) and timezone.is_aware(value):
            return localize(value, self.display_zone).replace(tzinfo=None)
        return super().prepare_value(value)


def in_zone(value: dt.datetime, tz: dt.tzinfo | str) -> dt.datetime:
    """A wall-clock time read in `tz` (an aware one is only converted), as an aware datetime."""
    zone = _zone(tz)
    if timezone.is_aware(value):
        return value.astimezone(zone)
    return value.replace(tzinfo=zone)


def exists_in_zone(value: dt.datetime, tz: dt.tzinfo | str) -> bool:
    """False for a wall-clock time the zone skips (02:30 when New York moves its clocks forward)."""
    if timezone.is_aware(value):
        return True
    zone = _zone(tz)
    placed = value.replace(tzinfo=zone)
    return placed.astimezone(dt.UTC).astimezone(zone).replace(tzinfo=None) == value
