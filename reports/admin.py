"""The reports registry in the administration (core.admin): reports and their documents are shown only (our own
screens edit, publish, upload and withdraw them); a version's date and notes, which no screen of ours edits, are
edited here through a service with the version check."""

from __future__ import annotations

from django.contrib import admin
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from core.admin import ReadOnlyInlineMixin, ReadOnlyModelAdmin, ServiceAdminMixin
from reports import services
from reports.models import Report, ReportDocument, ReportVersion


class ReportVersionInline(ReadOnlyInlineMixin, admin.TabularInline):
    model = ReportVersion
    fields = ("number", "date", "notes")


@admin.register(Report)
class ReportAdmin(ReadOnlyModelAdmin):
    list_display = ("title", "kind", "year", "status", "mechanism")
    list_filter = ("kind", "status", "mechanism")
    search_fields = ("title", "title_ru", "title_kk", "document_symbol")
    list_select_related = ("mechanism",)
    inlines = [ReportVersionInline]


@admin.register(ReportDocument)
class ReportDocumentAdmin(ReadOnlyModelAdmin):
    list_display = ("title", "version", "language", "visibility", "size", "withdrawn_at")
    list_filter = ("visibility", "language")
    search_fields = ("title", "version__report__title")
    list_select_related = ("version",)
    # Files are private: no storage URL; uploads go through the secretariat's documents page, which checks content.
    fields = ("version", "title", "language", "visibility", "download", "content_type", "size", "uploaded_by",
              "withdrawn_at", "withdrawn_by", "withdrawal_reason")
    readonly_fields = fields

    @admin.display(description=_("file"))
    def download(self, obj: ReportDocument) -> str:
        return format_html('<a href="{}">{}</a>', reverse("reports:document-download", args=[obj.pk]), obj.title)


@admin.register(ReportVersion)
class ReportVersionAdmin(ServiceAdminMixin, admin.ModelAdmin):
    save_service = staticmethod(services.report_version_save)
    list_display = ("report", "number", "date", "comment_period")
    list_filter = ("report__kind", "date")
    search_fields = ("report__title", "report__document_symbol", "notes")
    list_select_related = ("report", "comment_period")
    # The report and number are fixed when the version is added on the report's page.
    readonly_fields = ("report", "number", "comment_period")

    def has_add_permission(self, request: object) -> bool:
        return False
