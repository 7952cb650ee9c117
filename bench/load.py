"""A crowd of readers against gunicorn in production mode: p95, errors, requests/s, and the workers' memory.

Issue 17, target 2: 50 concurrent readers mixing the home page, the meeting page, the meeting list, the tracker
(first page and further pages, filtered, searched) and the open data API, against gunicorn with 2 workers on
PostgreSQL with 100,000 recommendations: p95 < 500 ms and no error. Target 4: each gunicorn worker stays under
250 MB RSS through the run (sampled every half second; the peak is printed).

Usage (PostgreSQL and Redis; DATABASE_URL from the environment, the data of bench/tracker.py and bench/meetings.py):

    DATABASE_URL=... .venv/bin/python manage.py seed_demo --recommendations 100000
    DATABASE_URL=... .venv/bin/python bench/meetings.py --seed --iterations 1
    DATABASE_URL=... .venv/bin/python bench/load.py [--users 50] [--duration 60] [--max-requests 20000]
        [--worker-class gthread --workers 2 --threads 4] [--compare "sync:2:1 gthread:2:4 ..."] [--no-page-cache]

The crowd is locust (bench/locustfile.py, pinned in requirements.txt), headless, on the loopback interface only,
bounded by --duration seconds and --max-requests requests. Each reader pauses --wait-min..--wait-max seconds
between pages, as people reading do; --wait-max 0 runs them flat out (a stress figure, not the target).
gunicorn gets production settings (DJANGO_DEBUG=0, hashed static files collected once into --static-root, the page
cache on Redis at --cache-url); the API's per-address rate limit is lifted, since every reader comes from
127.0.0.1. Before the run each URL is requested once, as the first people to arrive would. locust and gunicorn
share the machine: locust's own CPU time is printed too. Run it on a quiet machine for figures that count.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from pathlib import Path
from urllib.parse import urlencode

import psutil  # noqa: E402
from _bootstrap import ROOT  # configures Django before the imports below
from _gunicorn import Gunicorn, collectstatic, production_env
from django.db import connection  # noqa: E402

from meetings.models import Meeting  # noqa: E402
from recommendations.models import Recommendation, Theme  # noqa: E402

TARGET_P95_MS = 500
TARGET_WORKER_MB = 250
BIN = Path(sys.executable).parent


def targets() -> dict[str, object]:
    meeting = (Meeting.objects.filter(status=Meeting.Status.MINUTES_PUBLISHED).order_by("-starts_at")
               .values_list("pk", flat=True).first())
    assert meeting is not None, "no meeting with published minutes: run bench/meetings.py --seed first"
    theme = Theme.objects.order_by("id").values_list("slug", flat=True).first() or ""
    words = ["women", "torture", "children", "disabilities", "domestic violence", "education", "freedom of expression",
             "ombudsman"]
    return {
        "languages": ["kk", "ru", "en"],
        "meeting": meeting,
        "filters": [urlencode(q) for q in (
            {"mechanism": "upr", "response": "supported"}, {"response": "noted"}, {"theme": theme},
            {"status": "in_progress"}, {"mechanism": "upr", "response": "supported", "theme": theme},
        )],
        "searches": [urlencode({"q": w}) for w in words]
        + [urlencode({"q": w, "response": "supported"}) for w in words[:4]],
        "api": [
            "/api/v1/recommendations/?page_size=50",
            "/api/v1/recommendations/?" + urlencode({"mechanism": "upr", "response": "supported"}),
            "/api/v1/recommendations/?" + urlencode({"q": "torture prevention"}),
            "/api/v1/meetings/",
            "/api/v1/road-maps/",
        ],
    }


def server_env(args: argparse.Namespace) -> dict[str, str]:
    return production_env(
        static_root=args.static_root,
        DJANGO_API_ANON_RATE="100000000/hour",
        CACHE_URL=args.cache_url,
        DJANGO_PAGE_CACHE_SECONDS="0" if args.no_page_cache else str(args.page_cache_seconds),
    )


def start_server(args: argparse.Namespace, worker_class: str, workers: int, threads: int) -> Gunicorn:
    """The portal's gunicorn.conf.py with the chosen worker class, workers and threads."""
    return Gunicorn(port=args.port, env=server_env(args), name="load", options=[
        "--bind", f"127.0.0.1:{args.port}", "--workers", str(workers), "--worker-class", worker_class,
        "--threads", str(threads),
    ])


