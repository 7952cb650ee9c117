"""Server time of the open data API's recommendations list, in-process, per case: p50 and p95 in milliseconds.

Usage (PostgreSQL, the target; DATABASE_URL from the environment):

    DATABASE_URL=postgres://postgres:postgres@127.0.0.1:5432/dialogue_api .venv/bin/python manage.py migrate
    DATABASE_URL=... .venv/bin/python manage.py seed_demo --recommendations 100000
    DATABASE_URL=... .venv/bin/python bench/api.py [--iterations 200] [--seed N] [--depth 400]

Target: p95 < 100 ms for every case at 100,000 recommendations, including a page deep in the cursor
(--depth pages of 50 in, i.e. past row 20,000 by default): cursor paging seeks by id, so a deep page costs what
the first does. It also prints SQL queries per request (they must not grow with the data), the process's CPU
time (p50) and the SQL time of one request. Rate limits are lifted for the run (they would answer 429).
It ends with the time to build the six bulk files (api.services.exports_refresh(force=True)) unless --no-exports.
"""

from __future__ import annotations

import argparse
import statistics
import time
from urllib.parse import urlencode, urlparse

from _bootstrap import percentile  # configures Django before the imports below
from django.conf import settings  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.core.signals import request_started  # noqa: E402
from django.db import connection, reset_queries  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext, setup_test_environment, teardown_test_environment  # noqa: E402

from participants.models import Organization  # noqa: E402
from recommendations.models import Recommendation, Theme  # noqa: E402

URL = "/api/v1/recommendations/"


def deep_page_url(client: Client, depth: int) -> str:
    """The URL of page `depth` (50 rows each), found by following `next` from the first page."""
    url = f"{URL}?page_size=50"
    for _ in range(depth - 1):
        body = client.get(url).json()
        if not body["next"]:
            break
        parsed = urlparse(body["next"])
        url = f"{parsed.path}?{parsed.query}"
    return url


def cases(client: Client, depth: int) -> list[tuple[str, str]]:
    theme = Theme.objects.order_by("id").values_list("slug", flat=True).first() or ""
    agency = Organization.objects.filter(responsible_for_recommendations__isnull=False).values_list(
        "pk", flat=True).first() or ""
    return [
        ("no filter", f"{URL}?page_size=50"),
        ("filter (mechanism + response)", f"{URL}?{urlencode({'mechanism': 'upr', 'response': 'supported'})}"),
        ("filter (theme)", f"{URL}?{urlencode({'theme': theme})}"),
        ("filter (agency + status)", f"{URL}?{urlencode({'agency': agency, 'status': 'in_progress'})}"),
        ("text search", f"{URL}?{urlencode({'q': 'torture prevention'})}"),
        (f"cursor page {depth} (no filter)", deep_page_url(client, depth)),
        # Informational: four default pages in one response; the target is about the default page.
        ("page_size=200 (informational)", f"{URL}?page_size=200"),
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--iterations", type=int, default=200)
    parser.add_argument("--warmup", type=int, default=10)
    parser.add_argument("--depth", type=int, default=400)
    parser.add_argument("--seed", type=int, default=0, help="run seed_demo --recommendations N first")
    parser.add_argument("--no-exports", action="store_true", help="skip timing the bulk files")
    args = parser.parse_args()

    if args.seed:
        call_command("seed_demo", recommendations=args.seed)
    settings.API_ANON_RATE = "100000000/hour"
    # Django clears the query log when a request starts; keep it so the query count below is right.
    request_started.disconnect(reset_queries)
    # localhost is in the default ALLOWED_HOSTS; "testserver" is allowed only inside the test environment.
    client = Client(SERVER_NAME="localhost")
    total = Recommendation.objects.count()
    print(f"database: {connection.vendor} ({connection.settings_dict.get('NAME')}), recommendations: {total}")
    print(f"{'case':<32} {'rows':>5} {'queries':>7} {'p50 ms':>8} {'p95 ms':>8} {'max ms':>8} {'cpu p50':>8} "
          f"{'sql ms':>7}")
    worst = 0.0
    for name, url in cases(client, args.depth):
        # One instrumented request for the query count; the timed ones run uninstrumented.
        setup_test_environment()
        reset_queries()
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        teardown_test_environment()
        assert response.status_code == 200, (name, response.status_code, response.content[:300])
        rows = len(response.json()["results"])
        sql_ms = sum(float(q["time"]) for q in queries.captured_queries) * 1000
        for _ in range(args.warmup):
            client.get(url)
        timings, cpu = [], []
        for _ in range(args.iterations):
            start, start_cpu = time.perf_counter(), time.process_time()
            response = client.get(url)
            timings.append((time.perf_counter() - start) * 1000)
            cpu.append((time.process_time() - start_cpu) * 1000)
            assert response.status_code == 200, (name, response.status_code)
        p95 = percentile(timings, 0.95)
        if "informational" not in name:
            worst = max(worst, p95)
        print(f"{name:<32} {rows:>5} {len(queries):>7} {statistics.median(timings):>8.1f} {p95:>8.1f} "
              f"{max(timings):>8.1f} {statistics.median(cpu):>8.1f} {sql_ms:>7.1f}")
    verdict = "met" if worst < 100 else "NOT met"
    print(f"target p95 < 100 ms on the default page: {verdict} (worst p95 {worst:.1f} ms)")
    if not args.no_exports:
        from api import services

        start = time.perf_counter()
        built = services.exports_refresh(force=True)
        print(f"bulk files: {len(built)} built in {time.perf_counter() - start:.1f} s "
              + ", ".join(f"{e.dataset}.{e.format} {e.size / 1e6:.1f} MB" for e in built))


if __name__ == "__main__":
    main()
