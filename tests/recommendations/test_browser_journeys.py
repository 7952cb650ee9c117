"""Issue 16 journeys in headless Chromium (tests/quality fixtures): moderation in one step, a focal point's progress
update with the secretariat's answer, the recommendations tracker on a 390 px phone (its long Kazakh filter choices
shown whole), and the searchable multi-select of the agenda by keyboard. Each page ends with no CSP violation and no serious axe finding."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest
from django.core import mail
from django.utils import formats, timezone, translation
from playwright.sync_api import Page, expect

from participants.models import Organization, User
from recommendations.models import Action, ProgressUpdate
from submissions.models import Submission, SubmissionEvent
from tests.meetings.factories import MeetingFactory
from tests.participants.factories import MembershipFactory, OrganizationFactory, UserFactory
from tests.quality.axe import blocking, run_axe
from tests.quality.browser import csp_violations, horizontal_overflow
from tests.recommendations.factories import ActionFactory, RecommendationFactory, RoadMapFactory
from tests.submissions.factories import SubmissionFactory

pytestmark = [
    pytest.mark.quality_gate("browser journeys"),
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def _clean(page: Page) -> None:
    assert csp_violations(page) == []
    assert [v.describe() for v in blocking(run_axe(page), page.url)] == []


def test_moderation_in_one_step(page_as: Callable[..., Page]) -> None:
    """A waiting submission is accepted with one form: the decision starts the review itself."""
    submission = SubmissionFactory(sent=True, title="Independent monitoring of closed institutions")
    page = page_as("secretariat")
    page.goto("/en/submissions/moderation/")
    page.get_by_role("link", name="Independent monitoring of closed institutions").click()
    expect(page.get_by_text("Recording a decision also starts the review")).to_be_visible()
    page.get_by_label("Accepted", exact=True).check()
    page.get_by_label("Answer to the NGO, with the reason").fill("Accepted: on the agenda of the next meeting.")
    page.get_by_role("button", name="Record the decision").click()
    expect(page.get_by_text("The decision is recorded")).to_be_visible()
    expect(page.locator(".page-title .status-badge")).to_have_text("Accepted")
    submission.refresh_from_db()
    assert submission.status == Submission.Status.ACCEPTED
    actions = list(submission.events.order_by("pk").values_list("action", flat=True))
    assert actions[-2:] == [SubmissionEvent.Action.REVIEW_STARTED, SubmissionEvent.Action.DECIDED]
    _clean(page)


def test_focal_points_progress_is_approved_and_they_are_told(page_as: Callable[..., Page]) -> None:
    agency = OrganizationFactory(name="Ministry of Justice", kind=Organization.Kind.MINISTRY)
    focal_point = UserFactory(role=User.Role.FOCAL_POINT, email="fp@example.org", preferred_language="en")
    MembershipFactory(user=focal_point, organization=agency)
    action = ActionFactory(road_map=RoadMapFactory(number=4, lead_agency=agency), number=2,
                           description="Protective orders available 24/7", responsible_agencies=[agency],
                           status=Action.Status.IN_PROGRESS,
                           deadline=timezone.localdate() - dt.timedelta(days=10))

    reporter = page_as("focal_point", user=focal_point)
    reporter.goto("/en/roadmaps/my-actions/")
    reporter.get_by_role("link", name="Report progress").first.click()
    # The form says what the update is about before asking for it.
    expect(reporter.get_by_text("Protective orders available 24/7")).to_be_visible()
    expect(reporter.get_by_text("Overdue").first).to_be_visible()
    expect(reporter.get_by_role("link", name="Back to my agency's actions")).to_be_visible()
    reporter.get_by_label("Progress").fill("Orders are issued around the clock in all regions since 1 November.")
    reporter.get_by_label("New status of the action").select_option("done")
    reporter.get_by_role("button", name="Send for approval").click()
    expect(reporter.get_by_text("The secretariat will publish your update after review.")).to_be_visible()
    _clean(reporter)

    secretariat = page_as("secretariat")
    secretariat.goto("/en/roadmaps/updates/")
    card = secretariat.locator("article.progress-queue-item")
    expect(card.get_by_text("In progress")).to_be_visible()  # the action's status and the proposed one
    expect(card.get_by_text("Done")).to_be_visible()
    assert action.deadline is not None  # the factory gives every action one
    with translation.override("en"):
        deadline = formats.date_format(action.deadline, "j E Y")
    expect(card.get_by_text(deadline, exact=True)).to_be_visible()
    _clean(secretariat)
    secretariat.get_by_role("button", name="Approve and publish").click()
    expect(secretariat.get_by_text("The update is approved and now public.")).to_be_visible()
    assert ProgressUpdate.objects.get().state == ProgressUpdate.State.APPROVED

    # The approval message: one e-mail, and the answer on the focal point's own home page.
    assert [m.to for m in mail.outbox] == [["fp@example.org"]]
    assert "approved" in mail.outbox[0].subject
    reporter.goto("/en/workspace/")
    answers = reporter.get_by_role("region", name="Answers to your updates")
    expect(answers.get_by_text("Approved")).to_be_visible()
    expect(answers.get_by_text("Published on the road map.")).to_be_visible()
    _clean(reporter)


def test_the_tracker_on_a_phone_reads_every_column_without_sideways_scrolling(page_as: Callable[..., Page]) -> None:
    for n in range(3):
        RecommendationFactory(document_symbol="A/HRC/43/10", paragraph=f"141.{n + 1}",
                              text=f"Ensure the independence of the national preventive mechanism, item {n}.")
    for language, labels in (("en", ["Reference", "Recommendation", "Response", "Status"]),
                             ("kk", ["Шифр", "Ұсыным", "Жауап", "Күйі"])):
        page = page_as("anonymous", width=390)
        page.goto(f"/{language}/recommendations/")
        assert horizontal_overflow(page) <= 0
        # The filters are folded away: the list comes first; the disclosure opens on demand.
        panel = page.locator("details[data-filters]")
        expect(panel).not_to_have_attribute("open", "")
        panel.locator("summary").click()
        expect(page.locator("select[name=mechanism]")).to_be_visible()
        assert horizontal_overflow(page) <= 0
        # Every column of every row is on screen with its label: nothing cut off, nothing to scroll to.
        first = page.locator("table.recommendations-table tbody tr").first
        for index, label in enumerate(labels):
            cell = first.locator("td").nth(index)
            expect(cell).to_be_visible()
            box = cell.bounding_box()
            assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= 390, (language, label, box)
            label_text = cell.evaluate("c => getComputedStyle(c, '::before').content")
            assert label in label_text, (language, label, label_text)
        expect(first.get_by_role("link", name="A/HRC/43/10", exact=False)).to_be_visible()
        _clean(page)
        page.context.close()


def test_the_tracker_on_a_wide_screen_shows_the_filters_open(page_as: Callable[..., Page]) -> None:
    RecommendationFactory(document_symbol="A/HRC/43/10", paragraph="141.7")
    page = page_as("anonymous")
    page.goto("/en/recommendations/?response=supported")
    expect(page.locator("details[data-filters]")).to_have_attribute("open", "")
    applied = page.locator(".applied-filters-list li")
    expect(applied).to_have_count(1)
    expect(applied).to_contain_text("Response: Supported")
    applied.get_by_role("link", name="Remove").click()
    expect(page.locator(".applied-filters-list")).to_have_count(0)


def test_a_long_kazakh_agency_name_is_chosen_by_keyboard_and_shown_whole_on_a_phone(
    page_as: Callable[..., Page],
) -> None:
    """Item 8: a native drop-down cuts the chosen name at its edge; the tracker's agency filter shows it whole, the
    control keeps its height when it gains focus (a click on Apply lands on Apply), and the page stays 390 px."""
    long_name = "Қазақстан Республикасының Еңбек және халықты әлеуметтік қорғау министрлігі"
    agency = OrganizationFactory(name="Ministry of Labour and Social Protection of the Population",
                                 name_kk=long_name, kind=Organization.Kind.MINISTRY)
    RecommendationFactory(document_symbol="A/HRC/43/10", paragraph="141.221", responsible_agencies=[agency])
    page = page_as("anonymous", width=390)
    page.goto("/kk/recommendations/")
    page.locator("details[data-filters] summary").click()
    control = page.get_by_role("combobox", name="Жауапты орган")
    box = page.locator(".ts-wrapper:has(#id_agency-ts-control) .ts-control")
    height = box.bounding_box()["height"]
    control.focus()
    assert box.bounding_box()["height"] == height  # the search box does not push the form down
    page.keyboard.type("еңбек")
    page.get_by_role("listbox", name="Жауапты орган").get_by_role("option", name=long_name).wait_for()
    page.keyboard.press("Enter")
    page.get_by_role("button", name="Қолдану").last.click()
    page.wait_for_url(f"**agency={agency.pk}**")
    page.locator("details[data-filters] summary").click()
    chosen = page.locator(".ts-wrapper:has(#id_agency-ts-control) .ts-control .item")
    expect(chosen).to_have_text(long_name)
    # Whole: nothing of the name hidden inside its box, and the box on screen.
    assert chosen.evaluate("e => e.scrollWidth <= e.clientWidth && e.scrollHeight <= e.clientHeight + 1")
    item_box = chosen.bounding_box()
    assert item_box is not None and item_box["x"] >= 0 and item_box["x"] + item_box["width"] <= 390
    assert horizontal_overflow(page) <= 0
    expect(page.locator("table.recommendations-table tbody tr")).to_have_count(1)
    _clean(page)


def test_presenters_are_chosen_by_typing_in_the_searchable_select(page_as: Callable[..., Page]) -> None:
    meeting = MeetingFactory(title="Meeting No. 46")
    OrganizationFactory(name="Ministry of Labour and Social Protection of the Population of the Republic of Kazakhstan",
                        acronym="MLSPP", kind=Organization.Kind.MINISTRY)
    OrganizationFactory(name="Union of Crisis Centres of Kazakhstan", kind=Organization.Kind.NGO)
    page = page_as("secretariat")
    page.goto(f"/en/meetings/manage/{meeting.pk}/agenda/")
    page.get_by_label("Title").fill("Crisis centres in every region")
    control = page.get_by_role("combobox", name="Presenting organisations")
    control.click()
    page.keyboard.type("crisis")
    listbox = page.get_by_role("listbox", name="Presenting organisations")
    expect(listbox.get_by_role("option", name="Union of Crisis Centres of Kazakhstan")).to_be_visible()
    # The original <select> is hidden from assistive technology: one control, not two.
    assert page.get_by_role("option", name="Union of Crisis Centres of Kazakhstan").count() == 1
    page.keyboard.press("Enter")
    page.keyboard.type("MLSPP")  # the acronym finds the long name
    expect(listbox.get_by_role("option")).to_have_count(1)
    page.keyboard.press("Enter")
    # The long name is shown whole in its tag, and the change is announced.
    expect(page.locator(".ts-control .item").filter(has_text="Social Protection of the Population")).to_be_visible()
    expect(page.locator("[role=status][aria-live=polite]").last).to_contain_text("added")
    page.keyboard.press("Escape")
    page.get_by_role("button", name="Add to the agenda").click()
    expect(page.get_by_text("The agenda item was added.")).to_be_visible()
    item = meeting.agenda_items.get()
    assert sorted(o.name for o in item.presenter_organizations.all()) == [
        "Ministry of Labour and Social Protection of the Population of the Republic of Kazakhstan",
        "Union of Crisis Centres of Kazakhstan",
    ]
    _clean(page)
