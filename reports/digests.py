"""The figures of a quarterly digest or an annual report, read from meetings, recommendations and road maps.

`digest_figures` returns plain JSON-ready data, stored on the Report: the HTML page, the PDF and the XLSX all
show that one snapshot, so the three always agree and the page costs no heavy query. Names of organisations and
the content people wrote (meeting titles, decisions, follow-up actions, road maps, overdue actions) are kept as
each language's readers see them (`_text`), whatever language the build ran in; labels (statuses, headings) are
translated when rendered.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any, TypeVar

from django.db.models import Count, Q
from django.utils import timezone, translation

from core import dates, search
from core.language import in_each_language
from core.richtext import MINUTES, sanitize_rich_text
from meetings.models import FollowUpAction, Meeting, Minutes
from participants.models import Organization
from recommendations.models import Action, Mechanism, ProgressUpdate, Recommendation, RoadMap
from submissions.models import Submission

# The HTML page and the PDF list this many overdue actions (most overdue first); the XLSX lists them all.
OVERDUE_LIST_LIMIT = 100
# Agencies on the chart (most actions first); tables list them all.
CHART_AGENCY_LIMIT = 15


@dataclass(frozen=True)
class Period:
    start: datetime.date
    end: datetime.date  # included

    @property
    def starts_at(self) -> datetime.datetime:
        return timezone.make_aware(datetime.datetime.combine(self.start, datetime.time.min))

    @property
    def ends_before(self) -> datetime.datetime:
        return timezone.make_aware(datetime.datetime.combine(self.end + datetime.timedelta(days=1),
                                                             datetime.time.min))


def quarter_period(year: int, quarter: int) -> Period:
    if quarter not in (1, 2, 3, 4):
        raise ValueError(f"quarter must be 1-4, not {quarter}")
    start = datetime.date(year, 3 * quarter - 2, 1)
    next_start = datetime.date(year + 1, 1, 1) if quarter == 4 else datetime.date(year, 3 * quarter + 1, 1)
    return Period(start, next_start - datetime.timedelta(days=1))


def year_period(year: int) -> Period:
    return Period(datetime.date(year, 1, 1), datetime.date(year, 12, 31))


def previous_quarter(today: datetime.date) -> tuple[int, int]:
    quarter = (today.month - 1) // 3 + 1
    return (today.year - 1, 4) if quarter == 1 else (today.year, quarter - 1)


R = TypeVar("R")


def _text(row: R, read: Callable[[R], str]) -> str | dict[str, str]:
    """A text of `row` in each language ({"kk": ..., "ru": ..., "en": ...}, `read(row)` with that language active,
    so translated fields give their translation or fallback), or one string when all three are the same;
    reports.rendering picks the reader's (core.language.pick)."""
    values = in_each_language(lambda: read(row))
    first = next(iter(values.values()))
    return first if all(value == first for value in values.values()) else values


def _names(org: Organization | Mapping[str, Any]) -> dict[str, str]:
    if not isinstance(org, Organization):  # a row of .values()
        org = Organization(name_en=org["name_en"], name_ru=org["name_ru"], name_kk=org["name_kk"],
                           acronym=org["acronym"])
    names = {}
    for language in ("en", "ru", "kk"):
        with translation.override(language):
            names[language] = org.name
    names["short"] = org.acronym or names["en"]
    return names


def _meetings(period: Period) -> list[dict[str, Any]]:
    meetings = list(
        Meeting.objects.held().filter(
            starts_at__gte=period.starts_at, starts_at__lt=period.ends_before,
        ).select_related("subgroup").order_by("starts_at", "pk")
    )
    ids = [m.pk for m in meetings]
    minutes = {m.meeting_id: m for m in Minutes.objects.published().filter(meeting_id__in=ids).defer(*search.vector_fields())}
    follow_ups: dict[int, list[dict[str, Any]]] = {pk: [] for pk in ids}
    for action in (FollowUpAction.objects.filter(meeting_id__in=ids).select_related("owner_organization")
                   .order_by("pk")):
        follow_ups[action.meeting_id].append({
            "description": _text(action, lambda a: a.description),
            "owner": _names(action.owner_organization) if action.owner_organization else None,
            "due": action.due_date.isoformat() if action.due_date else None,
            "status": action.status,
        })
    return [
        {
            "id": m.pk,
            "number": m.number,
            "title": _text(m, lambda m: m.title),
            # The day on the meeting's own clocks, as its page says it (a New York evening is not Almaty's morning).
            "date": dates.localize(m.starts_at, m.time_zone).date().isoformat(),
            "subgroup": _text(m.subgroup, lambda s: s.name) if m.subgroup else None,
            "minutes_published": m.pk in minutes,
            # Minutes are sanitised when saved; cleaning again keeps the digest safe to render whatever came in.
            "decisions": _text(minutes[m.pk], lambda mn: sanitize_rich_text(mn.decisions, profile=MINUTES))
            if m.pk in minutes else "",
            "follow_ups": follow_ups[m.pk],
        }
        for m in meetings
    ]


