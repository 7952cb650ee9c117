from __future__ import annotations

from celery import shared_task


@shared_task(name="dialogue_platform.ping")
def ping() -> str:
    """Round trip used by the health check of a deployment and by CI to prove a worker answers."""
    return "pong"
