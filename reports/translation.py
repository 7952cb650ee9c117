"""Which reports fields exist in every language (django-modeltranslation; core.multilingual)."""

from __future__ import annotations

from modeltranslation.translator import TranslationOptions, register

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
