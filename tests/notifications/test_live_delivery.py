"""Notices through a real Celery worker (Redis) and a real SMTP server (aiosmtpd), on the pytest database.

Run by .ci/run's PostgreSQL pass (marker live_worker; the worker process must reach the test database, so these
need PostgreSQL). Each test starts its own worker on its own queue, so the CI's long-running worker, which serves
another database, never takes these tasks.
"""

from __future__ import annotations

import os
import time
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.db import connection

from notifications import services
from notifications.models import Delivery, Notice
from notifications.services import Recipient, notice_publish
from tests.notifications.kinds import REQUIRED
from tests.notifications.live import RecordingHandler, SmtpSink, Worker, database_url

pytestmark = [pytest.mark.live_worker, pytest.mark.postgresql, pytest.mark.django_db(transaction=True)]

Status = Delivery.Status
SENDING_TIMEOUT = 3  # seconds: a row left "sending" by the killed worker is reclaimed after this


@pytest.fixture
def live(settings, tmp_path: Path) -> Iterator[Callable[..., Worker]]:  # noqa: ANN001
    """Builds workers for the current test database and an SMTP port; stops them before the database is flushed."""
    if django_settings.CELERY_BROKER_URL.startswith("memory://"):
        pytest.fail("live_worker tests need CELERY_BROKER_URL set to a running Redis (.ci/run sets it).")
    queue = f"live-notices-{uuid.uuid4().hex[:8]}"
    settings.CELERY_TASK_ALWAYS_EAGER = False
    settings.NOTIFICATIONS_QUEUE = queue
    settings.NOTIFICATIONS_SENDING_TIMEOUT = SENDING_TIMEOUT
    workers: list[Worker] = []

    def make(smtp_port: int) -> Worker:
        env = {
            **os.environ,
            "DATABASE_URL": database_url(connection.settings_dict),
            "CELERY_BROKER_URL": django_settings.CELERY_BROKER_URL,
            "CELERY_RESULT_BACKEND": django_settings.CELERY_RESULT_BACKEND or django_settings.CELERY_BROKER_URL,
            "CELERY_TASK_ALWAYS_EAGER": "0",
            "EMAIL_URL": f"smtp://127.0.0.1:{smtp_port}",
            "NOTIFICATIONS_QUEUE": queue,
            "NOTIFICATIONS_SENDING_TIMEOUT_SECONDS": str(SENDING_TIMEOUT),
            "NOTIFICATIONS_ALLOW_SHORT_TIMEOUT": "1",
            "NOTIFICATIONS_RETRY_BASE_SECONDS": "1",
            "DJANGO_DEBUG": "1",
        }
        worker = Worker(env=env, queue=queue, log=tmp_path / "worker.log")
        workers.append(worker)
        return worker

    yield make
    for worker in workers:
        worker.stop()


def _recipients(n: int, prefix: str = "reader") -> list[Recipient]:
    return [Recipient(email=f"{prefix}{i}@example.org", language=("kk", "ru", "en")[i % 3]) for i in range(n)]


def _wait_until_settled(notice: Notice, *, timeout: float, sweep: bool = False) -> dict[str, int]:
    """Poll until no delivery is pending, sending or retrying. With sweep, run the periodic sweep as beat would."""
    deadline = time.monotonic() + timeout
    last_sweep = 0.0
    while time.monotonic() < deadline:
        counts = dict.fromkeys(Status.values, 0)
        for status in notice.deliveries.values_list("status", flat=True):
            counts[status] += 1
        if counts[Status.PENDING] + counts[Status.SENDING] + counts[Status.RETRYING] == 0:
            return counts
        if sweep and time.monotonic() - last_sweep > 1:
            services.deliveries_requeue_stalled()
            last_sweep = time.monotonic()
        time.sleep(0.2)
    raise AssertionError(f"deliveries not settled within {timeout}s: {counts}")


def test_every_recipient_gets_exactly_one_message_through_a_real_worker_and_smtp_server(live) -> None:  # noqa: ANN001
    handler = RecordingHandler()
    with SmtpSink(handler) as smtp:
        worker = live(smtp.port)
        worker.start()
        notice = notice_publish(kind=REQUIRED, key="live:happy", recipients=_recipients(250), payload={"n": 1})

        counts = _wait_until_settled(notice, timeout=90)

    assert counts[Status.SENT] == 250, worker.tail()
    received = handler.snapshot()
    expected = dict(notice.deliveries.values_list("email", "message_id"))
    assert set(received) == set(expected), "someone got nothing, or a stranger got mail"
    assert received == {a: [m] for a, m in expected.items()}


def test_a_worker_killed_mid_fan_out_and_restarted_leaves_nobody_out_and_nobody_written_to_twice(live) -> None:  # noqa: ANN001
    recipients = _recipients(400)
    # A slow server (about 100 messages a second) so that the kill lands in the middle of the fan-out.
    handler = RecordingHandler(delay=0.01)
    with SmtpSink(handler) as smtp:
        worker = live(smtp.port)
        worker.start()
        notice = notice_publish(kind=REQUIRED, key="live:killed", recipients=recipients, payload={"n": 2})
        deadline = time.monotonic() + 60
        while handler.count() < 100 and time.monotonic() < deadline:
            time.sleep(0.01)
        worker.kill()
        received_at_kill = handler.count()
        assert 0 < received_at_kill < len(recipients), "the kill did not land in the middle of the fan-out"

        worker.start()
        counts = _wait_until_settled(notice, timeout=120, sweep=True)

    assert counts[Status.SENT] == len(recipients), worker.tail()
    received = handler.snapshot()
    expected = dict(notice.deliveries.values_list("email", "message_id"))
    assert set(received) == set(expected), "a recipient was skipped"
    # Exactly one message per recipient: every copy carries the delivery's own Message-ID.
    assert all(set(ids) == {expected[address]} for address, ids in received.items())
    # A second copy can only come from the instant between the server's "250" and the worker's UPDATE (the
    # documented at-least-once boundary): at most one per pool process killed.
    duplicates = sum(len(ids) - 1 for ids in received.values())
    assert duplicates <= worker.concurrency, f"{duplicates} duplicate copies"


def test_refused_addresses_fail_with_the_reason_deferred_ones_are_retried_and_the_rest_delivered(live) -> None:  # noqa: ANN001
    recipients = _recipients(30)
    refused = {"reader3@example.org", "reader11@example.org", "reader20@example.org"}
    deferred = {"reader5@example.org", "reader17@example.org", "reader29@example.org"}
    handler = RecordingHandler(refuse=refused, defer_once=deferred)
    with SmtpSink(handler) as smtp:
        worker = live(smtp.port)
        worker.start()
        notice = notice_publish(kind=REQUIRED, key="live:failures", recipients=recipients, payload={"n": 3})

        counts = _wait_until_settled(notice, timeout=90)

    assert (counts[Status.SENT], counts[Status.FAILED]) == (27, 3), worker.tail()
    deliveries = {d.email: d for d in notice.deliveries.all()}
    for address in refused:
        assert deliveries[address].status == Status.FAILED
        assert deliveries[address].last_error.startswith("550 5.1.1 No such mailbox")
        assert deliveries[address].attempts == 1, "a permanent refusal is not retried"
    for address in deferred:
        assert (deliveries[address].status, deliveries[address].attempts) == (Status.SENT, 2)
    received = handler.snapshot()
    assert set(received) == set(deliveries) - refused
    assert all(len(ids) == 1 for ids in received.values())
