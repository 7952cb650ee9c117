"""Writes of the reports app: the registry (reports, versions, documents) and building digests."""

from __future__ import annotations

import datetime
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from core.concurrency import claim, save_edited
from core.exceptions import ApplicationError
from core.language import in_language
from core.multilingual import column
from core.uploads import PDF, XLSX, validate_document_upload
from core.withdrawal import withdraw
from participants.models import Organization, User
from recommendations.models import Mechanism, Review
from reports.digests import Period, digest_figures, quarter_period, year_period
from reports.models import Report, ReportDocument, ReportVersion
from submissions.models import CommentPeriod

LANGUAGE_CODES = [code for code, _name in settings.LANGUAGES]


# --- Registry ----------------------------------------------------------------------------------


def _check_links(*, kind: str, mechanism: Mechanism | None, review: Review | None) -> None:
    if kind in Report.GENERATED_KINDS:
        raise ApplicationError(_("Digests and annual reports are built by the portal, not entered by hand."),
                               field="kind")
    if review is not None and mechanism is not None and review.mechanism_id != mechanism.pk:
        raise ApplicationError(_("This review belongs to another mechanism."), field="review")
    if kind == Report.Kind.UPR_NATIONAL and mechanism is not None and mechanism.kind != Mechanism.Kind.UPR:
        raise ApplicationError(_("A UPR national report goes to the Universal Periodic Review."), field="mechanism")
    if kind == Report.Kind.TREATY_BODY and (mechanism is None or mechanism.kind != Mechanism.Kind.TREATY_BODY):
        raise ApplicationError(_("Choose the treaty body this report is submitted to."), field="mechanism")


@transaction.atomic
def report_create(
    *, actor: User | None, kind: str, title: str, year: int, title_ru: str = "", title_kk: str = "",
    document_symbol: str = "", mechanism: Mechanism | None = None, review: Review | None = None,
    author_organization: Organization | None = None, summary: str = "",
) -> Report:
    if review is not None and mechanism is None:
        mechanism = review.mechanism
    _check_links(kind=kind, mechanism=mechanism, review=review)
    # The form asks for the title in each language, English first: English is the original.
    return Report.objects.create(
        kind=kind, title_en=title, title_ru=title_ru, title_kk=title_kk, document_symbol=document_symbol,
        year=year, mechanism=mechanism, review=review, author_organization=author_organization,
        summary_en=summary, original_language="en", created_by=actor,
    )


@transaction.atomic
def report_update(*, actor: User, report: Report, version: int | None, **fields: Any) -> Report:
    """Edit a report opened at `version` (core.concurrency: a save made meanwhile is an EditConflict). Its status
    changes only through report_publish and report_unpublish."""
    report = claim(Report, pk=report.pk, version=version)
    if report.is_generated:
        raise ApplicationError(_("Digests and annual reports are built by the portal, not edited by hand."))
    allowed = {"kind", "title", "title_ru", "title_kk", "document_symbol", "year", "mechanism", "review",
               "author_organization", "summary"}
    unknown = set(fields) - allowed
    if unknown:
        raise TypeError(f"report_update got unexpected fields {sorted(unknown)}")
    # `title` and `summary` are the English original (report_create); the other titles name their language.
    renamed = {"title": "title_en", "summary": column("summary", report.original_language)}
    for name, value in fields.items():
        setattr(report, renamed.get(name, name), value)
    if report.review is not None and report.mechanism is None:
        report.mechanism = report.review.mechanism
    _check_links(kind=report.kind, mechanism=report.mechanism, review=report.review)
    report.save()
    return report


@transaction.atomic
def report_publish(*, actor: User | None, report: Report) -> Report:
    report = Report.objects.select_for_update().get(pk=report.pk)
    if report.is_published:
        raise ApplicationError(_("This report is already published."))
    if not report.versions.exists():
        raise ApplicationError(_("Add a version with its documents before publishing the report."))
    report.status = Report.Status.PUBLISHED
    report.published_at = timezone.now()
    report.save(update_fields=["status", "published_at", "updated_at"])
    return report


@transaction.atomic
def report_unpublish(*, actor: User, report: Report) -> Report:
    report = Report.objects.select_for_update().get(pk=report.pk)
    if not report.is_published:
        raise ApplicationError(_("This report is not published."))
    report.status = Report.Status.DRAFT
    report.published_at = None
    report.save(update_fields=["status", "published_at", "updated_at"])
    return report


