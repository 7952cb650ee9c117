"""Every read of the recommendations app, with its select_related/prefetch_related."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, cast

from django.contrib.auth.models import AnonymousUser
from django.contrib.postgres.search import SearchHeadline, SearchRank
from django.core.exceptions import PermissionDenied
from django.db import connection, models
from django.db.models import Case, Count, F, FloatField, Prefetch, Q, QuerySet, Value, When, prefetch_related_objects
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from core import search
from core.charts import bars, line
from core.multilingual import fallback_expression
from participants.models import Membership, Organization, User
from recommendations import hooks
from recommendations.models import (
    Action,
    ImportJob,
    NationalPlan,
    PlanMeasure,
    ProgressUpdate,
    Recommendation,
    RecommendingState,
    RoadMap,
    Theme,
)

# --- Recommendations --------------------------------------------------------------------------


def _row_lists() -> tuple[Prefetch[Any], ...]:
    # Lists (to_attr), not managers: building a related manager per row and per use is measurable at 25 rows.
    return (
        Prefetch("themes", queryset=Theme.objects.order_by("name"), to_attr="theme_list"),
        Prefetch("recommending_states", queryset=RecommendingState.objects.order_by("name"), to_attr="state_list"),
        Prefetch("responsible_agencies", queryset=Organization.objects.order_by("name"), to_attr="agency_list"),
    )


def recommendation_list(*, withdrawn_too: bool = False, with_lists: bool = True) -> QuerySet[Recommendation]:
    """The tracker's rows: a fixed number of queries per page, whatever the number of rows. Withdrawn ones only
    for a recommendation's own page (`withdrawn_too`). Without `with_lists`, each row's themes, recommending
    states and agencies are left for recommendation_lists_load (the tracker loads them only for the rows it has
    to render, not for those whose rendering is cached)."""
    manager = Recommendation.all_objects if withdrawn_too else Recommendation.objects
    qs = manager.select_related("mechanism", "review", "source_organization").defer(*search.vector_fields())
    return qs.prefetch_related(*_row_lists()) if with_lists else qs


def recommendation_lists_load(rows: list[Recommendation]) -> None:
    """`theme_list`, `state_list` and `agency_list` on each of `rows`: three queries, whatever their number."""
    prefetch_related_objects(rows, *_row_lists())


def recommendation_search(
    qs: QuerySet[Recommendation], query: str, *, language: str | None = None
) -> QuerySet[Recommendation]:
    """Every word of `query`, anywhere, in the reader's language (core.search).

    PostgreSQL: the stored vector of that language (GIN-indexed), websearch syntax. Elsewhere: each word in the
    text the reader is shown, or in the symbol or paragraph (icontains, ANDed).
    """
    query = " ".join(query.split())
    if not query:
        return qs
    language = search.search_language(language)
    if connection.vendor == "postgresql":
        tsquery = search.tsquery(query, language)
        if tsquery is None:  # nothing but stop words ("the", "и")
            return qs.none()
        field = search.vector_field(language)
        return qs.filter(**{field: tsquery})
    qs = qs.annotate(shown_text=fallback_expression("text", language))
    for word in search.words(query):
        anywhere = Q()
        for form in search.case_forms(word):
            anywhere |= Q(shown_text__icontains=form) | Q(document_symbol__icontains=form) | Q(paragraph__icontains=form)
        qs = qs.filter(anywhere)
    return qs


SORTS = {
    "newest": ("-id",),
    "oldest": ("id",),
    "reference": ("document_symbol", "paragraph", "id"),
    "status": ("status", "-id"),
}
# Relevance ranks at most this many matches, the newest: ts_rank reads each row's whole vector, and a common word
# matches tens of thousands of rows. Matches past the candidates follow them, newest first (docs/performance.md).
# The same number caps a search's count (recommendations.pagination.SEARCH_CAP).
RANK_CANDIDATES = 300


def recommendation_order(
    qs: QuerySet[Recommendation], *, sort: str, searching: bool, query: str = "", language: str | None = None
) -> QuerySet[Recommendation]:
    if (sort in ("", "relevance")) and searching and connection.vendor == "postgresql":
        language = search.search_language(language)
        tsquery = search.tsquery(query, language)
        if tsquery is None:
            return qs.order_by("-id")
        field = search.vector_field(language)
        # One row more than the candidates: it tells "more than RANK_CANDIDATES" without a count query.
        found = list(qs.order_by("-id").values_list("pk", flat=True)[:RANK_CANDIDATES + 1])
        if not found:
            return qs.order_by("-id")
        candidates = found[:RANK_CANDIDATES]
        rank = Case(
            When(pk__gte=candidates[-1], then=SearchRank(F(field), tsquery)),
            default=Value(-1.0), output_field=FloatField(),
        )
        ordered = qs.annotate(rank=rank).order_by("-rank", "-id")
        # The first len(candidates) rows of that order are the candidates: a page among them is read from them
        # alone (their ids, through the primary key), not from a sort of every match (CappedPaginator.head).
        ordered.head = (ordered.filter(pk__in=candidates), len(candidates))  # type: ignore[attr-defined]  # a note to the paginator
        # And the rows after them are the older matches, newest first: a deeper page reads them in that order (a
        # backward walk of the primary key), not from a sort of every match by the ranking expression.
        ordered.tail = qs.filter(pk__lt=candidates[-1]).order_by("-id")  # type: ignore[attr-defined]  # likewise
        # (rows counted, whether that is all of them): the paginator's count, without a query.
        ordered.counted = (len(found), len(found) <= RANK_CANDIDATES)  # type: ignore[attr-defined]  # likewise
        return ordered
    return qs.order_by(*SORTS.get(sort, SORTS["newest"]))


def recommendation_snippets(rows: list[Recommendation], *, query: str, language: str | None = None) -> None:
    """`snippet` on each row: its text in the reader's language with the query's words marked, escaped HTML.

    PostgreSQL: ts_headline for these rows only (one query), with the language's configuration; elsewhere the
    Python highlighter (core.search.highlight).
    """
    if not rows or not query.strip():
        return
    language = search.search_language(language)
    if connection.vendor == "postgresql":
        tsquery = search.tsquery(query, language)
        headlines: dict[int, str] = {}
        if tsquery is not None:
            headlines = dict(
                Recommendation.objects.filter(pk__in=[r.pk for r in rows]).annotate(
                    headline=SearchHeadline(
                        fallback_expression("text", language), search.headline_query(tsquery),
                        config=search.config_for(language),
                        start_sel=search.START, stop_sel=search.STOP, highlight_all=True,
                    )
                ).values_list("pk", "headline")
            )
        for row in rows:
            row.snippet = search.marked(headlines.get(row.pk) or "")
        return
    found = search.words(query)
    for row in rows:
        row.snippet = search.highlight(row.text, found, size=80)


def recommendation_get(*, pk: int) -> Recommendation:
    """One recommendation, with `links`: what higher apps link to it ("from an NGO submission"), through our hook.
    A withdrawn one too: its page says when and why (core.withdrawal)."""
    try:
        recommendation = (
            recommendation_list(withdrawn_too=True)
            .select_related("source_organization")
            .prefetch_related(
                "affected_groups", "sdg_targets",
                Prefetch("road_maps", queryset=RoadMap.objects.select_related("lead_agency").order_by("number")),
                Prefetch("plan_measures", queryset=PlanMeasure.objects.select_related("plan").order_by("number")),
            )
            .get(pk=pk)
        )
    except Recommendation.DoesNotExist:
        raise Http404 from None
    hooks.RECOMMENDATION_LINKS.attach([recommendation])
    return recommendation


def recommendation_history(*, recommendation: Recommendation) -> list[dict[str, object]]:
    """Changes of status and response, and the withdrawal, newest first, as (date, who, field, old, new)."""
    # simple_history puts a HistoryManager where the model class shows a HistoricalRecords.
    records = list(recommendation.history.select_related("history_user")  # type: ignore[attr-defined]
                   .order_by("-history_date", "-history_id"))
    changes: list[dict[str, object]] = []
    labels = {"status": Recommendation.Status, "response": Recommendation.Response}
    for newer, older in zip(records, records[1:], strict=False):
        if newer.withdrawn_at is not None and older.withdrawn_at is None:
            changes.append({"date": newer.withdrawn_at, "user": newer.history_user, "field": None, "old": None,
                            "new": newer.withdrawal_reason, "withdrawn": True})
        for field, choices in labels.items():
            old, new = getattr(older, field), getattr(newer, field)
            if old != new:
                changes.append({
                    "date": newer.history_date, "user": newer.history_user,
                    "field": cast("models.Field[Any, Any]", Recommendation._meta.get_field(field)).verbose_name,
                    "old": choices(old).label if old in choices.values else old,
                    "new": choices(new).label if new in choices.values else new,
                })
    if records:
        first = records[-1]
        changes.append({"date": first.history_date, "user": first.history_user, "field": None, "old": None,
                        "new": Recommendation.Status(first.status).label})
    return changes


# --- Road maps and actions --------------------------------------------------------------------


def _with_progress(qs: QuerySet[RoadMap], today: datetime.date) -> QuerySet[RoadMap]:
    # Counts through a relation skip the default manager: leave withdrawn actions out by hand.
    live = Q(actions__withdrawn_at__isnull=True)
    return qs.annotate(  # type: ignore[no-redef]  # declared on the model
        action_count=Count("actions", filter=live, distinct=True),
        done_count=Count("actions", filter=live & Q(actions__status=Action.Status.DONE), distinct=True),
        overdue_count=Count(
            "actions",
            filter=live & Q(actions__deadline__lt=today) & ~Q(actions__status=Action.Status.DONE),
            distinct=True,
        ),
    )


def progress_percent(done: int, total: int) -> int:
    return round(done * 100 / total) if total else 0


def roadmap_list(*, agency: Organization | None = None) -> list[RoadMap]:
    today = timezone.localdate()
    qs = RoadMap.objects.select_related("theme", "lead_agency")
    if agency is not None:
        qs = qs.filter(Q(lead_agency=agency) | Q(actions__responsible_agencies=agency)).distinct()
    road_maps: list[RoadMap] = list(_with_progress(qs, today).annotate(
        recommendation_count=Count("recommendations", filter=Q(recommendations__withdrawn_at__isnull=True),
                                   distinct=True)).order_by("number"))
    for road_map in road_maps:
        road_map.progress = progress_percent(road_map.done_count, road_map.action_count)
    return road_maps


def roadmap_get(*, number: int) -> RoadMap:
    approved = ProgressUpdate.objects.filter(state=ProgressUpdate.State.APPROVED).order_by("-date", "-id")
    actions = Action.objects.prefetch_related(
        "responsible_agencies", "partners", Prefetch("updates", queryset=approved, to_attr="approved_updates"),
    ).order_by("number")
    try:
        # all_objects: a withdrawn road map's page still answers, saying when and why (core.withdrawal).
        road_map = (
            RoadMap.all_objects.select_related("theme", "lead_agency")
            .prefetch_related(
                Prefetch("actions", queryset=actions),
                Prefetch("recommendations", queryset=Recommendation.objects.select_related("mechanism", "review",
                                                                                   "source_organization")
                         .defer(*search.vector_fields()).order_by("mechanism__sort_order", "review__number", "id")),
                Prefetch("plan_measures", queryset=PlanMeasure.objects.select_related("plan")),
            )
            .get(number=number)
        )
    except RoadMap.DoesNotExist:
        raise Http404 from None
    # What higher apps add, through our hooks: the meetings that discussed it, where each action came from.
    road_map.discussed_at = hooks.ROAD_MAP_MEETINGS.links([road_map]).get(road_map.pk, [])
    all_actions = list(road_map.actions.all())
    hooks.ACTION_LINKS.attach(all_actions)
    road_map.action_count = len(all_actions)
    road_map.done_count = sum(a.status == Action.Status.DONE for a in all_actions)
    road_map.overdue_count = sum(a.is_overdue for a in all_actions)
    road_map.progress = progress_percent(road_map.done_count, road_map.action_count)
    # Its public history: what was withdrawn, when and why (core.withdrawal).
    road_map.withdrawn_actions = list(
        Action.all_objects.filter(road_map=road_map, withdrawn_at__isnull=False).order_by("number")
    )
    road_map.withdrawn_updates = list(
        ProgressUpdate.all_objects.filter(action__road_map=road_map, state=ProgressUpdate.State.APPROVED,
                                          withdrawn_at__isnull=False, action__withdrawn_at__isnull=True)
        .select_related("action").order_by("-withdrawn_at")
    )
    return road_map


def agency_list() -> QuerySet[Organization]:
    """Agencies responsible for at least one action, with their counts."""
    today = timezone.localdate()
    live = Q(responsible_actions__withdrawn_at__isnull=True)
    return (
        Organization.objects.filter(responsible_actions__isnull=False, responsible_actions__withdrawn_at__isnull=True)
        .annotate(
            action_count=Count("responsible_actions", filter=live, distinct=True),
            done_count=Count("responsible_actions", filter=live & Q(responsible_actions__status=Action.Status.DONE),
                             distinct=True),
            overdue_count=Count("responsible_actions", filter=live & Q(responsible_actions__deadline__lt=today)
                                & ~Q(responsible_actions__status=Action.Status.DONE), distinct=True),
        )
        .order_by("name")
    )


def agency_get(*, pk: int) -> Organization:
    try:
        return Organization.objects.get(pk=pk, kind__in=[
            Organization.Kind.MINISTRY, Organization.Kind.PARLIAMENT, Organization.Kind.OMBUDSMAN,
            Organization.Kind.COURT, Organization.Kind.PRESIDENTIAL_COMMISSION,
        ])
    except Organization.DoesNotExist:
        raise Http404 from None


def action_list_for_agencies(*, agency_ids: set[int]) -> QuerySet[Action]:
    latest = ProgressUpdate.objects.select_related("author").order_by("-created_at")
    return (
        Action.objects.filter(responsible_agencies__in=agency_ids)
        .distinct()
        .select_related("road_map")
        .prefetch_related("responsible_agencies", Prefetch("updates", queryset=latest, to_attr="all_updates"))
        .order_by("road_map__number", "number")
    )


def action_list_for_user(*, user: User) -> QuerySet[Action]:
    """A focal point's own agencies' actions (their memberships)."""
    agency_ids = set(user.memberships.values_list("organization_id", flat=True))
    return action_list_for_agencies(agency_ids=agency_ids)


def action_get_for_reporting(*, user: User, pk: int) -> Action:
    """404 for no such action; PermissionDenied (with the reason) for someone else's agency."""
    try:
        action = Action.objects.select_related("road_map").prefetch_related("responsible_agencies").get(pk=pk)
    except Action.DoesNotExist:
        raise Http404 from None
    if user.is_secretariat:
        return action
    own = set(user.memberships.values_list("organization_id", flat=True))
    if not user.is_focal_point or not own & {a.pk for a in action.responsible_agencies.all()}:
        raise PermissionDenied(
            _("This action belongs to %(agencies)s. You can report only on the actions of your own agency.")
            % {"agencies": ", ".join(a.localized_name for a in action.responsible_agencies.all())}
        )
    return action


