"""Every URL of the reports app against every role (tests/test_access_matrix.py walks these).

Object-level rules (drafts only for the secretariat, participants-only documents) cannot be told by role
alone; tests/reports/test_registry.py covers them.
"""

from __future__ import annotations

from django.urls import reverse

from tests.access import PUBLIC, Rule

SECRETARIAT = ("secretariat",)
REDIRECT = (302,)


def _url(name: str, *args: object) -> str:
    return reverse(f"reports:{name}", args=args)


def _report(**kwargs: object) -> int:
    from tests.reports.factories import ReportFactory

    return ReportFactory(**kwargs).pk


def _digest() -> int:
    """A digest page with its figures and charts (no PDF/XLSX files: those are tested in test_digest.py)."""
    import datetime

    from reports.digests import digest_figures, quarter_period
    from tests.recommendations.factories import ActionFactory
    from tests.reports.factories import ReportFactory

    ActionFactory(deadline=datetime.date(2025, 5, 1))
    period = quarter_period(2025, 2)
    return ReportFactory(kind="quarterly_digest", title="Quarterly digest, Q2 2025", year=2025,
                         period_start=period.start, period_end=period.end,
                         data=digest_figures(period=period)).pk


def _version() -> int:
    from tests.reports.factories import ReportVersionFactory

    return ReportVersionFactory().pk


def _document(visibility: str = "public") -> int:
    from tests.reports.factories import ReportDocumentFactory

    return ReportDocumentFactory(visibility=visibility).pk


ACCESS_RULES = [
    # Public
    Rule("reports: registry", lambda: _url("report-list"), PUBLIC),
    Rule("reports: report page", lambda: _url("report-detail", _report()), PUBLIC),
    Rule("reports: digest page", lambda: _url("report-detail", _digest()), PUBLIC),
    Rule("reports: public document", lambda: _url("document-download", _document()), PUBLIC),
    # Secretariat
    Rule("reports: new report", lambda: _url("report-create"), SECRETARIAT),
    Rule("reports: build a digest", lambda: _url("digest-build"), SECRETARIAT),
    Rule("reports: edit report", lambda: _url("report-edit", _report()), SECRETARIAT),
    Rule("reports: publish", lambda: _url("report-publish", _report(status="draft")), SECRETARIAT,
         method="post", data={"action": "publish"}, ok_status=REDIRECT),
    Rule("reports: add a version", lambda: _url("version-create", _report()), SECRETARIAT),
    Rule("reports: documents of a version", lambda: _url("document-upload", _version()), SECRETARIAT),
    Rule("reports: open a comment period", lambda: _url("comment-period-open", _version()), SECRETARIAT),
    Rule("reports: delete a document", lambda: _url("document-delete", _document()), SECRETARIAT,
         method="post", ok_status=REDIRECT),
    Rule("reports: withdraw a document", lambda: _url("document-withdraw", _document()), SECRETARIAT),
]
