"""Role x URL rules of the recommendations app (see docs/permissions.md, "Recommendations and road maps")."""

from __future__ import annotations

from django.urls import reverse

from tests.access import PUBLIC, Rule


def _recommendation_url(name: str) -> str:
    from tests.recommendations.factories import RecommendationFactory

    return reverse(name, args=[RecommendationFactory().pk])


def _roadmap_url() -> str:
    from tests.recommendations.factories import ActionFactory

    return reverse("recommendations:roadmap-detail", args=[ActionFactory().road_map.number])


def _agency_url() -> str:
    from tests.recommendations.factories import ActionFactory

    return reverse("recommendations:agency-detail", args=[ActionFactory().road_map.lead_agency_id])


def _plan_url() -> str:
    from tests.recommendations.factories import NationalPlanFactory

    return reverse("recommendations:plan-detail", args=[NationalPlanFactory().slug])


def _own_action_progress_url() -> str:
    """An action of the Ministry of Justice, the agency of the focal point fixture (conftest.py)."""
    from participants.models import Organization
    from tests.participants.factories import OrganizationFactory
    from tests.recommendations.factories import ActionFactory

    ministry = OrganizationFactory(name="Ministry of Justice", kind=Organization.Kind.MINISTRY)
    return reverse("recommendations:progress-create", args=[ActionFactory(responsible_agencies=[ministry]).pk])


def _update_url(name: str) -> str:
    from tests.recommendations.factories import ProgressUpdateFactory

    return reverse(name, args=[ProgressUpdateFactory().pk])


def _evidence_url(*, approved: bool) -> str:
    """Evidence of an update by a focal point of the Ministry of Justice (the focal point fixture's agency)."""
    from django.utils import timezone

    from participants.models import Organization
    from tests.participants.factories import MembershipFactory, OrganizationFactory, UserFactory
    from tests.recommendations.factories import ActionFactory, ProgressUpdateFactory

    ministry = OrganizationFactory(name="Ministry of Justice", kind=Organization.Kind.MINISTRY)
    author = UserFactory(role="focal_point")
    MembershipFactory(user=author, organization=ministry)
    state = {"state": "approved", "reviewed_at": timezone.now()} if approved else {}
    update = ProgressUpdateFactory(with_evidence=True, author=author, action=ActionFactory(responsible_agencies=[ministry]),
                                   **state)
    return reverse("recommendations:progress-evidence", args=[update.pk])
def _action_withdraw_url() -> str:
    from tests.recommendations.factories import ActionFactory

    return reverse("recommendations:action-withdraw", args=[ActionFactory().pk])


def _approved_update_withdraw_url() -> str:
    from recommendations.models import ProgressUpdate
    from tests.recommendations.factories import ProgressUpdateFactory

    update = ProgressUpdateFactory(state=ProgressUpdate.State.APPROVED, reviewed_at="2026-01-10T10:00:00Z")
    return reverse("recommendations:progress-withdraw", args=[update.pk])

def _roadmap_url_named(name: str) -> str:
    from tests.recommendations.factories import RoadMapFactory

    return reverse(name, args=[RoadMapFactory().number])


def _action_edit_url() -> str:
    from tests.recommendations.factories import ActionFactory

    return reverse("recommendations:action-edit", args=[ActionFactory().pk])


SECRETARIAT = ("secretariat",)

ACCESS_RULES = [
    Rule("recommendations tracker", lambda: reverse("recommendations:tracker"), PUBLIC),
    Rule("recommendations export CSV", lambda: reverse("recommendations:export", args=["csv"]), PUBLIC),
    Rule("recommendations export XLSX", lambda: reverse("recommendations:export", args=["xlsx"]), PUBLIC),
    Rule("recommendations dashboard", lambda: reverse("recommendations:dashboard"), PUBLIC),
    Rule("recommendation detail", lambda: _recommendation_url("recommendations:recommendation-detail"), PUBLIC),
    Rule("road maps", lambda: reverse("recommendations:roadmap-list"), PUBLIC),
    Rule("road map detail", _roadmap_url, PUBLIC),
    Rule("road maps by agency", lambda: reverse("recommendations:agency-list"), PUBLIC),
    Rule("agency's road-map actions", _agency_url, PUBLIC),
    Rule("national plans", lambda: reverse("recommendations:plan-list"), PUBLIC),
    Rule("national plan detail", _plan_url, PUBLIC),
    Rule("recommendation edit", lambda: _recommendation_url("recommendations:recommendation-edit"), SECRETARIAT),
    Rule("recommendation withdraw", lambda: _recommendation_url("recommendations:recommendation-withdraw"), SECRETARIAT),
    Rule("road map withdraw", lambda: _roadmap_url() + "withdraw/", SECRETARIAT),
    Rule("action withdraw", _action_withdraw_url, SECRETARIAT),
    Rule("progress update withdraw", _approved_update_withdraw_url, SECRETARIAT),
    Rule("recommendations bulk classify", lambda: reverse("recommendations:bulk-classify"), SECRETARIAT,
         method="post", ok_status=(302,)),
    Rule("recommendations import", lambda: reverse("recommendations:import"), SECRETARIAT),
    Rule("recommendations import template", lambda: reverse("recommendations:import-template", args=["xlsx"]),
         SECRETARIAT),
    Rule("recommendations import job", lambda: reverse("recommendations:import-job", args=["no-such-token"]),
         SECRETARIAT, ok_status=(404,)),
    Rule("my agency's actions", lambda: reverse("recommendations:my-actions"), ("focal_point",)),
    Rule("report progress on own agency's action", _own_action_progress_url, ("focal_point", "secretariat")),
    Rule("progress updates to approve", lambda: reverse("recommendations:progress-queue"), SECRETARIAT),
    Rule("approve a progress update", lambda: _update_url("recommendations:progress-approve"), SECRETARIAT,
         method="post", ok_status=(302,)),
    Rule("return a progress update", lambda: _update_url("recommendations:progress-reject"), SECRETARIAT,
         method="post", ok_status=(302,)),
    Rule("evidence file of an approved update", lambda: _evidence_url(approved=True), PUBLIC),
    Rule("evidence file of an update awaiting approval", lambda: _evidence_url(approved=False),
         ("focal_point", "secretariat")),
    # The secretariat's road-map screens (issue 16, item 5).
    Rule("new road map", lambda: reverse("recommendations:roadmap-create"), SECRETARIAT),
    Rule("edit a road map", lambda: _roadmap_url_named("recommendations:roadmap-edit"), SECRETARIAT),
    Rule("new action of a road map", lambda: _roadmap_url_named("recommendations:action-create"), SECRETARIAT),
    Rule("edit an action", _action_edit_url, SECRETARIAT),
]

