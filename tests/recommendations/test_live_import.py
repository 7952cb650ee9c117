"""Imports through the web screen with a real Celery worker (Redis) on the pytest database (issue 13, item 6).

Run by .ci/run's PostgreSQL pass (marker live_worker; the worker process must reach the test database, so these
need PostgreSQL). The test starts its own worker on its own queue, so the CI's long-running worker, which serves
another database, never takes these tasks. Progress goes through Redis, the cache both processes share.
"""

from __future__ import annotations

import os
import time
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings as django_settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import Client
from django.urls import reverse

from participants.models import User
from recommendations.models import ImportJob, Recommendation
from tests.auth import force_login
from tests.notifications.live import Worker, database_url
from tests.recommendations.import_files import generic_csv

pytestmark = [pytest.mark.live_worker, pytest.mark.postgresql, pytest.mark.django_db(transaction=True)]

Status = ImportJob.Status
ROWS = 5000


@pytest.fixture
def worker(settings: Any, tmp_path: Path) -> Iterator[Worker]:
    if django_settings.CELERY_BROKER_URL.startswith("memory://"):
        pytest.fail("live_worker tests need CELERY_BROKER_URL set to a running Redis (.ci/run sets it).")
    queue = f"live-imports-{uuid.uuid4().hex[:8]}"
    settings.CELERY_TASK_ALWAYS_EAGER = False
    settings.RECOMMENDATIONS_IMPORT_QUEUE = queue
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache",
                                   "LOCATION": django_settings.CELERY_BROKER_URL, "KEY_PREFIX": queue}}
    env = {
        **os.environ,
        "DATABASE_URL": database_url(connection.settings_dict),
        "CELERY_BROKER_URL": django_settings.CELERY_BROKER_URL,
        "CELERY_RESULT_BACKEND": django_settings.CELERY_RESULT_BACKEND or django_settings.CELERY_BROKER_URL,
        "CELERY_TASK_ALWAYS_EAGER": "0",
        "RECOMMENDATIONS_IMPORT_QUEUE": queue,
        "DJANGO_MEDIA_ROOT": str(settings.MEDIA_ROOT),
        "DJANGO_PRIVATE_MEDIA_ROOT": str(settings.PRIVATE_MEDIA_ROOT),
        "CACHE_URL": django_settings.CELERY_BROKER_URL,
        "DJANGO_DEBUG": "1",
    }
    live = Worker(env=env, queue=queue, log=tmp_path / "worker.log")
    live.start()
    yield live
    live.stop()


def _wait_for(job: ImportJob, statuses: set[str], client: Client, *, timeout: float) -> list[int]:
    """Poll the page as htmx does until the job reaches one of `statuses`; returns the progress values seen."""
    url = reverse("recommendations:import-job", args=[job.token])
    seen: list[int] = []
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        job.refresh_from_db()
        if job.status in statuses:
            return seen
        response = client.get(url, headers={"HX-Request": "true"})
        assert response.status_code == 200
        progress = response.context["progress"]
        if progress["rows"]:
            seen.append(progress["rows"])
        time.sleep(0.2)
    raise AssertionError(f"job still {job.status} after {timeout}s")


def test_a_generated_file_imports_through_the_web_screen_on_a_real_worker(worker: Worker, secretariat: User) -> None:
    client = Client()
    force_login(client, secretariat)

    upload = client.post("/en/recommendations/import/",
                         {"file": SimpleUploadedFile("rows.csv", generic_csv(ROWS)), "format": "generic"})
    assert upload.status_code == 302
    job = ImportJob.objects.get()
    _wait_for(job, {Status.READY, Status.INVALID}, client, timeout=120)
    assert (job.status, job.preview["new_count"]) == (Status.READY, ROWS), (job.error, worker.tail())
    assert Recommendation.objects.count() == 0
    assert f"Import {ROWS} recommendations" in client.get(upload["Location"]).content.decode()

    client.post(upload["Location"])
    progress = _wait_for(job, {Status.DONE, Status.FAILED}, client, timeout=240)

    assert (job.status, job.created_count) == (Status.DONE, ROWS), (job.error, worker.tail())
    assert Recommendation.objects.count() == ROWS
    assert progress == sorted(progress), "progress went backwards"
    assert "5000 recommendations were imported" in client.get(upload["Location"]).content.decode()


def test_a_file_with_nul_bytes_is_refused_by_the_worker_at_the_preview(worker: Worker, secretariat: User) -> None:
    client = Client()
    force_login(client, secretariat)
    raw = generic_csv(3).replace(b"Recommendation 1:", b"Recommendation\x00 1:")

    client.post("/en/recommendations/import/", {"file": SimpleUploadedFile("nul.csv", raw), "format": "generic"})

    job = ImportJob.objects.get()
    _wait_for(job, {Status.READY, Status.INVALID}, client, timeout=60)
    assert job.status == Status.INVALID, worker.tail()
    assert "Line 3: text contains a NUL character" in job.error
    page = client.post(reverse("recommendations:import-job", args=[job.token]), follow=True)
    assert page.status_code == 200 and "This file cannot be imported" in page.content.decode()
    assert Recommendation.objects.count() == 0
