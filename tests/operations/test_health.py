"""/healthz with a broker configured: the worker heartbeat and beat's last run, fresh or stale."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test import Client
from django.utils import timezone
from django_celery_beat.models import PeriodicTask

from core.broker import worker_heartbeat_record
from core.models import DeferredTask, WorkerHeartbeat
from dialogue_platform.celery import _heartbeat
from tests.operations.redis_server import RedisServer

pytestmark = pytest.mark.django_db


def test_a_worker_heartbeat_is_recorded_per_worker_and_its_connection_closed(monkeypatch: pytest.MonkeyPatch) -> None:
    closed: list[bool] = []
    # The worker's main process forks the pool: it must not keep a connection (closing the test's would end it).
    monkeypatch.setattr(connection, "close", lambda: closed.append(True))
    _heartbeat("worker-a@host")
    _heartbeat("worker-a@host")
    assert WorkerHeartbeat.objects.get(hostname="worker-a@host").seen_at > timezone.now() - dt.timedelta(seconds=5)
    assert closed == [True, True]


def test_healthz_is_ok_with_a_fresh_heartbeat_and_a_recent_beat_run(on_redis: RedisServer, client: Client) -> None:
    worker_heartbeat_record(hostname="worker-a@host")
    PeriodicTask.objects.filter(task="dialogue_platform.catch_up").update(last_run_at=timezone.now())
    response = client.get("/healthz")
    body = response.json()
    assert response.status_code == 200
    assert body["status"] == "ok", body
    assert body["checks"]["worker"]["status"] == "ok"
    assert body["checks"]["beat"]["status"] == "ok"


def test_healthz_reports_a_stale_worker_and_beat_as_degraded_with_what_waits(
    on_redis: RedisServer, client: Client
) -> None:
    long_ago = timezone.now() - dt.timedelta(hours=1)
    WorkerHeartbeat.objects.create(hostname="worker-a@host", seen_at=long_ago)
    PeriodicTask.objects.update(last_run_at=long_ago)
    DeferredTask.objects.create(name="notifications.tasks.notice_fan_out", args=[1])
    response = client.get("/healthz")
    body = response.json()
    assert response.status_code == 200
    assert body["status"] == "degraded"
    assert body["checks"]["worker"]["status"] == "degraded"
    assert body["checks"]["worker"]["age_seconds"] >= 3600
    assert body["checks"]["worker"]["tasks_waiting_for_broker"] == 1
    assert body["checks"]["beat"]["status"] == "degraded"


def test_healthz_without_a_broker_needs_no_worker_nor_beat(client: Client) -> None:
    body = client.get("/healthz").json()
    assert body["status"] == "ok"
    assert body["checks"]["worker"]["status"] == "ok"
    assert "in-process" in body["checks"]["broker"]["detail"]
