"""Celery tasks of the notifications app: thin wrappers around services."""

from __future__ import annotations

import logging

from celery import shared_task
from django.utils import timezone

from notifications import registry, services

logger = logging.getLogger(__name__)


# ignore_result: a fan-out makes one task per 100 e-mails; their outcome is in the Delivery rows, not in Redis.
@shared_task(ignore_result=True)
def notice_fan_out(notice_id: int) -> int:
    """Split a notice's pending deliveries into chunks, each sent by its own task."""
    return services.notice_fan_out(notice_id=notice_id)


@shared_task(ignore_result=True)
def deliveries_send(delivery_ids: list[int]) -> dict[str, int]:
    """Send a chunk of deliveries. Safe to run twice or after a crash: each row is claimed before it is sent."""
    return services.deliveries_send(delivery_ids=delivery_ids)


@shared_task
def run_due_notices() -> int:
    """Call every registered due-notice checker, then pick up stalled deliveries. Returns the checkers run.

    A failing checker is logged and the others still run.
    """
    now = timezone.now()
    ran = 0
    for checker in registry.due_checkers():
        try:
            checker(now)
            ran += 1
        except Exception:
            logger.exception("Due-notice checker %s failed", getattr(checker, "__qualname__", checker))
    services.deliveries_requeue_stalled(now=now)
    return ran