def _recommendations(period: Period) -> dict[str, Any]:
    in_period = Q(created_at__gte=period.starts_at, created_at__lt=period.ends_before)
    new_by_mechanism = dict(
        Recommendation.objects.filter(in_period).values_list("mechanism_id").annotate(n=Count("id"))
    )
    # A change is any edit recorded by django-simple-history in the period, to a recommendation older than it.
    History = Recommendation.history.model  # type: ignore[attr-defined]  # simple_history's HistoryManager
    changed_rows = (
        History.objects.filter(history_type="~", history_date__gte=period.starts_at,
                               history_date__lt=period.ends_before,
                               created_at__lt=period.starts_at)
        .values("mechanism_id").annotate(n=Count("id", distinct=True))
    )
    changed_by_mechanism = {row["mechanism_id"]: row["n"] for row in changed_rows}
    changed_status = dict(
        Recommendation.objects.filter(
            pk__in=History.objects.filter(history_type="~", history_date__gte=period.starts_at,
                                          history_date__lt=period.ends_before,
                                          created_at__lt=period.starts_at).values("id")
        ).values_list("status").annotate(n=Count("id"))
    )
    rows = []
    for mechanism in Mechanism.objects.order_by("sort_order", "acronym"):
        new, changed = new_by_mechanism.get(mechanism.pk, 0), changed_by_mechanism.get(mechanism.pk, 0)
        if new or changed:
            rows.append({"acronym": mechanism.acronym, "name": _text(mechanism, lambda m: m.name),
                         "new": new, "changed": changed})
    return {
        "new": sum(new_by_mechanism.values()),
        "changed": sum(changed_by_mechanism.values()),
        "by_mechanism": rows,
        "changed_by_status": [{"status": s, "count": changed_status.get(s, 0)} for s in Recommendation.Status.values],
    }


