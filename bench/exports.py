"""The bulk open-data files: one pass over the rows writes CSV, XLSX and JSON together (issue 17, targets 3 and 4).

Usage (PostgreSQL and Redis; DATABASE_URL from the environment, 100,000 recommendations from seed_demo):

    DATABASE_URL=... .venv/bin/python bench/exports.py [--in-process] [--broker redis://127.0.0.1:6379/6]

By default a real Celery worker (prefork, one process, its own queue) builds the files through the task beat
runs (api.tasks.exports_refresh), after the bench marks them stale; the worker's memory (main process and pool
child) is sampled every 0.2 s. --in-process builds them in this process instead (api.exports.build_files), which
shows the time of each dataset without Celery around it. --tracker-export downloads the tracker's "export this view"
(the whole tracker, then one filtered view) as CSV and XLSX through the Django test client, reading the streamed
body chunk by chunk as a browser would, and prints time, size and this process's RSS growth.

Targets: < 60 s and < 300 MB for 100,000 recommendations; the Celery worker under 300 MB RSS while it builds.
The files go to a temporary folder (DJANGO_MEDIA_ROOT of the worker), not the project's media folder.
"""

from __future__ import annotations

import argparse
import os
import resource
import sys
import tempfile
import threading
import time
import uuid
from pathlib import Path

os.environ.setdefault("CELERY_BROKER_URL", "redis://127.0.0.1:6379/6")
os.environ.setdefault("DJANGO_MEDIA_ROOT", tempfile.mkdtemp(prefix="bench-exports-media-"))

import psutil  # noqa: E402
from _bootstrap import ROOT  # configures Django before the imports below
from django.db import connection  # noqa: E402

from api import exports  # noqa: E402
from api.models import DataExport  # noqa: E402
from recommendations.models import Recommendation  # noqa: E402

TARGET_SECONDS = 60
TARGET_MB = 300


class Sampler(threading.Thread):
    """Peak RSS of a process and its children, every 0.2 s."""

    def __init__(self, pid: int) -> None:
        super().__init__(daemon=True)
        self.root = psutil.Process(pid)
        self.peaks: dict[str, float] = {}
        self.running = True

    def run(self) -> None:
        while self.running:
            try:
                for process in [self.root, *self.root.children(recursive=True)]:
                    label = "main" if process.pid == self.root.pid else f"pool child {process.pid}"
                    self.peaks[label] = max(self.peaks.get(label, 0.0), process.memory_info().rss / 2**20)
            except psutil.Error:
                pass
            time.sleep(0.2)

    def stop(self) -> None:
        self.running = False
        self.join(timeout=5)


def in_process() -> bool:
    sampler = Sampler(os.getpid())
    sampler.start()
    ok = True
    with tempfile.TemporaryDirectory(prefix="bench-exports-") as directory:
        for dataset in exports.DATASETS.values():
            start, cpu = time.perf_counter(), time.process_time()
            built = exports.build_files(dataset, Path(directory))
            seconds = time.perf_counter() - start
            rows = built["csv"].row_count
            sizes = ", ".join(f"{fmt} {f.size / 1e6:.1f} MB" for fmt, f in built.items())
            print(f"{dataset.key:<16} {rows:>7} rows in {seconds:6.1f} s (CPU {time.process_time() - cpu:5.1f} s): "
                  f"{sizes}")
            if dataset.key == "recommendations":
                ok = seconds < TARGET_SECONDS
    sampler.stop()
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak RSS of this process: {peak:.0f} MB (target < {TARGET_MB} MB)")
    return ok and peak < TARGET_MB


def with_worker(args: argparse.Namespace) -> bool:
    sys.path.insert(0, str(ROOT))
    from api.tasks import exports_refresh
    from tests.notifications.live import Worker

    queue = f"bench-exports-{uuid.uuid4().hex[:8]}"
    env = {**os.environ, "CELERY_BROKER_URL": args.broker, "CELERY_RESULT_BACKEND": args.broker,
           "CELERY_TASK_ALWAYS_EAGER": "0", "CELERY_BULK_QUEUE": queue, "DJANGO_LOG_LEVEL": "WARNING"}
    log = Path(tempfile.gettempdir()) / f"{queue}.log"
    worker = Worker(env=env, queue=queue, log=log, concurrency=1)
    worker.start()
    sampler = Sampler(worker.process.pid)  # type: ignore[union-attr]
    try:
        idle = sampler.root.memory_info().rss / 2**20
        # Stale files: the task rebuilds what changed, so make every file look out of date.
        DataExport.objects.update(fingerprint="stale")
        connection.close()
        sampler.start()
        start = time.perf_counter()
        rebuilt = exports_refresh.apply_async(queue=queue).get(timeout=900)
        seconds = time.perf_counter() - start
    finally:
        sampler.stop()
        worker.stop()
    files = {(e.dataset, e.format): e for e in DataExport.objects.all()}
    print(f"worker (prefork, 1 process): {rebuilt} files rebuilt in {seconds:.1f} s; " + ", ".join(
        f"{d}.{f} {e.row_count} rows {e.size / 1e6:.1f} MB" for (d, f), e in sorted(files.items())))
    print(f"worker RSS idle {idle:.0f} MB; peak while building: "
          + ", ".join(f"{label} {mb:.0f} MB" for label, mb in sampler.peaks.items()))
    worst = max(sampler.peaks.values(), default=0.0)
    print(f"target: all files < {TARGET_SECONDS} s, each worker process < {TARGET_MB} MB")
    return seconds < TARGET_SECONDS and worst < TARGET_MB


def tracker_export() -> bool:
    from django.test import Client

    client = Client(SERVER_NAME="localhost")
    me = psutil.Process()
    ok = True
    for label, params in (("whole tracker", {}), ("filtered view", {"mechanism": "upr", "response": "supported"})):
        for fmt in ("csv", "xlsx"):
            base = me.memory_info().rss / 2**20
            peak = base
            start = time.perf_counter()
            response = client.get(f"/en/recommendations/export.{fmt}", params)
            size = 0
            for chunk in response.streaming_content:
                size += len(chunk)
                peak = max(peak, me.memory_info().rss / 2**20)
            peak = max(peak, me.memory_info().rss / 2**20)
            seconds = time.perf_counter() - start
            print(f"{label:<14} {fmt:<4} {size / 1e6:6.1f} MB in {seconds:5.1f} s, RSS {base:.0f} -> {peak:.0f} MB "
                  f"(+{peak - base:.0f} MB)")
            ok = ok and peak - base < TARGET_MB
    return ok


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--in-process", action="store_true")
    parser.add_argument("--tracker-export", action="store_true")
    parser.add_argument("--broker", default=os.environ["CELERY_BROKER_URL"])
    args = parser.parse_args()
    print(f"database: {connection.vendor} ({connection.settings_dict.get('NAME')}), recommendations: "
          f"{Recommendation.objects.count()}; load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs")
    if args.tracker_export:
        met = tracker_export()
    elif args.in_process:
        met = in_process()
    else:
        met = with_worker(args)
    print("targets met" if met else "targets NOT met")


if __name__ == "__main__":
    main()