def progress_updates_of_action(*, action: Action) -> QuerySet[ProgressUpdate]:
    """Every update of one action, newest first, with who reviewed it: the progress form shows them so a focal
    point sees what was approved, returned (and why) or still waits before writing the next one."""
    return action.updates.select_related("author", "reviewed_by").order_by("-date", "-created_at")


def progress_updates_reviewed_for(*, user: User, since: datetime.datetime, limit: int = 5) -> list[ProgressUpdate]:
    """The secretariat's latest answers to a person's own updates (approved, or returned with the reason), newest
    first: the focal point's home page shows them, as the e-mail told them."""
    return list(
        ProgressUpdate.objects.filter(author=user, reviewed_at__gte=since)
        .exclude(state=ProgressUpdate.State.SUBMITTED)
        .select_related("action__road_map")
        .order_by("-reviewed_at")[:limit]
    )


def progress_update_queue() -> QuerySet[ProgressUpdate]:
    return (
        ProgressUpdate.objects.filter(state=ProgressUpdate.State.SUBMITTED)
        .select_related("action__road_map", "author")
        .prefetch_related("action__responsible_agencies")
        .order_by("created_at")
    )


def progress_update_get_pending(*, pk: int) -> ProgressUpdate:
    try:
        return ProgressUpdate.objects.select_related("action").get(pk=pk)
    except ProgressUpdate.DoesNotExist:
        raise Http404 from None