@transaction.atomic
def version_create(*, actor: User | None, report: Report, date: datetime.date, notes: str = "") -> ReportVersion:
    # Lock the report so two people adding a version at once get 2 and 3, not a duplicate 2.
    report = Report.objects.select_for_update().get(pk=report.pk)
    if report.is_generated:
        raise ApplicationError(_("Digests and annual reports are built by the portal, not edited by hand."))
    number = (report.versions.aggregate(n=Max("number"))["n"] or 0) + 1
    return ReportVersion.objects.create(report=report, number=number, date=date, notes=notes, created_by=actor)


@transaction.atomic
def document_create(
    *, actor: User | None, version: ReportVersion, file: UploadedFile[bytes], title: str = "", language: str = "",
    visibility: str = ReportDocument.Visibility.PUBLIC,
) -> ReportDocument:
    try:
        document_type = validate_document_upload(file)
    except ValidationError as exc:
        raise ApplicationError(" ".join(exc.messages), field="file") from exc
    return ReportDocument.objects.create(
        version=version, title=title.strip() or (file.name or "").rsplit("/", 1)[-1], language=language,
        file=file, content_type=document_type.content_type, size=file.size or 0, visibility=visibility,
        uploaded_by=actor,
    )


@transaction.atomic
def document_delete(*, actor: User, document: ReportDocument) -> None:
    """Delete a document of a report that is not published (nobody outside the secretariat, or NGOs commenting,
    relied on it as published). A published report's documents are withdrawn instead (document_withdraw)."""
    document = ReportDocument.all_objects.select_for_update().select_related("version__report").get(pk=document.pk)
    if document.generated_key:
        raise ApplicationError(_("Files of a digest are replaced by building it again."))
    if document.version.report.is_published or document.withdrawn_at is not None:
        raise ApplicationError(_("The report is published, so its documents are withdrawn, not deleted."))
    stored, storage = document.file.name, document.file.storage
    document.delete()
    transaction.on_commit(lambda: storage.delete(stored))  # type: ignore[arg-type]  # a document has a file


@transaction.atomic
def document_withdraw(*, actor: User, document: ReportDocument, reason: str) -> ReportDocument:
    """Take a document of a published report down (core.withdrawal): its link then answers "withdrawn on ...
    because ..."; the file is kept for the record."""
    document = ReportDocument.all_objects.select_for_update().get(pk=document.pk)
    if document.generated_key:
        raise ApplicationError(_("Files of a digest are replaced by building it again."))
    return withdraw(document, actor=actor, reason=reason)


@transaction.atomic
def report_version_save(*, actor: User, instance: ReportVersion, version: int | None, change: bool) -> ReportVersion:
    """The administration's edit of a version's date and notes (core.admin.ServiceAdminMixin); versions are added
    on our own screen (version_create), which numbers them."""
    if not change:
        raise ApplicationError(_("Add versions on the report's page: it numbers them."))
    stored = ReportVersion.objects.get(pk=instance.pk)
    instance.report_id, instance.number = stored.report_id, stored.number
    return save_edited(instance, version=version, change=change)


@transaction.atomic
def version_comment_period_open(
    *, actor: User, version: ReportVersion, opens_at: datetime.datetime, closes_at: datetime.datetime,
    description: str = "",
) -> CommentPeriod:
    """Open NGO commenting on a draft version: the period names the report and links to its page."""
    from django.urls import reverse

    from submissions.services import comment_period_open

    version = ReportVersion.objects.select_for_update().select_related("report").get(pk=version.pk)
    report = version.report
    if report.is_generated:
        raise ApplicationError(_("Digests and annual reports are not put to comment."))
    if report.is_published:
        raise ApplicationError(_("Only a draft report is put to comment; set the report back to draft first."))
    if version.comment_period_id is not None:
        raise ApplicationError(_("This version already has a comment period."))

    def titled(title: str | None) -> str:
        return f"{title} — v{version.number}" if title else ""

    period = comment_period_open(
        actor=actor, opens_at=opens_at, closes_at=closes_at, title=titled(report.title_en),
        title_ru=titled(report.title_ru), title_kk=titled(report.title_kk), description=description,
        url=settings.SITE_URL + reverse("reports:report-detail", args=[report.pk]),
    )
    version.comment_period = period
    version.save(update_fields=["comment_period", "updated_at"])
    return period


