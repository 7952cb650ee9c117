"""The digest's page, PDF and XLSX in each language: its dates in the language's one format (XLSX: real date cells
shown that way), its content fields in the requested language, and any text people typed kept whole."""

from __future__ import annotations

import copy
import datetime
import io
from typing import Any

import pytest
from django.test import Client
from django.utils import translation
from django.utils.translation import gettext
from openpyxl import load_workbook
from pypdf import PdfReader

from reports.digests import _text
from reports.models import Report, ReportDocument
from reports.rendering import render_pdf, render_xlsx
from reports.services import digest_build
from tests.core.texts import MIXED, visible
from tests.meetings.factories import FollowUpActionFactory
from tests.reports.test_digest import QUARTER, YEAR, dataset  # noqa: F401 - the fixture, by name

pytestmark = pytest.mark.django_db

PERIOD = {"kk": "01.04.2025 – 30.06.2025", "ru": "01.04.2025 – 30.06.2025", "en": "1 April 2025 – 30 June 2025"}
MEETING_DAY = {"kk": "15.05.2025", "ru": "15.05.2025", "en": "15 May 2025"}
XLSX_DATE = {"kk": "dd.mm.yyyy", "ru": "dd.mm.yyyy", "en": "[$-809]d mmmm yyyy"}


def _pdf_text(content: bytes) -> str:
    return " ".join(" ".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages).split())


def _workbook(report: Report, language: str) -> Any:
    document = ReportDocument.objects.get(version__report=report, generated_key=f"xlsx:{language}")
    with document.file.open("rb") as handle:
        return load_workbook(io.BytesIO(handle.read()))


@pytest.mark.parametrize("language", ["kk", "ru", "en"])
def test_digest_page_dates_the_period_and_meetings_in_the_page_language(
    dataset: dict[str, Any], client: Client, language: str,  # noqa: F811
) -> None:
    report = digest_build(kind=Report.Kind.QUARTERLY_DIGEST, year=YEAR, quarter=QUARTER)

    html = client.get(f"/{language}/reports/{report.pk}/").content.decode()

    assert PERIOD[language] in html
    assert MEETING_DAY[language] in html
    assert "05/15/2025" not in html and "May 15" not in html


@pytest.mark.parametrize("language", ["kk", "ru", "en"])
def test_digest_pdf_dates_the_period_in_its_language(dataset: dict[str, Any], language: str) -> None:  # noqa: F811
    report = digest_build(kind=Report.Kind.QUARTERLY_DIGEST, year=YEAR, quarter=QUARTER)
    document = ReportDocument.objects.get(version__report=report, generated_key=f"pdf:{language}")
    with document.file.open("rb") as handle:
        text = _pdf_text(handle.read())

    assert PERIOD[language] in text
    assert MEETING_DAY[language] in text


@pytest.mark.parametrize("language", ["kk", "ru", "en"])
def test_digest_xlsx_has_real_date_cells_shown_in_the_languages_format(
    dataset: dict[str, Any], language: str,  # noqa: F811
) -> None:
    report = digest_build(kind=Report.Kind.QUARTERLY_DIGEST, year=YEAR, quarter=QUARTER)
    workbook = _workbook(report, language)
    with translation.override(language):
        summary, meetings, overdue = gettext("Summary"), gettext("Meetings"), gettext("Overdue actions")

    period_from = workbook[summary[:31]]["B3"]
    assert period_from.is_date and period_from.value == datetime.datetime(2025, 4, 1)
    assert period_from.number_format == XLSX_DATE[language]
    meeting_day = workbook[meetings[:31]]["A2"]
    assert meeting_day.is_date and meeting_day.value.date() == datetime.date(2025, 5, 15)
    assert meeting_day.number_format == XLSX_DATE[language]
    deadline = workbook[overdue[:31]]["D2"]
    assert deadline.is_date and deadline.number_format == XLSX_DATE[language]


def test_the_snapshot_keeps_a_text_per_language_only_when_the_languages_differ() -> None:
    assert _text("Meeting No. 44", str) == "Meeting No. 44"
    assert _text("Agenda", gettext) == {"kk": "Күн тәртібі", "ru": "Повестка дня", "en": "Agenda"}


