"""Reads of public pages from a PostgreSQL read replica (docs/scaling.md), switched on by DATABASE_REPLICA_URL.

A replica lags the primary by a moment, so only what may lag goes there: the pages core.pagecache serves to
anonymous visitors, while their data has not changed for DJANGO_REPLICA_MAX_LAG_SECONDS (a page whose data just
changed is read from the primary, so the fresh copy that goes into the page cache is fresh indeed). Everything
else reads from the primary: signed-in people see their own writes at once, services and tasks read what they are
about to write, and every write goes to the primary. Without a replica this router is not installed.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any

from django.conf import settings
from django.db import models

REPLICA = "replica"
PRIMARY = "default"

_use_replica: ContextVar[bool] = ContextVar("use_replica", default=False)


@contextmanager
def replica_reads() -> Iterator[None]:
    """Inside this block, reads go to the replica (when one is configured)."""
    token = _use_replica.set(True)
    try:
        yield
    finally:
        _use_replica.reset(token)


def enabled() -> bool:
    """A replica is configured (DATABASE_REPLICA_URL)."""
    return REPLICA in settings.DATABASES


def reading_from_replica() -> bool:
    return _use_replica.get()


class PublicReadReplicaRouter:
    def db_for_read(self, model: type[models.Model], **hints: Any) -> str:
        return REPLICA if _use_replica.get() else PRIMARY

    def db_for_write(self, model: type[models.Model], **hints: Any) -> str:
        return PRIMARY

    def allow_relation(self, obj1: models.Model, obj2: models.Model, **hints: Any) -> bool:
        # Both databases hold the same rows: an object read from either may point at one from the other.
        return True

    def allow_migrate(self, db: str, app_label: str, model_name: str | None = None, **hints: Any) -> bool:
        # The replica is a copy the primary streams to; it is never migrated on its own.
        return db == PRIMARY
