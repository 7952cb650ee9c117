"""Celery tasks of the reports app: thin wrappers around reports.services (STYLE.md section 7.10).

celery beat runs both by name after each quarter and each year; "build now" on the secretariat's page calls
the same services. Building a period twice replaces its files and never makes a second report.
"""

from __future__ import annotations

from celery import shared_task
from django.utils import timezone


@shared_task(bind=True, name="reports.tasks.build_quarterly_digest", autoretry_for=(ConnectionError, TimeoutError),
             retry_backoff=True, max_retries=5)
def build_quarterly_digest(self: object, year: int | None = None, quarter: int | None = None) -> int:
    """Build the digest of the given quarter, by default the quarter that has just ended. Returns the report id."""
    from reports.digests import previous_quarter
    from reports.models import Report
    from reports.services import digest_build

    if year is None or quarter is None:
        year, quarter = previous_quarter(timezone.localdate())
    return digest_build(kind=Report.Kind.QUARTERLY_DIGEST, year=year, quarter=quarter).pk


@shared_task(bind=True, name="reports.tasks.build_annual_report", autoretry_for=(ConnectionError, TimeoutError),
             retry_backoff=True, max_retries=5)
def build_annual_report(self: object, year: int | None = None) -> int:
    """Build the annual report of the given year, by default the year that has just ended. Returns the report id."""
    from reports.models import Report
    from reports.services import digest_build

    if year is None:
        year = timezone.localdate().year - 1
    return digest_build(kind=Report.Kind.ANNUAL_REPORT, year=year).pk
