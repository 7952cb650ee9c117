"""Imports through the web (issue 13, item 6): Celery jobs with progress, bounded memory, all or nothing, clear
messages for broken files at the preview and never a 500 at the confirmation.

Tasks run eagerly here (conftest); tests/recommendations/test_live_import.py runs them on a real worker.
"""

from __future__ import annotations

import csv
import datetime
import io
from collections.abc import Callable
from typing import Any

import pytest
from celery.exceptions import SoftTimeLimitExceeded
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import OperationalError
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from core.exceptions import ApplicationError
from participants.models import Organization, User
from recommendations import services
from recommendations.models import ImportJob, Recommendation
from recommendations.services import import_jobs
from tests.core.files import EXE_BYTES
from tests.participants.factories import OrganizationFactory
from tests.recommendations.import_files import GENERIC_HEADER, generic_csv, generic_rows, generic_xlsx, xlsx_bomb

pytestmark = pytest.mark.django_db

Status = ImportJob.Status
IMPORT = "/en/recommendations/import/"


@pytest.fixture
def secretariat_client(secretariat: User) -> Client:
    from tests.auth import force_login

    client = Client()
    force_login(client, secretariat)
    return client


@pytest.fixture
def run_on_commit(django_capture_on_commit_callbacks: Any) -> Callable[..., Any]:
    """Run a request (or a service) and then the tasks it queued on commit, as a worker would."""

    def run(call: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
        with django_capture_on_commit_callbacks(execute=True):
            return call(*args, **kwargs)

    return run


def _upload(client: Client, run: Callable[..., Any], name: str, data: bytes, format: str = "generic", **extra: Any) -> Any:
    return run(client.post, IMPORT, {"file": SimpleUploadedFile(name, data), "format": format, **extra})


def _job() -> ImportJob:
    return ImportJob.objects.get()


# --- Zip bombs and size limits: refused from the central directory, before openpyxl ------------


def test_a_zip_bomb_workbook_is_refused_at_upload_without_openpyxl_opening_it(
    secretariat_client: Client, run_on_commit: Callable[..., Any], monkeypatch: pytest.MonkeyPatch,
) -> None:
    bomb = xlsx_bomb(400)  # 400 MB of shared strings from about 400 KB
    assert len(bomb) < 1024 * 1024

    def opened(*args: object, **kwargs: object) -> None:
        raise AssertionError("openpyxl opened the bomb")

    monkeypatch.setattr("openpyxl.load_workbook", opened)

    response = _upload(secretariat_client, run_on_commit, "book.xlsx", bomb)

    assert response.status_code == 200
    message = response.context["form"].errors["file"][0]
    assert "Unpacked, this file would take 401 MB, more than the 300 MB allowed" in message
    assert not ImportJob.objects.exists()


def test_the_importer_refuses_a_bomb_itself_so_the_command_is_safe_too(settings: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    settings.UPLOAD_MAX_UNPACKED_MB = 5
    monkeypatch.setattr("openpyxl.load_workbook", lambda *a, **k: pytest.fail("openpyxl opened the bomb"))

    with pytest.raises(ApplicationError, match="zip bomb"):
        services.recommendation_import(raw=xlsx_bomb(8), format="generic", actor=None, dry_run=True)


def test_more_rows_than_allowed_are_refused_at_the_preview_with_the_limit(
    secretariat_client: Client, run_on_commit: Callable[..., Any], settings: Any,
) -> None:
    settings.IMPORT_MAX_ROWS = 40

    _upload(secretariat_client, run_on_commit, "big.csv", generic_csv(41))

    job = _job()
    assert job.status == Status.INVALID
    assert "more than 40 rows" in job.error
    page = secretariat_client.get(reverse("recommendations:import-job", args=[job.token])).content.decode()
    assert "more than 40 rows" in page and "nothing was saved" in page


def test_a_workbook_declaring_more_rows_than_allowed_is_refused_before_its_rows_are_read(settings: Any) -> None:
    settings.IMPORT_MAX_ROWS = 10
    from openpyxl import Workbook

    workbook = Workbook()
    workbook.active.append(GENERIC_HEADER)
    workbook.active.append(generic_rows(1)[0])
    workbook.active.cell(row=500_000, column=1, value="")  # the declared size: A1:L500000
    buffer = io.BytesIO()
    workbook.save(buffer)

    with pytest.raises(ApplicationError, match="more than 10 rows"):
        services.recommendation_import(raw=buffer.getvalue(), format="generic", actor=None, dry_run=True)


def test_a_workbook_whose_declared_size_is_too_small_is_still_read_whole() -> None:
    raw = generic_xlsx(30)
    import zipfile

    source, out = zipfile.ZipFile(io.BytesIO(raw)), io.BytesIO()
    with zipfile.ZipFile(out, "w") as target:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                data = data.replace(b"<sheetData>", b'<dimension ref="A1:L2"/><sheetData>', 1)
            target.writestr(item, data)

    summary = services.recommendation_import(raw=out.getvalue(), format="generic", actor=None)

    assert summary.created == Recommendation.objects.count() == 30


def test_an_executable_or_a_large_file_is_refused_at_upload(
    secretariat_client: Client, run_on_commit: Callable[..., Any], settings: Any,
) -> None:
    exe = _upload(secretariat_client, run_on_commit, "export.csv", EXE_BYTES)
    assert "not an accepted document" in exe.context["form"].errors["file"][0]
    settings.IMPORT_MAX_MB = 1
    big = _upload(secretariat_client, run_on_commit, "big.csv", generic_csv(5000))
    assert "the limit is 1 MB" in big.context["form"].errors["file"][0]
    assert not ImportJob.objects.exists()


def test_a_workbook_for_the_upr_info_format_is_refused_with_the_reason(
    secretariat_client: Client, run_on_commit: Callable[..., Any],
) -> None:
    response = _upload(secretariat_client, run_on_commit, "export.xlsx", generic_xlsx(2), format="upr-info")

    assert "Accepted types: CSV" in response.context["form"].errors["file"][0]


# --- Broken input: clear messages at the preview, never a 500 at the confirmation ----------------


def _row(text: str = "Prevent torture", **columns: str) -> list[str]:
    values = dict(zip(GENERIC_HEADER, generic_rows(1)[0], strict=True))
    values.update(text=text, **columns)
    return [values[name] for name in GENERIC_HEADER]


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        ([_row("Criminalise\x00 domestic violence")], "Line 4: text contains a NUL character"),
        ([_row("Ring the \x07 bell")], "Line 4: text contains a control character"),
        ([_row(document_symbol="X" * 65)], "Line 4: document_symbol is 65 characters long; at most 64 fit"),
        ([_row(cycle="²")], "Line 4: cycle “²” is not a number from 1 to 99"),
        ([_row(year="99999999999")], "Line 4: year “99999999999” is not a number from 1945 to 2100"),
        ([_row(sdg_targets="16.3.1.2.3.4")], "Line 4: sdg_targets is 12 characters long; at most 8 fit"),
        ([_row(mechanism="xyz")], "Line 4: unknown mechanism “xyz”"),
    ],
)
def test_broken_rows_are_refused_at_the_preview_with_their_line_and_the_confirmation_cannot_500(
    extra: list[list[str]], message: str, secretariat_client: Client, run_on_commit: Callable[..., Any],
) -> None:
    _upload(secretariat_client, run_on_commit, "rows.csv", generic_csv(2, extra=extra))
    job = _job()
    assert (job.status, job.preview) == (Status.INVALID, {})
    assert message in job.error

    url = reverse("recommendations:import-job", args=[job.token])
    confirm = run_on_commit(secretariat_client.post, url, follow=True)

    assert confirm.status_code == 200
    assert "This file cannot be imported" in confirm.content.decode()
    assert Recommendation.objects.count() == 0


