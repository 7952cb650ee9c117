"""The digest tasks are thin and idempotent: building a period again replaces its files, never the report."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.utils import timezone
from django_celery_beat.models import PeriodicTask

from reports.digests import previous_quarter
from reports.models import Report, ReportDocument
from reports.tasks import build_annual_report, build_quarterly_digest
from tests.recommendations.factories import ActionFactory

pytestmark = pytest.mark.django_db


def test_building_a_quarter_twice_replaces_the_files_and_keeps_one_report(
    django_capture_on_commit_callbacks: Callable[..., object],
) -> None:
    ActionFactory(description="First action")
    with django_capture_on_commit_callbacks(execute=True):  # type: ignore[attr-defined]
        first_id = build_quarterly_digest.delay(2025, 2).get()
    first_files = {d.generated_key: d.file.name for d in ReportDocument.objects.all()}
    storage = ReportDocument._meta.get_field("file").storage
    first_published_at = Report.objects.get().published_at

    ActionFactory(description="Second action")
    with django_capture_on_commit_callbacks(execute=True):  # type: ignore[attr-defined]
        second_id = build_quarterly_digest.delay(2025, 2).get()

    assert first_id == second_id
    assert Report.objects.count() == 1
    report = Report.objects.get()
    assert report.versions.count() == 1
    documents = ReportDocument.objects.filter(version__report=report)
    assert sorted(documents.values_list("generated_key", flat=True)) == sorted(
        f"{kind}:{language}" for kind in ("pdf", "xlsx") for language in ("en", "kk", "ru"))
    assert report.data["totals"]["actions_total"] == 2  # the second build saw the new action
    assert report.published_at == first_published_at  # a rebuild is not a new publication
    for document in documents:
        assert storage.exists(document.file.name)  # type: ignore[arg-type]  # a saved file has its name
        assert document.file.name != first_files[document.generated_key]
    assert not any(storage.exists(name) for name in first_files.values())  # type: ignore[arg-type]  # old files are gone; each had a name


def test_quarterly_task_defaults_to_the_quarter_that_just_ended() -> None:
    report = Report.objects.get(pk=build_quarterly_digest.delay().get())
    year, quarter = previous_quarter(timezone.localdate())
    assert report.kind == Report.Kind.QUARTERLY_DIGEST
    assert report.period_start.year == year and (report.period_start.month - 1) // 3 + 1 == quarter


def test_annual_task_defaults_to_the_year_that_just_ended_and_is_idempotent() -> None:
    first = build_annual_report.delay().get()
    second = build_annual_report.delay().get()
    assert first == second
    report = Report.objects.get()
    assert report.kind == Report.Kind.ANNUAL_REPORT
    assert report.year == timezone.localdate().year - 1


def test_tasks_are_registered_under_the_names_beat_uses() -> None:
    assert build_quarterly_digest.name == "reports.tasks.build_quarterly_digest"
    assert build_annual_report.name == "reports.tasks.build_annual_report"


def test_reports_migration_schedules_the_quarterly_digest_at_6_on_each_quarters_first_day() -> None:
    task = PeriodicTask.objects.get(name="Quarterly digest")

    assert task.task == "reports.tasks.build_quarterly_digest"
    cron = task.crontab
    assert (cron.minute, cron.hour, cron.day_of_month, cron.month_of_year, cron.day_of_week) == (
        "0",
        "6",
        "1",
        "1,4,7,10",
        "*",
    )
    assert str(cron.timezone) == "Asia/Almaty"