def progress_evidence_get_for_user(*, user: User | AnonymousUser, pk: int) -> ProgressUpdate:
    """An update whose evidence file `user` may download: 404 without a file, PermissionDenied when not theirs.

    Approved updates are public, their files too. Before that (awaiting approval, or returned) only the
    secretariat, the author and the focal points of the author's agency among those responsible for the action
    may have it. Anonymous visitors of an unapproved one are sent to sign in (views.progress_evidence).
    """
    update = ProgressUpdate.objects.filter(pk=pk).exclude(evidence_file="").first()
    if update is None:
        raise Http404
    if update.state == ProgressUpdate.State.APPROVED:
        return update
    if not user.is_authenticated:
        raise PermissionDenied
    if user.is_secretariat or user.pk == update.author_id:
        return update
    if user.is_focal_point:
        own = set(user.memberships.values_list("organization_id", flat=True))
        authors = set(Membership.objects.filter(user_id=update.author_id).values_list("organization_id", flat=True))
        responsible = set(Organization.objects.filter(responsible_actions=update.action_id).values_list("pk", flat=True))
        if own & authors & responsible:
            return update
    raise PermissionDenied(_("This update is not approved yet: only its agency and the secretariat can open its file."))


# --- Imports ----------------------------------------------------------------------------------


