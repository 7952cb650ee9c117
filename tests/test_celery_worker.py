"""A task crosses a real broker to a real Celery worker and its result comes back.

Needs CELERY_BROKER_URL/CELERY_RESULT_BACKEND pointing at a running broker with a worker attached:
.ci/run starts Redis and `celery -A dialogue_platform worker` for these. `make test` leaves them out.
"""

from __future__ import annotations

import pytest
from celery.result import AsyncResult, EagerResult
from django.conf import settings as django_settings
from pytest_django.fixtures import Settings

from dialogue_platform.celery import app
from dialogue_platform.tasks import ping

pytestmark = pytest.mark.live_worker

ROUND_TRIP_TIMEOUT_SECONDS = 30


@pytest.fixture
def live_broker(settings: Settings) -> None:
    if django_settings.CELERY_BROKER_URL.startswith("memory://"):
        pytest.fail(
            "live_worker tests need CELERY_BROKER_URL and CELERY_RESULT_BACKEND set to a running broker "
            "with a worker attached (.ci/run starts both); `make test` deselects them."
        )
    # The suite-wide fixture makes tasks eager; these tests are about the round trip, so undo it.
    settings.CELERY_TASK_ALWAYS_EAGER = False


@pytest.mark.usefixtures("live_broker")
def test_ping_sent_through_the_broker_returns_pong_from_a_worker() -> None:
    result = ping.delay()

    assert isinstance(result, AsyncResult)
    assert not isinstance(result, EagerResult), "the task ran in-process instead of on a worker"
    assert result.get(timeout=ROUND_TRIP_TIMEOUT_SECONDS) == "pong"
    assert result.successful()


@pytest.mark.usefixtures("live_broker")
def test_a_worker_answers_a_control_ping_and_has_the_ping_task_registered() -> None:
    replies = app.control.inspect(timeout=5).registered() or {}

    assert replies, "no Celery worker answered on the broker"
    assert any("dialogue_platform.ping" in tasks for tasks in replies.values())
