"""Server time of the public meetings pages, in-process: p50 and p95 in milliseconds per case.

Usage (PostgreSQL, the target; DATABASE_URL from the environment):

    DATABASE_URL=postgres://postgres@127.0.0.1:55433/bench .venv/bin/python manage.py migrate
    DATABASE_URL=... .venv/bin/python bench/meetings.py --seed [--iterations 200]

--seed adds 200 meetings (6 agenda items, minutes and 50 invitees each; 150 held with published minutes,
50 coming) unless they are already there. Targets: p95 < 50 ms for the meeting list, a meeting page, its .ics
and the Atom feed; p95 < 150 ms for the whole-schedule iCalendar feed. It also prints the SQL queries per case
(which must not grow with the data) and the process's CPU time, so database time can be told from Python time.
The two feeds are cached under a key of their latest change; --cold empties the cache before every request to
time their rebuild.

--http times the same pages over HTTP against gunicorn in production mode (bench/load.py's server: gthread, 2
workers, 4 threads, the page cache on Redis at --cache-url), sequentially on one kept-alive connection, as an
anonymous visitor. Issue 17, target 0: the meeting list and a meeting page p95 < 20 ms over HTTP. Add
--no-page-cache for the figure of a page rendered every time (a signed-in visitor's page costs about that). The
query counts printed beside are those of one in-process request (the guards in tests/meetings hold them).
"""

from __future__ import annotations

import argparse
import datetime as dt
import statistics
import time
from urllib.parse import quote

from _bootstrap import percentile  # configures Django before the imports below
from django.core.cache import cache  # noqa: E402
from django.core.signals import request_started  # noqa: E402
from django.db import connection, reset_queries, transaction  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext, setup_test_environment, teardown_test_environment  # noqa: E402
from django.urls import reverse, translate_url  # noqa: E402
from django.utils import timezone  # noqa: E402

from meetings.models import AgendaItem, Invitation, Meeting, Minutes, Topic  # noqa: E402
from participants.models import Membership, Organization, User  # noqa: E402

BENCH_TITLE = "Bench meeting"
MEETINGS, HELD, AGENDA, INVITEES = 200, 150, 6, 50
# Content in the three languages, as the demo writes it (issue 15): the pages read the reader's column, and the
# minutes are searched in it (one stored vector per language).
BODY = {
    "en": "<p>The Platform reviewed the implementation of the recommendations of the Universal Periodic Review and the "
          "treaty bodies, heard ministries on the road maps and NGOs on their alternative reports.</p>",
    "ru": "<p>Платформа рассмотрела выполнение рекомендаций Универсального периодического обзора и договорных "
          "органов, заслушала министерства о дорожных картах и НПО об их альтернативных докладах.</p>",
    "kk": "<p>Алаң Жалпыға бірдей мерзімдік шолу мен шарттық органдардың ұсынымдарының орындалуын қарады, "
          "министрліктердің жол карталары және ҮЕҰ-лардың балама баяндамалары туралы ақпаратын тыңдады.</p>",
}
TITLE = {"en": "Meeting", "ru": "Заседание", "kk": "Отырыс"}
ITEM = {"en": "Item", "ru": "Пункт", "kk": "Тармақ"}
VENUE = {"en": "MFA, Astana", "ru": "МИД, Астана", "kk": "СІМ, Астана"}
CHAIR = {"en": "Ambassador-at-Large", "ru": "Посол по особым поручениям", "kk": "Ерекше тапсырмалар жөніндегі елші"}
ADOPTED = {"en": "<p>Adopted.</p>", "ru": "<p>Принято.</p>", "kk": "<p>Қабылданды.</p>"}


def each(texts: dict[str, str], field: str) -> dict[str, str]:
    """{"<field>_kk": ..., "<field>_ru": ..., "<field>_en": ...}: one column per language (django-modeltranslation)."""
    return {f"{field}_{language}": text for language, text in texts.items()}


