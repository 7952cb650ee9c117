"""Imports through the web: an ImportJob per uploaded file, checked and then imported by Celery tasks.

upload (import_job_create) -> check task (import_job_check: the preview) -> confirm (import_job_confirm) ->
import task (import_job_import). Each task claims its job with a conditional UPDATE of the status, so a task
delivered twice, or retried after a crash, does the work once; a job whose task died is claimed again once it
has been "running" longer than the task may run. The import is the command's: one transaction, all or nothing.
"""

from __future__ import annotations

import datetime
import logging
import secrets
import time
from collections.abc import Callable

from celery.exceptions import SoftTimeLimitExceeded
from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import DatabaseError, IntegrityError, InterfaceError, OperationalError, transaction
from django.db.models import F, Q
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from core.broker import enqueue
from core.exceptions import ApplicationError
from core.uploads import CSV, XLSX, validate_document_upload
from participants.models import User
from recommendations.models import ImportJob, Recommendation
from recommendations.services.importing import ImportSummary, Progress, recommendation_import

logger = logging.getLogger(__name__)

Status = ImportJob.Status

# Unfinished jobs and their files are forgotten after a day; finished ones stay as a record, without the file.
JOB_KEEP = datetime.timedelta(days=1)
# How often a running task writes its progress to the cache.
PROGRESS_EVERY_SECONDS = 0.5
# Database trouble worth another try: the task is retried with backoff (tasks.py).
TRANSIENT_ERRORS = (OperationalError, InterfaceError)


def import_max_bytes() -> int:
    return int(getattr(settings, "IMPORT_MAX_MB", 50)) * 1024 * 1024


def import_time_limit() -> int:
    """Seconds an import task may run (Celery kills it then); a job running longer than this is stale."""
    return int(getattr(settings, "IMPORT_TIME_LIMIT", 30 * 60))


def _stale_after() -> datetime.timedelta:
    return datetime.timedelta(seconds=import_time_limit() + 60)


def import_job_is_stale(job: ImportJob, *, now: datetime.datetime | None = None) -> bool:
    """A job "checking" or "importing" for longer than a task may run: its worker died without a word."""
    if job.status not in (Status.CHECKING, Status.IMPORTING) or job.started_at is None:
        return False
    return job.started_at < (now or timezone.now()) - _stale_after()


def _progress_key(job_id: int) -> str:
    return f"recommendations:import-job:{job_id}:progress"


def import_job_progress(*, job: ImportJob) -> dict[str, int | None]:
    """How far the running task got: rows read, and the percentage when the file tells its size."""
    progress = None
    if job.is_running:
        try:
            progress = cache.get(_progress_key(job.pk))
        except Exception:  # noqa: BLE001 - a cache outage must not break the page; progress is only a hint
            logger.warning("import progress unavailable", exc_info=True)
    rows, done, total = (progress or {}).get("rows"), (progress or {}).get("done"), (progress or {}).get("total")
    percent = None
    if job.status == Status.IMPORTING and job.preview.get("total_rows"):
        # The import knows the number of rows from the check.
        percent = min(100, round(100 * (rows or 0) / job.preview["total_rows"]))
    elif done is not None and total:
        percent = min(100, round(100 * done / total))
    return {"rows": rows, "percent": percent}


def _progress_writer(job_id: int) -> Progress:
    last = [0.0]

    def write(rows: int, position: tuple[int, int | None]) -> None:
        now = time.monotonic()
        if now - last[0] < PROGRESS_EVERY_SECONDS:
            return
        last[0] = now
        done, total = position
        try:
            cache.set(_progress_key(job_id), {"rows": rows, "done": done, "total": total}, import_time_limit() + 300)
        except Exception:  # noqa: BLE001 - progress is a hint: the import goes on without it
            logger.warning("import progress not written", exc_info=True)

    return write


def _enqueue(task_name: str, job_id: int) -> None:
    from recommendations import tasks

    # With the broker down the job waits ("waiting for the background worker") and is sent by the catch-up sweep.
    enqueue(getattr(tasks, task_name), args=[job_id], queue=settings.RECOMMENDATIONS_IMPORT_QUEUE)


def validate_import_file(file: UploadedFile[bytes], *, format: str) -> str:
    """The one upload checker with the import's types and limits; returns the detected content type."""
    allowed = (CSV,) if format == ImportJob.Format.UPR_INFO else (CSV, XLSX)
    try:
        return validate_document_upload(file, allowed=allowed, max_bytes=import_max_bytes()).content_type
    except ValidationError as exc:
        raise ApplicationError(" ".join(exc.messages), field="file") from None


