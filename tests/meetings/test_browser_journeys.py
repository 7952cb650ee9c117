"""One browser journey per role through the meetings pages, in headless Chromium (tests/quality fixtures)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest
from playwright.sync_api import Page, expect

from meetings.models import Invitation, Meeting, MeetingDocument
from tests.meetings.factories import (
    AgendaItemFactory,
    InvitationFactory,
    MeetingDocumentFactory,
    MeetingFactory,
    PublishedMinutesFactory,
    in_days,
)
from tests.quality.browser import csp_violations

# The "browser journeys" gate: when Chromium is missing on a developer's machine, tests/quality/conftest.py
# deselects these and names the missing tool (with CI=true they fail instead).
pytestmark = [
    pytest.mark.quality_gate("browser journeys"),
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

SECRET_LINK = "https://meet.example.org/secret-room-42"


def test_secretariat_creates_a_meeting_and_reorders_its_agenda(page_as: Callable[..., Page]) -> None:
    page = page_as("secretariat")
    page.goto("/en/meetings/manage/")
    page.get_by_role("link", name="New meeting").click()
    start = in_days(40)
    page.get_by_label("Title").fill("Meeting No. 90 of the Dialogue Platform")
    page.get_by_label("Number").fill("90")
    page.get_by_label("Starts").fill(start.strftime("%Y-%m-%dT%H:%M"))
    page.get_by_label("Ends").fill((start + dt.timedelta(hours=3)).strftime("%Y-%m-%dT%H:%M"))
    page.get_by_label("Venue").fill("Ministry of Foreign Affairs, Astana")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("The meeting was created as a draft.")).to_be_visible()
    page.get_by_role("link", name="Agenda", exact=True).click()
    for title in ("Opening", "UPR mid-term report"):
        page.get_by_label("Title").fill(title)
        page.get_by_role("button", name="Add to the agenda").click()
        expect(page.get_by_text("The agenda item was added.")).to_be_visible()
    url_before = page.url
    page.get_by_role("button", name="Move “Opening” down").click()
    # htmx swaps the list in place: same page, new order.
    expect(page.locator(".meetings-agenda-item").first).to_contain_text("UPR mid-term report")
    assert page.url == url_before
    meeting = Meeting.objects.get(number=90)
    assert list(meeting.agenda_items.order_by("position").values_list("title", flat=True)) == [
        "UPR mid-term report", "Opening"]
    assert csp_violations(page) == []


def test_ngo_answers_an_invitation_in_one_click(page_as: Callable[..., Page]) -> None:
    page = page_as("ngo")
    me = page.context.user  # type: ignore[attr-defined]
    meeting = MeetingFactory(title="Meeting No. 91")
    invitation = InvitationFactory(meeting=meeting, person=me)
    page.goto("/en/meetings/mine/")
    expect(page.get_by_role("link", name="Meeting No. 91")).to_be_visible()
    expect(page.locator(".meetings-online-link")).to_have_text(SECRET_LINK)
    page.get_by_role("button", name="Accept", exact=True).click()
    expect(page.locator(f"#rsvp-{invitation.pk}")).to_contain_text("Accepted")
    invitation.refresh_from_db()
    assert invitation.response == Invitation.Response.ACCEPTED
    assert csp_violations(page) == []


def test_observer_sees_participants_documents_of_an_invited_meeting_only(page_as: Callable[..., Page]) -> None:
    page = page_as("observer")
    me = page.context.user  # type: ignore[attr-defined]
    invited = MeetingFactory(title="Invited meeting")
    InvitationFactory(meeting=invited, person=me)
    other = MeetingFactory(title="Other meeting")
    MeetingDocumentFactory(meeting=invited, title="Briefing for invitees",
                           visibility=MeetingDocument.Visibility.PARTICIPANTS)
    MeetingDocumentFactory(meeting=other, title="Closed briefing", visibility=MeetingDocument.Visibility.PARTICIPANTS)
    page.goto(f"/en/meetings/{invited.pk}/")
    expect(page.get_by_role("link", name="Briefing for invitees")).to_be_visible()
    expect(page.locator(".meetings-online-link")).to_be_visible()
    page.goto(f"/en/meetings/{other.pk}/")
    expect(page.get_by_text("Closed briefing")).to_have_count(0)
    expect(page.locator(".meetings-online-link")).to_have_count(0)


def test_visitor_browses_the_schedule_and_searches_the_minutes(page: Page, transactional_db: None) -> None:
    upcoming = MeetingFactory(title="Meeting No. 92")
    AgendaItemFactory(meeting=upcoming, title="Children's rights")
    PublishedMinutesFactory(meeting__title="Meeting No. 80", body="<p>The national preventive mechanism.</p>")
    PublishedMinutesFactory(meeting__title="Meeting No. 79", body="<p>Freedom of assembly.</p>")
    page.goto("/en/meetings/")
    page.get_by_role("link", name="Meeting No. 92").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Meeting No. 92")
    expect(page.get_by_text("Children's rights")).to_be_visible()
    expect(page.locator(".meetings-online-link")).to_have_count(0)
    page.goto("/en/meetings/archive/")
    page.get_by_label("Search the minutes").fill("preventive")
    page.get_by_role("button", name="Search").click()
    expect(page.get_by_role("link", name="Meeting No. 80")).to_be_visible()
    expect(page.get_by_role("link", name="Meeting No. 79")).to_have_count(0)
    assert csp_violations(page) == []
