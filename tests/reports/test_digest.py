"""Quarterly digest figures against a known dataset, and the PDF and XLSX read back in each language."""

from __future__ import annotations

import datetime
import io
from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext
from openpyxl import load_workbook
from pypdf import PdfReader

from meetings.models import FollowUpAction, Meeting, Minutes
from recommendations.models import Action, Recommendation
from reports.digests import previous_quarter, quarter_period
from reports.models import Report, ReportDocument
from reports.services import digest_build
from submissions.models import Submission
from tests.meetings.factories import FollowUpActionFactory, MeetingFactory, MinutesFactory
from tests.participants.factories import OrganizationFactory
from tests.recommendations.factories import ActionFactory, RecommendationFactory, ReviewFactory, mechanism
from tests.submissions.factories import SubmissionFactory

pytestmark = pytest.mark.django_db

YEAR, QUARTER = 2025, 2  # 1 April - 30 June 2025


def _at(day: datetime.date, hour: int = 10) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


@pytest.fixture
def dataset() -> dict[str, Any]:
    """A quarter with known figures; every row outside it is a trap that must not be counted."""
    justice = OrganizationFactory(name="Ministry of Justice", name_ru="Министерство юстиции",
                                  name_kk="Әділет министрлігі", acronym="MoJ", kind="ministry")
    interior = OrganizationFactory(name="Ministry of Internal Affairs", name_ru="Министерство внутренних дел",
                                   name_kk="Ішкі істер министрлігі", acronym="MIA", kind="ministry")

    held = MeetingFactory(title="Meeting No. 44", starts_at=_at(datetime.date(2025, 5, 15)),
                          status=Meeting.Status.MINUTES_PUBLISHED)
    MinutesFactory(meeting=held, status=Minutes.Status.PUBLISHED, published_at=timezone.now(),
                   decisions="<p>Adopt the road map on torture prevention.</p><script>alert(1)</script>")
    FollowUpActionFactory(meeting=held, description="Draft the law", owner_organization=justice,
                          status=FollowUpAction.Status.DONE)
    FollowUpActionFactory(meeting=held, description="Hold a hearing", owner_organization=interior)
    MeetingFactory(title="Subgroup meeting", number=None, starts_at=_at(datetime.date(2025, 6, 2)),
                   status=Meeting.Status.HELD)
    MeetingFactory(title="Cancelled meeting", starts_at=_at(datetime.date(2025, 5, 20)),
                   status=Meeting.Status.CANCELLED)
    MeetingFactory(title="July meeting", starts_at=_at(datetime.date(2025, 7, 10)), status=Meeting.Status.HELD)

    upr, cedaw = ReviewFactory(mechanism=mechanism("upr"), number=3), ReviewFactory(mechanism=mechanism("cedaw"),
                                                                                    number=5)
    new = [RecommendationFactory(review=upr) for _ in range(3)] + [RecommendationFactory(review=cedaw)]
    Recommendation.objects.filter(pk__in=[r.pk for r in new]).update(created_at=_at(datetime.date(2025, 4, 20)))
    old = RecommendationFactory(review=upr)
    old_untouched = RecommendationFactory(review=upr)
    Recommendation.objects.filter(pk__in=[old.pk, old_untouched.pk]).update(created_at=_at(datetime.date(2024, 1, 5)))
    old.refresh_from_db()
    old.status = Recommendation.Status.IN_PROGRESS
    old.save()
    old.status = Recommendation.Status.IMPLEMENTED
    old.save()  # two edits of one recommendation count once
    History = Recommendation.history.model  # type: ignore[attr-defined]  # simple_history's HistoryManager
    History.objects.filter(id__in=[old.pk, old_untouched.pk]).update(created_at=_at(datetime.date(2024, 1, 5)))
    History.objects.filter(id=old.pk, history_type="~").update(history_date=_at(datetime.date(2025, 5, 1)))
    History.objects.filter(id__in=[r.pk for r in new]).update(history_date=_at(datetime.date(2025, 4, 20)))
    History.objects.filter(id__in=[old.pk, old_untouched.pk], history_type="+").update(
        history_date=_at(datetime.date(2024, 1, 5)))

    def action(agency: object, **kwargs: object) -> Action:
        return ActionFactory(responsible_agencies=[agency], **kwargs)

    action(justice, deadline=datetime.date(2025, 5, 1))  # overdue
    action(justice, deadline=datetime.date(2025, 6, 30), status=Action.Status.DONE,
           completed_on=datetime.date(2025, 6, 1))  # done in the quarter
    action(justice, deadline=datetime.date(2025, 9, 1))  # not yet due
    action(interior, description="Train the police", deadline=datetime.date(2025, 3, 1),
           status=Action.Status.DONE, completed_on=datetime.date(2025, 7, 15))  # done only in July: overdue in June
    action(interior, deadline=datetime.date(2025, 2, 1), status=Action.Status.DONE,
           completed_on=datetime.date(2025, 1, 10))  # done before the quarter

    def submission(kind: str, status: str, submitted: datetime.date, decided: datetime.date | None = None) -> None:
        SubmissionFactory(kind=kind, status=status, submitted_at=_at(submitted),
                          decided_at=_at(decided) if decided else None)

    submission("proposal", "under_review", datetime.date(2025, 5, 2))  # received
    submission("proposal", "accepted", datetime.date(2025, 4, 10), datetime.date(2025, 5, 20))  # received, answered
    submission("shadow_report", "declined", datetime.date(2025, 6, 1), datetime.date(2025, 6, 15))
    submission("proposal", "partly_accepted", datetime.date(2025, 3, 20), datetime.date(2025, 4, 5))  # answered
    submission("proposal", "submitted", datetime.date(2025, 7, 2))  # after the quarter
    SubmissionFactory(kind="proposal")  # a draft is not received
    return {"justice": justice, "interior": interior}