def import_job_purge_stale(*, now: datetime.datetime | None = None) -> int:
    """Forget unfinished jobs older than a day and the files of finished ones; returns the jobs deleted."""
    cutoff = (now or timezone.now()) - JOB_KEEP
    old = ImportJob.objects.filter(created_at__lt=cutoff).exclude(status__in=ImportJob.RUNNING)
    deleted = 0
    for job in old.exclude(file=""):
        job.file.delete(save=False)
        ImportJob.objects.filter(pk=job.pk).update(file="")
    deleted, _counts = old.exclude(status=Status.DONE).delete()
    return deleted


def import_job_create(
    *, actor: User, file: UploadedFile[bytes], format: str, encoding: str = "", cycle: int | None = None
) -> ImportJob:
    """Keep the uploaded file privately and queue its check (the preview)."""
    if format not in ImportJob.Format.values:
        raise ApplicationError(_("Unknown format “%(format)s”.") % {"format": format}, field="format")
    content_type = validate_import_file(file, format=format)
    import_job_purge_stale()
    with transaction.atomic():
        job = ImportJob(
            token=secrets.token_urlsafe(32), uploaded_by=actor, filename=(file.name or "")[:255], format=format,
            encoding=encoding, cycle=cycle, content_type=content_type, size=file.size or 0,
            language=(translation.get_language() or settings.LANGUAGE_CODE)[:8],
        )
        job.file.save(file.name or "import", file, save=False)
        job.save()
        transaction.on_commit(lambda: _enqueue("check_import_job", job.pk))
    return job


def import_job_confirm(*, actor: User, job: ImportJob) -> ImportJob:
    """Queue the import of a checked file, or queue again a job that failed or whose worker died.

    Safe to repeat (a double click): a job already queued or running is left as it is.
    """
    if job.uploaded_by_id != actor.pk:
        raise ApplicationError(_("Only the person who uploaded the file can import it."))
    now = timezone.now()
    stale = Q(status__in=[Status.CHECKING, Status.IMPORTING], started_at__lt=now - _stale_after())
    with transaction.atomic():
        current = ImportJob.objects.select_for_update().get(pk=job.pk)
        if current.status in (Status.IMPORT_QUEUED, Status.IMPORTING, Status.DONE) and not import_job_is_stale(current):
            return current
        if current.status == Status.INVALID or not current.file:
            raise ApplicationError(_("This file cannot be imported. Upload a corrected file."))
        # A check that died is checked again; a failed or dead import is imported again (nothing of it was kept).
        recheck = current.status == Status.CHECKING
        target = Status.CHECK_QUEUED if recheck else Status.IMPORT_QUEUED
        updated = ImportJob.objects.filter(
            Q(pk=job.pk) & (Q(status__in=[Status.READY, Status.FAILED]) | stale)
        ).update(status=target, error="", started_at=None, finished_at=None, updated_at=now)
        if not updated:
            return current
        transaction.on_commit(lambda: _enqueue("check_import_job" if recheck else "run_import_job", job.pk))
    job.refresh_from_db()
    return job


def _claim(job_id: int, *, queued: str, running: str) -> ImportJob | None:
    """Take the job for this task: queued, or left running by a task that died. None when someone else has it."""
    now = timezone.now()
    claimed = ImportJob.objects.filter(
        Q(pk=job_id) & (Q(status=queued) | Q(status=running, started_at__lt=now - _stale_after()))
    ).update(status=running, started_at=now, attempts=F("attempts") + 1, updated_at=now)
    if not claimed:
        return None
    return ImportJob.objects.select_related("uploaded_by").get(pk=job_id)


def _finish(job: ImportJob, *, status: str, **fields: object) -> None:
    """Record the outcome, unless another task has taken the job over since (a later attempt)."""
    ImportJob.objects.filter(pk=job.pk, status=job.status, attempts=job.attempts).update(
        status=status, finished_at=timezone.now(), updated_at=timezone.now(), **fields
    )


def _requeue(job: ImportJob, *, queued: str) -> None:
    """Hand the job back before a retry, so that the retried task can claim it."""
    try:
        ImportJob.objects.filter(pk=job.pk, status=job.status, attempts=job.attempts).update(
            status=queued, started_at=None, updated_at=timezone.now()
        )
    except DatabaseError:
        logger.warning("import job %s not handed back; it is claimed again once stale", job.pk, exc_info=True)


def _preview_of(summary: ImportSummary) -> dict[str, object]:
    return {
        "encoding": summary.encoding,
        "total_rows": summary.total_rows,
        "new_count": summary.new_count,
        "existing": summary.existing,
        "repeated_in_file": summary.repeated_in_file,
        "table": summary.table,
        "first_rows": [
            {
                "line": row.line,
                "states": ", ".join(name for name, _group in row.recommending_states),
                "text": row.text[:500],
                "pledge": row.kind == Recommendation.Kind.VOLUNTARY_PLEDGE,
                "response": row.response,
                "themes": ", ".join(row.themes),
            }
            for row in summary.first_new_rows
        ],
    }


