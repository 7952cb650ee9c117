"""Beat, worker and web together on PostgreSQL and Redis: the periodic "due notices" check, fired by a real
`celery beat` with the database scheduler, makes a real worker e-mail a meeting's invitees through a real SMTP
server, exactly once each however often beat fires, while gunicorn serves the same database.

Run by .ci/run's PostgreSQL pass (marker live_worker), like test_live_delivery.py.
"""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from django.utils import timezone
from django_celery_beat.models import IntervalSchedule, PeriodicTask

from meetings.models import Meeting
from notifications.models import Delivery, Notice
from tests.meetings.factories import InvitationFactory, MeetingFactory
from tests.notifications.live import ROOT, RecordingHandler, SmtpSink, free_port
from tests.notifications.test_live_delivery import live  # noqa: F401 - the worker fixture, by name

pytestmark = [pytest.mark.live_worker, pytest.mark.postgresql, pytest.mark.django_db(transaction=True)]


class Process:
    """A long-running command of ours (beat, gunicorn) in its own session, stopped at the end of the test."""

    def __init__(self, command: list[str], *, env: dict[str, str], log: Path) -> None:
        self.log = log
        handle = log.open("ab")
        self.process = subprocess.Popen(  # noqa: S603 - our own fixed command line
            command, cwd=ROOT, env=env, stdout=handle, stderr=subprocess.STDOUT, start_new_session=True
        )
        handle.close()

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=30)

    def tail(self, lines: int = 30) -> str:
        return "\n".join(self.log.read_text(errors="replace").splitlines()[-lines:]) if self.log.exists() else ""


@pytest.fixture
def processes() -> Iterator[list[Process]]:
    started: list[Process] = []
    yield started
    for process in started:
        process.stop()


def _due_checks_run(log: Path) -> int:
    """Due checks the worker has finished, from its log (Celery logs each task's success at INFO)."""
    if not log.exists():
        return 0
    return sum(
        1 for line in log.read_text(errors="replace").splitlines()
        if "notifications.tasks.run_due_notices[" in line and " succeeded in " in line
    )


def _get(url: str) -> tuple[int, str]:
    with urllib.request.urlopen(url, timeout=10) as response:  # noqa: S310 - a local test server
        return response.status, response.read().decode()


def test_beat_fires_the_due_check_the_worker_mails_each_invitee_once_and_the_web_serves_it(
    live, processes, tmp_path: Path  # noqa: ANN001, F811 - the imported fixture, by name
) -> None:
    meeting = MeetingFactory(title="Meeting No. 45 (beat check)", status=Meeting.Status.SCHEDULED,
                             starts_at=timezone.now() + dt.timedelta(days=10))
    invitees = [InvitationFactory(meeting=meeting, person__email=f"invitee{i}@example.org").person for i in range(5)]

    handler = RecordingHandler()
    with SmtpSink(handler) as smtp:
        worker = live(smtp.port)
        # Only our check, every second, on the worker's own queue: the schedule's other rows stay out of the way.
        PeriodicTask.objects.update(enabled=False)
        every_second, _ = IntervalSchedule.objects.get_or_create(every=1, period=IntervalSchedule.SECONDS)
        PeriodicTask.objects.create(name="live due check", task="notifications.tasks.run_due_notices",
                                    interval=every_second, queue=worker.queue)
        worker.start()
        beat = Process(
            [str(Path(sys.executable).with_name("celery")), "-A", "dialogue_platform", "beat", "--loglevel=INFO",
             "--scheduler", "django_celery_beat.schedulers:DatabaseScheduler", "--max-interval", "1"],
            env=worker.env, log=tmp_path / "beat.log",
        )
        processes.append(beat)
        port = free_port()
        web = Process(
            [str(Path(sys.executable).with_name("gunicorn")), "dialogue_platform.wsgi", "--bind", f"127.0.0.1:{port}",
             "--workers", "1"],
            env=worker.env, log=tmp_path / "web.log",
        )
        processes.append(web)

        deadline = time.monotonic() + 90
        while handler.count() < len(invitees) and time.monotonic() < deadline:
            time.sleep(0.2)
        # Beat keeps firing: three more checks, run by the worker after every invitee had the e-mail, must send
        # nothing more. Polled to a deadline: a fixed wait was either too short on a busy machine or wasted time.
        checks_when_all_sent = _due_checks_run(worker.log)
        deadline = time.monotonic() + 60
        while _due_checks_run(worker.log) < checks_when_all_sent + 3 and time.monotonic() < deadline:
            time.sleep(0.2)
        checks_after_all_sent = _due_checks_run(worker.log) - checks_when_all_sent
        fired = beat.tail(200).count("live due check")

        deadline = time.monotonic() + 30
        status = None
        while time.monotonic() < deadline:
            try:
                status, body = _get(f"http://127.0.0.1:{port}/healthz")
                break
            except OSError:
                time.sleep(0.3)
        page_status, page = _get(f"http://127.0.0.1:{port}/en/meetings/{meeting.pk}/")

    assert fired >= 3, beat.tail()
    assert checks_after_all_sent >= 3, worker.tail()
    notice = Notice.objects.get(kind="meetings.invitation")
    received = handler.snapshot()
    assert set(received) == {person.email for person in invitees}, worker.tail()
    expected = dict(notice.deliveries.values_list("email", "message_id"))
    assert received == {address: [message_id] for address, message_id in expected.items()}
    assert set(notice.deliveries.values_list("status", flat=True)) == {Delivery.Status.SENT}
    assert status == 200 and '"ok"' in body, web.tail()
    assert page_status == 200 and "Meeting No. 45 (beat check)" in page