@transaction.atomic
def seed() -> None:
    if Meeting.objects.filter(title_en__startswith=BENCH_TITLE).count() >= MEETINGS:
        return
    kinds = [Organization.Kind.MINISTRY, Organization.Kind.NGO, Organization.Kind.INTERNATIONAL]
    orgs = [
        Organization.objects.get_or_create(
            name=f"Bench organisation {n}",
            defaults={"kind": kinds[n % 3], "standing": "observer" if n % 3 == 2 else "member"},
        )[0]
        for n in range(10)
    ]
    people = []
    for n in range(INVITEES):
        user, _ = User.objects.get_or_create(email=f"bench{n}@example.org", defaults={"first_name": f"Bench {n}"})
        Membership.objects.get_or_create(user=user, organization=orgs[n % 10])
        people.append(user)
    topics = [Topic.objects.get_or_create(name=name)[0] for name in ("UPR", "CRPD", "CAT", "CRC")]
    now = timezone.now()
    start_number = 10_000
    for n in range(MEETINGS):
        held = n < HELD
        starts = now - dt.timedelta(days=7 * (HELD - n)) if held else now + dt.timedelta(days=7 * (n - HELD + 1))
        meeting = Meeting.objects.create(
            number=start_number + n, original_language="ru", starts_at=starts,
            **each({"en": f"{BENCH_TITLE} {n}", "ru": f"{TITLE['ru']} {n}", "kk": f"{TITLE['kk']} {n}"}, "title"),
            ends_at=starts + dt.timedelta(hours=3), format=Meeting.Format.HYBRID, **each(VENUE, "venue"),
            online_link="https://meet.example.org/bench", **each(CHAIR, "chair"),
            status=Meeting.Status.MINUTES_PUBLISHED if held else Meeting.Status.SCHEDULED,
        )
        meeting.topics.add(topics[n % 4])
        items = AgendaItem.objects.bulk_create(
            [AgendaItem(meeting=meeting, position=p + 1, original_language="ru", minutes_allotted=30,
                        **each({language: f"{word} {p + 1}" for language, word in ITEM.items()}, "title"))
             for p in range(AGENDA)]
        )
        for item in items:
            item.presenter_organizations.add(orgs[item.position % 10])
            item.topics.add(topics[item.position % 4])
        Invitation.objects.bulk_create([
            Invitation(meeting=meeting, person=p, organization=orgs[i % 10],
                       response=Invitation.Response.ACCEPTED, attended=held)
            for i, p in enumerate(people)
        ])
        if held:
            Minutes.objects.create(meeting=meeting, original_language="ru", **each({k: v * 20 for k, v in BODY.items()}, "body"),
                                   **each(ADOPTED, "decisions"),
                                   status=Minutes.Status.PUBLISHED, published_at=starts + dt.timedelta(days=10))



