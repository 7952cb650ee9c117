from __future__ import annotations

from django.contrib import admin
from django.http import HttpRequest
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from reports.models import Report, ReportDocument, ReportVersion


class ReportVersionInline(admin.TabularInline):
    model = ReportVersion
    extra = 0
    fields = ("number", "date", "notes")


@admin.register(Report)
class ReportAdmin(admin.ModelAdmin):
    list_display = ("title", "kind", "year", "status", "mechanism")
    list_filter = ("kind", "status", "mechanism")
    search_fields = ("title", "title_ru", "title_kk", "document_symbol")
    list_select_related = ("mechanism",)
    readonly_fields = ("built_at", "period_start", "period_end")
    inlines = [ReportVersionInline]


@admin.register(ReportDocument)
class ReportDocumentAdmin(admin.ModelAdmin):
    list_display = ("title", "version", "language", "visibility", "size")
    list_filter = ("visibility", "language")
    search_fields = ("title", "version__report__title")
    list_select_related = ("version",)
    # Files are private: no storage URL; uploads go through the secretariat's documents page, which checks content.
    fields = ("version", "title", "language", "visibility", "download", "content_type", "size", "uploaded_by")
    readonly_fields = ("version", "download", "content_type", "size", "uploaded_by")

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    @admin.display(description=_("file"))
    def download(self, obj: ReportDocument) -> str:
        return format_html('<a href="{}">{}</a>', reverse("reports:document-download", args=[obj.pk]), obj.title)


@admin.register(ReportVersion)
class ReportVersionAdmin(admin.ModelAdmin):
    list_display = ("report", "number", "date", "comment_period")
    list_filter = ("report__kind", "date")
    search_fields = ("report__title", "report__document_symbol", "notes")
    list_select_related = ("report", "comment_period")
