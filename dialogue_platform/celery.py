"""The Celery application. Tasks live in each app's tasks.py; this only wires them, plus two operational hooks
(docs/operations.md): each worker records a heartbeat in the database, and runs the catch-up sweep as it starts."""

from __future__ import annotations

import logging
import os
import socket
from typing import Any

from celery import Celery, bootsteps
from celery.signals import worker_ready

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "dialogue_platform.settings")

logger = logging.getLogger(__name__)

app = Celery("dialogue_platform")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()

# How often a worker writes its heartbeat; /healthz calls a worker stale after three missed ones.
HEARTBEAT_SECONDS = 30


def _heartbeat(hostname: str) -> None:
    from django.db import DatabaseError, connection

    from core.broker import worker_heartbeat_record

    try:
        worker_heartbeat_record(hostname=hostname)
    except DatabaseError:
        logger.warning("Worker heartbeat not recorded: the database did not answer")
    finally:
        # The main process forks the pool's children: it keeps no connection open between heartbeats.
        connection.close()


class Heartbeat(bootsteps.StartStopStep):
    """Every HEARTBEAT_SECONDS, from the worker's main process: proves the worker lives whatever the broker does."""

    requires = {"celery.worker.components:Timer"}  # type: ignore[assignment]  # a set, as Celery's docs write it

    def __init__(self, worker: Any, **kwargs: Any) -> None:
        super().__init__(worker, **kwargs)
        self.tref: Any = None

    def start(self, worker: Any) -> None:
        hostname = worker.hostname or socket.gethostname()
        _heartbeat(hostname)
        self.tref = worker.timer.call_repeatedly(HEARTBEAT_SECONDS, _heartbeat, (hostname,), priority=10)

    def stop(self, worker: Any) -> None:
        if self.tref is not None:
            self.tref.cancel()
            self.tref = None


app.steps["worker"].add(Heartbeat)


@worker_ready.connect
def _catch_up_when_a_worker_starts(sender: Any = None, **kwargs: Any) -> None:
    """A worker (re)started after an outage sends what waited at once, not at beat's next sweep."""
    from dialogue_platform.tasks import catch_up

    try:
        catch_up.apply_async()
    except Exception as exc:  # the broker went away again: beat's sweep will do it
        logger.warning("Catch-up sweep not queued at worker start (%s)", exc)
