"""Overdue road-map actions: a weekly reminder to the focal points of each responsible agency.

Registered with the notifications app from RecommendationsConfig.ready(). One notice per agency and week
(key "agency:<id>:actions_overdue:<ISO week>") lists all of that agency's overdue actions, so each overdue action
is reminded once a week to each focal point, in one message rather than one per action.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field

from django.conf import settings
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy

from notifications.models import Delivery, Notice
from notifications.registry import Message, Obsolete, register, register_due
from notifications.selectors import delivered_to
from notifications.services import notice_publish
from participants.models import Membership, Organization, User
from recommendations.models import Action

ACTION_OVERDUE = "recommendations.action_overdue"

# Weeks begin on Monday at 09:00 local time, so the weekly reminder arrives at the start of a working day
# rather than at midnight.
WEEK_STARTS_AT = dt.timedelta(hours=9)


def overdue_period(now: dt.datetime) -> str:
    """The reminder period `now` falls in, e.g. "2026-W48"."""
    iso = (timezone.localtime(now) - WEEK_STARTS_AT).isocalendar()
    return f"{iso.year}-W{iso.week:02d}"


def overdue_key(*, organization_id: int, period: str) -> str:
    return f"agency:{organization_id}:actions_overdue:{period}"


@dataclass
class DueAgencyNotice:
    organization_id: int
    key: str
    action_ids: list[int]
    recipients: list[User] = field(default_factory=list)


def overdue_action_notices_due(*, now: dt.datetime) -> list[DueAgencyNotice]:
    """Per agency with overdue actions, the focal points who have not had this week's reminder; three queries."""
    today = timezone.localdate(now)
    period = overdue_period(now)
    through = Action.responsible_agencies.through
    actions_by_agency: dict[int, list[int]] = defaultdict(list)
    for organization_id, action_id in (
        through.objects.filter(action__deadline__lt=today)
        .exclude(action__status=Action.Status.DONE)
        .order_by("action__road_map__number", "action__number")
        .values_list("organization_id", "action_id")
    ):
        actions_by_agency[organization_id].append(action_id)
    if not actions_by_agency:
        return []
    focal_points: dict[int, list[User]] = defaultdict(list)
    for membership in (
        Membership.objects.filter(
            organization_id__in=actions_by_agency, user__role=User.Role.FOCAL_POINT, user__is_active=True
        )
        .exclude(user__email="")
        .select_related("user")
        .order_by("user_id")
    ):
        focal_points[membership.organization_id].append(membership.user)
    keys = {overdue_key(organization_id=org, period=period): org for org in focal_points}
    delivered = delivered_to(kinds=[ACTION_OVERDUE], keys=keys)
    due: list[DueAgencyNotice] = []
    for key, organization_id in keys.items():
        people = [user for user in focal_points[organization_id] if user.pk not in delivered.get(key, {})]
        if people:
            due.append(DueAgencyNotice(organization_id, key, actions_by_agency[organization_id], people))
    return due


def overdue_action_notices_publish(*, now: dt.datetime) -> int:
    """Publish this week's overdue-action reminders not yet sent; returns the number of new deliveries."""
    published = 0
    for due in overdue_action_notices_due(now=now):
        with transaction.atomic():
            notice_publish(
                kind=ACTION_OVERDUE,
                key=due.key,
                recipients=due.recipients,
                payload={"organization_id": due.organization_id, "action_ids": due.action_ids},
            )
        published += len(due.recipients)
    return published


@register(ACTION_OVERDUE, label=gettext_lazy("Reminders of overdue road-map actions"))
def render_action_overdue(*, notice: Notice, delivery: Delivery) -> Message:
    agency = Organization.objects.filter(pk=notice.payload.get("organization_id")).first()
    if agency is None:
        raise Obsolete("The agency was deleted.")
    ids = [int(pk) for pk in notice.payload.get("action_ids", [])]
    # The list as it stands when the message is written: an action done since publication is left out.
    actions = list(
        Action.objects.filter(pk__in=ids)
        .exclude(status=Action.Status.DONE)
        .select_related("road_map")
        .order_by("road_map__number", "number")
    )
    if not actions:
        raise Obsolete("Every listed action was done before the reminder went out.")
    user = delivery.user
    context = {
        "recipient_name": (user.get_full_name() if user else "") or delivery.email,
        "agency": agency.localized_name,
        "count": len(actions),
        "actions": [
            {
                "road_map": action.road_map.number,
                "number": action.number,
                "description": action.description,
                # Overdue actions have a deadline, unless it was cleared after the notice: then this raises.
                "deadline": formats.date_format(action.deadline, "j E Y"),  # type: ignore[arg-type]
                "status": action.get_status_display(),
                "report_url": settings.SITE_URL + reverse("recommendations:progress-create", args=[action.pk]),
            }
            for action in actions
        ],
        "my_actions_url": settings.SITE_URL + reverse("recommendations:my-actions"),
    }
    subject = render_to_string("recommendations/email/action_overdue_subject.txt", context)
    return Message(
        subject=" ".join(subject.split()),
        text=render_to_string("recommendations/email/action_overdue.txt", context),
        html=render_to_string("recommendations/email/action_overdue.html", context),
    )


@register_due
def due_notices(now: dt.datetime) -> int:
    return overdue_action_notices_publish(now=now)