def test_nul_bytes_in_a_upr_info_export_are_refused_at_the_preview(
    secretariat_client: Client, run_on_commit: Callable[..., Any],
) -> None:
    header = b"To,To-Rgrp,To-Org,Text,From,From-Rgrp,From-Org,Response,Action,Issue,Session\n"
    rows = (b"Kazakhstan,Asia,,Protect journalists,France,WEOG,,Accepted,4,Media,34\n"
            b"Kazakhstan,Asia,,Ban tor\x00ture,Chile,GRULAC,,Accepted,4,Torture,34\n")

    _upload(secretariat_client, run_on_commit, "upr.csv", header + rows, format="upr-info")

    job = _job()
    assert job.status == Status.INVALID
    assert "Line 3: text contains a NUL character" in job.error


def test_a_session_past_what_the_database_holds_is_refused_at_the_preview() -> None:
    raw = (b"To,To-Rgrp,To-Org,Text,From,From-Rgrp,From-Org,Response,Action,Issue,Session\n"
           b"Kazakhstan,Asia,,Protect journalists,France,WEOG,,Accepted,4,Media,99999999\n")
    with pytest.raises(ApplicationError, match="Line 2: session “99999999” is not a session number"):
        services.recommendation_import(raw=raw, format="upr-info", actor=None, dry_run=True)


