"""Celery tasks of the participants app: thin wrappers around services (STYLE.md section 7.10)."""

from __future__ import annotations

import smtplib

from celery import shared_task


@shared_task(
    bind=True,
    autoretry_for=(ConnectionError, TimeoutError, OSError, smtplib.SMTPException),
    retry_backoff=60,
    retry_backoff_max=15 * 60,
    max_retries=4,
)
def send_password_reset(self: object, email: str, language: str) -> int:
    """Look up the accounts of `email` and send each a reset link; retried while the mail server fails.

    Four retries, 1 to 8 minutes apart, fit well inside the link's one-day validity.
    """
    from participants.signin import password_reset_send

    return password_reset_send(email=email, language=language)
