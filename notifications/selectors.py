from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from typing import TYPE_CHECKING

from django.db.models import Case, Count, Q, QuerySet, When

from notifications.models import Delivery, Notice, OptOut

if TYPE_CHECKING:
    from participants.models import User


def delivered_to(*, kinds: Iterable[str], keys: Iterable[str]) -> dict[str, dict[int, dt.datetime]]:
    """notice key -> {user id: when their delivery was made}, for the notices (kind, key) given; one query.

    What the apps' due-notice checkers ask before publishing: who already has this notice (people with an account).
    """
    delivered: dict[str, dict[int, dt.datetime]] = defaultdict(dict)
    for key, user_id, created_at in Delivery.objects.filter(
        notice__kind__in=list(kinds), notice__key__in=list(keys), user_id__isnull=False
    ).values_list("notice__key", "user_id", "created_at"):
        delivered[key][user_id] = created_at
    return delivered


def sent_count(*, kind: str, key: str) -> int:
    """How many e-mails of the notice (kind, key) have gone out; one query."""
    return Delivery.objects.filter(notice__kind=kind, notice__key=key, status=Delivery.Status.SENT).count()


def opt_out_topics(*, user: User) -> set[str]:
    return set(OptOut.objects.filter(user=user).values_list("topic", flat=True))


_OPEN = [Delivery.Status.PENDING, Delivery.Status.SENDING]


def notice_log(*, kind: str = "", problem: str = "", email: str = "") -> QuerySet[Notice]:
    """Notices newest first, each with its delivery counts (one query, whatever the page size).

    problem: "failed", "retrying" or "pending" keeps the notices with at least one such delivery.
    """
    notices = Notice.objects.annotate(
        total=Count("deliveries"),
        sent=Count("deliveries", filter=Q(deliveries__status=Delivery.Status.SENT)),
        failed=Count("deliveries", filter=Q(deliveries__status=Delivery.Status.FAILED)),
        retrying=Count("deliveries", filter=Q(deliveries__status=Delivery.Status.RETRYING)),
        pending=Count("deliveries", filter=Q(deliveries__status__in=_OPEN)),
    )
    if kind:
        notices = notices.filter(kind=kind)
    if problem in ("failed", "retrying", "pending"):
        notices = notices.filter(**{f"{problem}__gt": 0})
    if email:
        notices = notices.filter(pk__in=Delivery.objects.filter(email__iexact=email.strip()).values("notice_id"))
    return notices.order_by("-created_at", "-pk")


def notice_kinds_used() -> list[str]:
    return list(Notice.objects.order_by("kind").values_list("kind", flat=True).distinct())


def notice_deliveries(*, notice: Notice, status: str = "") -> QuerySet[Delivery]:
    deliveries = notice.deliveries.select_related("user")
    if status in Delivery.Status.values:
        deliveries = deliveries.filter(status=status)
    # Problems first: they are what the secretariat opens the page for.
    order = Case(
        When(status=Delivery.Status.FAILED, then=0),
        When(status=Delivery.Status.RETRYING, then=1),
        default=2,
    )
    return deliveries.order_by(order, "email")


def notice_status_counts(*, notice: Notice) -> dict[str, int]:
    counts = dict.fromkeys(Delivery.Status.values, 0)
    for row in notice.deliveries.values("status").annotate(n=Count("pk")).order_by():
        counts[row["status"]] = row["n"]
    return counts
