"""The public recommendations tracker, per case: p50 and p95 in milliseconds, over HTTP against gunicorn (--http,
the target) or in-process.

Usage (PostgreSQL and Redis as in production, the target; DATABASE_URL and CACHE_URL from the environment):

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/bench .venv/bin/python manage.py migrate
    DATABASE_URL=... .venv/bin/python manage.py seed_demo --recommendations 100000
    DATABASE_URL=... CACHE_URL=redis://127.0.0.1:6379/5 .venv/bin/python bench/tracker.py --http \
        [--iterations 60] [--port 8041] [--seed N]
    DATABASE_URL=... .venv/bin/python bench/tracker.py            (in-process: CPU and SQL time per case)

Target (issue 17, item 1): p95 < 50 ms for every case at 100,000 recommendations, over HTTP against gunicorn in
production mode (DJANGO_DEBUG=0, 2 workers, static files collected once into --static-root), one client sending
the requests one after another on a kept-alive connection, as issue 17 measured. The cases: plain, filtered, a
common word with a filter (in English and in Russian on /ru/), a Kazakh word on /kk/, a rare word, two words,
sorted by date and by relevance, page 50. It prints the number of SQL queries per case (they must not grow with
the data) and the load average: on a shared machine wall time includes waiting for a CPU. Past 5,000 matching
rows the tracker does not count to the end ("5000+" in the rows column; recommendations/pagination.py).
--seed N runs `seed_demo --recommendations N` first.
"""

from __future__ import annotations

import argparse
import http.client
import os
import statistics
import tempfile
import time
from pathlib import Path
from urllib.parse import urlencode

from _bootstrap import percentile  # configures Django before the imports below
from _gunicorn import Gunicorn, collectstatic, production_env
from django.core.management import call_command  # noqa: E402
from django.core.signals import request_started  # noqa: E402
from django.db import connection, reset_queries  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext, setup_test_environment, teardown_test_environment  # noqa: E402

from recommendations.models import Recommendation, Theme  # noqa: E402

URL = "/en/recommendations/"
TARGET_MS = 50


def cases() -> list[tuple[str, str, dict[str, str]]]:
    theme = Theme.objects.order_by("id").values_list("slug", flat=True).first() or ""
    return [
        ("plain", URL, {}),
        ("filter (mechanism + response)", URL, {"mechanism": "upr", "response": "supported"}),
        ("filter (theme)", URL, {"theme": theme}),
        ("common word + filter (en)", URL, {"response": "supported", "q": "women"}),
        ("common word + filter (ru)", "/ru/recommendations/", {"response": "supported", "q": "женщин"}),
        ("common word (kk)", "/kk/recommendations/", {"q": "әйелдер"}),
        ("rare word", URL, {"q": "penalty"}),
        ("two words", URL, {"q": "domestic violence"}),
        ("two words + filters", URL, {"q": "domestic violence", "response": "noted", "mechanism": "upr"}),
        ("word, sorted by date", URL, {"q": "torture", "sort": "newest"}),
        ("word, sorted by relevance", URL, {"q": "torture", "sort": "relevance"}),
        ("page 50", URL, {"page": "50"}),
        ("word, page 50", URL, {"q": "torture", "page": "50"}),
    ]


def instrumented(client: Client) -> dict[str, tuple[str, int, float]]:
    """(rows, queries, SQL ms) per case, from one request each under the test environment."""
    # Django clears the query log when a request starts; keep it so the query count below is right.
    request_started.disconnect(reset_queries)
    found = {}
    for language in ("en", "ru", "kk"):  # the filters' options into the cache, as a running site has them
        client.get(URL.replace("/en/", f"/{language}/"), {"bench": "warm"})
    for name, url, params in cases():
        setup_test_environment()
        reset_queries()
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url, {**params, "bench": "count"})
        teardown_test_environment()
        assert response.status_code == 200, (name, response.status_code)
        paginator = response.context["page"].paginator
        rows = f"{paginator.cap}+" if response.context["capped"] else str(paginator.count)
        found[name] = (rows, len(queries), sum(float(q["time"]) for q in queries.captured_queries) * 1000)
    request_started.connect(reset_queries)
    return found


def start_server(*, port: int, static_root: Path, workers: int) -> Gunicorn:
    """The portal's gunicorn.conf.py with `workers` workers and the cache CACHE_URL names (the page cache is on
    with Redis, as in production; every request of the benchmark is a URL of its own, so each is rendered)."""
    env = production_env(
        static_root=static_root,
        GUNICORN_WORKERS=str(workers), GUNICORN_BIND=f"127.0.0.1:{port}",
        GUNICORN_LOG_LEVEL="warning",
    )
    collectstatic(static_root, env)
    return Gunicorn(port=port, env=env, name="tracker", options=["--access-logfile", "/dev/null"])


