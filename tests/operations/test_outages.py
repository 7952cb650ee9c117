"""Redis down (cache and broker alike), against a real redis-server of our own that the test kills: every write is
saved, every read page renders, /healthz tells, and what waited goes out once Redis is back.

Not marked: it runs in `make test` (SQLite) and again in .ci/run's PostgreSQL pass (docs/operations.md).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from core.broker import deferred_tasks_send
from core.models import DeferredTask
from dialogue_platform.celery import app
from meetings.models import Meeting
from notifications.models import Delivery
from participants.models import OrganizationApplication, User
from submissions.models import Submission
from tests.auth import force_login
from tests.meetings.factories import InvitationFactory, MeetingFactory
from tests.operations.redis_server import RedisServer
from tests.participants.factories import valid_bin
from tests.submissions.factories import SubmissionFactory, ngo_user, secretariat_user

pytestmark = pytest.mark.django_db


def _client(user: User) -> Client:
    client = Client()
    force_login(client, user)
    return client


def _application(**overrides: object) -> dict[str, object]:
    data: dict[str, object] = {
        "name_en": "Pravo Foundation", "name_ru": "Фонд «Право»", "bin": valid_bin(314), "region": "pavlodar",
        "focus_areas": ["justice"], "contact_name": "Aliya Serikova", "contact_position": "Director",
        "contact_email": "aliya@pravo.example.kz", "contact_phone": "+7 701 234 56 78", "consent": "on",
    }
    data.update(overrides)
    return data


def _local(moment: dt.datetime) -> str:
    return timezone.localtime(moment).strftime("%Y-%m-%dT%H:%M")


def _queued_messages(redis: RedisServer) -> int:
    """Task messages waiting in the broker's default queue."""
    import redis as redis_py

    return int(redis_py.Redis.from_url(redis.url(0)).llen("celery"))


def test_with_redis_down_an_ngo_submission_and_a_join_application_are_saved(
    on_redis: RedisServer, django_capture_on_commit_callbacks: Callable
) -> None:
    ngo = _client(ngo_user())
    on_redis.stop()

    with django_capture_on_commit_callbacks(execute=True):
        submitted = ngo.post(reverse("submissions:create", args=["proposal"]), {
            "title": "Independent monitoring of detention", "intent": "submit",
            "text": "Give the NPM unannounced access to every closed institution.", "justification": "CAT 2021."})
        applied = Client().post("/en/join/", _application())

    assert submitted.status_code == 302, submitted.content.decode()[:2000]
    assert applied.status_code == 302, applied.content.decode()[:2000]
    assert Submission.objects.filter(title="Independent monitoring of detention").exists()
    OrganizationApplication.objects.get(contact_email="aliya@pravo.example.kz")
    # The "application received" e-mail waits in the database: its delivery row, and the fan-out the broker refused.
    assert Delivery.objects.filter(email="aliya@pravo.example.kz", status=Delivery.Status.PENDING).count() == 1
    assert DeferredTask.objects.filter(name="notifications.tasks.notice_fan_out").count() == 2
    assert mail.outbox == []


def test_with_redis_down_start_review_decide_and_reschedule_answer_normally_and_notices_wait(
    on_redis: RedisServer, django_capture_on_commit_callbacks: Callable
) -> None:
    submission = SubmissionFactory(sent=True)
    meeting = MeetingFactory(status=Meeting.Status.SCHEDULED, title="Meeting No. 70")
    InvitationFactory(meeting=meeting, person__email="invitee@example.org")
    secretariat = _client(secretariat_user())
    on_redis.stop()

    with django_capture_on_commit_callbacks(execute=True):
        started = secretariat.post(reverse("submissions:start-review", args=[submission.pk]))
        decided = secretariat.post(reverse("submissions:decide", args=[submission.pk]), {
            "status": Submission.Status.ACCEPTED, "public_answer": "Accepted: the Ministry will consider it."})
        new_start = meeting.starts_at + dt.timedelta(days=7)
        rescheduled = secretariat.post(reverse("meetings:meeting-reschedule", args=[meeting.pk]), {
            "starts_at": _local(new_start), "ends_at": _local(new_start + dt.timedelta(hours=2)), "reason": "Room"})

    assert [started.status_code, decided.status_code, rescheduled.status_code] == [302, 302, 302]
    submission.refresh_from_db()
    meeting.refresh_from_db()
    assert submission.status == Submission.Status.ACCEPTED
    assert meeting.starts_at == new_start
    # Nothing was sent, nothing is lost: each notice's deliveries are recorded, their fan-out waits for the broker.
    assert mail.outbox == []
    assert Delivery.objects.filter(email="invitee@example.org", status=Delivery.Status.PENDING).exists()
    assert DeferredTask.objects.filter(name="notifications.tasks.notice_fan_out").count() >= 2


