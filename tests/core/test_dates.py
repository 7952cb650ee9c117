"""core.dates, core/formats and the {% load dates %} filters: one date and one date-time format per language, the
time zone always said, and no template or module writing a format string of its own."""

from __future__ import annotations

import datetime as dt
import re
import zoneinfo
from pathlib import Path

import pytest
from django import forms
from django.conf import settings
from django.template import Context, Template
from django.utils import translation

from core import dates

ALMATY = zoneinfo.ZoneInfo("Asia/Almaty")
# 20 June 2027, 10:00-13:00 in Almaty (a Sunday).
START = dt.datetime(2027, 6, 20, 10, 0, tzinfo=ALMATY)
END = START + dt.timedelta(hours=3)
ROOT = Path(settings.BASE_DIR)

EXPECTED = {
    "kk": {
        "date": "20.06.2027",
        "datetime": "20.06.2027, 10:00 (Алматы, UTC+5)",
        "range": "20.06.2027, 10:00–13:00 (Алматы, UTC+5)",
        "weekday": "20.06.2027, жексенбі",
        "month": "Маусым 2027",
    },
    "ru": {
        "date": "20.06.2027",
        "datetime": "20.06.2027, 10:00 (Алматы, UTC+5)",
        "range": "20.06.2027, 10:00–13:00 (Алматы, UTC+5)",
        "weekday": "воскресенье, 20.06.2027",
        "month": "Июнь 2027",
    },
    "en": {
        "date": "20 June 2027",
        "datetime": "20 June 2027, 10:00 (Almaty, UTC+5)",
        "range": "20 June 2027, 10:00–13:00 (Almaty, UTC+5)",
        "weekday": "Sunday, 20 June 2027",
        "month": "June 2027",
    },
}


@pytest.mark.parametrize("language", ["kk", "ru", "en"])
def test_each_language_has_one_date_and_one_datetime_format_with_the_zone(language: str) -> None:
    expected = EXPECTED[language]
    with translation.override(language):
        assert dates.date_text(START) == expected["date"]
        assert dates.date_text(START.date()) == expected["date"]
        assert dates.datetime_text(START) == expected["datetime"]
        assert dates.range_text(START, END) == expected["range"]
        assert dates.weekday_text(START) == expected["weekday"]
        assert dates.month_text(START.date()) == expected["month"]


@pytest.mark.parametrize("language", ["kk", "ru", "en"])
def test_the_named_formats_of_django_give_the_same_dates(language: str) -> None:
    """|date:"SHORT_DATE_FORMAT" and a bare {{ date }} (Django's defaults) no longer write 06/20/2027."""
    rendered = Template(
        '{{ d|date:"SHORT_DATE_FORMAT" }}|{{ d|date:"DATE_FORMAT" }}|{{ d }}|{{ m|date:"DATETIME_FORMAT" }}'
    )
    with translation.override(language):
        text = rendered.render(Context({"d": START.date(), "m": START}))
    day = EXPECTED[language]["date"]
    assert text == f"{day}|{day}|{day}|{day}, 10:00"
    assert "06/20/2027" not in text and "p.m." not in text


@pytest.mark.parametrize("language", ["kk", "ru", "en"])
def test_template_filters_render_the_helpers(language: str) -> None:
    template = Template(
        "{% load dates %}{{ m|day }}#{{ m|moment }}#{% span m e %}#{{ m|weekday }}#{{ m.date|month }}#{{ none|day }}"
    )
    with translation.override(language):
        text = template.render(Context({"m": START, "e": END, "none": None}))
    expected = EXPECTED[language]
    assert text.split("#") == [expected["date"], expected["datetime"], expected["range"], expected["weekday"],
                               expected["month"], ""]


def test_an_instant_is_shown_on_the_day_and_hour_it_is_in_almaty() -> None:
    """21:30 UTC on 19 June is 02:30 on 20 June in Almaty: the date must not be UTC's."""
    late = dt.datetime(2027, 6, 19, 21, 30, tzinfo=dt.UTC)
    with translation.override("ru"):
        assert dates.date_text(late) == "20.06.2027"
        assert dates.datetime_text(late) == "20.06.2027, 02:30 (Алматы, UTC+5)"


