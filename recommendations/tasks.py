"""Celery tasks of the recommendations app: thin wrappers around services (STYLE.md section 7.10).

Imports through the web run here, not in the request: checking or importing 100,000 rows takes minutes.
Each task claims its job (services.import_jobs), so a redelivered or retried task does the work once.
"""

from __future__ import annotations

from typing import Any

from celery import Task, shared_task
from django.conf import settings
from django.db import InterfaceError, OperationalError


class _ImportTask(Task):  # type: ignore[type-arg]  # generic only in celery-types, not at run time
    """Marks the job failed when the task gives up (retries spent, killed at the time limit)."""

    def on_failure(self, exc: Exception, task_id: str, args: tuple[Any, ...], kwargs: dict[str, Any], einfo: Any) -> None:
        from recommendations.services.import_jobs import import_job_give_up

        if args:
            import_job_give_up(job_id=int(args[0]))


_TIME_LIMIT = int(getattr(settings, "IMPORT_TIME_LIMIT", 30 * 60))
_OPTIONS: dict[str, Any] = {
    "base": _ImportTask,
    "acks_late": True,
    "autoretry_for": (OperationalError, InterfaceError),
    "retry_backoff": 5,
    "retry_backoff_max": 5 * 60,
    "max_retries": 5,
    "time_limit": _TIME_LIMIT,
    "soft_time_limit": max(_TIME_LIMIT - 60, 30),
    "ignore_result": True,
}


@shared_task(name="recommendations.check_import_job", **_OPTIONS)
def check_import_job(job_id: int) -> None:
    """Read and check every row of an uploaded file; the job gets the preview or the reason it cannot be imported."""
    from recommendations.services import import_job_check

    import_job_check(job_id=job_id)


@shared_task(name="recommendations.run_import_job", **_OPTIONS)
def run_import_job(job_id: int) -> None:
    """Import a checked file, all or nothing."""
    from recommendations.services import import_job_import

    import_job_import(job_id=job_id)
