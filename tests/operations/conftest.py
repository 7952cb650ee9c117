from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from pytest_django.fixtures import Settings

from tests.fixtures import empty_cache, files_in_tmp, site_url  # noqa: F401 - autouse fixtures, by name
from tests.operations.redis_server import RedisServer


def _reset_celery_connections() -> None:
    """Celery keeps its broker connection pools; after the broker URL changes they must be made anew."""
    from kombu import pools

    from dialogue_platform.celery import app

    pools.reset()  # closes kombu's pools and forgets them
    app._pool = None  # type: ignore[attr-defined]  # Celery's private pools, no public reset
    app.amqp._producer_pool = None  # type: ignore[attr-defined]


@pytest.fixture
def redis_server(tmp_path: Path) -> Iterator[RedisServer]:
    server = RedisServer(tmp_path / "redis")
    server.start()
    yield server
    server.stop()


@pytest.fixture
def on_redis(
    redis_server: RedisServer, settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> Iterator[RedisServer]:
    """The site as deployed: cache (django-redis, the options of settings.py) and broker on our own Redis, tasks
    sent to the broker rather than run in-process."""
    settings.CACHES = {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": redis_server.url(1),
            "OPTIONS": dict(django_settings.REDIS_CACHE_OPTIONS),
        }
    }
    settings.CELERY_BROKER_URL = redis_server.url(0)
    settings.CELERY_TASK_ALWAYS_EAGER = False
    settings.CELERY_RESULT_BACKEND = None
    # In .ci/run's PostgreSQL pass the environment names the CI's own Redis, which stays up, and Celery reads
    # CELERY_BROKER_URL and CELERY_RESULT_BACKEND from the environment before Django's settings.
    monkeypatch.delenv("CELERY_BROKER_URL", raising=False)
    monkeypatch.delenv("CELERY_RESULT_BACKEND", raising=False)
    _reset_celery_connections()
    yield redis_server
    _reset_celery_connections()
