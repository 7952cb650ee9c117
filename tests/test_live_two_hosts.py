"""Two web hosts and two workers on one PostgreSQL and one Redis (issue 17, target 5; docs/scaling.md): writes
sent at the same time through both gunicorn instances are all kept, and a notice fanned out by both Celery
workers reaches each recipient exactly once, counted by a real SMTP server.

Run by .ci/run's PostgreSQL pass (marker live_worker), like tests/notifications/test_live_beat.py, whose
machinery it reuses: the worker fixture, the SMTP sink, the process wrapper.
"""

from __future__ import annotations

import json
import sys
import time
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.utils import timezone

from notifications.models import Delivery
from notifications.services import Recipient, notice_publish
from recommendations.models import ProgressUpdate
from tests.api.factories import make_token
from tests.notifications.kinds import REQUIRED
from tests.notifications.live import RecordingHandler, SmtpSink, free_port
from tests.notifications.test_live_beat import Process, processes  # noqa: F401 - the fixture, by name
from tests.notifications.test_live_delivery import _wait_until_settled, live  # noqa: F401 - the fixture, by name
from tests.participants.factories import MembershipFactory, OrganizationFactory, UserFactory
from tests.recommendations.factories import ActionFactory

pytestmark = [pytest.mark.live_worker, pytest.mark.postgresql, pytest.mark.django_db(transaction=True)]

WRITES_PER_HOST = 20


def _wait_for(url: str, process: Process) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=5) as response:  # noqa: S310 - a local test server
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.3)
    raise AssertionError(f"{url} did not answer:\n{process.tail()}")


def _post_update(base: str, key: str, action_id: int, text: str) -> int:
    body = json.dumps({"action": action_id, "date": timezone.localdate().isoformat(), "text": text}).encode()
    request = urllib.request.Request(  # noqa: S310 - a local test server
        f"{base}/api/v1/progress-updates/", data=body, method="POST",
        headers={"Content-Type": "application/json", "Authorization": f"Bearer {key}"},
    )
    try:
        with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


def test_two_web_hosts_keep_every_concurrent_write_and_two_workers_send_each_notice_once(
    live, processes, tmp_path: Path  # noqa: ANN001, F811 - the imported fixtures, by name
) -> None:
    agency = OrganizationFactory(name="Ministry of Justice")
    focal_point = UserFactory(role="focal_point", email="focal.justice@example.org")
    MembershipFactory(user=focal_point, organization=agency)
    action = ActionFactory(responsible_agencies=[agency])
    _token, key = make_token(focal_point)

    handler = RecordingHandler()
    with SmtpSink(handler) as smtp:
        first_worker, second_worker = live(smtp.port), live(smtp.port)
        second_worker.log = tmp_path / "worker-2.log"
        first_worker.start()
        second_worker.start()
        # The hosts share one cache (rate limits, the page cache), as in production: the broker's Redis, whose keys
        # Celery names apart from Django's.
        env = {**first_worker.env, "CACHE_URL": django_settings.CELERY_BROKER_URL}
        hosts = []
        for name in ("web-1", "web-2"):
            port = free_port()
            web = Process(
                [str(Path(sys.executable).with_name("gunicorn")), "dialogue_platform.wsgi", "--config",
                 "gunicorn.conf.py", "--bind", f"127.0.0.1:{port}", "--workers", "2", "--threads", "4"],
                env=env, log=tmp_path / f"{name}.log",
            )
            processes.append(web)
            hosts.append((f"http://127.0.0.1:{port}", web))
        for base, web in hosts:
            _wait_for(f"{base}/healthz", web)

        # Both hosts take writes at the same moment, on the same table and the same action.
        jobs = [(base, f"Progress report {n} through {base}") for base, _web in hosts for n in range(WRITES_PER_HOST)]
        with ThreadPoolExecutor(max_workers=16) as pool:
            statuses = list(pool.map(lambda job: _post_update(job[0], key, action.pk, job[1]), jobs))

        # And a notice whose deliveries both workers share.
        recipients = [Recipient(email=f"reader{i}@example.org", language=("kk", "ru", "en")[i % 3])
                      for i in range(300)]
        notice = notice_publish(kind=REQUIRED, key="live:two-hosts", recipients=recipients, payload={"n": 1})
        counts = _wait_until_settled(notice, timeout=120)
        page_statuses = [urllib.request.urlopen(f"{base}/en/meetings/", timeout=30).status  # noqa: S310
                         for base, _web in hosts]

    assert statuses == [201] * len(jobs), [web.tail() for _base, web in hosts]
    stored = set(ProgressUpdate.objects.filter(action=action).values_list("text", flat=True))
    assert stored == {text for _base, text in jobs}, "a write was lost"
    assert ProgressUpdate.objects.filter(action=action).count() == len(jobs), "a write was stored twice"

    assert counts[Delivery.Status.SENT] == len(recipients), first_worker.tail()
    received = handler.snapshot()
    expected = dict(notice.deliveries.values_list("email", "message_id"))
    assert received == {address: [message_id] for address, message_id in expected.items()}, "duplicate or lost"
    # Each worker sent part of the fan-out: the exactly-once above held across two consumers.
    for worker in (first_worker, second_worker):
        assert "deliveries_send" in worker.log.read_text(errors="replace"), worker.tail()
    assert page_statuses == [200, 200]
