"""Weekly reminders of overdue road-map actions to the focal points of the responsible agencies."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest
from django.core import mail
from django.utils import timezone
from pytest_django.fixtures import Settings

from notifications import tasks
from notifications.models import Delivery
from participants.models import Organization, User
from recommendations.models import Action
from recommendations.notices import overdue_action_notices_due, overdue_action_notices_publish, overdue_period
from tests.participants.factories import MembershipFactory, OrganizationFactory, UserFactory
from tests.recommendations.factories import ActionFactory, RoadMapFactory

pytestmark = pytest.mark.django_db
TZ = timezone.get_current_timezone()
# A Wednesday, mid-morning in Almaty.
NOW = dt.datetime(2026, 11, 25, 11, 0, tzinfo=TZ)
TODAY = NOW.date()


@pytest.fixture(autouse=True)
def _site(settings: Settings) -> None:
    settings.SITE_URL = "https://dialogue.example.kz"


def _run(now: dt.datetime, capture: Callable) -> int:
    with capture(execute=True):
        return overdue_action_notices_publish(now=now)


def _member(organization: Organization, email: str, role: str = User.Role.FOCAL_POINT, **extra: object) -> User:
    extra.setdefault("preferred_language", "en")
    user = UserFactory(email=email, role=role, **extra)
    MembershipFactory(user=user, organization=organization)
    return user


@pytest.fixture
def justice() -> Organization:
    return OrganizationFactory(name="Ministry of Justice", name_ru="Министерство юстиции",
                               name_kk="Әділет министрлігі", kind=Organization.Kind.MINISTRY)


def _action(agency: Organization, *, days_late: int, status: str = Action.Status.NOT_STARTED, **extra: object) -> Action:
    road_map = extra.pop("road_map", None) or RoadMapFactory(lead_agency=agency)
    return ActionFactory(road_map=road_map, deadline=TODAY - dt.timedelta(days=days_late), status=status,
                         responsible_agencies=[agency], **extra)


def test_focal_points_of_the_responsible_agency_get_one_message_listing_its_overdue_actions(
    justice: Organization, django_capture_on_commit_callbacks,
) -> None:
    _member(justice, "fp1@example.org")
    _member(justice, "fp2@example.org")
    _member(justice, "ngo@example.org", role=User.Role.NGO)
    other = OrganizationFactory(name="Ministry of Labour", kind=Organization.Kind.MINISTRY)
    _member(other, "labour@example.org")
    road_map = RoadMapFactory(number=7, lead_agency=justice)
    late = _action(justice, days_late=10, road_map=road_map, number=2, description="Adopt the law on torture")
    very_late = _action(justice, days_late=40, road_map=road_map, number=1, description="Train the judges")
    _action(justice, days_late=5, status=Action.Status.DONE, road_map=road_map, number=3, description="Done one")
    _action(justice, days_late=-3, road_map=road_map, number=4, description="Due next week")
    _action(justice, days_late=0, road_map=road_map, number=5, description="Due today")

    assert _run(NOW, django_capture_on_commit_callbacks) == 2

    assert sorted(m.to[0] for m in mail.outbox) == ["fp1@example.org", "fp2@example.org"]
    message = mail.outbox[0]
    assert message.subject == "Ministry of Justice: 2 road-map actions are overdue"
    for body in (message.body, message.alternatives[0].content):  # type: ignore[attr-defined]  # the message is an EmailMultiAlternatives
        assert "Road map 7, action 1" in body
        assert "Train the judges" in body
        assert "Adopt the law on torture" in body
        assert body.index("Train the judges") < body.index("Adopt the law on torture")
        for absent in ("Done one", "Due next week", "Due today"):
            assert absent not in body
        assert "https://dialogue.example.kz/en/roadmaps/my-actions/" in body
        assert f"https://dialogue.example.kz/en/roadmaps/actions/{late.pk}/progress/" in body
    assert very_late.deadline.strftime("%Y") in message.body  # type: ignore[attr-defined]  # a sent message's body is a str


def test_each_overdue_action_is_reminded_once_a_week(justice: Organization, django_capture_on_commit_callbacks) -> None:
    _member(justice, "fp@example.org")
    _action(justice, days_late=3)

    _run(NOW, django_capture_on_commit_callbacks)
    assert _run(NOW, django_capture_on_commit_callbacks) == 0
    assert _run(NOW + dt.timedelta(days=4), django_capture_on_commit_callbacks) == 0  # Sunday, same week
    assert len(mail.outbox) == 1

    _run(NOW + dt.timedelta(days=7), django_capture_on_commit_callbacks)
    assert len(mail.outbox) == 2
    assert Delivery.objects.filter(email="fp@example.org").count() == 2


def test_the_week_turns_on_monday_at_nine_in_almaty() -> None:
    monday = dt.datetime(2026, 11, 30, tzinfo=TZ)

    assert overdue_period(monday.replace(hour=8, minute=59)) == "2026-W48"
    assert overdue_period(monday.replace(hour=9)) == "2026-W49"


def test_a_focal_point_who_joins_mid_week_gets_the_weeks_reminder(
    justice: Organization, django_capture_on_commit_callbacks,
) -> None:
    _member(justice, "fp@example.org")
    _action(justice, days_late=3)
    _run(NOW, django_capture_on_commit_callbacks)
    _member(justice, "new@example.org")

    _run(NOW + dt.timedelta(hours=1), django_capture_on_commit_callbacks)

    assert [m.to[0] for m in mail.outbox] == ["fp@example.org", "new@example.org"]


def test_russian_and_kazakh_focal_points_get_their_own_language(
    justice: Organization, django_capture_on_commit_callbacks,
) -> None:
    _member(justice, "ru@example.org", preferred_language="ru")
    _member(justice, "kk@example.org", preferred_language="kk")
    _action(justice, days_late=3)

    _run(NOW, django_capture_on_commit_callbacks)

    by_address = {m.to[0]: m for m in mail.outbox}
    assert by_address["ru@example.org"].subject == "Министерство юстиции: 1 мероприятие дорожной карты просрочено"
    assert by_address["kk@example.org"].subject == "Әділет министрлігі: жол картасының 1 іс-шарасының мерзімі өтті"
    assert "https://dialogue.example.kz/ru/roadmaps/my-actions/" in by_address["ru@example.org"].body


def test_the_check_costs_three_queries_whatever_the_number_of_agencies(
    django_assert_max_num_queries, django_capture_on_commit_callbacks,
) -> None:
    for n in range(6):
        agency = OrganizationFactory(name=f"Agency {n}", kind=Organization.Kind.MINISTRY)
        _member(agency, f"fp{n}@example.org")
        for _ in range(3):
            _action(agency, days_late=n + 1)

    with django_assert_max_num_queries(3):
        assert len(overdue_action_notices_due(now=NOW)) == 6
    _run(NOW, django_capture_on_commit_callbacks)
    with django_assert_max_num_queries(3):
        assert _run(NOW, django_capture_on_commit_callbacks) == 0


def test_the_periodic_task_runs_the_overdue_checker(justice: Organization, django_capture_on_commit_callbacks) -> None:
    _member(justice, "fp@example.org")
    ActionFactory(deadline=timezone.localdate() - dt.timedelta(days=2), responsible_agencies=[justice])

    with django_capture_on_commit_callbacks(execute=True):
        tasks.run_due_notices()

    assert [m.to[0] for m in mail.outbox] == ["fp@example.org"]