def over_http(args: argparse.Namespace, counts: dict[str, tuple[str, int, float]]) -> float:
    connection.close()
    server = start_server(port=args.port, static_root=args.static_root, workers=args.workers)
    print(f"over HTTP: gunicorn, {args.workers} workers, production settings, cache {cache_in_use()}; every "
          f"request a distinct URL (rendered, not a page-cache hit); load average {os.getloadavg()[0]:.1f} (before)")
    print(f"{'case':<32} {'rows':>7} {'queries':>7} {'p50 ms':>8} {'p95 ms':>8} {'max ms':>8}")
    worst = 0.0
    try:
        conn = http.client.HTTPConnection("127.0.0.1", args.port, timeout=30)
        for name, url, params in cases():
            timings = []
            for n in range(args.warmup + args.iterations):
                # Each request a URL of its own, as different readers' searches are: rendered every time, never
                # served whole from the page cache; what production keeps in the cache besides (the filters'
                # options) is used as it is there.
                target = f"{url}?{urlencode({**params, 'bench': n})}"
                start = time.perf_counter()
                conn.request("GET", target, headers={"Host": "127.0.0.1"})
                response = conn.getresponse()
                response.read()
                assert response.status == 200, (name, response.status)
                if n >= args.warmup:
                    timings.append((time.perf_counter() - start) * 1000)
            p95 = percentile(timings, 0.95)
            worst = max(worst, p95)
            rows, queries, _sql = counts[name]
            print(f"{name:<32} {rows:>7} {queries:>7} {statistics.median(timings):>8.1f} {p95:>8.1f} "
                  f"{max(timings):>8.1f}")
        conn.close()
    finally:
        server.stop()
    print(f"load average {os.getloadavg()[0]:.1f} (after)")
    return worst


def in_process(args: argparse.Namespace, client: Client, counts: dict[str, tuple[str, int, float]]) -> float:
    print(f"in-process (Django test client), cache {cache_in_use()}; load average {os.getloadavg()[0]:.1f}")
    print(f"{'case':<32} {'rows':>7} {'queries':>7} {'p50 ms':>8} {'p95 ms':>8} {'max ms':>8} {'cpu p50':>8} {'sql ms':>7}")
    worst = 0.0
    for name, url, params in cases():
        for n in range(args.warmup):
            client.get(url, {**params, "bench": f"w{n}"})
        timings, cpu = [], []
        for n in range(args.iterations):
            start, start_cpu = time.perf_counter(), time.process_time()
            response = client.get(url, {**params, "bench": n})
            timings.append((time.perf_counter() - start) * 1000)
            cpu.append((time.process_time() - start_cpu) * 1000)
            assert response.status_code == 200, (name, response.status_code)
        p95 = percentile(timings, 0.95)
        worst = max(worst, p95)
        rows, queries, sql_ms = counts[name]
        print(f"{name:<32} {rows:>7} {queries:>7} {statistics.median(timings):>8.1f} {p95:>8.1f} "
              f"{max(timings):>8.1f} {statistics.median(cpu):>8.1f} {sql_ms:>7.1f}")
    return worst


def cache_in_use() -> str:
    """The cache behind the page and value caches (CACHE_URL): production runs Redis; with the default per-process
    memory cache the page cache is off and the filters' options are read from the database every time."""
    from django.conf import settings

    backend = settings.CACHES["default"]["BACKEND"].rsplit(".", 1)[-1]
    return f"{backend}, page cache {'on' if settings.PAGE_CACHE_SECONDS else 'off'}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--http", action="store_true", help="time the cases over HTTP against gunicorn (the target)")
    parser.add_argument("--iterations", type=int, default=60)
    parser.add_argument("--warmup", type=int, default=5)
    parser.add_argument("--port", type=int, default=8041)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--static-root", type=Path, default=Path(tempfile.gettempdir()) / "tracker-bench-static")
    parser.add_argument("--seed", type=int, default=0, help="run seed_demo --recommendations N first")
    args = parser.parse_args()

    if args.seed:
        call_command("seed_demo", recommendations=args.seed)
    # localhost is in the default ALLOWED_HOSTS; "testserver" is allowed only inside the test environment.
    client = Client(SERVER_NAME="localhost")
    total = Recommendation.objects.count()
    print(f"database: {connection.vendor} ({connection.settings_dict.get('NAME')}), recommendations: {total}")
    counts = instrumented(client)
    worst = over_http(args, counts) if args.http else in_process(args, client, counts)
    verdict = "met" if worst < TARGET_MS else "NOT met"
    print(f"target p95 < {TARGET_MS} ms: {verdict} (worst p95 {worst:.1f} ms)")


if __name__ == "__main__":
    main()