def over_http(args: argparse.Namespace, client: Client, cases: list[tuple[str, str, int]]) -> None:
    import http.client
    import os
    import tempfile
    from pathlib import Path

    from _gunicorn import collectstatic
    from load import server_env, start_server

    http_targets = {"public meeting list": 20, "meeting page": 20, "public meeting list (kk)": 20,
                    "meeting page (ru)": 20}
    server_args = argparse.Namespace(
        port=args.port, cache_url=args.cache_url, no_page_cache=args.no_page_cache, page_cache_seconds=60,
        static_root=Path(tempfile.gettempdir()) / "dialogue-bench-static",
    )
    queries = {}
    for name, url, _target in cases:
        setup_test_environment()
        with CaptureQueriesContext(connection) as captured:
            client.get(url)
        teardown_test_environment()
        queries[name] = len(captured)
    connection.close()
    collectstatic(server_args.static_root, server_env(server_args))
    server = start_server(server_args, "gthread", 2, 4)
    print(f"over HTTP: gunicorn gthread 2x4, production settings, page cache "
          f"{'off' if args.no_page_cache else 'on'}; load average {os.getloadavg()[0]:.1f}")
    print(f"{'case':<34} {'queries':>7} {'p50 ms':>8} {'p95 ms':>8} {'max ms':>8} {'target':>7}")
    failures = []
    try:
        conn = http.client.HTTPConnection("127.0.0.1", args.port, timeout=30)
        for name, url, target in cases:
            if args.only not in name:
                continue
            target = http_targets.get(name, target)
            timings = []
            for n in range(args.warmup + args.iterations):
                start = time.perf_counter()
                conn.request("GET", url)
                response = conn.getresponse()
                response.read()
                elapsed = (time.perf_counter() - start) * 1000
                assert response.status == 200, (name, response.status)
                if n >= args.warmup:
                    timings.append(elapsed)
            p95 = percentile(timings, 0.95)
            if p95 >= target:
                failures.append(name)
            print(f"{name:<34} {queries[name]:>7} {statistics.median(timings):>8.1f} {p95:>8.1f} "
                  f"{max(timings):>8.1f} {'<' + str(target):>7}")
        conn.close()
    finally:
        server.stop()
    print("targets met" if not failures else f"targets NOT met: {', '.join(failures)}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--iterations", type=int, default=200)
    parser.add_argument("--warmup", type=int, default=10)
    parser.add_argument("--seed", action="store_true", help="add the 200 bench meetings first")
    parser.add_argument("--cold", action="store_true", help="empty the cache before every request (feeds rebuilt)")
    parser.add_argument("--only", default="", help="run only the cases whose name contains this text")
    parser.add_argument("--http", action="store_true", help="time the pages over HTTP against gunicorn")
    parser.add_argument("--port", type=int, default=8107)
    parser.add_argument("--cache-url", default="redis://127.0.0.1:6379/6")
    parser.add_argument("--no-page-cache", action="store_true", help="with --http: render every page")
    args = parser.parse_args()
    if args.seed:
        started = time.perf_counter()
        seed()
        if connection.vendor == "postgresql":
            # Fresh statistics, as autovacuum would give a live database: the planner picks indexes by them.
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")
        print(f"seeded in {time.perf_counter() - started:.1f} s")

    request_started.disconnect(reset_queries)
    client = Client(SERVER_NAME="localhost")
    held = Meeting.objects.filter(title_en__startswith=BENCH_TITLE, status=Meeting.Status.MINUTES_PUBLISHED).last()
    assert held is not None, "run with --seed first"
    cases = [
        ("public meeting list", reverse("meetings:meeting-list"), 50),
        ("archive (page 1)", reverse("meetings:meeting-archive"), 50),
        ("archive full-text search", reverse("meetings:meeting-archive") + "?q=treaty", 50),
        ("archive search, rare word", reverse("meetings:meeting-archive") + "?q=ombudsman", 50),
        ("meeting page", reverse("meetings:meeting-detail", args=[held.pk]), 50),
        ("meeting page (ru)", translate_url(reverse("meetings:meeting-detail", args=[held.pk]), "ru"), 50),
        ("public meeting list (kk)", translate_url(reverse("meetings:meeting-list"), "kk"), 50),
        ("archive search (ru)", translate_url(reverse("meetings:meeting-archive"), "ru") + "?q=" + quote("докладах"), 50),
        ("meeting .ics", reverse("meetings:meeting-ics", args=[held.pk]), 50),
        ("Atom feed (minutes)", reverse("meetings_feeds:minutes-atom"), 50),
        ("iCalendar feed (whole schedule)", reverse("meetings_feeds:schedule-ics"), 150),
    ]
    if args.http:
        over_http(args, client, cases)
        return
    total = Meeting.objects.count()
    print(f"database: {connection.vendor} ({connection.settings_dict.get('NAME')}), meetings: {total}, "
          f"invitations: {Invitation.objects.count()}, agenda items: {AgendaItem.objects.count()}")
    print(f"{'case':<34} {'queries':>7} {'p50 ms':>8} {'p95 ms':>8} {'max ms':>8} {'cpu p50':>8} {'target':>7}")
    failures = []
    for name, url, target in cases:
        if args.only not in name:
            continue
        setup_test_environment()
        reset_queries()
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        teardown_test_environment()
        assert response.status_code == 200, (name, response.status_code)
        for _ in range(args.warmup):
            client.get(url)
        timings, cpu = [], []
        for _ in range(args.iterations):
            reset_queries()
            if args.cold:
                cache.clear()
            start, start_cpu = time.perf_counter(), time.process_time()
            response = client.get(url)
            timings.append((time.perf_counter() - start) * 1000)
            cpu.append((time.process_time() - start_cpu) * 1000)
            assert response.status_code == 200
        p95 = percentile(timings, 0.95)
        if p95 >= target:
            failures.append(name)
        print(f"{name:<34} {len(queries):>7} {statistics.median(timings):>8.1f} {p95:>8.1f} {max(timings):>8.1f} "
              f"{statistics.median(cpu):>8.1f} {'<' + str(target):>7}")
    print("targets met" if not failures else f"targets NOT met: {', '.join(failures)}")


if __name__ == "__main__":
    main()
