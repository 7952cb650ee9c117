"""Each role's home page in headless Chromium (issue 16, item 4): sign in through the form, land on the role's home,
follow what waits; the Secretariat menu by keyboard and on a phone. No CSP violation, no axe finding."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from conftest import make_role_user
from participants.models import Membership, User
from tests.meetings.factories import (
    AgendaItemFactory,
    InvitationFactory,
    MeetingFactory,
    PublishedMinutesFactory,
    in_days,
)
from tests.quality.axe import blocking, run_axe
from tests.quality.browser import csp_violations, focus_is_visible, focused, horizontal_overflow
from tests.recommendations.factories import ActionFactory
from tests.submissions.factories import CommentPeriodFactory, SubmissionFactory

pytestmark = [
    pytest.mark.quality_gate("browser journeys"),
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

PASSWORD = "correct-horse-battery"  # tests/participants/factories.py


def _sign_in(page: Page, person: User) -> None:
    page.goto("/en/")
    page.get_by_role("navigation", name="Main menu").get_by_role("link", name="Sign in").click()
    page.get_by_label("E-mail address").fill(person.email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page).to_have_url(f"{page.url.split('/en/')[0]}/en/workspace/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Your workspace")


def _clean(page: Page) -> None:
    assert csp_violations(page) == []
    assert [v.describe() for v in blocking(run_axe(page), page.url)] == []


def test_secretariat_sees_what_waits_and_opens_the_moderation_queue(page_as: Callable[..., Page]) -> None:
    # Signed in by session: the secretariat's sign-in has its own second step (tests/participants); where the
    # sign-in form leads is checked in tests/home/test_views.py.
    page = page_as("secretariat")
    SubmissionFactory(sent=True, title="Proposal on the national preventive mechanism")
    meeting = MeetingFactory(starts_at=in_days(12), title="Meeting No. 45")
    AgendaItemFactory(meeting=meeting)
    page.goto("/en/workspace/")
    card = page.locator('[data-task="submissions"]')
    expect(card.locator(".task-count")).to_have_text("1")
    expect(page.get_by_role("link", name="Meeting No. 45")).to_be_visible()
    expect(page.get_by_text("Agenda: 1 item")).to_be_visible()
    _clean(page)
    card.get_by_role("link").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Moderation of NGO submissions")
    expect(page.get_by_role("link", name="Proposal on the national preventive mechanism")).to_be_visible()


def test_the_secretariat_menu_works_with_the_keyboard(page_as: Callable[..., Page]) -> None:
    page = page_as("secretariat")
    page.goto("/ru/workspace/")
    # One menu instead of a toolbar of eight links.
    assert page.locator(".workspace-bar").count() == 0
    button = page.locator("#workspace-menu-button")
    expect(button).to_have_text("Секретариат")
    expect(button).to_have_attribute("aria-expanded", "false")
    button.focus()
    assert focus_is_visible(page)
    page.keyboard.press("Enter")
    expect(button).to_have_attribute("aria-expanded", "true")
    page.keyboard.press("ArrowDown")
    first = focused(page)
    assert first["href"] == "/ru/workspace/" and first["text"] == "Что ждёт вас", first
    assert focus_is_visible(page)
    page.keyboard.press("ArrowDown")
    assert focused(page)["href"] == "/ru/meetings/manage/"
    page.keyboard.press("Escape")
    expect(button).to_have_attribute("aria-expanded", "false")
    assert focused(page)["id"] == "workspace-menu-button"
    # The current page is marked in the menu.
    page.keyboard.press("Enter")
    expect(page.locator('.workspace-menu a[aria-current="page"]')).to_have_attribute("href", "/ru/workspace/")
    page.keyboard.press("ArrowDown")
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Enter")
    expect(page).to_have_url(f"{page.url.split('/ru/')[0]}/ru/meetings/manage/")
    expect(page.locator("#workspace-menu-button")).to_have_class("nav-link dropdown-toggle btn btn-link active")
    assert csp_violations(page) == []


@pytest.mark.parametrize("language", ["kk", "ru", "en"])
def test_the_secretariat_menu_on_a_phone(language: str, page_as: Callable[..., Page]) -> None:
    page = page_as("secretariat", width=390)
    page.goto(f"/{language}/workspace/")
    assert horizontal_overflow(page) <= 0
    page.locator(".navbar-toggler").click()
    page.locator("#workspace-menu-button").click()
    items = page.locator(".workspace-menu .dropdown-item")
    expect(items.first).to_be_visible()
    assert items.count() == 10  # home, 6 secretariat tools (translations among them), my meetings, directory, admin
    assert horizontal_overflow(page) <= 0
    # Each entry fits the phone's width, nothing cut off.
    widths = page.evaluate("""() => [...document.querySelectorAll('.workspace-menu .dropdown-item')]
        .map((a) => a.getBoundingClientRect().right)""")
    assert max(widths) <= 390
    items.nth(1).click()
    expect(page).to_have_url(f"{page.url.split(f'/{language}/')[0]}/{language}/meetings/manage/")
    assert csp_violations(page) == []


def test_focal_point_sees_the_overdue_action_first_and_reports_progress(page: Page) -> None:
    person = make_role_user("focal_point")
    agency = Membership.objects.get(user=person).organization
    today = timezone.localdate()
    late = ActionFactory(description="Report on conditions in detention", deadline=today - dt.timedelta(days=3),
                         status="in_progress")
    later = ActionFactory(description="Amend the law on assemblies", deadline=today + dt.timedelta(days=40))
    late.responsible_agencies.add(agency)
    later.responsible_agencies.add(agency)
    _sign_in(page, person)
    items = page.locator("#actions-heading ~ ol > li")
    expect(items.first).to_contain_text("Report on conditions in detention")
    expect(items.first.locator(".status-badge--attention")).to_have_text("Overdue")
    expect(items.nth(1)).to_contain_text("Amend the law on assemblies")
    _clean(page)
    items.first.get_by_role("link", name="Report progress").click()
    expect(page).to_have_url(f"{page.url.split('/en/')[0]}/en/roadmaps/actions/{late.pk}/progress/")


def test_ngo_sees_its_submissions_and_comments_on_an_open_draft(page: Page) -> None:
    person = make_role_user("ngo")
    SubmissionFactory(author=person, title="Proposal on access to justice", sent=True)
    period = CommentPeriodFactory(road_map__title="Road map on the rights of persons with disabilities")
    _sign_in(page, person)
    expect(page.get_by_role("link", name="Proposal on access to justice")).to_be_visible()
    expect(page.locator(".status-badge--waiting", has_text="Submitted")).to_be_visible()
    expect(page.locator("#periods-heading + ul .home-list-title")).to_contain_text(
        "Road map on the rights of persons with disabilities")
    _clean(page)
    link = page.locator("#periods-heading + ul").get_by_role("link")
    expect(link).to_have_accessible_name(f"Comment on this draft — {period.subject_title}")
    link.click()
    expect(page).to_have_url(f"{page.url.split('/en/')[0]}/en/submissions/new/comment/?period={period.pk}")


def test_observer_sees_the_next_meetings_and_reads_new_minutes(page: Page) -> None:
    person = make_role_user("observer")
    invited = MeetingFactory(title="Meeting No. 47", starts_at=in_days(9))
    InvitationFactory(meeting=invited, person=person)
    MeetingFactory(title="Meeting No. 48", starts_at=in_days(100))
    minutes = PublishedMinutesFactory(meeting__title="Meeting No. 43", body="<p>The Platform adopted its plan.</p>")
    _sign_in(page, person)
    expect(page.locator("#invitations-heading + ul").get_by_role("link", name="Meeting No. 47")).to_be_visible()
    expect(page.locator("#upcoming-heading + ul").get_by_role("link", name="Meeting No. 48")).to_be_visible()
    _clean(page)
    page.locator("#minutes-heading + ul").get_by_role("link", name="Meeting No. 43").click()
    expect(page).to_have_url(f"{page.url.split('/en/')[0]}/en/meetings/{minutes.meeting_id}/")
    expect(page.get_by_text("The Platform adopted its plan.")).to_be_visible()
