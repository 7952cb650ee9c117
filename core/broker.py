"""Queueing Celery tasks so that a broker outage never fails a request whose change committed (docs/operations.md).

`enqueue()` sends a task; when the broker refuses it, the task is kept in the database (DeferredTask) and the failure
logged. `deferred_tasks_send()` (the catch-up sweep: beat every minute, and each worker as it starts) sends them once
the broker is back. Worker heartbeats, read by /healthz, are recorded here too.
"""

from __future__ import annotations

import datetime as dt
import logging
from typing import Any

from celery import current_app
from django.db import DatabaseError, transaction
from django.utils import timezone

logger = logging.getLogger(__name__)


def enqueue(task: Any, *, args: list | tuple = (), countdown: float | None = None, queue: str | None = None) -> bool:
    """Send `task`; False when the broker could not take it and it was kept for the catch-up sweep."""
    options: dict[str, Any] = {}
    if countdown is not None:
        options["countdown"] = countdown
    if queue is not None:
        options["queue"] = queue
    if current_app.conf.task_always_eager:
        # In-process: an exception is the task's own failure, not the broker's, so it is not hidden.
        task.apply_async(args=list(args), **options)
        return True
    try:
        task.apply_async(args=list(args), **options)
    except Exception as exc:  # kombu's OperationalError, redis-py's ConnectionError, OSError: broker unreachable
        logger.warning("Broker unavailable: %s kept for the catch-up sweep (%s)", task.name, exc)
        _defer(task.name, list(args), countdown=countdown, queue=queue, error=exc)
        return False
    return True


def _defer(name: str, args: list, *, countdown: float | None, queue: str | None, error: Exception) -> None:
    from core.models import DeferredTask

    eta = timezone.now() + dt.timedelta(seconds=countdown) if countdown else None
    try:
        DeferredTask.objects.create(name=name, args=args, queue=queue or "", eta=eta, last_error=repr(error)[:2000])
    except DatabaseError:
        # Database and broker both down: nothing left to write to. The notices' own rows are still swept up by
        # notifications.services.deliveries_requeue_stalled once their sending timeout passes.
        logger.exception("Could not keep %s for the catch-up sweep", name)


def deferred_tasks_send(*, limit: int = 1000) -> int:
    """Send the tasks the broker refused, oldest first; returns how many were sent. Stops at the first refusal."""
    from core.models import DeferredTask

    sent = 0
    with transaction.atomic():
        # SKIP LOCKED (PostgreSQL): two sweeps at once (a starting worker and beat) do not send one row twice.
        rows = list(DeferredTask.objects.select_for_update(skip_locked=True).order_by("pk")[:limit])
        now = timezone.now()
        for row in rows:
            options: dict[str, Any] = {"args": row.args}
            if row.queue:
                options["queue"] = row.queue
            if row.eta and row.eta > now:
                options["eta"] = row.eta
            try:
                current_app.send_task(row.name, **options)
            except Exception as exc:
                DeferredTask.objects.filter(pk=row.pk).update(attempts=row.attempts + 1, last_error=repr(exc)[:2000])
                logger.warning("Broker still unavailable: %s deferred tasks wait (%s)", len(rows) - sent, exc)
                break
            row.delete()
            sent += 1
    if sent:
        logger.info("Catch-up sweep queued %s task(s) the broker had refused", sent)
    return sent


def worker_heartbeat_record(*, hostname: str) -> None:
    from core.models import WorkerHeartbeat

    WorkerHeartbeat.objects.update_or_create(hostname=hostname, defaults={"seen_at": timezone.now()})