def test_an_unreadable_workbook_is_a_message_not_a_crash() -> None:
    from tests.core.files import ooxml

    with pytest.raises(ApplicationError, match="not a readable XLSX workbook"):
        services.recommendation_import(raw=ooxml("xl"), format="generic", actor=None, dry_run=True)


def test_bytes_that_do_not_fit_the_chosen_encoding_give_the_line() -> None:
    raw = ",".join(GENERIC_HEADER).encode() + b"\n" + ",".join(_row()).encode() + b"\ncat,3,K,2019,,,\xff\xfe bad\n"
    with pytest.raises(ApplicationError, match=r"not valid utf-8 \(line 3\)"):
        services.recommendation_import(raw=raw, format="generic", actor=None, encoding="utf-8", dry_run=True)


# --- All or nothing, as the command ------------------------------------------------------------


def test_an_import_that_fails_at_the_confirmation_imports_nothing_says_why_and_can_be_tried_again(
    secretariat_client: Client, run_on_commit: Callable[..., Any],
) -> None:
    ministry = OrganizationFactory(name="Ministry of Justice", acronym="MoJ", kind=Organization.Kind.MINISTRY)
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow([*GENERIC_HEADER, "responsible_agencies"])
    writer.writerows([*row, ""] for row in generic_rows(1500))
    writer.writerows([*_row(f"Row {n}"), "MoJ"] for n in range(5))
    raw = buffer.getvalue().encode()
    _upload(secretariat_client, run_on_commit, "rows.csv", raw)
    job = _job()
    assert job.status == Status.READY, job.error
    # Between the preview and the confirmation, the ministry the last rows name leaves the directory.
    ministry.delete()

    url = reverse("recommendations:import-job", args=[job.token])
    run_on_commit(secretariat_client.post, url)

    job.refresh_from_db()
    assert job.status == Status.FAILED
    assert "Line 1502: organisation “MoJ” is not in the directory" in job.error
    assert Recommendation.objects.count() == 0, "the first chunk (1,000 rows) was written before the failing one"
    page = secretariat_client.get(url).content.decode()
    assert "The import stopped; nothing was imported." in page and "Try again" in page

    OrganizationFactory(name="Ministry of Justice", acronym="MoJ", kind=Organization.Kind.MINISTRY)
    run_on_commit(secretariat_client.post, url)

    job.refresh_from_db()
    assert (job.status, job.created_count) == (Status.DONE, 1505)
    assert Recommendation.objects.count() == 1505


def test_a_few_thousand_rows_import_through_the_web_screen_in_a_bounded_number_of_queries(
    secretariat_client: Client, run_on_commit: Callable[..., Any], django_assert_max_num_queries: Any,
) -> None:
    _upload(secretariat_client, run_on_commit, "rows.csv", generic_csv(3000))
    job = _job()
    assert (job.status, job.preview["new_count"], job.preview["total_rows"]) == (Status.READY, 3000, 3000)

    # Bulk inserts per chunk of 1,000 rows (SQLite takes them in batches its 999-parameter limit allows, fewer rows
    # per batch as the record gained its text in three languages, version and withdrawal columns; PostgreSQL 500):
    # 242 queries on SQLite. Saving row by row, as before, made about 25,000.
    with django_assert_max_num_queries(260):
        run_on_commit(services.import_job_confirm, actor=job.uploaded_by, job=job)

    job.refresh_from_db()
    assert (job.status, job.created_count) == (Status.DONE, 3000)
    assert Recommendation.objects.count() == 3000
    sample = Recommendation.objects.get(paragraph="7")
    assert {t.name for t in sample.themes.all()} == {"Children"}
    assert [g.name for g in sample.affected_groups.all()] == ["Women"]
    assert [s.code for s in sample.sdg_targets.all()] == ["16.3"]
    assert sample.history.count() == 1  # type: ignore[attr-defined]  # simple-history's manager