def test_pdf_and_xlsx_take_content_fields_in_the_requested_language(dataset: dict[str, Any]) -> None:  # noqa: F811
    """Titles and decisions kept per language (a digest built after the content was translated) come out in the
    file's language, whichever language the build ran in."""
    report = digest_build(kind=Report.Kind.QUARTERLY_DIGEST, year=YEAR, quarter=QUARTER)
    data = copy.deepcopy(report.data)
    data["meetings"][0]["title"] = {"kk": "№ 44 отырыс", "ru": "Заседание № 44", "en": "Meeting No. 44"}
    data["meetings"][0]["decisions"] = {"kk": "<p>Жол картасын қабылдау.</p>", "ru": "<p>Принять дорожную карту.</p>",
                                        "en": "<p>Adopt the road map.</p>"}
    data["road_maps"] = [{"number": 7, "title": {"kk": "Азаптауды болдырмау", "ru": "Предупреждение пыток",
                                                 "en": "Torture prevention"}, "total": 1, "done": 0, "percent": 0}]
    report.data = data

    for language, title, decision, road_map in (
        ("kk", "№ 44 отырыс", "Жол картасын қабылдау.", "Азаптауды болдырмау"),
        ("ru", "Заседание № 44", "Принять дорожную карту.", "Предупреждение пыток"),
        ("en", "Meeting No. 44", "Adopt the road map.", "Torture prevention"),
    ):
        with translation.override("ru" if language != "ru" else "en"):  # the caller's language must not leak in
            pdf = _pdf_text(render_pdf(report, language=language))
            workbook = load_workbook(io.BytesIO(render_xlsx(report, language=language)))
        assert title in pdf and decision in pdf and road_map in pdf
        with translation.override(language):
            meetings, road_maps = gettext("Meetings"), gettext("Road maps")
        row = next(workbook[meetings[:31]].iter_rows(min_row=2, values_only=True))
        assert (row[2], row[4]) == (title, decision)
        assert next(workbook[road_maps[:31]].iter_rows(min_row=2, values_only=True))[1] == road_map


def test_typed_text_survives_the_digest_pdf_and_xlsx(dataset: dict[str, Any]) -> None:  # noqa: F811
    from meetings.models import Meeting

    held = Meeting.objects.get(title="Meeting No. 44")
    held.title = MIXED
    held.save()
    FollowUpActionFactory(meeting=held, description="=SUM(1,2) " + MIXED)
    report = digest_build(kind=Report.Kind.QUARTERLY_DIGEST, year=YEAR, quarter=QUARTER)

    for language in ("kk", "ru", "en"):
        document = ReportDocument.objects.get(version__report=report, generated_key=f"pdf:{language}")
        with document.file.open("rb") as handle:
            pdf = visible(_pdf_text(handle.read()))
        # Kazakh letters, Cyrillic, Latin, Hebrew, Arabic and emoji are drawn (DejaVu Sans, Noto Emoji) and can be
        # read back; only invisible marks (right-to-left, joiners) are not in a PDF's text.
        assert visible(MIXED) in pdf
        workbook = _workbook(report, language)
        with translation.override(language):
            meetings, follow_ups = gettext("Meetings"), gettext("Follow-up actions")
        assert workbook[meetings[:31]]["C2"].value == MIXED
        descriptions = [row[1] for row in workbook[follow_ups[:31]].iter_rows(min_row=2, values_only=True)]
        assert "=SUM(1,2) " + MIXED in descriptions  # text, not a formula


def test_a_digest_built_from_translated_content_gives_each_file_its_languages_text(
    dataset: dict[str, Any],  # noqa: F811
) -> None:
    """The meeting's title translated in the portal (modeltranslation's columns) reaches each language's PDF and
    XLSX; a language with no translation gets the fallback (en -> ru), never an empty cell."""
    from meetings.models import Meeting

    held = Meeting.objects.get(title_en="Meeting No. 44")
    held.title_ru, held.title_kk = "Заседание № 44", "№ 44 отырыс"
    held.save()
    with translation.override("en"):  # built from an English page
        report = digest_build(kind=Report.Kind.QUARTERLY_DIGEST, year=YEAR, quarter=QUARTER)

    for language, title in (("kk", "№ 44 отырыс"), ("ru", "Заседание № 44"), ("en", "Meeting No. 44")):
        document = ReportDocument.objects.get(version__report=report, generated_key=f"pdf:{language}")
        with document.file.open("rb") as handle:
            assert title in _pdf_text(handle.read())
        with translation.override(language):
            meetings = gettext("Meetings")
        assert _workbook(report, language)[meetings[:31]]["C2"].value == title

    held.title_kk = ""
    held.save()
    report = digest_build(kind=Report.Kind.QUARTERLY_DIGEST, year=YEAR, quarter=QUARTER)
    with translation.override("kk"):
        meetings = gettext("Meetings")
    assert _workbook(report, "kk")[meetings[:31]]["C2"].value == "Заседание № 44"
