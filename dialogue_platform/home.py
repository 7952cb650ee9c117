"""Each role's home page after sign-in: what waits for the person, gathered from every app.

It lives here, in the composition root (the top of the import order, like urls.py), because it reads from every
app and no app may read from the ones above it. Each app keeps its own queries in its selectors; this module only
asks them and arranges the answers. No app imports this module.

The secretariat's "waiting for you" list is a list of small functions (SECRETARIAT_TASKS), one per kind of work.
A workstream that adds a kind of work (e.g. missing translations) adds one function there with
`register_secretariat_task`; the page, its counts and its tests pick it up.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from core import multilingual
from meetings import selectors as meeting_selectors
from notifications import selectors as notification_selectors
from participants import selectors as participant_selectors
from participants.models import Organization, OrganizationApplication, User
from recommendations import selectors as recommendation_selectors
from recommendations.models import Action
from submissions import selectors as submission_selectors
from submissions.models import Submission

# How many rows a home page shows of each list; the "see all" link leads to the full page.
LIST_LIMIT = 5


@dataclass
class Task:
    """One kind of work waiting for the secretariat: "3 submissions to moderate", and where to do it."""

    key: str
    count: int
    label: str
    url: str
    link_text: str
    # The first few items themselves (title, link), when naming them helps more than a count.
    items: list[tuple[str, str]] = field(default_factory=list)


TaskSource = Callable[[dt.datetime], Task]
SECRETARIAT_TASKS: list[TaskSource] = []


def register_secretariat_task(source: TaskSource) -> TaskSource:
    """Add a kind of waiting work to the secretariat's home page (usable as a decorator). Keep it to one query."""
    SECRETARIAT_TASKS.append(source)
    return source


@register_secretariat_task
def _submissions_to_moderate(now: dt.datetime) -> Task:
    counts = submission_selectors.queue_counts()
    count = counts.get(Submission.Status.SUBMITTED, 0) + counts.get(Submission.Status.UNDER_REVIEW, 0)
    return Task(
        "submissions", count,
        ngettext("NGO submission to moderate", "NGO submissions to moderate", count),
        reverse("submissions:queue"), _("Open the moderation queue"),
    )


@register_secretariat_task
def _progress_updates_to_approve(now: dt.datetime) -> Task:
    count = recommendation_selectors.progress_update_queue().count()
    return Task(
        "progress", count,
        ngettext("progress update to approve", "progress updates to approve", count),
        reverse("recommendations:progress-queue"), _("Review the updates"),
    )


@register_secretariat_task
def _applications_to_join(now: dt.datetime) -> Task:
    count = participant_selectors.application_status_counts().get(OrganizationApplication.Status.PENDING, 0)
    return Task(
        "applications", count,
        ngettext("application to join", "applications to join", count),
        reverse("participants:application-queue") + "?status=" + OrganizationApplication.Status.PENDING,
        _("Decide on the applications"),
    )


@register_secretariat_task
def _minutes_overdue(now: dt.datetime) -> Task:
    overdue = meeting_selectors.meetings_minutes_overdue(now=now)
    count = len(overdue)
    # One meeting: straight to its minutes; several: the list of meetings.
    url = reverse("meetings:minutes", args=[overdue[0].pk]) if count == 1 else reverse("meetings:manage-list")
    return Task(
        "minutes", count,
        ngettext("meeting with minutes overdue", "meetings with minutes overdue", count),
        url, _("Write the minutes"),
        items=[(m.title, reverse("meetings:minutes", args=[m.pk])) for m in overdue[:LIST_LIMIT]],
    )


@register_secretariat_task
def _translations_missing(now: dt.datetime) -> Task:
    # One query: a UNION of counts over every kind of translatable content (core.multilingual.queue_counts).
    counts = multilingual.queue_counts()
    # A kind counted only to its cap (recommendations) counts as its cap: "at least" that many.
    caps = {kind.key: kind.count_cap for kind in multilingual.kinds() if kind.count_cap is not None}
    counts = {(key, code): min(n, caps.get(key, n)) for (key, code), n in counts.items()}
    count = sum(counts.values())
    busiest = max(multilingual.languages(), key=lambda code: sum(n for (_k, c), n in counts.items() if c == code))
    return Task(
        "translations", count,
        ngettext("translation missing or out of date", "translations missing or out of date", count),
        reverse("translation-queue") + "?lang=" + busiest, _("Translate them side by side"),
    )


