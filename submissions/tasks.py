"""Thin Celery tasks: load by id, call one service (STYLE.md section 7.10).

E-mails to submitters go through the notifications framework (submissions/notices.py), not a task here.
"""

from __future__ import annotations

from celery import shared_task


@shared_task
def submission_uploads_purge() -> int:
    """Daily: files kept from forms that were never completed."""
    from submissions.services import upload_purge_stale

    return upload_purge_stale()