# --- Digests -----------------------------------------------------------------------------------


def _digest_titles(kind: str, period: Period, year: int, quarter: int | None) -> dict[str, str]:
    titles = {}
    for language in LANGUAGE_CODES:
        with in_language(language):
            if kind == Report.Kind.QUARTERLY_DIGEST:
                titles[language] = _("Quarterly digest, Q%(quarter)d %(year)d") % {"quarter": quarter, "year": year}
            else:
                titles[language] = _("Annual report %(year)d") % {"year": year}
    return titles


@transaction.atomic
def digest_build(*, kind: str, year: int, quarter: int | None = None, actor: User | None = None) -> Report:
    """Build (or rebuild) the digest of a quarter or the annual report of a year, publish it, return it.

    Idempotent: the (kind, period) constraint keeps one Report per period, and a rebuild replaces the generated
    PDF and XLSX of each language in place. Concurrent builds of one period queue on the row lock.
    """
    from reports.rendering import render_pdf, render_xlsx

    if kind == Report.Kind.QUARTERLY_DIGEST:
        if quarter is None:
            raise ApplicationError(_("Choose the quarter."), field="quarter")
        period = quarter_period(year, quarter)
    elif kind == Report.Kind.ANNUAL_REPORT:
        period = year_period(year)
    else:
        raise ApplicationError(_("Only digests and annual reports are built by the portal."), field="kind")
    if period.start > timezone.localdate():
        raise ApplicationError(_("This period has not started yet."), field="year")

    titles = _digest_titles(kind, period, year, quarter)
    report, _created = Report.objects.select_for_update().get_or_create(
        kind=kind, period_start=period.start,
        defaults={"period_end": period.end, "year": year, "title_en": titles["en"], "original_language": "en",
                  "created_by": actor, "author_organization": None},
    )
    now = timezone.now()
    report.title_en, report.title_ru, report.title_kk = titles["en"], titles["ru"], titles["kk"]
    report.period_end = period.end
    report.data = digest_figures(period=period)
    report.built_at = now
    first_publication = not report.is_published
    if first_publication:
        report.status = Report.Status.PUBLISHED
        report.published_at = now
    report.save()

    version, _created = ReportVersion.objects.get_or_create(
        report=report, number=1, defaults={"date": timezone.localdate(), "created_by": actor}
    )
    if version.date != timezone.localdate():
        version.date = timezone.localdate()
        version.save(update_fields=["date", "updated_at"])
    slug = f"digest-{year}-q{quarter}" if quarter else f"annual-report-{year}"
    existing = {d.generated_key: d for d in version.documents.filter(generated_key__gt="")}
    replaced: list[str] = []
    for language in LANGUAGE_CODES:
        for document_type, render in ((PDF, render_pdf), (XLSX, render_xlsx)):
            content = render(report, language=language)
            key = f"{document_type.key}:{language}"
            document = existing.get(key) or ReportDocument(version=version, generated_key=key, uploaded_by=actor)
            if document.pk and document.file.name:
                replaced.append(document.file.name)
            document.title = f"{titles[language]} ({document_type.extension.upper()})"
            document.language = language
            document.visibility = ReportDocument.Visibility.PUBLIC
            document.content_type = document_type.content_type
            document.size = len(content)
            document.file.save(f"{slug}-{language}.{document_type.extension}", ContentFile(content), save=False)
            document.save()
    storage = ReportDocument._meta.get_field("file").storage
    # Old files go only once the new rows are committed: a failed build keeps the previous digest whole.
    # The list only loops over the names; mypy objects to collecting delete()'s None.
    transaction.on_commit(lambda: [storage.delete(name) for name in replaced])  # type: ignore[func-returns-value]
    if first_publication:
        _announce(report)
    return report


def digest_subscribers() -> list[User]:
    """Everyone with an active account: the kind is optional, so each person can opt out by the e-mail's link."""
    return list(User.objects.filter(is_active=True).exclude(email="").order_by("pk"))


def _announce(report: Report) -> None:
    from notifications.services import notice_publish
    from reports.notices import DIGEST_PUBLISHED

    # Keyed by the report: a rebuild of the same period, or a retried task, sends nobody a second e-mail.
    notice_publish(kind=DIGEST_PUBLISHED, key=f"report:{report.pk}:published", recipients=digest_subscribers(),
                   payload={"report_id": report.pk})