def test_digest_figures_match_the_known_dataset(dataset: dict[str, Any]) -> None:
    report = digest_build(kind=Report.Kind.QUARTERLY_DIGEST, year=YEAR, quarter=QUARTER)
    data = report.data
    assert data["period"] == {"start": "2025-04-01", "end": "2025-06-30"}
    assert data["totals"] == {
        "meetings_held": 2, "decisions_published": 1, "follow_ups": 2, "follow_ups_done": 1,
        "recommendations_new": 4, "recommendations_changed": 1, "actions_total": 5, "actions_done_in_period": 1,
        "actions_overdue": 2, "updates_approved": 0, "submissions_received": 3, "submissions_answered": 3,
    }
    assert data["submissions"]["by_kind"] == [
        {"kind": "proposal", "received": 2, "answered": 2, "accepted": 2},
        {"kind": "shadow_report", "received": 1, "answered": 1, "accepted": 0},
    ]
    assert [m["title"] for m in data["meetings"]] == ["Meeting No. 44", "Subgroup meeting"]
    # Kept per language: the minutes' factory has its own Kazakh and Russian decisions.
    decisions = data["meetings"][0]["decisions"]
    assert set(decisions) == {"kk", "ru", "en"}
    assert all("<script>" not in text for text in decisions.values())
    assert "Adopt the road map on torture prevention." in decisions["en"]
    by_mechanism = {row["acronym"]: (row["new"], row["changed"]) for row in data["recommendations"]["by_mechanism"]}
    assert by_mechanism == {mechanism("upr").acronym: (3, 1), mechanism("cedaw").acronym: (1, 0)}
    agencies = {a["names"]["en"]: (a["total"], a["done"], a["done_in_period"], a["overdue"]) for a in data["agencies"]}
    assert agencies == {"Ministry of Justice": (3, 1, 1, 1), "Ministry of Internal Affairs": (2, 1, 0, 1)}
    overdue = [(a["description"], a["days_overdue"]) for a in data["overdue_actions"]]
    assert overdue[0] == ("Train the police", 121)  # most overdue first
    assert report.status == Report.Status.PUBLISHED
    assert report.title == "Quarterly digest, Q2 2025"


def _pdf_text(report: Report, language: str) -> str:
    document = ReportDocument.objects.get(version__report=report, generated_key=f"pdf:{language}")
    assert document.content_type == "application/pdf"
    with document.file.open("rb") as handle:
        reader = PdfReader(io.BytesIO(handle.read()))
    return "\n".join(page.extract_text() for page in reader.pages)


@pytest.mark.parametrize("language", ["en", "ru", "kk"])
def test_pdf_holds_the_figures_and_headings_in_its_language(dataset: dict[str, Any], language: str) -> None:
    report = digest_build(kind=Report.Kind.QUARTERLY_DIGEST, year=YEAR, quarter=QUARTER)
    text = " ".join(_pdf_text(report, language).split())
    with translation.override(language):
        headings = [gettext("Meetings held and their decisions"), gettext("Road-map progress per agency"),
                    gettext("Overdue actions"), gettext("New recommendations")]
        title = gettext("Quarterly digest, Q%(quarter)d %(year)d") % {"quarter": 2, "year": 2025}
    if language != "en":
        assert headings[0] != "Meetings held and their decisions", "the heading has no translation"
    for heading in headings:
        assert heading in text
    assert title in text
    assert f"{headings[3]} 4" in text  # the figure next to its label
    agency_name = {"en": "Ministry of Justice", "ru": "Министерство юстиции", "kk": "Әділет министрлігі"}[language]
    assert agency_name in text
    assert "Train the police" in text


