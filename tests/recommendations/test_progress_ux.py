"""The focal point's progress journey (issue 16, item 5): the form shows the action, its deadline and status and the
earlier updates with their outcome; the approval queue shows status and deadline; the author hears the answer once,
by e-mail in their language and on their home page."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from pytest_django.fixtures import Settings

from notifications.models import Delivery
from participants.models import Organization, User
from recommendations import services
from recommendations.models import Action, ProgressUpdate
from tests.auth import force_login
from tests.participants.factories import MembershipFactory, OrganizationFactory, UserFactory
from tests.recommendations.factories import ActionFactory, ProgressUpdateFactory, RoadMapFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def agency() -> Organization:
    return OrganizationFactory(name="Ministry of Justice", name_ru="Министерство юстиции",
                               kind=Organization.Kind.MINISTRY)


def _focal_point(agency: Organization, **extra: object) -> User:
    extra.setdefault("preferred_language", "en")
    user = UserFactory(role=User.Role.FOCAL_POINT, **extra)
    MembershipFactory(user=user, organization=agency)
    return user


def _client(user: User) -> Client:
    client = Client()
    force_login(client, user)
    return client


def _action(agency: Organization, **extra: object) -> Action:
    extra.setdefault("deadline", timezone.localdate() - dt.timedelta(days=10))
    return ActionFactory(road_map=RoadMapFactory(number=4, lead_agency=agency), number=2,
                         description="Protective orders available 24/7", responsible_agencies=[agency],
                         status=Action.Status.IN_PROGRESS, **extra)


def test_the_progress_form_shows_the_action_its_deadline_status_and_earlier_updates(agency: Organization) -> None:
    person = _focal_point(agency)
    action = _action(agency, deadline=dt.date(2026, 3, 1))
    ProgressUpdateFactory(action=action, author=person, text="Pilot in Astana.", state="approved",
                          reviewed_at=timezone.now())
    ProgressUpdateFactory(action=action, author=person, text="Draft order sent.", state="rejected",
                          reviewed_at=timezone.now(), review_note="Attach the order's number.")
    page = _client(person).get(reverse("recommendations:progress-create", args=[action.pk])).content.decode()
    assert "Protective orders available 24/7" in page
    assert "1 March 2026" in page
    assert "Overdue" in page and "In progress" in page  # the current status, marked overdue
    assert "Pilot in Astana." in page and "Approved" in page
    assert "Draft order sent." in page and "Returned" in page and "Attach the order&#x27;s number." in page
    assert reverse("recommendations:my-actions") in page  # the back link


def test_a_returned_update_can_start_the_corrected_one(agency: Organization) -> None:
    person = _focal_point(agency)
    action = _action(agency)
    returned = ProgressUpdateFactory(action=action, author=person, text="Draft order sent.", state="rejected",
                                     reviewed_at=timezone.now(), review_note="Add the date.")
    response = _client(person).get(reverse("recommendations:progress-create", args=[action.pk]),
                                   {"from": returned.pk})
    assert response.context["form"]["text"].value() == "Draft order sent."
    assert "starts from your returned update" in response.content.decode()


def test_the_approval_queue_shows_status_and_deadline(agency: Organization, client_as: Callable[[str], Client]) -> None:
    action = _action(agency, deadline=dt.date(2026, 3, 1))
    ProgressUpdateFactory(action=action, proposed_status="done")
    page = client_as("secretariat").get(reverse("recommendations:progress-queue")).content.decode()
    assert "1 March 2026" in page
    assert "In progress" in page and "Done" in page and "proposed" in page


def test_approval_tells_the_author_once_in_their_language(
    agency: Organization, django_capture_on_commit_callbacks: Callable, settings: Settings,
) -> None:
    settings.SITE_URL = "https://dialogue.example.kz"
    author = _focal_point(agency, email="fp@example.org", preferred_language="ru")
    update = ProgressUpdateFactory(action=_action(agency), author=author, proposed_status="done")
    secretariat = UserFactory(role=User.Role.SECRETARIAT)
    with django_capture_on_commit_callbacks(execute=True):
        services.progress_update_approve(actor=secretariat, update=update)
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(Exception, match="already been reviewed"):
        services.progress_update_approve(actor=secretariat, update=update)
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["fp@example.org"]
    assert "4.2" in message.subject and "одобрен" in message.subject.lower()
    assert "https://dialogue.example.kz/ru/roadmaps/4/" in message.body
    assert Delivery.objects.filter(notice__kind="recommendations.progress_reviewed").count() == 1


def test_returning_tells_the_author_the_reason(
    agency: Organization, django_capture_on_commit_callbacks: Callable, client_as: Callable[[str], Client],
) -> None:
    author = _focal_point(agency, email="fp@example.org")
    update = ProgressUpdateFactory(action=_action(agency), author=author)
    with django_capture_on_commit_callbacks(execute=True):
        response = client_as("secretariat").post(reverse("recommendations:progress-reject", args=[update.pk]),
                                                 {"note": "Attach the order's number."})
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    assert "returned" in mail.outbox[0].subject
    assert "Attach the order's number." in mail.outbox[0].body
    assert f"/en/roadmaps/actions/{update.action_id}/progress/" in mail.outbox[0].body


def test_a_secretariat_member_approving_their_own_update_gets_no_email(
    agency: Organization, django_capture_on_commit_callbacks: Callable,
) -> None:
    secretariat = UserFactory(role=User.Role.SECRETARIAT)
    update = ProgressUpdateFactory(action=_action(agency), author=secretariat)
    with django_capture_on_commit_callbacks(execute=True):
        services.progress_update_approve(actor=secretariat, update=update)
    assert mail.outbox == []


def test_the_focal_points_home_shows_the_answers(agency: Organization) -> None:
    person = _focal_point(agency)
    action = _action(agency)
    ProgressUpdateFactory(action=action, author=person, state=ProgressUpdate.State.REJECTED,
                          reviewed_at=timezone.now(), review_note="Give the date of the order.")
    page = _client(person).get(reverse("workspace")).content.decode()
    assert "Answers to your updates" in page
    assert "Give the date of the order." in page
    assert f"{reverse('recommendations:progress-create', args=[action.pk])}?from=" in page
