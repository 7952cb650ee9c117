"""Each role's home page after sign-in (dialogue_platform/home.py; issue 16, item 4)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from urllib.parse import unquote

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from pytest_django.fixtures import DjangoAssertNumQueries

from conftest import make_role_user
from dialogue_platform import home
from meetings.models import Meeting
from participants.models import Membership, Organization, OrganizationApplication, User
from tests.meetings.factories import (
    AgendaItemFactory,
    InvitationFactory,
    MeetingFactory,
    PublishedMinutesFactory,
    in_days,
)
from tests.notifications.factories import DeliveryFactory
from tests.participants.factories import OrganizationApplicationFactory
from tests.recommendations.factories import ActionFactory, ProgressUpdateFactory
from tests.submissions.factories import CommentPeriodFactory, SubmissionFactory, ngo_user

pytestmark = pytest.mark.django_db

PASSWORD = "correct-horse-battery"  # tests/participants/factories.py


def _home(client: Client) -> str:
    response = client.get(reverse("workspace"))
    assert response.status_code == 200
    return response.content.decode()


def _task_count(page: str, key: str) -> int:
    marker = f'data-task="{key}"'
    assert marker in page, key
    after = page.split(marker, 1)[1]
    return int(after.split('class="task-count">', 1)[1].split("<", 1)[0])


@pytest.mark.parametrize("role", ["secretariat", "focal_point", "ngo", "observer"])
def test_signing_in_leads_to_the_role_home_page(role: str) -> None:
    person = make_role_user(role)
    client = Client()
    response = client.post(reverse("participants:login"), {"username": person.email, "password": PASSWORD})
    assert response.status_code == 302
    # The role home is where sign-in leads: straight there, or (for a role with a second sign-in step) through
    # that step, which carries it as the page to go to next.
    assert reverse("workspace") in unquote(response["Location"])
    if role != "secretariat":
        assert response["Location"] == reverse("workspace")


def test_a_next_page_given_at_sign_in_still_wins() -> None:
    person = make_role_user("ngo")
    response = Client().post(
        reverse("participants:login") + "?next=/en/meetings/", {"username": person.email, "password": PASSWORD}
    )
    assert response["Location"] == "/en/meetings/"


def test_the_sign_in_link_of_the_public_home_page_carries_no_next() -> None:
    page = Client().get(reverse("home")).content.decode()
    assert f'href="{reverse("participants:login")}"' in page
    other = Client().get(reverse("meetings:meeting-list")).content.decode()
    assert f'href="{reverse("participants:login")}?next=' in other


def test_anonymous_visitors_are_sent_to_sign_in(client: Client) -> None:
    response = client.get(reverse("workspace"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("participants:login"))


def test_secretariat_sees_what_waits_for_it_with_counts(client_as: Callable[[str], Client]) -> None:
    SubmissionFactory(sent=True)
    SubmissionFactory(reviewing=True)
    SubmissionFactory()  # a draft, not sent: nothing to moderate
    SubmissionFactory(accepted=True)
    ProgressUpdateFactory()
    OrganizationApplicationFactory()
    OrganizationApplicationFactory(status=OrganizationApplication.Status.DECLINED, decision_reason="Not an NGO.")
    overdue = MeetingFactory(past=True, title="Meeting No. 77")  # held 30 days ago; first reminder after 7
    MeetingFactory(starts_at=timezone.now() - dt.timedelta(days=2), status=Meeting.Status.HELD)  # not yet due
    DeliveryFactory(notice__kind="meetings.invitation", status="failed")
    page = _home(client_as("secretariat"))
    assert _task_count(page, "submissions") == 2
    assert _task_count(page, "progress") == 1
    assert _task_count(page, "applications") == 1
    assert _task_count(page, "minutes") == 1
    assert _task_count(page, "notices") == 1
    assert reverse("meetings:minutes", args=[overdue.pk]) in page
    assert reverse("submissions:queue") in page
    assert reverse("notifications:notice-list") + "?problem=failed" in page


def test_secretariat_sees_the_next_meeting_and_its_readiness(client_as: Callable[[str], Client]) -> None:
    MeetingFactory(starts_at=in_days(60), title="Meeting No. 46")
    meeting = MeetingFactory(starts_at=in_days(20), title="Meeting No. 45")
    MeetingFactory(starts_at=in_days(5), title="Cancelled one", status=Meeting.Status.CANCELLED)
    AgendaItemFactory.create_batch(3, meeting=meeting)
    InvitationFactory(meeting=meeting, response="accepted")
    InvitationFactory(meeting=meeting, response="declined")
    InvitationFactory(meeting=meeting)
    page = _home(client_as("secretariat"))
    next_meeting = page.split('id="next-meeting-heading"', 1)[1]
    assert "Meeting No. 45" in next_meeting and "Meeting No. 46" not in next_meeting
    assert "Agenda: 3 items" in next_meeting
    assert "Invitations: 3 people invited" in next_meeting
    assert "Answers: 1 accepted, 0 tentative, 1 declined, 1 not yet answered" in next_meeting
    assert reverse("meetings:agenda", args=[meeting.pk]) in next_meeting


def test_secretariat_home_says_when_nothing_waits(client_as: Callable[[str], Client]) -> None:
    page = _home(client_as("secretariat"))
    assert "Nothing is waiting for the secretariat right now." in page
    assert "No meeting is planned." in page


@pytest.fixture
def extra_task() -> Iterator[None]:
    @home.register_secretariat_task
    def glossary_terms(now: dt.datetime) -> home.Task:
        return home.Task("glossary", 7, "glossary terms to check", "/en/", "Check them")

    yield
    home.SECRETARIAT_TASKS.remove(glossary_terms)


def test_another_workstream_adds_a_kind_of_waiting_work_with_one_function(
    extra_task: None, client_as: Callable[[str], Client],
) -> None:
    page = _home(client_as("secretariat"))
    assert _task_count(page, "glossary") == 7
    assert "glossary terms to check" in page


def test_focal_point_sees_the_agency_actions_by_deadline_with_the_overdue_marked(
    client_as: Callable[[str], Client],
) -> None:
    client = client_as("focal_point")
    agency = Membership.objects.get(user__role=User.Role.FOCAL_POINT).organization
    today = timezone.localdate()
    later = ActionFactory(description="Adopt the law later", deadline=today + dt.timedelta(days=200))
    soon = ActionFactory(description="Train the judges soon", deadline=today + dt.timedelta(days=10))
    late = ActionFactory(description="Report on detention late", deadline=today - dt.timedelta(days=5),
                         status="in_progress")
    done = ActionFactory(description="Finished already", deadline=today - dt.timedelta(days=50), status="done")
    elsewhere = ActionFactory(description="Another agency's action")
    for action in (later, soon, late, done):
        action.responsible_agencies.add(agency)
    page = _home(client)
    actions = page.split('id="actions-heading"', 1)[1]
    assert actions.index("Report on detention late") < actions.index("Train the judges soon") < actions.index(
        "Adopt the law later")
    assert "Finished already" not in actions and elsewhere.description not in actions
    assert 'status-badge--attention">Overdue' in actions
    overdue_figure = actions.split('class="figure figure--attention"', 1)[1]
    assert 'class="figure-number">1<' in overdue_figure
    assert reverse("recommendations:progress-create", args=[late.pk]) in actions


def test_ngo_sees_its_submissions_and_the_open_comment_periods(client_as: Callable[[str], Client]) -> None:
    client = client_as("ngo")
    me = User.objects.get(role=User.Role.NGO)
    mine = SubmissionFactory(author=me, title="Our proposal on torture prevention", reviewing=True)
    SubmissionFactory(author=ngo_user(), title="Someone else's proposal")
    CommentPeriodFactory(road_map__title="Road map on disability rights")
    CommentPeriodFactory(road_map__title="Closed road map", closed=True)
    page = _home(client)
    assert "Our proposal on torture prevention" in page and "Someone else's proposal" not in page
    assert 'status-badge--progress">Under review' in page
    assert reverse("submissions:detail", args=[mine.pk]) in page
    periods = page.split('id="periods-heading"', 1)[1]
    assert "Road map on disability rights" in periods and "Closed road map" not in periods
    assert reverse("submissions:create", args=["comment"]) in periods


def test_observer_sees_the_next_meetings_and_new_minutes(client_as: Callable[[str], Client]) -> None:
    client = client_as("observer")
    me = User.objects.get(role=User.Role.OBSERVER)
    invited = MeetingFactory(title="Meeting No. 50", starts_at=in_days(10))
    InvitationFactory(meeting=invited, person=me)
    MeetingFactory(title="Meeting No. 51", starts_at=in_days(90))
    MeetingFactory(title="Draft meeting", starts_at=in_days(30), status=Meeting.Status.DRAFT)
    PublishedMinutesFactory(meeting__title="Meeting No. 39")
    page = _home(client)
    assert "Meeting No. 50" in page.split('id="invitations-heading"', 1)[1]
    upcoming = page.split('id="upcoming-heading"', 1)[1]
    assert "Meeting No. 51" in upcoming and "Draft meeting" not in upcoming
    assert "Meeting No. 39" in page.split('id="minutes-heading"', 1)[1]


def _lots_of_data(focal_agency: Organization, ngo: User, observer: User) -> None:
    for _ in range(8):
        SubmissionFactory(sent=True)
        SubmissionFactory(author=ngo, sent=True)
        ProgressUpdateFactory()
        OrganizationApplicationFactory()
        MeetingFactory(past=True)
        DeliveryFactory(notice__kind="meetings.invitation", status="failed")
        action = ActionFactory()
        action.responsible_agencies.add(focal_agency)
        CommentPeriodFactory()
        PublishedMinutesFactory()
        InvitationFactory(meeting=MeetingFactory(starts_at=in_days(15)), person=observer)
    meeting = MeetingFactory(starts_at=in_days(3))
    AgendaItemFactory.create_batch(5, meeting=meeting)
    InvitationFactory.create_batch(5, meeting=meeting)


@pytest.mark.parametrize("role", ["secretariat", "focal_point", "ngo", "observer"])
def test_home_pages_need_few_queries_however_much_is_waiting(
    role: str, client_as: Callable[[str], Client], django_assert_max_num_queries: DjangoAssertNumQueries,
) -> None:
    clients = {name: client_as(name) for name in ("secretariat", "focal_point", "ngo", "observer")}
    agency = Membership.objects.get(user__role=User.Role.FOCAL_POINT).organization
    _lots_of_data(agency, User.objects.get(role=User.Role.NGO), User.objects.get(role=User.Role.OBSERVER))
    _home(clients[role])  # warm the session and the content types
    # The secretariat's requests read its authenticator device once more (the second sign-in factor).
    # The secretariat's one more: the translations to add (one UNION of counts over every kind of content).
    with django_assert_max_num_queries(14 if role == "secretariat" else 12):
        _home(clients[role])
