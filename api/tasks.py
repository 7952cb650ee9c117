from __future__ import annotations

from celery import shared_task


@shared_task(bind=True, autoretry_for=(ConnectionError, TimeoutError), retry_backoff=True, max_retries=5)
def exports_refresh(self: object) -> int:
    """Every 15 minutes (beat schedule, api/migrations/0002): rebuild the bulk files whose data changed; safe to run twice."""
    from api import services

    return len(services.exports_refresh())
