"""Which reports fields exist in every language (django-modeltranslation; core.multilingual)."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from modeltranslation.translator import TranslationOptions, register

from core.multilingual import Kind, register_kind
from reports.models import Report, ReportDocument, ReportVersion


@register(Report)
class ReportTranslation(TranslationOptions):
    fields = ("title", "summary")


@register(ReportVersion)
class ReportVersionTranslation(TranslationOptions):
    fields = ("notes",)


@register(ReportDocument)
class ReportDocumentTranslation(TranslationOptions):
    fields = ("title",)


# The kinds the secretariat's "To translate" queue and side-by-side editor offer (core.multilingual).
def _report_url(report: Report) -> str | None:
    return reverse("reports:report-detail", args=[report.pk]) if report.is_published else None


register_kind(Kind("reports.report", Report, _("Reports"), public_url=_report_url, order=50))
register_kind(Kind(
    "reports.reportversion", ReportVersion, _("Report versions"), related=("report",),
    describe=lambda v: f"{v.report.title} · v{v.number}", public_url=lambda v: _report_url(v.report), order=51,
))
register_kind(Kind(
    "reports.reportdocument", ReportDocument, _("Report documents"), related=("version__report",),
    describe=lambda d: f"{d.version.report.title} · {d.title}", public_url=lambda d: _report_url(d.version.report),
    order=52,
))