def test_an_xlsx_file_imports_through_the_web_screen(secretariat_client: Client, run_on_commit: Callable[..., Any]) -> None:
    _upload(secretariat_client, run_on_commit, "rows.xlsx", generic_xlsx(1200))
    job = _job()
    assert (job.status, job.preview["encoding"], job.preview["new_count"]) == (Status.READY, "xlsx", 1200)

    run_on_commit(secretariat_client.post, reverse("recommendations:import-job", args=[job.token]))

    assert Recommendation.objects.count() == 1200


# --- Jobs: idempotent, retried safely ---------------------------------------------------------


def _ready_job(client: Client, run: Callable[..., Any], rows: int = 20) -> ImportJob:
    _upload(client, run, "rows.csv", generic_csv(rows))
    job = _job()
    assert job.status == Status.READY
    return job


def test_confirming_twice_imports_once(secretariat_client: Client, run_on_commit: Callable[..., Any]) -> None:
    job = _ready_job(secretariat_client, run_on_commit)
    url = reverse("recommendations:import-job", args=[job.token])

    # Two clicks before any worker picked the job up (the tasks they queue are not run here).
    first = secretariat_client.post(url)
    second = secretariat_client.post(url)
    assert (first.status_code, second.status_code) == (302, 302)
    job.refresh_from_db()
    assert job.status == Status.IMPORT_QUEUED
    run_on_commit(import_jobs.import_job_import, job_id=job.pk)
    assert import_jobs.import_job_import(job_id=job.pk) is None  # delivered again: nothing to do
    assert Recommendation.objects.count() == 20


def test_a_task_running_the_check_twice_checks_once(secretariat_client: Client, run_on_commit: Callable[..., Any]) -> None:
    job = _ready_job(secretariat_client, run_on_commit)
    assert import_jobs.import_job_check(job_id=job.pk) is None
    job.refresh_from_db()
    assert (job.status, job.attempts) == (Status.READY, 1)


def test_a_job_left_running_by_a_dead_worker_is_taken_over_once_stale(
    secretariat_client: Client, run_on_commit: Callable[..., Any], settings: Any,
) -> None:
    job = _ready_job(secretariat_client, run_on_commit)
    now = timezone.now()
    ImportJob.objects.filter(pk=job.pk).update(status=Status.IMPORTING, started_at=now, attempts=2)

    assert import_jobs.import_job_import(job_id=job.pk) is None  # a living worker may still be on it
    ImportJob.objects.filter(pk=job.pk).update(started_at=now - datetime.timedelta(seconds=settings.IMPORT_TIME_LIMIT + 61))
    page = secretariat_client.get(reverse("recommendations:import-job", args=[job.token])).content.decode()
    assert "the background worker has probably stopped" in page

    run_on_commit(secretariat_client.post, reverse("recommendations:import-job", args=[job.token]))

    job.refresh_from_db()
    assert (job.status, job.attempts, job.created_count) == (Status.DONE, 3, 20)
    assert Recommendation.objects.count() == 20


def test_database_trouble_hands_the_job_back_for_the_retry(
    secretariat_client: Client, run_on_commit: Callable[..., Any], monkeypatch: pytest.MonkeyPatch,
) -> None:
    job = _ready_job(secretariat_client, run_on_commit)
    ImportJob.objects.filter(pk=job.pk).update(status=Status.IMPORT_QUEUED)

    def down(**kwargs: object) -> None:
        raise OperationalError("server closed the connection unexpectedly")

    monkeypatch.setattr(import_jobs, "recommendation_import", down)
    with pytest.raises(OperationalError):
        import_jobs.import_job_import(job_id=job.pk)
    job.refresh_from_db()
    assert (job.status, job.started_at) == (Status.IMPORT_QUEUED, None)

    monkeypatch.undo()
    import_jobs.import_job_import(job_id=job.pk)
    job.refresh_from_db()
    assert job.status == Status.DONE


