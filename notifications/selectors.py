from __future__ import annotations

from typing import TYPE_CHECKING

from django.db.models import QuerySet

from notifications.models import Delivery, OptOut

if TYPE_CHECKING:
    from participants.models import User


def opt_out_topics(*, user: User) -> set[str]:
    return set(OptOut.objects.filter(user=user).values_list("topic", flat=True))


def deliveries_for(*, user: User) -> QuerySet[Delivery]:
    """The e-mails the portal wrote to this person, newest first."""
    return Delivery.objects.filter(user=user).select_related("notice").order_by("-created_at", "-pk")