def test_with_redis_down_the_api_the_feeds_and_the_pages_render(on_redis: RedisServer, client: Client) -> None:
    MeetingFactory(status=Meeting.Status.SCHEDULED)
    on_redis.stop()
    for url in ["/api/v1/meetings/", "/api/v1/recommendations/", "/api/v1/schema/", "/feeds/meetings/schedule.ics",
                "/feeds/meetings/minutes.atom", "/feeds/recommendations.atom", "/feeds/roadmaps/progress.atom",
                "/en/", "/en/meetings/", "/en/recommendations/", "/en/submissions/", "/en/join/",
                "/en/open-data/"]:
        response = client.get(url)
        assert response.status_code == 200, f"{url}: {response.status_code}"


def test_healthz_reports_the_cache_and_broker_degraded_while_redis_is_down(on_redis: RedisServer, client: Client) -> None:
    up = client.get("/healthz").json()
    assert up["checks"]["cache"]["status"] == "ok"
    assert up["checks"]["broker"]["status"] == "ok"

    on_redis.stop()
    response = client.get("/healthz")

    body = response.json()
    # The site still serves and saves: a load balancer must keep it in rotation; a monitor sees "degraded".
    assert response.status_code == 200
    assert body["status"] == "degraded", body
    assert body["checks"]["database"]["status"] == "ok"
    assert body["checks"]["cache"]["status"] == "degraded"
    assert body["checks"]["broker"]["status"] == "degraded"
    assert body["checks"]["cache"]["required"] is False


def test_after_redis_returns_the_catch_up_sweep_queues_what_waited(
    on_redis: RedisServer, django_capture_on_commit_callbacks: Callable
) -> None:
    on_redis.stop()
    with django_capture_on_commit_callbacks(execute=True):
        assert Client().post("/en/join/", _application(bin=valid_bin(520))).status_code == 302
    assert DeferredTask.objects.count() == 1
    assert deferred_tasks_send() == 0  # still down: kept, its attempt counted
    assert DeferredTask.objects.get().attempts == 1

    # Back on the same port; the site's broker connections reconnect by themselves.
    on_redis.start()
    sent = deferred_tasks_send()
    assert sent == 1, DeferredTask.objects.get().last_error
    assert not DeferredTask.objects.exists()
    assert _queued_messages(on_redis) == 1


def test_a_worker_starting_runs_the_catch_up_sweep(on_redis: RedisServer) -> None:
    from celery.signals import worker_ready

    worker_ready.send(sender=None)
    # The sweep is queued for the worker at once, not left to beat's next run.
    import json

    import redis as redis_py

    raw = redis_py.Redis.from_url(on_redis.url(0)).lrange("celery", 0, -1)
    assert [json.loads(m)["headers"]["task"] for m in raw] == ["dialogue_platform.catch_up"]


def test_catch_up_is_in_the_beat_schedule_every_minute() -> None:
    from django_celery_beat.models import PeriodicTask

    task = PeriodicTask.objects.get(task="dialogue_platform.catch_up")
    assert task.enabled
    assert (task.interval.every, task.interval.period) == (1, "minutes")
    assert "dialogue_platform.catch_up" in app.tasks

