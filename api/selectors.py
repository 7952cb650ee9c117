"""Every read of the open data API. Each selector returns only what is public: published meetings and
minutes, public documents, approved progress updates, and organisations, never people."""

from __future__ import annotations

import hashlib

from django.db.models import Count, Prefetch, Q, QuerySet
from django.utils import timezone

from api.models import ApiToken, DataExport
from meetings.models import AgendaItem, Meeting, MeetingDocument, Minutes, visible_to_public_q
from participants import selectors as participants_selectors
from participants.models import Organization, User
from recommendations import selectors as recommendations_selectors
from recommendations.models import (
    Action,
    Mechanism,
    ProgressUpdate,
    Recommendation,
    Review,
    RoadMap,
    Theme,
)
from reports import selectors as reports_selectors
from reports.models import Report, ReportDocument, ReportVersion


def key_digest(key: str) -> str:
    return hashlib.sha256(key.encode("utf-8", "surrogateescape")).hexdigest()


def api_token_for_key(*, key: str) -> ApiToken | None:
    """The active token with this key; a revoked or unknown key gives None."""
    return (
        ApiToken.objects.select_related("user")
        .filter(digest=key_digest(key), revoked_at__isnull=True)
        .first()
    )


def api_token_list_for_user(*, user: User) -> QuerySet[ApiToken]:
    return ApiToken.objects.filter(user=user).order_by("revoked_at", "-created_at", "-id")


def api_token_list_all(*, active_only: bool = True) -> QuerySet[ApiToken]:
    qs = ApiToken.objects.select_related("user", "revoked_by")
    if active_only:
        qs = qs.filter(revoked_at__isnull=True)
    return qs.order_by("-created_at", "-id")


# --- Recommendations and road maps ------------------------------------------------------------


def recommendation_list() -> QuerySet[Recommendation]:
    """The tracker's own selector, plus what the API shows that the tracker page does not."""
    return recommendations_selectors.recommendation_list().select_related("source_organization", "review__mechanism")


def mechanism_list() -> QuerySet[Mechanism]:
    return Mechanism.objects.all()


def review_list() -> QuerySet[Review]:
    return Review.objects.select_related("mechanism")


def theme_list() -> QuerySet[Theme]:
    return Theme.objects.all()


def roadmap_list() -> QuerySet[RoadMap]:
    today = timezone.localdate()
    return (
        RoadMap.objects.select_related("theme", "lead_agency")  # type: ignore[no-redef]  # declared on the model
        .annotate(
            # Counts through a relation skip the default manager: withdrawn actions are left out by hand.
            action_count=Count("actions", filter=Q(actions__withdrawn_at__isnull=True), distinct=True),
            done_count=Count("actions", filter=Q(actions__status=Action.Status.DONE, actions__withdrawn_at__isnull=True),
                             distinct=True),
            overdue_count=Count(
                "actions", filter=Q(actions__deadline__lt=today, actions__withdrawn_at__isnull=True)
                & ~Q(actions__status=Action.Status.DONE),
                distinct=True,
            ),
        )
        .prefetch_related(
            Prefetch("recommendations", queryset=Recommendation.objects.only("id").order_by("id"),
                     to_attr="recommendation_list")
        )
    )


def action_list() -> QuerySet[Action]:
    return Action.objects.select_related("road_map").prefetch_related(
        Prefetch("responsible_agencies", queryset=Organization.objects.order_by("name"), to_attr="agency_list"),
        Prefetch("partners", queryset=Organization.objects.order_by("name"), to_attr="partner_list"),
    )


def progress_update_public_list() -> QuerySet[ProgressUpdate]:
    """Approved updates only: submitted and returned ones are between the focal point and the secretariat."""
    return ProgressUpdate.objects.filter(state=ProgressUpdate.State.APPROVED).select_related("action__road_map")


def organization_list() -> QuerySet[Organization]:
    return participants_selectors.organization_public_list()


# --- Meetings ---------------------------------------------------------------------------------


def meeting_list() -> QuerySet[Meeting]:
    return (
        Meeting.objects.visible_to_public()
        .select_related("subgroup")
        .prefetch_related("topics")
    )


def agenda_item_list() -> QuerySet[AgendaItem]:
    return (
        AgendaItem.objects.filter(visible_to_public_q("meeting__"))
        .prefetch_related(
            Prefetch("presenter_organizations", queryset=Organization.objects.order_by("name")),
            Prefetch("road_maps", queryset=RoadMap.objects.only("id", "number").order_by("number")),
            Prefetch("recommendations", queryset=Recommendation.objects.only("id").order_by("id")),
            "topics",
        )
    )


def minutes_published_list() -> QuerySet[Minutes]:
    return Minutes.objects.public().select_related("meeting")


def document_public_list() -> QuerySet[MeetingDocument]:
    return MeetingDocument.objects.filter(
        visible_to_public_q("meeting__"), visibility=MeetingDocument.Visibility.PUBLIC
    )


# --- Reports ----------------------------------------------------------------------------------


def report_published_list() -> QuerySet[Report]:
    """The reports registry as the public sees it: published reports, their versions, public documents only."""
    public_documents = ReportDocument.objects.filter(visibility=ReportDocument.Visibility.PUBLIC).order_by(
        "language", "id")
    versions = ReportVersion.objects.order_by("-number").prefetch_related(
        Prefetch("documents", queryset=public_documents, to_attr="public_documents"))
    return (
        reports_selectors.report_list_for_user(user=None)
        .select_related("review")
        .prefetch_related(Prefetch("versions", queryset=versions, to_attr="version_list"))
    )


# --- Bulk downloads ---------------------------------------------------------------------------


def data_export_list() -> list[DataExport]:
    return list(DataExport.objects.order_by("dataset", "format"))


def data_export_get(*, dataset: str, format: str) -> DataExport | None:
    return DataExport.objects.filter(dataset=dataset, format=format).first()
