"""Server time of the public recommendations tracker, in-process, per case: p50 and p95 in milliseconds.

Usage (PostgreSQL, the target; DATABASE_URL from the environment):

    DATABASE_URL=postgres://postgres@127.0.0.1:55432/bench .venv/bin/python manage.py migrate
    DATABASE_URL=... .venv/bin/python manage.py seed_demo --recommendations 100000
    DATABASE_URL=... .venv/bin/python bench/tracker.py [--iterations 200] [--seed N]

--seed N runs `seed_demo --recommendations N` first. Target: p95 < 100 ms for every case at 100,000
recommendations. It also prints the number of SQL queries per case, which must not grow with the data, and
the Django process's own CPU time (p50) and the SQL time of one request: wall time minus CPU is database time
plus waiting for a CPU, which on a shared machine tells contention from slowness. Run it on an idle machine for
the figures that count. Past 5,000 matching rows the tracker does not count to the end ("5000+" in the rows
column; recommendations/pagination.py).
"""

from __future__ import annotations

import argparse
import statistics
import time

from _bootstrap import percentile  # configures Django before the imports below
from django.core.management import call_command  # noqa: E402
from django.core.signals import request_started  # noqa: E402
from django.db import connection, reset_queries  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext, setup_test_environment, teardown_test_environment  # noqa: E402

from recommendations.models import Recommendation, Theme  # noqa: E402

URL = "/en/recommendations/"


def cases() -> list[tuple[str, dict[str, str]]]:
    theme = Theme.objects.order_by("id").values_list("slug", flat=True).first() or ""
    return [
        ("no filter", {}),
        ("filter (mechanism + response)", {"mechanism": "upr", "response": "supported"}),
        ("filter (theme)", {"theme": theme}),
        ("text search", {"q": "torture prevention"}),
        ("filter + search", {"q": "domestic violence", "response": "noted", "mechanism": "upr"}),
        ("page 50", {"page": "50"}),
    ]



def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--iterations", type=int, default=200)
    parser.add_argument("--warmup", type=int, default=10)
    parser.add_argument("--seed", type=int, default=0, help="run seed_demo --recommendations N first")
    args = parser.parse_args()

    if args.seed:
        call_command("seed_demo", recommendations=args.seed)
    # Django clears the query log when a request starts; keep it so the query count below is right.
    request_started.disconnect(reset_queries)
    # localhost is in the default ALLOWED_HOSTS; "testserver" is allowed only inside the test environment.
    client = Client(SERVER_NAME="localhost")
    total = Recommendation.objects.count()
    print(f"database: {connection.vendor} ({connection.settings_dict.get('NAME')}), recommendations: {total}")
    print(f"{'case':<32} {'rows':>7} {'queries':>7} {'p50 ms':>8} {'p95 ms':>8} {'max ms':>8} {'cpu p50':>8} {'sql ms':>7}")
    worst = 0.0
    for name, params in cases():
        # One instrumented request for the row and query counts; the timed ones run uninstrumented.
        setup_test_environment()
        reset_queries()
        with CaptureQueriesContext(connection) as queries:
            response = client.get(URL, params)
        teardown_test_environment()
        assert response.status_code == 200, (name, response.status_code)
        paginator = response.context["page"].paginator
        rows = f"{paginator.cap}+" if response.context["capped"] else str(paginator.count)
        sql_ms = sum(float(q["time"]) for q in queries.captured_queries) * 1000
        for _ in range(args.warmup):
            client.get(URL, params)
        timings, cpu = [], []
        for _ in range(args.iterations):
            reset_queries()
            start, start_cpu = time.perf_counter(), time.process_time()
            response = client.get(URL, params)
            timings.append((time.perf_counter() - start) * 1000)
            cpu.append((time.process_time() - start_cpu) * 1000)
            assert response.status_code == 200, (name, response.status_code)
        p95 = percentile(timings, 0.95)
        worst = max(worst, p95)
        print(f"{name:<32} {rows:>7} {len(queries):>7} {statistics.median(timings):>8.1f} {p95:>8.1f} "
              f"{max(timings):>8.1f} {statistics.median(cpu):>8.1f} {sql_ms:>7.1f}")
    verdict = "met" if worst < 100 else "NOT met"
    print(f"target p95 < 100 ms: {verdict} (worst p95 {worst:.1f} ms)")


if __name__ == "__main__":
    main()
