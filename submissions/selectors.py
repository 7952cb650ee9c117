"""Read queries of the submissions app; the only place that scopes submissions to a person (STYLE.md 7.3)."""

from __future__ import annotations

import datetime as dt
import difflib
from collections.abc import Mapping
from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.db.models import Count, Prefetch, Q, QuerySet
from django.db.models.functions import TruncMonth
from django.http import Http404
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from core import dates, search
from core.charts import bars
from meetings import selectors as meetings_selectors
from meetings.agenda_sources import AgendaSuggestion
from meetings.models import Meeting
from participants.models import Organization, User
from participants.selectors import user_primary_organization
from recommendations.models import Recommendation, Theme
from submissions.models import CommentPeriod, Submission, SubmissionEvent
from submissions.services import DUPLICATE_RATIO, normalize_for_comparison

S = Submission.Status


# --- Comment periods ----------------------------------------------------------------------------


def comment_periods_open(*, now: dt.datetime | None = None) -> QuerySet[CommentPeriod]:
    return CommentPeriod.objects.open_at(now).select_related("road_map").order_by("closes_at", "pk")


def comment_period_manage_list() -> QuerySet[CommentPeriod]:
    return (
        CommentPeriod.objects.select_related("road_map")
        .annotate(comment_count=Count("comments", filter=~Q(comments__status__in=[S.DRAFT, S.WITHDRAWN])))
        .order_by("-closes_at", "-pk")
    )


def comment_period_get(*, pk: int) -> CommentPeriod:
    period = CommentPeriod.objects.select_related("road_map").filter(pk=pk).first()
    if period is None:
        raise Http404
    return period


# --- NGO side ---------------------------------------------------------------------------------


def _with_relations(qs: QuerySet[Submission]) -> QuerySet[Submission]:
    return qs.select_related(
        "organization", "author", "reviewer", "comment_period__road_map", "road_map", "mechanism", "review",
        "meeting", "responsible_agency", "agenda_item__meeting", "recommendation__mechanism",
        "recommendation__source_organization", "action__road_map",
    ).prefetch_related("themes")


def submitter_events() -> QuerySet[SubmissionEvent]:
    """The steps an NGO may see: never internal notes or assignments."""
    return (
        SubmissionEvent.objects.filter(action__in=SubmissionEvent.VISIBLE_TO_SUBMITTER)
        .select_related("actor").order_by("created_at", "pk")
    )


def submission_list_for_organization(*, organization: Organization, status: str = "") -> QuerySet[Submission]:
    # all_objects: the NGO keeps seeing its own submissions, withdrawn ones with when and why (core.withdrawal).
    qs = Submission.all_objects.filter(organization=organization)
    if status:
        qs = qs.filter(status=status)
    return _with_relations(qs).prefetch_related(
        Prefetch("events", queryset=submitter_events(), to_attr="visible_events")
    ).order_by("-updated_at", "-pk")


def submission_get_for_submitter(*, user: User, pk: int) -> Submission:
    """A submission of the person's own NGO; someone else's is "not found" (404), never shown or changed."""
    organization = user_primary_organization(user=user)
    if organization is None:
        raise Http404
    submission = submission_list_for_organization(organization=organization).filter(pk=pk).first()
    if submission is None:
        raise Http404
    return submission


COMPARED_WORDS = 1500


def _words(text: str) -> list[str]:
    """The first 1500 normalised words: enough to tell a copy, and it bounds the cost of long reports."""
    return normalize_for_comparison(text[:COMPARED_WORDS * 20]).split()[:COMPARED_WORDS]


def _shingles(words: list[str]) -> set[tuple[str, ...]]:
    return {tuple(words[i:i + 3]) for i in range(max(len(words) - 2, 1))}


def possible_duplicates(*, submission: Submission, limit: int = 200) -> list[tuple[Submission, int]]:
    """Earlier submissions of the same NGO whose text is the same or nearly (ratio >= 0.9), with the percentage.

    Compared word by word (difflib over word lists), after a cheap filter on length and shared three-word
    sequences: character-level difflib on long texts in one language takes seconds per pair (bench/submissions.py).
    """
    own_words = _words(f"{submission.title} {submission.text}")
    if not own_words:
        return []
    own_shingles = _shingles(own_words)
    candidates = (
        Submission.objects.filter(organization_id=submission.organization_id)
        .exclude(pk=submission.pk)
        .exclude(status__in=[S.DRAFT, S.WITHDRAWN])
        .only("pk", "title", "text", "status", "submitted_at")
        .order_by("-submitted_at")[:limit]
    )
    found: list[tuple[Submission, int]] = []
    for other in candidates:
        if 2 * min(len(other.text), len(submission.text)) / max(len(other.text) + len(submission.text), 1) < 0.8:
            continue  # lengths far apart (markup aside): cannot be 90% alike, skip without parsing
        words = _words(f"{other.title} {other.text}")
        if 2 * min(len(words), len(own_words)) / (len(words) + len(own_words)) < DUPLICATE_RATIO:
            continue
        shingles = _shingles(words)
        # Texts 90% alike share well over half of their three-word sequences; unrelated ones share few.
        if len(own_shingles & shingles) / len(own_shingles | shingles) < 0.5:
            continue
        # No autojunk: frequent words (и, в, the) must count, or near-copies of long texts score low.
        ratio = difflib.SequenceMatcher(None, own_words, words, autojunk=False).ratio()
        if ratio >= DUPLICATE_RATIO:
            found.append((other, round(ratio * 100)))
    return sorted(found, key=lambda pair: -pair[1])