def test_a_span_across_midnight_dates_both_ends() -> None:
    with translation.override("en"):
        assert dates.range_text(START.replace(hour=22), START.replace(hour=22) + dt.timedelta(hours=3)) == (
            "20 June 2027, 22:00 – 21 June 2027, 01:00 (Almaty, UTC+5)")


def test_a_zone_of_its_own_is_named_with_its_offset_and_almaty_time_beside_it() -> None:
    """A meeting with a zone of its own is shown in that zone; where its clocks differ from Almaty's, Almaty's
    time follows (most readers are in Kazakhstan)."""
    with translation.override("en"):
        assert dates.range_text(START, END, "Europe/Vienna") == (
            "20 June 2027, 07:00–10:00 (Vienna, UTC+2; Almaty time: 10:00–13:00)")
        assert dates.datetime_text(START, "Europe/Vienna") == "20 June 2027, 07:00 (Vienna, UTC+2; Almaty time: 10:00)"
        # The same clocks as Almaty's (Tashkent, UTC+5): nothing to add.
        assert dates.range_text(START, END, "Asia/Tashkent") == "20 June 2027, 10:00–13:00 (Tashkent, UTC+5)"
        # A New York evening is the next morning in Almaty: the date is written out.
        evening = dt.datetime(2027, 6, 20, 18, 0, tzinfo=zoneinfo.ZoneInfo("America/New_York"))
        assert dates.range_text(evening, evening + dt.timedelta(hours=2), "America/New_York") == (
            "20 June 2027, 18:00–20:00 (New York, UTC\u22124; Almaty time: 21 June 2027, 03:00–05:00)")
        assert dates.zone_label(START, "Asia/Kolkata") == "Kolkata, UTC+5:30"
        assert dates.zone_label(START, "America/Sao_Paulo") == "Sao Paulo, UTC\u22123"


def test_the_zone_hint_of_a_form_follows_the_language_it_is_read_in() -> None:
    hint = dates.zone_hint()
    with translation.override("kk"):
        assert str(hint) == "Уақыт белдеуі: Алматы, UTC+5."
    with translation.override("en"):
        assert str(hint) == "Time zone: Almaty, UTC+5."


@pytest.mark.parametrize("language", ["kk", "ru", "en"])
def test_date_pickers_always_get_iso_values(language: str) -> None:
    """A localized value ("20.06.2027") in <input type="date"> leaves the picker empty: an edit would lose it."""

    class Form(forms.Form):
        day = forms.DateField(widget=dates.DateInput())
        moment = forms.DateTimeField(widget=dates.DateTimeLocalInput())
        time = forms.TimeField(widget=dates.TimeInput())

    with translation.override(language):
        html = str(Form(initial={"day": START.date(), "moment": START, "time": START.time()}))
        bound = Form({"day": "2027-06-20", "moment": "2027-06-20T10:00", "time": "10:00"})
        assert bound.is_valid(), bound.errors
    assert 'type="date"' in html and 'value="2027-06-20"' in html
    assert 'type="datetime-local"' in html and 'value="2027-06-20T10:00"' in html
    assert 'type="time"' in html and 'value="10:00"' in html
    assert bound.cleaned_data["day"] == START.date()


@pytest.mark.parametrize(("language", "typed"), [("ru", "20.06.2027"), ("kk", "20.06.2027"), ("en", "20/06/2027")])
def test_typed_dates_are_read_day_first_in_every_language(language: str, typed: str) -> None:
    class Form(forms.Form):
        day = forms.DateField()

    with translation.override(language):
        form = Form({"day": typed})
        assert form.is_valid(), form.errors
    assert form.cleaned_data["day"] == dt.date(2027, 6, 20)


def test_kazakh_month_names_come_from_djangos_own_kazakh_catalogue() -> None:
    with translation.override("kk"):
        names = [dates.month_text(dt.date(2027, month, 1)).split()[0] for month in range(1, 13)]
    assert names == ["Қаңтар", "Ақпан", "Наурыз", "Сәуір", "Мамыр", "Маусым", "Шілде", "Тамыз", "Қыркүйек",
                     "Қазан", "Қараша", "Желтоқсан"]


# --- no format strings of a template's or a module's own ---------------------------------------------------------