def import_job_get_for_user(*, user: User, token: str) -> ImportJob:
    """A person sees only their own imports; any other token is "not found"."""
    job = ImportJob.objects.filter(token=token, uploaded_by=user).first()
    if job is None:
        raise Http404
    return job


def import_job_list_for_user(*, user: User, limit: int = 5) -> list[ImportJob]:
    return list(
        ImportJob.objects.filter(uploaded_by=user).defer("preview").order_by("-created_at")[:limit]
    )


# --- National plans ---------------------------------------------------------------------------


def plan_list() -> QuerySet[NationalPlan]:
    return NationalPlan.objects.annotate(measure_count=Count("measures")).order_by("-start_year", "title")


def plan_get(*, slug: str) -> NationalPlan:
    measures = PlanMeasure.objects.prefetch_related(
        "responsible_agencies", "road_maps",
        Prefetch("recommendations", queryset=Recommendation.objects.select_related("mechanism", "source_organization")
                 .defer(*search.vector_fields())),
    ).order_by("id")
    try:
        return NationalPlan.objects.prefetch_related(Prefetch("measures", queryset=measures)).get(slug=slug)
    except NationalPlan.DoesNotExist:
        raise Http404 from None


# --- Dashboard --------------------------------------------------------------------------------


def dashboard() -> dict[str, object]:
    counts_by_mechanism = (
        Recommendation.objects.values("mechanism__code", "mechanism__acronym", "mechanism__sort_order")
        .annotate(n=Count("id")).order_by("mechanism__sort_order")
    )
    response_labels = dict(Recommendation.Response.choices)
    response_labels[""] = Recommendation.Kind.VOLUNTARY_PLEDGE.label
    by_response = Recommendation.objects.values("response").annotate(n=Count("id")).order_by("-n")
    status_labels = dict(Recommendation.Status.choices)
    by_status = {row["status"]: row["n"] for row in Recommendation.objects.values("status").annotate(n=Count("id"))}
    themes = Theme.objects.annotate(
        n=Count("recommendations", filter=Q(recommendations__withdrawn_at__isnull=True))
    ).filter(n__gt=0).order_by("-n", "name")[:15]
    progress = action_progress_over_time()
    return {
        "total": sum(by_status.values()),
        "by_mechanism": bars([(r["mechanism__acronym"], r["n"], f"mechanism={r['mechanism__code']}")
                               for r in counts_by_mechanism]),
        "by_response": bars([(str(response_labels.get(r["response"], r["response"])), r["n"],
                               f"response={r['response']}" if r["response"] else "kind=voluntary_pledge")
                              for r in by_response]),
        "by_status": bars([(str(label), by_status.get(value, 0), f"status={value}")
                            for value, label in status_labels.items()]),
        "by_theme": bars([(t.localized_name, t.n, f"theme={t.slug}") for t in themes]),
        "progress": progress,
        # The line of the same numbers: the share of actions done at the end of each quarter, on a 0-100 % axis.
        "progress_chart": line([(p.label, p.percent) for p in progress], y_max=100, y_suffix="%"),
    }