def upcoming_meetings() -> QuerySet[Meeting]:
    return meetings_selectors.meeting_upcoming_list().filter(status=Meeting.Status.SCHEDULED)


# --- Secretariat side ---------------------------------------------------------------------------


def reviewers() -> QuerySet[User]:
    return User.objects.filter(is_active=True).filter(
        Q(role=User.Role.SECRETARIAT) | Q(is_superuser=True)
    ).order_by("last_name", "first_name", "email")


def moderation_queue(
    *, kind: str = "", status: str = "", theme: Theme | None = None, organization: Organization | None = None,
    reviewer: User | None = None, month: dt.date | None = None,
) -> QuerySet[Submission]:
    """Everything sent to the secretariat (never drafts), oldest waiting first within a status."""
    qs = Submission.objects.exclude(status=S.DRAFT)
    if kind:
        qs = qs.filter(kind=kind)
    if status:
        qs = qs.filter(status=status)
    if theme is not None:
        qs = qs.filter(themes=theme)
    if organization is not None:
        qs = qs.filter(organization=organization)
    if reviewer is not None:
        qs = qs.filter(reviewer=reviewer)
    if month is not None:
        qs = qs.filter(submitted_at__year=month.year, submitted_at__month=month.month)
    return qs.select_related("organization", "reviewer").prefetch_related("themes").order_by("-submitted_at", "-pk")


def queue_counts() -> dict[str, int]:
    rows = Submission.objects.exclude(status=S.DRAFT).values("status").annotate(n=Count("id"))
    return {row["status"]: row["n"] for row in rows}


def submission_get_for_moderation(*, pk: int) -> Submission:
    submission = _with_relations(Submission.all_objects.exclude(status=S.DRAFT)).prefetch_related(
        Prefetch("related_recommendations",
                 queryset=Recommendation.objects.select_related("mechanism", "source_organization")
                 .defer(*search.vector_fields()).order_by("document_symbol", "paragraph", "pk")),
        Prefetch("events", queryset=SubmissionEvent.objects.select_related("actor").order_by("created_at", "pk"),
                 to_attr="all_events"),
    ).filter(pk=pk).first()
    if submission is None:
        raise Http404
    return submission


def organizations_with_submissions() -> QuerySet[Organization]:
    """Every organisation with at least one submission the secretariat sees (anything sent, never a draft): an
    organisation that also keeps a draft is listed too, for the submissions it did send."""
    sent = Submission.objects.exclude(status=S.DRAFT).values("organization_id")
    return Organization.objects.filter(pk__in=sent).order_by("name")


# --- Public -----------------------------------------------------------------------------------


def public_accepted_list(*, kind: str = "", theme: Theme | None = None) -> QuerySet[Submission]:
    qs = Submission.objects.filter(status__in=Submission.ACCEPTED_STATUSES)
    if kind:
        qs = qs.filter(kind=kind)
    if theme is not None:
        qs = qs.filter(themes=theme)
    return qs.select_related(
        "organization", "agenda_item__meeting", "recommendation__mechanism", "recommendation__source_organization",
        "action__road_map", "comment_period__road_map", "road_map",
    ).prefetch_related("themes").order_by("-decided_at", "-pk")


def public_submission_get(*, pk: int) -> Submission:
    """An accepted submission's public page; a withdrawn one too, which then says when and why."""
    submission = Submission.all_objects.filter(
        pk=pk, status__in=Submission.ACCEPTED_STATUSES
    ).select_related("organization", "agenda_item__meeting", "recommendation", "action__road_map",
                     "comment_period__road_map", "road_map").prefetch_related("themes").first()
    if submission is None:
        raise Http404
    return submission


def public_counts() -> dict[str, int]:
    """What the public may know of everything sent: counts only, declined ones included."""
    rows = Submission.objects.exclude(status__in=[S.DRAFT, S.WITHDRAWN]).values("status").annotate(n=Count("id"))
    counts = {row["status"]: row["n"] for row in rows}
    return {
        "accepted": counts.get(S.ACCEPTED, 0) + counts.get(S.PARTLY_ACCEPTED, 0),
        "declined": counts.get(S.DECLINED, 0),
        "pending": counts.get(S.SUBMITTED, 0) + counts.get(S.UNDER_REVIEW, 0),
        "total": sum(counts.values()),
    }


