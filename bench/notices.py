"""Fan-out of one notice to 5,000 people through a real Celery worker and an SMTP sink: messages per second.

Usage (PostgreSQL and Redis, the targets; both URLs from the environment):

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/bench .venv/bin/python manage.py migrate
    DATABASE_URL=... CELERY_BROKER_URL=redis://127.0.0.1:6379/1 .venv/bin/python bench/notices.py [--recipients 5000]

Seeds the recipients (bench-notice-<n>@example.org) and a scheduled meeting with a cancellation, starts an aiosmtpd
sink and `celery worker --concurrency=2` on a queue of its own, publishes one "meetings.change" notice (HTML, text
and an .ics per person, in three languages) and waits until every delivery is sent. Prints the time to publish, the
time from commit to the last message, messages per second, and the worker's peak resident memory (main process
plus pool children, sampled every 0.1 s). Targets: 5,000 messages in under 60 s; the worker under 300 MB.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import re
import sys
import tempfile
import time
import uuid
from pathlib import Path

import _bootstrap  # noqa: F401 - configures Django before the imports below
import psutil  # noqa: E402
from django.conf import settings  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.utils import timezone  # noqa: E402

from meetings import notices  # noqa: E402
from meetings.models import Invitation, Meeting, MeetingChange  # noqa: E402
from notifications.models import Delivery  # noqa: E402
from notifications.services import notice_publish  # noqa: E402
from participants.models import User  # noqa: E402
from tests.notifications.live import RecordingHandler, SmtpSink, Worker, database_url  # noqa: E402

PREFIX = "bench-notice-"


def seed(count: int) -> list[User]:
    have = User.objects.filter(email__startswith=PREFIX).count()
    if have < count:
        languages = ("kk", "ru", "en")
        User.objects.bulk_create(
            [
                User(
                    email=f"{PREFIX}{n}@example.org",
                    first_name=f"Reader {n}",
                    preferred_language=languages[n % 3],
                    password="!",  # noqa: S106 - unusable: these people never sign in
                )
                for n in range(have, count)
            ],
            batch_size=1000,
            ignore_conflicts=True,
        )
    return list(User.objects.filter(email__startswith=PREFIX).order_by("pk")[:count])


@transaction.atomic
def meeting_change() -> MeetingChange:
    starts = timezone.now() + dt.timedelta(days=30)
    meeting = Meeting.objects.create(
        title="Bench meeting of the Dialogue Platform on the Human Dimension",
        starts_at=starts,
        ends_at=starts + dt.timedelta(hours=3),
        venue="Ministry of Foreign Affairs, Astana",
        status=Meeting.Status.CANCELLED,
    )
    return MeetingChange.objects.create(
        meeting=meeting,
        kind=MeetingChange.Kind.CANCELLED,
        previous_starts_at=meeting.starts_at,
        previous_ends_at=meeting.ends_at,
        reason="Bench run",
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--recipients", type=int, default=5000)
    parser.add_argument("--concurrency", type=int, default=2)
    parser.add_argument("--timeout", type=float, default=600)
    args = parser.parse_args()
    if connection.vendor != "postgresql" or settings.CELERY_BROKER_URL.startswith("memory://"):
        sys.exit("Set DATABASE_URL to PostgreSQL and CELERY_BROKER_URL to Redis.")
    settings.CELERY_TASK_ALWAYS_EAGER = False
    queue = f"bench-notices-{uuid.uuid4().hex[:8]}"
    settings.NOTIFICATIONS_QUEUE = queue

    people = seed(args.recipients)
    change = meeting_change()
    handler = RecordingHandler()
    with SmtpSink(handler) as smtp, tempfile.TemporaryDirectory() as tmp:
        env = {
            **os.environ,
            "DATABASE_URL": database_url(connection.settings_dict),
            "CELERY_TASK_ALWAYS_EAGER": "0",
            "EMAIL_URL": f"smtp://127.0.0.1:{smtp.port}",
            "NOTIFICATIONS_QUEUE": queue,
            "DJANGO_DEBUG": "0",
            "DJANGO_SECRET_KEY": "bench-only-secret-key-" + "x" * 40,
            "DJANGO_CONN_MAX_AGE": "60",
        }
        worker = Worker(env=env, queue=queue, log=Path(tmp) / "worker.log", concurrency=args.concurrency)
        worker.start()
        try:
            Invitation.objects.bulk_create(
                [Invitation(meeting=change.meeting, person=p) for p in people], batch_size=1000, ignore_conflicts=True
            )
            started = time.perf_counter()
            with transaction.atomic():
                notice = notice_publish(
                    kind=notices.CHANGE,
                    key=f"bench:{uuid.uuid4().hex}",
                    recipients=people,
                    payload={"change_id": change.pk, "meeting_id": change.meeting_id},
                )
            published = time.perf_counter()
            peak_total = peak_one = peak_pss = 0
            deadline = published + args.timeout
            finished = None
            while time.perf_counter() < deadline:
                rss, pss = [], []
                for pid in worker.pids():
                    try:
                        # PSS splits the pages the prefork children share with their parent (copy-on-write)
                        # among them; summing RSS counts those pages once per process.
                        info = psutil.Process(pid).memory_full_info()
                    except psutil.NoSuchProcess:
                        continue
                    rss.append(info.rss)
                    pss.append(info.pss)
                peak_total, peak_one = max(peak_total, sum(rss)), max(peak_one, max(rss, default=0))
                peak_pss = max(peak_pss, sum(pss))
                if handler.count() >= len(people):
                    open_rows = notice.deliveries.exclude(status__in=[Delivery.Status.SENT, Delivery.Status.FAILED])
                    if not open_rows.exists():
                        finished = time.perf_counter()
                        break
                time.sleep(0.1)
        finally:
            worker.stop()
            log = worker.log.read_text(errors="replace")
        chunk_seconds = [float(m) for m in re.findall(r"deliveries_send\[[^\]]+\] succeeded in ([0-9.]+)s", log)]

    received = handler.snapshot()
    sent = notice.deliveries.filter(status=Delivery.Status.SENT).count()
    duplicates = sum(len(ids) - 1 for ids in received.values())
    total = (finished or time.perf_counter()) - published
    print(f"recipients               {len(people)}")
    print(f"publish (rows, commit)   {published - started:.2f} s")
    print(f"commit -> last message   {total:.2f} s{'' if finished else ' (TIMED OUT)'}")
    print(f"messages per second      {handler.count() / total:.0f}")
    print(f"sent / received / dupes  {sent} / {len(received)} / {duplicates}")
    if chunk_seconds:
        busy = sum(chunk_seconds)
        print(f"worker busy time         {busy:.1f} s in {len(chunk_seconds)} chunk tasks "
              f"({busy / max(sent, 1) * 1000:.1f} ms per message per process)")
    print(f"worker peak RSS          {peak_total / 2**20:.0f} MB in all (main + {args.concurrency} children)")
    print(f"worker peak PSS          {peak_pss / 2**20:.0f} MB in all (shared pages counted once)")
    print(f"largest process peak RSS {peak_one / 2**20:.0f} MB")
    print(f"targets                  < 60 s: {'met' if finished and total < 60 else 'MISSED'}; "
          f"< 300 MB (PSS): {'met' if peak_pss < 300 * 2**20 else 'MISSED'}")
    # The bench's meeting, invitations and notice are left for inspection; each run makes new ones.


if __name__ == "__main__":
    main()