class MemorySampler(threading.Thread):
    """Peak RSS of every gunicorn worker (a recycled worker is a new process), every half second."""

    def __init__(self, master_pid: int) -> None:
        super().__init__(daemon=True)
        self.master = psutil.Process(master_pid)
        self.peaks: dict[int, float] = {}
        self.running = True

    def run(self) -> None:
        while self.running:
            try:
                for child in self.master.children():
                    rss = child.memory_info().rss / 2**20
                    self.peaks[child.pid] = max(self.peaks.get(child.pid, 0.0), rss)
            except psutil.Error:
                pass
            time.sleep(0.5)

    def stop(self) -> None:
        self.running = False
        self.join(timeout=5)


def warm_up(base: str, plan: dict[str, object]) -> None:
    urls = [f"/{lang}/" for lang in plan["languages"]]  # type: ignore[union-attr]
    for lang in plan["languages"]:  # type: ignore[union-attr]
        urls += [f"/{lang}/meetings/{plan['meeting']}/", f"/{lang}/meetings/", f"/{lang}/recommendations/"]
        urls += [f"/{lang}/recommendations/?{q}" for q in plan["filters"]]  # type: ignore[union-attr]
    urls += list(plan["api"])  # type: ignore[arg-type]
    for url in urls:
        with urllib.request.urlopen(base + url, timeout=30) as response:  # noqa: S310 - loopback
            response.read()


def run_crowd(args: argparse.Namespace, base: str, plan: dict[str, object], out: Path) -> tuple[list[dict], float]:
    env = {**os.environ, "LOAD_TARGETS": json.dumps(plan), "LOAD_MAX_REQUESTS": str(args.max_requests),
           "LOAD_WAIT_MIN": str(args.wait_min), "LOAD_WAIT_MAX": str(args.wait_max)}
    command = [
        str(BIN / "locust"), "-f", str(ROOT / "bench" / "locustfile.py"), "--headless", "--only-summary",
        "--users", str(args.users), "--spawn-rate", str(args.users), "--run-time", f"{args.duration}s",
        "--host", base, "--csv", str(out / "load"), "--stop-timeout", "5", "--loglevel", "WARNING",
        "--exit-code-on-error", "0",
    ]
    before = psutil.Process().cpu_times()
    with (out / "locust.log").open("wb") as log:
        completed = subprocess.run(command, cwd=ROOT, env=env, check=False, stdout=log,  # noqa: S603
                                   stderr=subprocess.STDOUT)
    if completed.returncode != 0:
        raise RuntimeError(f"locust failed:\n{(out / 'locust.log').read_text()[-3000:]}")
    after = psutil.Process().cpu_times()
    locust_cpu = (after.children_user + after.children_system) - (before.children_user + before.children_system)
    with (out / "load_stats.csv").open(newline="") as handle:
        return list(csv.DictReader(handle)), locust_cpu


def one_run(args: argparse.Namespace, plan: dict[str, object], worker_class: str, workers: int,
            threads: int) -> dict[str, object]:
    server = start_server(args, worker_class, workers, threads)
    sampler = MemorySampler(server.process.pid)
    try:
        warm_up(server.url, plan)
        sampler.start()
        with tempfile.TemporaryDirectory(prefix="bench-load-") as out:
            rows, locust_cpu = run_crowd(args, server.url, plan, Path(out))
    finally:
        sampler.stop()
        server.stop()
    return {"config": f"{worker_class} {workers}x{threads}", "rows": rows, "locust_cpu": locust_cpu,
            "peaks": sampler.peaks}


