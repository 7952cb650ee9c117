from __future__ import annotations

from django.contrib import admin

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
    list_select_related = ("version",)
