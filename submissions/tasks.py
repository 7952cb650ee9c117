"""Thin Celery tasks: load by id, call one service (STYLE.md section 7.10)."""

from __future__ import annotations

from celery import shared_task


@shared_task(bind=True, autoretry_for=(ConnectionError, TimeoutError), retry_backoff=True, max_retries=5)
def submission_event_email(self: object, event_id: int) -> int:
    from submissions.emails import event_email_send

    return event_email_send(event_id=event_id)


@shared_task
def submission_uploads_purge() -> int:
    from submissions.services import upload_purge_stale

    return upload_purge_stale()