@pytest.mark.parametrize("language", ["en", "ru", "kk"])
def test_xlsx_holds_the_right_counts_in_the_right_cells(dataset: dict[str, Any], language: str) -> None:
    report = digest_build(kind=Report.Kind.QUARTERLY_DIGEST, year=YEAR, quarter=QUARTER)
    document = ReportDocument.objects.get(version__report=report, generated_key=f"xlsx:{language}")
    with document.file.open("rb") as handle:
        workbook = load_workbook(io.BytesIO(handle.read()), read_only=True)
    with translation.override(language):
        names = [gettext(n) for n in ("Summary", "Meetings", "Follow-up actions", "Recommendations", "Agencies",
                                      "Road maps", "Overdue actions", "NGO submissions")]
        summary_labels = {gettext("Meetings held"): 2, gettext("New recommendations"): 4,
                          gettext("Changed recommendations"): 1, gettext("Overdue actions at the end of the period"): 2,
                          gettext("Actions completed in the period"): 1, gettext("NGO submissions received"): 3,
                          gettext("NGO submissions answered"): 3}
    assert workbook.sheetnames == [name[:31] for name in names]  # Excel caps sheet names at 31 characters
    with translation.override(language):
        header = (gettext("Figure"), gettext("Value"))
    first_row = next(workbook[names[0][:31]].iter_rows(max_row=1))
    assert tuple(c.value for c in first_row) == header and all(c.font.b for c in first_row)
    summary = {row[0]: row[1] for row in workbook[names[0][:31]].iter_rows(min_row=2, values_only=True)}
    for label, value in summary_labels.items():
        assert summary[label] == value
    agencies = list(workbook[names[4][:31]].iter_rows(values_only=True))
    justice = {"en": "Ministry of Justice", "ru": "Министерство юстиции", "kk": "Әділет министрлігі"}[language]
    assert (justice, 3, 1, 1, 1) in agencies[1:]
    assert len(list(workbook[names[6][:31]].iter_rows(min_row=2))) == 2
    submissions = list(workbook[names[7][:31]].iter_rows(min_row=2, values_only=True))
    with translation.override(language):
        assert submissions[1] == (str(Submission.Kind.SHADOW_REPORT.label), 1, 1, 0)
    meetings = list(workbook[names[1][:31]].iter_rows(min_row=2, values_only=True))
    assert meetings[0][2] == "Meeting No. 44"
    # The decisions in the file's language (the minutes' factory has its own Kazakh and Russian translations),
    # as plain text with the script dropped.
    assert meetings[0][4] == {"en": "Adopt the road map on torture prevention.",
                              "ru": "Провести следующее заседание в следующем квартале.",
                              "kk": "Келесі отырысты келесі тоқсанда өткізу."}[language]


def test_digest_page_shows_the_figures_and_svg_charts_without_inline_styles(
    dataset: dict[str, Any], client: Client,
) -> None:
    report = digest_build(kind=Report.Kind.QUARTERLY_DIGEST, year=YEAR, quarter=QUARTER)
    html = client.get(reverse("reports:report-detail", args=[report.pk]).replace("/en/", "/ru/")).content.decode()
    assert "<svg" in html and "style=" not in html
    # Each chart has its value axis with a title saying what is counted (issue 16, item 10), in the reader's
    # language, and writes long names out on two lines instead of cutting them.
    assert "Количество мероприятий дорожных карт" in html
    assert "<tspan" in html
    assert "Министерство юстиции" in html
    assert "Meeting No. 44" in html
    for language in ("en", "ru", "kk"):
        pdf = ReportDocument.objects.get(version__report=report, generated_key=f"pdf:{language}")
        assert reverse("reports:document-download", args=[pdf.pk]) in html


def test_annual_report_covers_the_whole_year(dataset: dict[str, Any]) -> None:
    report = digest_build(kind=Report.Kind.ANNUAL_REPORT, year=YEAR)
    assert (report.period_start, report.period_end) == (datetime.date(2025, 1, 1), datetime.date(2025, 12, 31))
    assert report.data["totals"]["meetings_held"] == 3  # the July meeting too
    assert report.data["totals"]["actions_done_in_period"] == 3
    assert report.title == "Annual report 2025"
    assert ReportDocument.objects.filter(version__report=report).count() == 6


def test_secretariat_builds_a_digest_now(dataset: dict[str, Any], client_as: Callable[[str], Client]) -> None:
    response = client_as("secretariat").post(reverse("reports:digest-build"),
                                             {"kind": "quarterly_digest", "year": YEAR, "quarter": QUARTER})
    report = Report.objects.get(kind=Report.Kind.QUARTERLY_DIGEST)
    assert response["Location"] == reverse("reports:report-detail", args=[report.pk])


def test_build_now_refuses_a_quarter_that_has_not_started(client_as: Callable[[str], Client]) -> None:
    response = client_as("secretariat").post(reverse("reports:digest-build"),
                                             {"kind": "quarterly_digest", "year": timezone.localdate().year + 1,
                                              "quarter": 1})
    assert response.status_code == 200
    assert response.context["form"].errors["year"] == ["This period has not started yet."]
    assert not Report.objects.exists()


def test_build_now_asks_for_the_quarter(client_as: Callable[[str], Client]) -> None:
    response = client_as("secretariat").post(reverse("reports:digest-build"),
                                             {"kind": "quarterly_digest", "year": YEAR, "quarter": ""})
    assert response.context["form"].errors["quarter"] == ["Choose the quarter."]


def test_quarters_and_the_previous_quarter() -> None:
    assert quarter_period(2025, 4).end == datetime.date(2025, 12, 31)
    assert quarter_period(2024, 1).end == datetime.date(2024, 3, 31)
    assert previous_quarter(datetime.date(2026, 1, 3)) == (2025, 4)
    assert previous_quarter(datetime.date(2026, 8, 1)) == (2026, 2)