def document_get_for_user(*, user: User | AnonymousUser, pk: int) -> Submission:
    """The report file: public once accepted; before that, the NGO's own people and the secretariat."""
    submission = Submission.objects.select_related("organization").filter(pk=pk).exclude(document="").first()
    if submission is None:
        raise Http404
    if submission.is_accepted:
        return submission
    if user.is_authenticated:
        if user.is_secretariat and submission.status != S.DRAFT:
            return submission
        organization = user_primary_organization(user=user)
        if organization is not None and organization.pk == submission.organization_id:
            return submission
    raise Http404


# --- Statistics -------------------------------------------------------------------------------


def statistics(*, public: bool) -> dict[str, object]:
    """Counts by kind, status, theme, organisation and month. The public sees organisations of accepted ones only."""
    sent = Submission.objects.exclude(status=S.DRAFT)
    if public:
        sent = sent.exclude(status=S.WITHDRAWN)
    kind_labels = dict(Submission.Kind.choices)
    by_kind = {r["kind"]: r["n"] for r in sent.values("kind").annotate(n=Count("id"))}
    status_labels = dict(Submission.Status.choices)
    by_status = {r["status"]: r["n"] for r in sent.values("status").annotate(n=Count("id"))}
    themes = (
        Theme.objects.filter(submissions__in=sent).annotate(n=Count("submissions", distinct=True))
        .order_by("-n", "name")[:15]
    )
    organizations_source = sent.filter(status__in=Submission.ACCEPTED_STATUSES, anonymous=False) if public else sent
    by_organization = (
        organizations_source.values("organization__name_en", "organization__name_ru", "organization__name_kk")
        .annotate(n=Count("id")).order_by("-n", "organization__name_en")[:15]
    )
    by_month = (
        sent.annotate(month=TruncMonth("submitted_at", tzinfo=timezone.get_current_timezone())).values("month")
        .annotate(n=Count("id")).order_by("month")
    )

    def org_label(row: Mapping[str, Any]) -> str:
        probe = Organization(name_en=row["organization__name_en"], name_ru=row["organization__name_ru"],
                             name_kk=row["organization__name_kk"])
        return probe.localized_name

    statuses = [value for value, _label in Submission.Status.choices if value != S.DRAFT]
    if public:
        statuses = [value for value in statuses if value != S.WITHDRAWN]
    return {
        "total": sum(by_status.values()),
        "by_kind": bars([(str(label), by_kind.get(value, 0)) for value, label in kind_labels.items()]),
        "by_status": bars([(str(status_labels[value]), by_status.get(value, 0)) for value in statuses]),
        "by_theme": bars([(t.localized_name, t.n) for t in themes]),
        "by_organization": bars([(org_label(r), r["n"]) for r in by_organization]),
        "by_month": bars([(dates.month_text(r["month"]), r["n"])
                           for r in by_month if r["month"] is not None]),
    }


# --- Links from lower apps' pages (submissions/hooks.py) ------------------------------------------------------


def submissions_linked_to(*, field: str, ids: list[int]) -> list[tuple[int, int, str]]:
    """(target id, submission id, title) of the submissions that became the agenda items, recommendations or
    actions `ids` (field: "agenda_item", "recommendation" or "action"), oldest first; one query."""
    if field not in ("agenda_item", "recommendation", "action"):
        raise ValueError(f"No link from a submission to {field!r}.")
    return list(
        Submission.objects.filter(**{f"{field}_id__in": ids}).order_by("pk").values_list(f"{field}_id", "pk", "title")
    )


# --- Agenda suggestions for meetings (registered in SubmissionsConfig.ready) --------------------------


def agenda_suggestions_from_submissions(*, meeting: Meeting) -> list[AgendaSuggestion]:
    """Accepted NGO proposals and agenda suggestions not yet on any agenda, for this or any meeting."""
    qs = (
        Submission.objects.filter(
            status__in=Submission.ACCEPTED_STATUSES, kind__in=[Submission.Kind.PROPOSAL, Submission.Kind.AGENDA],
            agenda_item__isnull=True,
        )
        .filter(Q(meeting__isnull=True) | Q(meeting=meeting))
        .select_related("organization").order_by("-decided_at", "-pk")[:20]
    )
    return [
        AgendaSuggestion(
            title=submission.title,
            description=submission.public_answer,
            source=_("NGO submission from %(organization)s") % {"organization": submission.organization.localized_name},
            url=reverse("submissions:moderate", args=[submission.pk]),
        )
        for submission in qs
    ]
