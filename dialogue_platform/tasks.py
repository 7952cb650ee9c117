from __future__ import annotations

from celery import shared_task


@shared_task(name="dialogue_platform.ping")
def ping() -> str:
    """Round trip used by the health check of a deployment and by CI to prove a worker answers."""
    return "pong"


@shared_task(name="dialogue_platform.catch_up", ignore_result=True)
def catch_up() -> dict[str, int]:
    """After a broker outage: send the tasks the broker refused, and queue the e-mails no task holds (due retries,
    rows of a lost task). Beat runs it every minute and each worker once as it starts (docs/operations.md)."""
    from core.broker import deferred_tasks_send
    from notifications.services import deliveries_requeue_stalled

    return {"deferred": deferred_tasks_send(), "deliveries": deliveries_requeue_stalled()}