def _actions(period: Period) -> dict[str, Any]:
    # Actions are judged by their deadline and completion date, not by when they were typed into the portal:
    # road maps entered late still describe the period. "Done by the end" uses completed_on when it is known.
    done_by_end = Q(action__status=Action.Status.DONE) & (
        Q(action__completed_on__isnull=True) | Q(action__completed_on__lte=period.end)
    )
    overdue = Q(action__deadline__lte=period.end) & ~done_by_end
    done_in_period = Q(action__status=Action.Status.DONE, action__completed_on__gte=period.start,
                       action__completed_on__lte=period.end)
    Link = Action.responsible_agencies.through
    per_agency = (
        Link.objects.filter(action__withdrawn_at__isnull=True).values("organization_id")
        .annotate(total=Count("id"), done=Count("id", filter=done_by_end),
                  done_in_period=Count("id", filter=done_in_period), overdue=Count("id", filter=overdue))
    )
    orgs = {o["pk"]: o for o in Organization.objects.filter(
        pk__in=[row["organization_id"] for row in per_agency]).values("pk", "name_en", "name_ru", "name_kk", "acronym")}
    agencies = sorted(
        ({"names": _names(orgs[row["organization_id"]]), "total": row["total"], "done": row["done"],
          "done_in_period": row["done_in_period"], "overdue": row["overdue"]} for row in per_agency),
        key=lambda a: (-a["total"], a["names"]["en"]),
    )

    road_done = Q(actions__status=Action.Status.DONE) & (
        Q(actions__completed_on__isnull=True) | Q(actions__completed_on__lte=period.end)
    )
    road_maps = [
        {"number": r.number, "title": _text(r, lambda r: r.title), "total": r.total, "done": r.done,
         "percent": round(r.done * 100 / r.total) if r.total else 0}
        for r in RoadMap.objects.annotate(
            total=Count("actions", filter=Q(actions__withdrawn_at__isnull=True)),
            done=Count("actions", filter=road_done & Q(actions__withdrawn_at__isnull=True)),
        ).order_by("number")
    ]

    overdue_q = Action.objects.filter(deadline__lte=period.end).exclude(
        Q(status=Action.Status.DONE) & (Q(completed_on__isnull=True) | Q(completed_on__lte=period.end))
    )
    # Instances, not .values(): a translated description is read per language through the model's field.
    overdue_rows = list(overdue_q.select_related("road_map").order_by("deadline", "road_map__number", "number"))
    agency_names: dict[int, list[dict[str, str]]] = {}
    ids = [row.pk for row in overdue_rows]
    for chunk_start in range(0, len(ids), 2000):
        chunk = ids[chunk_start:chunk_start + 2000]
        for link in Link.objects.filter(action_id__in=chunk).values(
                "action_id", "organization__name_en", "organization__name_ru", "organization__name_kk",
                "organization__acronym").order_by("action_id", "organization__name_en"):
            agency_names.setdefault(link["action_id"], []).append(_names({
                "name_en": link["organization__name_en"], "name_ru": link["organization__name_ru"],
                "name_kk": link["organization__name_kk"], "acronym": link["organization__acronym"]}))
    overdue_actions = [
        {"reference": f"{row.road_map.number}.{row.number}", "description": _text(row, lambda a: a.description),
         "deadline": row.deadline.isoformat(), "days_overdue": (period.end - row.deadline).days,
         "status": row.status, "agencies": agency_names.get(row.pk, [])}
        for row in overdue_rows
        if row.deadline is not None  # always: the query compares the deadline with a date
    ]
    done_in_period_total = Action.objects.filter(
        status=Action.Status.DONE, completed_on__gte=period.start, completed_on__lte=period.end
    ).count()
    updates_approved = ProgressUpdate.objects.filter(
        state=ProgressUpdate.State.APPROVED, reviewed_at__gte=period.starts_at, reviewed_at__lt=period.ends_before
    ).count()
    return {
        "agencies": agencies,
        "road_maps": road_maps,
        "overdue_actions": overdue_actions,
        "updates_approved": updates_approved,
        "done_in_period": done_in_period_total,
    }


def _submissions(period: Period) -> dict[str, Any]:
    """NGO submissions received (submitted) and answered (decided) in the period, by kind."""
    received = Q(submitted_at__gte=period.starts_at, submitted_at__lt=period.ends_before)
    answered = Q(decided_at__gte=period.starts_at, decided_at__lt=period.ends_before,
                 status__in=Submission.DECIDED)
    rows = {
        row["kind"]: row
        for row in Submission.objects.filter(received | answered).values("kind").annotate(
            received=Count("id", filter=received), answered=Count("id", filter=answered),
            accepted=Count("id", filter=answered & Q(status__in=Submission.ACCEPTED_STATUSES)),
        )
    }
    by_kind = [
        {"kind": kind, "received": rows[kind]["received"], "answered": rows[kind]["answered"],
         "accepted": rows[kind]["accepted"]}
        for kind in Submission.Kind.values if kind in rows
    ]
    return {
        "received": sum(r["received"] for r in by_kind),
        "answered": sum(r["answered"] for r in by_kind),
        "accepted": sum(r["accepted"] for r in by_kind),
        "by_kind": by_kind,
    }


def digest_figures(*, period: Period) -> dict[str, Any]:
    meetings = _meetings(period)
    recommendations = _recommendations(period)
    actions = _actions(period)
    submissions = _submissions(period)
    follow_ups = [f for m in meetings for f in m["follow_ups"]]
    return {
        "period": {"start": period.start.isoformat(), "end": period.end.isoformat()},
        "totals": {
            "meetings_held": len(meetings),
            "decisions_published": sum(1 for m in meetings if m["minutes_published"]),
            "follow_ups": len(follow_ups),
            "follow_ups_done": sum(1 for f in follow_ups if f["status"] == FollowUpAction.Status.DONE),
            "recommendations_new": recommendations["new"],
            "recommendations_changed": recommendations["changed"],
            "actions_total": sum(r["total"] for r in actions["road_maps"]),
            "actions_done_in_period": actions.pop("done_in_period"),
            "actions_overdue": len(actions["overdue_actions"]),
            "updates_approved": actions["updates_approved"],
            "submissions_received": submissions["received"],
            "submissions_answered": submissions["answered"],
        },
        "meetings": meetings,
        "recommendations": recommendations,
        "submissions": submissions,
        **actions,
    }
