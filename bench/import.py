"""Imports of recommendations through the web screen's code path: time and peak memory per stage.

Usage (PostgreSQL, the target; DATABASE_URL from the environment, a migrated database):

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/bench .venv/bin/python bench/import.py [--rows 100000]
        [--format csv|xlsx] [--bomb-mb 2300]

It generates a file of --rows distinct rows in the portal's template (tests/recommendations/import_files.py),
uploads it as the secretariat's import page does (services.import_job_create), runs the check (the preview) and the
import as the Celery tasks run them (eagerly, in this process), and prints for each stage the wall time and the peak
memory of the process (resident set size, sampled every 50 ms, and Python's own allocations by tracemalloc). Then it
uploads a zip bomb of --bomb-mb unpacked megabytes and prints how fast it is refused. The rows it imported are
kept (each run tags its texts, so every run imports new rows): use a throwaway database. Figures on a shared machine
are noisy: run it on an idle one for those that count.
"""

from __future__ import annotations

import argparse
import tempfile
import threading
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path
from typing import Any

import _bootstrap  # noqa: F401 - configures Django before the imports below
import psutil  # noqa: E402
from django.conf import settings  # noqa: E402
from django.core.files.uploadedfile import SimpleUploadedFile, UploadedFile  # noqa: E402
from django.db import connection  # noqa: E402

from core.exceptions import ApplicationError  # noqa: E402
from participants.models import User  # noqa: E402
from recommendations import services  # noqa: E402
from recommendations.models import ImportJob, Recommendation  # noqa: E402
from recommendations.services import import_jobs  # noqa: E402
from tests.recommendations.import_files import generic_csv_file, generic_rows, xlsx_bomb  # noqa: E402


class PeakMemory:
    """Highest resident set size of this process while the block runs, sampled in a thread."""

    def __init__(self) -> None:
        self.process = psutil.Process()
        self.peak = 0
        self._stop = threading.Event()

    def _sample(self) -> None:
        while not self._stop.is_set():
            self.peak = max(self.peak, self.process.memory_info().rss)
            time.sleep(0.05)

    def __enter__(self) -> PeakMemory:
        self.start = self.process.memory_info().rss
        self.peak = self.start
        self._thread = threading.Thread(target=self._sample, daemon=True)
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()
        self.peak = max(self.peak, self.process.memory_info().rss)


TRACE_PYTHON = False


def measure(label: str, work: Callable[[], Any]) -> Any:
    if TRACE_PYTHON:
        tracemalloc.start()
    started = time.perf_counter()
    with PeakMemory() as memory:
        result = work()
    seconds = time.perf_counter() - started
    mb = 1024 * 1024
    line = (f"{label:<28} {seconds:>8.1f} s   RSS peak {memory.peak / mb:>6.0f} MB "
            f"(+{(memory.peak - memory.start) / mb:.0f} MB in this stage)")
    if TRACE_PYTHON:
        line += f"   Python peak {tracemalloc.get_traced_memory()[1] / mb:.0f} MB"
        tracemalloc.stop()
    print(line, flush=True)
    return result


def xlsx_file(path: Path, rows: int, *, tag: str = "") -> Path:
    from openpyxl import Workbook

    from tests.recommendations.import_files import GENERIC_HEADER

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("recommendations")
    sheet.append(GENERIC_HEADER)
    for start in range(0, rows, 10_000):
        for row in generic_rows(min(10_000, rows - start), start=start, tag=tag):
            sheet.append(row)
    workbook.save(path)
    return path


def upload_of(path: Path) -> UploadedFile:
    """The file as Django hands a large upload to the view: on disk, not in memory."""
    from django.core.files.uploadedfile import TemporaryUploadedFile

    upload = TemporaryUploadedFile(path.name, "application/octet-stream", path.stat().st_size, None)
    with path.open("rb") as source:
        while chunk := source.read(1024 * 1024):
            upload.write(chunk)
    upload.seek(0)
    return upload


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--format", choices=["csv", "xlsx"], default="csv")
    parser.add_argument("--bomb-mb", type=int, default=2300, help="unpacked size of the zip bomb (0: skip it)")
    parser.add_argument("--trace-python", action="store_true", help="also Python's own peak (tracemalloc; slower)")
    args = parser.parse_args()
    global TRACE_PYTHON
    TRACE_PYTHON = args.trace_python
    # As in production: with DEBUG on, Django would keep every (large) bulk INSERT in its query log.
    settings.DEBUG = False

    actor, _created = User.objects.get_or_create(
        email="bench-import@example.org", defaults={"role": User.Role.SECRETARIAT, "first_name": "Bench"}
    )
    before = Recommendation.objects.count()
    print(f"database: {connection.vendor} ({connection.settings_dict.get('NAME')}), recommendations before: {before}")
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"bench.{args.format}"
        make = xlsx_file if args.format == "xlsx" else generic_csv_file
        tag = f"[bench {time.strftime('%Y-%m-%d %H:%M:%S')}] "
        measure(f"generate {args.rows:,} rows", lambda: make(path, args.rows, tag=tag))
        print(f"file: {path.stat().st_size / 1024 / 1024:.1f} MB {args.format.upper()}")
        # Measured apart: the upload only stores the file here, and the check runs next as the worker runs it.
        import_jobs._enqueue = lambda task_name, job_id: None
        upload = upload_of(path)
        job = measure("upload (type check + store)", lambda: services.import_job_create(
            actor=actor, file=upload, format="generic"))
        upload.close()  # as Django does after a request: the stored copy was moved out of the temporary file
    measure("check (the preview)", lambda: services.import_job_check(job_id=job.pk))
    job.refresh_from_db()
    print(f"preview: {job.status}, {job.preview.get('new_count')} new of {job.preview.get('total_rows')} rows "
          f"{job.error}")
    if job.status != ImportJob.Status.READY:
        return
    ImportJob.objects.filter(pk=job.pk).update(status=ImportJob.Status.IMPORT_QUEUED)
    measure("import (one transaction)", lambda: services.import_job_import(job_id=job.pk))
    job.refresh_from_db()
    print(f"import: {job.status}, {job.created_count} created {job.error}")

    if args.bomb_mb:
        bomb = xlsx_bomb(args.bomb_mb)
        print(f"zip bomb: {len(bomb) / 1024 / 1024:.1f} MB, {args.bomb_mb} MB unpacked")

        def refuse() -> str:
            try:
                services.import_job_create(actor=actor, file=SimpleUploadedFile("bomb.xlsx", bomb), format="generic")
            except ApplicationError as exc:
                return exc.message
            return "ACCEPTED (wrong)"

        print("  " + measure("refuse the zip bomb", refuse))
    print(f"recommendations now: {Recommendation.objects.count()}")



if __name__ == "__main__":
    main()
