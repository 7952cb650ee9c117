"""Classifying and editing recommendations, one by one or in bulk."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from core.exceptions import ApplicationError
from participants.models import Organization, User
from recommendations.models import (
    Recommendation,
    RoadMap,
    Theme,
)


@transaction.atomic
def recommendation_update(*, actor: User, recommendation: Recommendation, data: dict[str, Any]) -> Recommendation:
    """Save the secretariat's edit; the status change lands in the recommendation's history."""
    m2m = ("themes", "affected_groups", "sdg_targets", "responsible_agencies", "recommending_states")
    for name, value in data.items():
        if name not in m2m and name != "road_maps":
            setattr(recommendation, name, value)
    if recommendation.kind == Recommendation.Kind.VOLUNTARY_PLEDGE:
        recommendation.response = Recommendation.Response.NONE
    elif not recommendation.response:
        raise ApplicationError(_("A recommendation needs a response: supported, noted or pending."), field="response")
    recommendation._history_user = actor
    recommendation.save()
    for name in m2m:
        if name in data:
            getattr(recommendation, name).set(data[name])
    if "road_maps" in data:
        recommendation.road_maps.set(data["road_maps"])
    return recommendation


@transaction.atomic
def recommendation_bulk_classify(
    *, actor: User, recommendation_ids: list[int], theme: Theme | None = None, agency: Organization | None = None,
    road_map: RoadMap | None = None, status: str = "",
) -> int:
    """Add a theme, agency and/or road map to many recommendations at once (existing links stay)."""
    if not (theme or agency or road_map or status):
        raise ApplicationError(_("Choose a theme, an agency, a road map or a status to apply."))
    ids = list(Recommendation.objects.filter(pk__in=recommendation_ids).values_list("pk", flat=True))
    if not ids:
        raise ApplicationError(_("Select at least one recommendation."))
    if theme:
        ThemeLink = Recommendation.themes.through
        ThemeLink.objects.bulk_create(
            [ThemeLink(recommendation_id=i, theme_id=theme.pk) for i in ids], ignore_conflicts=True
        )
    if agency:
        AgencyLink = Recommendation.responsible_agencies.through
        AgencyLink.objects.bulk_create(
            [AgencyLink(recommendation_id=i, organization_id=agency.pk) for i in ids], ignore_conflicts=True
        )
    if road_map:
        RoadMapLink = RoadMap.recommendations.through
        RoadMapLink.objects.bulk_create(
            [RoadMapLink(recommendation_id=i, roadmap_id=road_map.pk) for i in ids], ignore_conflicts=True
        )
    if status:
        # Saved one by one so that each status change is in the history.
        for recommendation in Recommendation.objects.filter(pk__in=ids).exclude(status=status):
            recommendation.status = status
            recommendation._history_user = actor
            recommendation.save(update_fields=["status", "updated_at"])
    return len(ids)
