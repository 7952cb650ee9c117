from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import PermissionDenied
from django.test import Client

from core.exceptions import ApplicationError
from participants.models import Organization, User
from recommendations import services
from recommendations.models import Action, ProgressUpdate, Recommendation
from tests.participants.factories import MembershipFactory, OrganizationFactory, UserFactory
from tests.recommendations.factories import ActionFactory, RecommendationFactory, ThemeFactory

pytestmark = pytest.mark.django_db


def test_bulk_status_change_is_recorded_in_each_recommendation_history(secretariat: User) -> None:
    first, second = RecommendationFactory(), RecommendationFactory()

    count = services.recommendation_bulk_classify(
        actor=secretariat, recommendation_ids=[first.pk, second.pk], status=Recommendation.Status.IMPLEMENTED
    )

    assert count == 2
    for recommendation in (first, second):
        latest = recommendation.history.order_by("-history_id").first()  # type: ignore[attr-defined]  # simple_history's HistoryManager
        assert (latest.status, latest.history_user) == ("implemented", secretariat)


def test_bulk_classify_needs_something_to_apply(secretariat: User) -> None:
    with pytest.raises(ApplicationError, match="Choose a theme"):
        services.recommendation_bulk_classify(actor=secretariat, recommendation_ids=[RecommendationFactory().pk])


def test_voluntary_pledge_keeps_no_response_when_edited(secretariat: User) -> None:
    pledge = RecommendationFactory(kind=Recommendation.Kind.VOLUNTARY_PLEDGE, response="")

    services.recommendation_update(actor=secretariat, recommendation=pledge, data={"response": "supported"},
                                   version=pledge.version)

    pledge.refresh_from_db()
    assert pledge.response == ""


def test_focal_point_of_another_agency_cannot_submit_through_the_service() -> None:
    ministry = OrganizationFactory(name="Ministry of Justice", kind=Organization.Kind.MINISTRY)
    focal_point = UserFactory(role=User.Role.FOCAL_POINT)
    MembershipFactory(user=focal_point, organization=ministry)
    action = ActionFactory()  # belongs to the road map's lead agency, another organisation

    with pytest.raises(PermissionDenied):
        services.progress_update_submit(actor=focal_point, action=action, date=datetime.date.today(), text="x")
    assert not ProgressUpdate.objects.exists()

    action.responsible_agencies.add(ministry)
    update = services.progress_update_submit(actor=focal_point, action=action, date=datetime.date.today(), text="ok")
    assert update.state == ProgressUpdate.State.SUBMITTED


def test_an_update_is_reviewed_only_once(secretariat: User) -> None:
    action = ActionFactory()
    update = services.progress_update_submit(actor=secretariat, action=action, date=datetime.date.today(), text="x",
                                             proposed_status=Action.Status.IN_PROGRESS)
    services.progress_update_approve(actor=secretariat, update=update)

    with pytest.raises(ApplicationError, match="already been reviewed"):
        services.progress_update_approve(actor=secretariat, update=update)
    with pytest.raises(ApplicationError, match="already been reviewed"):
        services.progress_update_reject(actor=secretariat, update=update, note="late")
    action.refresh_from_db()
    assert action.status == Action.Status.IN_PROGRESS


def test_filter_options_are_escaped(client: Client) -> None:
    ThemeFactory(name="<script>alert(1)</script>", slug="xss")

    content = client.get("/en/recommendations/").content.decode()

    assert "<script>alert(1)</script>" not in content
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in content