def test_a_task_that_gives_up_leaves_a_failed_job_with_a_message_in_the_uploaders_language(
    secretariat_client: Client, run_on_commit: Callable[..., Any],
) -> None:
    from recommendations.tasks import run_import_job

    job = _ready_job(secretariat_client, run_on_commit)
    ImportJob.objects.filter(pk=job.pk).update(status=Status.IMPORTING, started_at=timezone.now(), language="ru")

    run_import_job.on_failure(OperationalError("down"), "task-id", (job.pk,), {}, None)

    job.refresh_from_db()
    assert job.status == Status.FAILED
    assert job.error.startswith("Фоновый обработчик")


def test_a_job_stopped_at_the_time_limit_says_so_and_imports_nothing(
    secretariat_client: Client, run_on_commit: Callable[..., Any], monkeypatch: pytest.MonkeyPatch,
) -> None:
    job = _ready_job(secretariat_client, run_on_commit)
    ImportJob.objects.filter(pk=job.pk).update(status=Status.IMPORT_QUEUED)

    def slow(**kwargs: object) -> None:
        raise SoftTimeLimitExceeded()

    monkeypatch.setattr(import_jobs, "recommendation_import", slow)
    import_jobs.import_job_import(job_id=job.pk)

    job.refresh_from_db()
    assert job.status == Status.FAILED
    assert "longer than the 30 minutes" in job.error
    assert Recommendation.objects.count() == 0


def test_the_preview_speaks_the_language_of_the_upload(client_as: Callable[[str], Client], run_on_commit: Callable[..., Any]) -> None:
    client = client_as("secretariat")
    run_on_commit(client.post, "/ru/recommendations/import/", {
        "file": SimpleUploadedFile("rows.csv", generic_csv(2, extra=[_row(mechanism="xyz")])), "format": "generic",
    })

    assert _job().error.startswith("Строка 4:")


# --- The progress part: htmx polling, and without JavaScript ------------------------------------


def test_a_running_job_shows_a_progress_bar_that_htmx_polls_and_a_reload_link_without_javascript(
    secretariat_client: Client, run_on_commit: Callable[..., Any],
) -> None:
    job = _ready_job(secretariat_client, run_on_commit, rows=10)
    ImportJob.objects.filter(pk=job.pk).update(status=Status.IMPORTING, started_at=timezone.now())
    cache.set(import_jobs._progress_key(job.pk), {"rows": 4, "done": 4, "total": None})
    url = reverse("recommendations:import-job", args=[job.token])

    page = secretariat_client.get(url).content.decode()
    partial = secretariat_client.get(url, headers={"HX-Request": "true"})

    assert '<progress id="import-progress-bar" max="100" value="40">' in page
    assert f'data-hx-get="{url}"' in page and 'data-hx-trigger="every 2s"' in page
    assert "<noscript>" in page and "Reload to see the progress" in page
    assert "style=" not in page and "<script>" not in page
    assert "HX-Refresh" not in partial
    assert "4 rows read so far" in partial.content.decode()
    assert "<html" not in partial.content.decode()


def test_polling_a_finished_job_reloads_the_page(secretariat_client: Client, run_on_commit: Callable[..., Any]) -> None:
    job = _ready_job(secretariat_client, run_on_commit)

    response = secretariat_client.get(reverse("recommendations:import-job", args=[job.token]),
                                      headers={"HX-Request": "true"})

    assert response["HX-Refresh"] == "true"


def test_the_upload_page_lists_my_recent_imports_with_their_status(
    secretariat_client: Client, run_on_commit: Callable[..., Any],
) -> None:
    job = _ready_job(secretariat_client, run_on_commit)

    page = secretariat_client.get(IMPORT).content.decode()

    assert reverse("recommendations:import-job", args=[job.token]) in page
    assert "Checked: ready to import" in page


def test_stale_unfinished_jobs_and_finished_files_are_purged_after_a_day(
    secretariat_client: Client, run_on_commit: Callable[..., Any],
) -> None:
    old = _ready_job(secretariat_client, run_on_commit)
    done = ImportJob.objects.create(token="done", uploaded_by=old.uploaded_by, filename="x.csv", format="generic",
                                    status=Status.DONE, created_count=3)
    ImportJob.objects.filter(pk__in=[old.pk, done.pk]).update(created_at=timezone.now() - datetime.timedelta(days=2))
    storage, name = old.file.storage, old.file.name

    assert services.import_job_purge_stale() == 1

    assert list(ImportJob.objects.values_list("token", flat=True)) == ["done"]
    assert not storage.exists(name)  # type: ignore[arg-type]  # the job's file name, set above