@register_secretariat_task
def _notices_failed(now: dt.datetime) -> Task:
    count = notification_selectors.notice_log(problem="failed").count()
    return Task(
        "notices", count,
        ngettext("notice with e-mails that failed", "notices with e-mails that failed", count),
        reverse("notifications:notice-list") + "?problem=failed", _("See the failed e-mails"),
    )


def secretariat_home(*, user: User, now: dt.datetime, organization: Organization | None) -> dict[str, Any]:
    tasks = [source(now) for source in SECRETARIAT_TASKS]
    meeting = meeting_selectors.meeting_next_to_prepare(now=now)
    return {
        "tasks": tasks,
        "waiting_total": sum(task.count for task in tasks),
        "next_meeting": meeting,
        "readiness": meeting_selectors.meeting_readiness(meeting=meeting) if meeting else None,
    }


def focal_point_home(*, user: User, now: dt.datetime, organization: Organization | None) -> dict[str, Any]:
    today = timezone.localdate(now)
    actions = list(recommendation_selectors.action_list_for_user(user=user))
    open_actions = [a for a in actions if a.status != Action.Status.DONE]
    # By deadline, the ones without a deadline last: what is late or due soonest comes first.
    open_actions.sort(key=lambda a: (a.deadline is None, a.deadline or today, a.road_map.number, a.number))
    overdue = [a for a in open_actions if a.is_overdue_on(today)]
    return {
        "actions": open_actions[: LIST_LIMIT * 2],
        "open_count": len(open_actions),
        "overdue_count": len(overdue),
        "done_count": len(actions) - len(open_actions),
        "due_soon_count": sum(
            1 for a in open_actions if a.deadline is not None and today <= a.deadline <= today + dt.timedelta(days=90)
        ),
        "today": today,
        "invitations": _next_invitations(user),
        # The secretariat's answers to the person's own updates, as the e-mail told them (issue 16, item 5).
        "reviewed_updates": recommendation_selectors.progress_updates_reviewed_for(
            user=user, since=now - dt.timedelta(days=30)),
    }


def ngo_home(*, user: User, now: dt.datetime, organization: Organization | None) -> dict[str, Any]:
    submissions: list[Submission] = []
    if organization is not None:
        submissions = list(submission_selectors.submission_list_for_organization(organization=organization)[:LIST_LIMIT])
    return {
        "submissions": submissions,
        "periods": list(submission_selectors.comment_periods_open(now=now)[:LIST_LIMIT]),
        "invitations": _next_invitations(user),
    }


def observer_home(*, user: User, now: dt.datetime, organization: Organization | None) -> dict[str, Any]:
    invitations = _next_invitations(user)
    invited = {invitation.meeting_id for invitation in invitations}
    # The meetings the person is invited to are listed above; here come the others.
    upcoming = [m for m in meeting_selectors.meeting_upcoming_list()[: LIST_LIMIT + len(invited)] if m.pk not in invited]
    return {
        "invitations": invitations,
        "upcoming": upcoming[:LIST_LIMIT],
        "minutes": list(meeting_selectors.minutes_recently_published(limit=LIST_LIMIT)),
    }


def _next_invitations(user: User) -> list[Any]:
    return list(meeting_selectors.my_invitations(user=user)[:3])


# Role -> (template, builder). A person with no role of these (a superuser is treated as the secretariat) sees
# the observer's page: public meetings and minutes.
HOMES: dict[str, tuple[str, Callable[..., dict[str, Any]]]] = {
    "secretariat": ("home/secretariat.html", secretariat_home),
    "focal_point": ("home/focal_point.html", focal_point_home),
    "ngo": ("home/ngo.html", ngo_home),
    "observer": ("home/observer.html", observer_home),
}


def role_of(user: User) -> str:
    if user.is_secretariat:
        return "secretariat"
    return user.role if user.role in HOMES else "observer"


def home_for(*, user: User, now: dt.datetime | None = None) -> tuple[str, dict[str, Any]]:
    """The template and context of `user`'s home page."""
    role = role_of(user)
    template, build = HOMES[role]
    organization = participant_selectors.user_primary_organization(user=user)
    context = build(user=user, now=now or timezone.now(), organization=organization)
    context.update(role=role, organization=organization)
    return template, context
