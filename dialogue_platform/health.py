"""What /healthz checks (docs/operations.md, "Health").

Required: the database. Without it no page renders and no write is saved, so /healthz answers 503 and a load
balancer takes the instance out of rotation. Degraded (200, "status": "degraded"): the cache, the broker, the worker
heartbeat and beat. Without them every page still renders and every write is saved (rate limits fail open, notices
wait in the database); taking the site down for them would turn a delay of e-mails into an outage. Monitors alert on
"degraded"; load balancers look at the status code.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.utils import timezone

OK, DEGRADED, ERROR = "ok", "degraded", "error"
# A worker writes a heartbeat every 30 s (dialogue_platform/celery.py): three missed ones make it stale.
WORKER_STALE_AFTER = dt.timedelta(seconds=90)
# Beat runs the catch-up sweep every minute and writes last_run_at at its sync, every 3 minutes.
BEAT_STALE_AFTER = dt.timedelta(minutes=10)
BROKER_TIMEOUT_SECONDS = 1.0


def _iso(value: dt.datetime | None) -> str | None:
    return value.isoformat() if value else None


def check_database() -> dict[str, Any]:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()
    return {"status": OK, "vendor": connection.vendor}


def check_cache() -> dict[str, Any]:
    backend = settings.CACHES["default"]["BACKEND"]
    if "locmem" in backend or "dummy" in backend:
        return {"status": OK, "backend": "local"}
    # django-redis answers a failed write and read silently (REDIS_CACHE_OPTIONS), so a round trip tells.
    key, value = f"healthz:{uuid.uuid4().hex}", uuid.uuid4().hex
    cache.set(key, value, timeout=10)
    found = cache.get(key)
    cache.delete(key)
    if found != value:
        return {"status": DEGRADED, "detail": "the cache did not answer: rate limits are off, feeds are built afresh"}
    return {"status": OK}


def check_broker() -> dict[str, Any]:
    from kombu import Connection

    from dialogue_platform.celery import app

    if app.conf.task_always_eager:
        return {"status": OK, "detail": "no broker: tasks run in-process"}
    with Connection(app.conf.broker_url, connect_timeout=BROKER_TIMEOUT_SECONDS) as conn:
        conn.ensure_connection(  # kombu takes seconds as a float; its stubs say int
            max_retries=1, interval_start=0, interval_step=0, timeout=BROKER_TIMEOUT_SECONDS  # type: ignore[arg-type]
        )
    return {"status": OK}


def _eager() -> bool:
    from dialogue_platform.celery import app

    return bool(app.conf.task_always_eager)


def check_worker() -> dict[str, Any]:
    from core.models import DeferredTask, WorkerHeartbeat

    waiting = DeferredTask.objects.count()
    if _eager():
        return {"status": OK, "detail": "no worker needed: tasks run in-process", "tasks_waiting_for_broker": waiting}
    newest = WorkerHeartbeat.objects.order_by("-seen_at").values_list("seen_at", flat=True).first()
    age = (timezone.now() - newest) if newest else None
    status = OK if age is not None and age <= WORKER_STALE_AFTER else DEGRADED
    result: dict[str, Any] = {"status": status, "last_seen": _iso(newest), "tasks_waiting_for_broker": waiting}
    if age is not None:
        result["age_seconds"] = int(age.total_seconds())
    if status != OK:
        result["detail"] = "no worker heartbeat: e-mails wait in the database until a worker runs"
    return result


def check_beat() -> dict[str, Any]:
    from django.db.models import Max
    from django_celery_beat.models import PeriodicTask

    if _eager():
        return {"status": OK, "detail": "no beat needed without a broker"}
    last = PeriodicTask.objects.filter(enabled=True).aggregate(last=Max("last_run_at"))["last"]
    age = (timezone.now() - last) if last else None
    status = OK if age is not None and age <= BEAT_STALE_AFTER else DEGRADED
    result: dict[str, Any] = {"status": status, "last_run": _iso(last)}
    if age is not None:
        result["age_seconds"] = int(age.total_seconds())
    if status != OK:
        result["detail"] = "beat has not run lately: due notices and the catch-up sweep wait"
    return result


# name -> (check, required)
CHECKS: dict[str, tuple[Callable[[], dict[str, Any]], bool]] = {
    "database": (check_database, True),
    "cache": (check_cache, False),
    "broker": (check_broker, False),
    "worker": (check_worker, False),
    "beat": (check_beat, False),
}


def run_checks() -> tuple[int, dict[str, Any]]:
    """(HTTP status, JSON body). The database is checked first; without it the others that read it are skipped."""
    results: dict[str, dict[str, Any]] = {}
    overall = OK
    for name, (check, required) in CHECKS.items():
        if name in ("worker", "beat") and results["database"]["status"] != OK:
            results[name] = {"status": ERROR, "detail": "unknown: the database did not answer"}
            continue
        try:
            result = check()
        except Exception as exc:  # any failure of a dependency is its status
            result = {"status": ERROR if required else DEGRADED, "detail": f"{type(exc).__name__}: {exc}"[:300]}
        result["required"] = required
        results[name] = result
        if result["status"] != OK:
            overall = ERROR if required else (overall if overall == ERROR else DEGRADED)
    return (503 if overall == ERROR else 200), {"status": overall, "checks": results}
