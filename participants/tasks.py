"""Celery tasks of the participants app: thin wrappers around services (STYLE.md section 7.10)."""

from __future__ import annotations

from celery import shared_task


@shared_task(
    bind=True,
    autoretry_for=(ConnectionError, TimeoutError, OSError),
    retry_backoff=True,
    max_retries=5,
)
def send_application_email(self: object, application_id: int, kind: str) -> bool:
    """E-mail the contact of an application ("received", "approved" or "declined"); safe to run twice."""
    from participants.services import application_email_send

    return application_email_send(application_id=application_id, kind=kind)
