"""Classifying and editing recommendations, one by one or in bulk."""

from __future__ import annotations

from collections.abc import Iterable
from typing import cast

from django.db import transaction
from django.utils.translation import gettext as _

from core import pagecache
from core.concurrency import bump_versions, claim
from core.exceptions import ApplicationError
from participants.models import Organization, User
from recommendations.models import (
    Recommendation,
    RoadMap,
    Theme,
)

# What the edit form may change (the kind, the mechanism, the review and the text's key are the import's).
EDITABLE_FIELDS = frozenset({
    "document_symbol", "paragraph", "text", "response", "action_category", "status", "themes", "affected_groups",
    "sdg_targets", "responsible_agencies", "source_organization", "road_maps", "recommending_states",
})


@transaction.atomic
def recommendation_update(
    *, actor: User, recommendation: Recommendation, data: dict[str, object], version: int | None
) -> Recommendation:
    """Save the secretariat's edit of a recommendation opened at `version` (core.concurrency: a save made
    meanwhile is an EditConflict); the status change lands in the recommendation's history."""
    unknown = set(data) - EDITABLE_FIELDS
    if unknown:
        raise TypeError(f"recommendation_update cannot set {sorted(unknown)}")  # nosec B608: an error message, not SQL
    recommendation = claim(Recommendation, pk=recommendation.pk, version=version)
    if recommendation.withdrawn_at is not None:
        raise ApplicationError(_("A withdrawn recommendation can no longer be edited."))
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
        recommendation.road_maps.set(cast("Iterable[RoadMap]", data["road_maps"]))  # the form's cleaned road maps
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
    # Each changed recommendation's version goes up, so an edit form opened before this is refused as a conflict
    # instead of overwriting the new links (core.concurrency).
    bump_versions(Recommendation.objects.filter(pk__in=ids))
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
    pagecache.changed(Recommendation)  # the links above were bulk-created: no signal
    return len(ids)