DATE_FILTER = re.compile(r"""\|\s*(?:date|time)\s*:\s*(["'])(?P<format>.*?)\1""")


def test_templates_use_only_named_date_formats() -> None:
    """|date:"j E Y" in a template is how the three formats drifted apart; only the named ones are allowed. The
    helpers of {% load dates %} cover every other need (|iso for machines)."""
    offenders = []
    for path in sorted((ROOT / "templates").rglob("*")):
        if path.is_file() and path.suffix in (".html", ".txt", ".xml", ".ics"):
            for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
                for match in DATE_FILTER.finditer(line):
                    if match["format"] not in dates.NAMED_FORMATS:
                        offenders.append(f"{path.relative_to(ROOT)}:{number}: {match.group(0)}")
    assert offenders == []


def test_the_grep_catches_an_ad_hoc_format() -> None:
    line = '{{ meeting.starts_at|date:"m/d/Y" }} {{ x|time:\'H:i\' }} {{ y|date:"DATE_FORMAT" }} {{ z|date:\'c\' }}'
    found = [m["format"] for m in DATE_FILTER.finditer(line) if m["format"] not in dates.NAMED_FORMATS]
    assert found == ["m/d/Y", "H:i", "c"]


def test_machine_readable_times_have_whole_seconds_and_the_local_offset() -> None:
    """<time datetime> takes at most three decimals of a second (the HTML validator rejects Django's "c")."""
    stamp = dt.datetime(2026, 12, 3, 9, 8, 45, 95810, tzinfo=dt.UTC)
    text = Template("{% load dates %}{{ m|iso }}|{{ m.date|iso }}|{{ none|iso }}").render(
        Context({"m": stamp, "none": None}))
    assert text == "2026-12-03T14:08:45+05:00|2026-12-03|"


# A display format written in Python (strftime, date_format with a literal, an f-string "{when:%d %B}")
# belongs in core.dates; file names, paths and input formats are machine formats and stay ISO.
PY_FORMAT = re.compile(
    r"""\.strftime\(|formats\.(?:date|time)_format\(|\bdate_format\(|\btime_format\("""
    r"""|\{[^{}'"]+:%(?!Y-%m-%d|Y/%m|Y%m%d)[^}]*\}"""
)


def test_python_code_formats_dates_only_through_core_dates() -> None:
    offenders = []
    apps = ["core", "participants", "notifications", "recommendations", "meetings", "submissions", "reports", "api",
            "dialogue_platform"]
    for app in apps:
        for path in sorted((ROOT / app).rglob("*.py")):
            if path.relative_to(ROOT).as_posix() == "core/dates.py" or "migrations" in path.parts:
                continue
            for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
                if PY_FORMAT.search(line):
                    offenders.append(f"{path.relative_to(ROOT)}:{number}: {line.strip()}")
    assert offenders == []


def test_the_python_grep_catches_a_display_format() -> None:
    assert PY_FORMAT.search('label = f"{start:%H:%M}"')
    assert PY_FORMAT.search("when.strftime('%d %B %Y')")
    assert PY_FORMAT.search('formats.date_format(value, "j E Y")')
    assert not PY_FORMAT.search('name = f"export-{stamp:%Y%m%d%H%M%S}.csv"')
    assert not PY_FORMAT.search('path = f"uploads/{now:%Y/%m}/x"')


@pytest.mark.parametrize("text, zone", [
    ("Europe/Zurich", "Europe/Zurich"), ("europe/zurich ", "Europe/Zurich"), ("Geneva", "Europe/Zurich"),
    ("Женева", "Europe/Zurich"), ("Asia/Almaty", "Asia/Almaty"), ("Asia/Tokyo", "Asia/Tokyo"),
    ("Mars/Olympus", None), ("", None), ("../etc/passwd", None),
])
def test_parse_zone_takes_iana_names_and_the_portals_own_names(text: str, zone: str | None) -> None:
    assert dates.parse_zone(text) == zone


def test_an_unknown_stored_zone_falls_back_to_the_portals_instead_of_failing() -> None:
    with translation.override("en"):
        assert dates.range_text(START, END, "Nowhere/Atlantis") == "20 June 2027, 10:00–13:00 (Almaty, UTC+5)"