def _unexpected(job: ImportJob, exc: Exception) -> str:
    logger.error("import job %s stopped by an unexpected error", job.pk, exc_info=exc)
    return _("The file could not be processed (%(error)s). Nothing was imported. Check the file, or send it to "
             "the portal's administrator.") % {"error": type(exc).__name__}


def _run_stage(job: ImportJob, work: Callable[[], None], *, queued: str, failed: str) -> None:
    with translation.override(job.language):
        _run_stage_in_language(job, work, queued=queued, failed=failed)


def _run_stage_in_language(job: ImportJob, work: Callable[[], None], *, queued: str, failed: str) -> None:
    try:
        work()
    except ApplicationError as exc:
        _finish(job, status=failed, error=exc.message)
    except FileNotFoundError:
        _finish(job, status=Status.INVALID, error=_("The uploaded file is no longer on the server. Upload it again."))
    except TRANSIENT_ERRORS:
        _requeue(job, queued=queued)
        raise
    except SoftTimeLimitExceeded:
        _finish(job, status=failed, error=_(
            "This took longer than the %(minutes)s minutes a file may take, so it was stopped and nothing was "
            "imported. Split the file into smaller ones.") % {"minutes": import_time_limit() // 60})
    except IntegrityError:
        _finish(job, status=failed, error=_(
            "Another import added some of these recommendations at the same time, so nothing was imported. "
            "Import the file again: the rows already there are skipped."))
    except Exception as exc:  # noqa: BLE001 - the page must say why, whatever broke; the log keeps the trace
        _finish(job, status=failed, error=_unexpected(job, exc))


def import_job_check(*, job_id: int) -> ImportJob | None:
    """The preview: read and check every row, write nothing. Ends READY (with the counts) or INVALID (why)."""
    job = _claim(job_id, queued=Status.CHECK_QUEUED, running=Status.CHECKING)
    if job is None:
        return None

    def work() -> None:
        with job.file.open("rb") as handle:
            summary = recommendation_import(
                file=handle, format=job.format, actor=None, filename=job.filename, encoding=job.encoding or None,
                cycle=job.cycle, dry_run=True, progress=_progress_writer(job.pk),
            )
        _finish(job, status=Status.READY, preview=_preview_of(summary), error="")

    _run_stage(job, work, queued=Status.CHECK_QUEUED, failed=Status.INVALID)
    job.refresh_from_db()
    return job


def import_job_import(*, job_id: int) -> ImportJob | None:
    """The import, in one transaction with the job's DONE: either both are committed or neither."""
    job = _claim(job_id, queued=Status.IMPORT_QUEUED, running=Status.IMPORTING)
    if job is None:
        return None

    def work() -> None:
        with transaction.atomic():
            # Held to the end: a second task for this job waits here, then finds it done.
            current = ImportJob.objects.select_for_update().get(pk=job.pk)
            if (current.status, current.attempts) != (Status.IMPORTING, job.attempts):
                return
            with job.file.open("rb") as handle:
                summary = recommendation_import(
                    file=handle, format=job.format, actor=job.uploaded_by, filename=job.filename,
                    encoding=job.encoding or None, cycle=job.cycle, progress=_progress_writer(job.pk),
                )
            _finish(job, status=Status.DONE, created_count=summary.created, error="")
        stored, storage = job.file.name, job.file.storage
        ImportJob.objects.filter(pk=job.pk).update(file="")
        storage.delete(stored)  # type: ignore[arg-type]  # the job's file is there until now

    _run_stage(job, work, queued=Status.IMPORT_QUEUED, failed=Status.FAILED)
    job.refresh_from_db()
    return job


# A task that gives up cannot say more: its retries are spent, or Celery stopped it at the time limit.
GAVE_UP = gettext_noop("The background worker could not finish this job, so nothing was imported. Try again later.")


def import_job_give_up(*, job_id: int) -> None:
    """Called when a task gives up: the page says so and offers to try again."""
    job = ImportJob.objects.filter(pk=job_id).first()
    failed: dict[str, Status] = {Status.CHECK_QUEUED: Status.INVALID, Status.CHECKING: Status.INVALID,
              Status.IMPORT_QUEUED: Status.FAILED, Status.IMPORTING: Status.FAILED}
    if job is None or job.status not in failed:
        return
    with translation.override(job.language):
        reason = _(GAVE_UP)
    ImportJob.objects.filter(pk=job_id, status=job.status).update(
        status=failed[job.status], error=reason, finished_at=timezone.now(), updated_at=timezone.now()
    )
