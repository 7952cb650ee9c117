"""Password reset requests: time on the request path for an address with an account and one without.

Usage (DATABASE_URL from the environment; the database must be migrated; the account it adds is rolled back):
    .venv/bin/python bench/password_reset.py [requests per case, default 200]
Target: the two medians within a millisecond or two of each other (the answer's timing must not tell whether an
address has an account). Two modes are measured:
  queued     as in production: the request only queues the task (to CELERY_BROKER_URL, or an in-memory broker);
  in-process tasks run in the request (no broker, CELERY_TASK_ALWAYS_EAGER): the lookup and the mail happen there,
             as every request did before issue 13; shown for comparison.
"""

from __future__ import annotations

import secrets
import statistics
import sys
import time

import _bootstrap  # noqa: F401  (configures Django before the imports below)
from django.conf import settings  # noqa: E402
from django.core.cache import cache  # noqa: E402
from django.db import transaction  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import override_settings  # noqa: E402

from dialogue_platform.celery import app as celery_app  # noqa: E402
from participants.models import User  # noqa: E402

URL = "/en/accounts/password/reset/"


def measure(client: Client, email: str, count: int) -> list[float]:
    timings = []
    for n in range(count):
        cache.clear()  # the rate limits would otherwise stop the run
        started = time.perf_counter()
        response = client.post(URL, {"email": email}, REMOTE_ADDR=f"198.51.100.{n % 250}")
        timings.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 302, response.status_code
    return timings


def report(label: str, timings: list[float]) -> None:
    print(f"  {label:<22} median {statistics.median(timings):6.2f} ms   p95 {_bootstrap.percentile(timings, 0.95):6.2f} ms"
          f"   mean {statistics.fmean(timings):6.2f} ms")


def main() -> None:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 200
    print(f"Password reset request path, {count} requests per case ({settings.DATABASES['default']['ENGINE']})")
    with transaction.atomic():
        User.objects.create_user(email="bench-reset@example.org", password=secrets.token_urlsafe(16), role="ngo")
        with override_settings(EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend"):
            client = Client(HTTP_HOST="127.0.0.1")
            client.get(URL)  # warm up templates and translations
            for mode, eager in (("queued", False), ("in-process", True)):
                celery_app.conf.task_always_eager = eager
                if not eager and not settings.CELERY_BROKER_URL.startswith(("redis", "amqp")):
                    celery_app.conf.broker_url = "memory://"
                print(f" {mode}:")
                # Interleaved rounds, so background load affects both cases alike.
                known: list[float] = []
                unknown: list[float] = []
                for _round in range(4):
                    known += measure(client, "bench-reset@example.org", count // 4)
                    unknown += measure(client, "nobody-here@example.org", count // 4)
                report("known address", known)
                report("unknown address", unknown)
                print(f"  {'difference of medians':<22} {statistics.median(known) - statistics.median(unknown):+6.2f} ms")
        transaction.set_rollback(True)


if __name__ == "__main__":
    main()