@dataclass
class ProgressPoint:
    label: str
    done: int
    total: int
    percent: int


def action_progress_over_time(*, today: datetime.date | None = None) -> list[ProgressPoint]:
    """Share of all road-map actions done at the end of each quarter, from the first completion to now."""
    today = today or timezone.localdate()
    total = Action.objects.count()
    # No None among them (completed_on__isnull=False), which the type checker cannot tell from the filter.
    dates = sorted(cast("Iterable[datetime.date]", Action.objects.filter(
        status=Action.Status.DONE, completed_on__isnull=False).values_list("completed_on", flat=True)))
    if not total or not dates:
        return []
    points: list[ProgressPoint] = []
    year, quarter = dates[0].year, (dates[0].month - 1) // 3 + 1
    index = 0
    while (year, quarter) <= (today.year, (today.month - 1) // 3 + 1):
        end = datetime.date(year + (quarter == 4), (quarter % 4) * 3 + 1, 1)
        while index < len(dates) and dates[index] < end:
            index += 1
        points.append(ProgressPoint(label=_("%(year)s Q%(quarter)s") % {"year": year, "quarter": quarter},
                                    done=index, total=total,
                                    percent=progress_percent(index, total)))
        year, quarter = (year + 1, 1) if quarter == 4 else (year, quarter + 1)
    return points