def report(result: dict[str, object]) -> tuple[float, int, float, float]:
    rows: list[dict[str, str]] = result["rows"]  # type: ignore[assignment]
    print(f"\n== gunicorn {result['config']} ==")
    print(f"{'page':<20} {'requests':>8} {'errors':>6} {'req/s':>7} {'p50 ms':>7} {'p95 ms':>7} {'p99 ms':>7} "
          f"{'max ms':>7}")
    total = next(r for r in rows if r["Name"] == "Aggregated")
    for row in [r for r in rows if r["Name"] != "Aggregated"] + [total]:
        print(f"{row['Name']:<20} {row['Request Count']:>8} {row['Failure Count']:>6} "
              f"{float(row['Requests/s']):>7.1f} {row['50%']:>7} {row['95%']:>7} {row['99%']:>7} "
              f"{float(row['Max Response Time']):>7.0f}")
    peaks: dict[int, float] = result["peaks"]  # type: ignore[assignment]
    worst_worker = max(peaks.values(), default=0.0)
    print(f"gunicorn workers seen: {len(peaks)}, peak RSS per worker: "
          + ", ".join(f"{mb:.0f} MB" for mb in sorted(peaks.values(), reverse=True)))
    print(f"locust's own CPU time: {result['locust_cpu']:.1f} s")
    return float(total["95%"]), int(total["Failure Count"]), float(total["Requests/s"]), worst_worker


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--port", type=int, default=8106)
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--duration", type=int, default=60, help="seconds of load (the run ends sooner at "
                                                                  "--max-requests)")
    parser.add_argument("--max-requests", type=int, default=20000)
    parser.add_argument("--wait-min", type=float, default=0.5)
    parser.add_argument("--wait-max", type=float, default=1.5)
    parser.add_argument("--worker-class", default="gthread")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--threads", type=int, default=4)
    parser.add_argument("--compare", default="", help='several configurations, e.g. "sync:2:1 gthread:2:4"')
    parser.add_argument("--cache-url", default="redis://127.0.0.1:6379/6")
    parser.add_argument("--page-cache-seconds", type=int, default=60)
    parser.add_argument("--no-page-cache", action="store_true", help="every page rendered (the 'before' figure)")
    parser.add_argument("--static-root", type=Path, default=Path(tempfile.gettempdir()) / "dialogue-bench-static")
    args = parser.parse_args()

    plan = targets()
    print(f"database: {connection.vendor} ({connection.settings_dict.get('NAME')}), "
          f"recommendations: {Recommendation.objects.count()}, meeting page: /meetings/{plan['meeting']}/")
    print(f"{args.users} readers, pause {args.wait_min}-{args.wait_max} s, at most {args.duration} s and "
          f"{args.max_requests} requests; page cache: {'off' if args.no_page_cache else 'on'} ({args.cache_url}); "
          f"CPUs: {os.cpu_count()}, load average before: {os.getloadavg()[0]:.1f}")
    connection.close()
    collectstatic(args.static_root, server_env(args))
    configs = [c.split(":") for c in args.compare.split()] or [[args.worker_class, args.workers, args.threads]]
    summary = []
    for worker_class, workers, threads in configs:
        result = one_run(args, plan, str(worker_class), int(workers), int(threads))
        summary.append((result["config"], *report(result)))
    print(f"\n{'configuration':<20} {'p95 ms':>7} {'errors':>6} {'req/s':>7} {'worker MB':>9}  verdict "
          f"(p95 < {TARGET_P95_MS} ms, 0 errors, worker < {TARGET_WORKER_MB} MB)")
    for config, p95, errors, rps, worker_mb in summary:
        met = p95 < TARGET_P95_MS and errors == 0 and worker_mb < TARGET_WORKER_MB
        print(f"{config:<20} {p95:>7.0f} {errors:>6} {rps:>7.1f} {worker_mb:>9.0f}  {'met' if met else 'NOT met'}")
    print(f"load average after: {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
