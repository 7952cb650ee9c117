from __future__ import annotations

from django.contrib import admin
from django.db import models
from django.http import HttpRequest
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from recommendations.models import (
    Action,
    AffectedGroup,
    ImportJob,
    Mechanism,
    NationalPlan,
    PlanMeasure,
    ProgressUpdate,
    Recommendation,
    RecommendingState,
    Review,
    RoadMap,
    SdgTarget,
    Theme,
)


@admin.register(Mechanism)
class MechanismAdmin(admin.ModelAdmin):
    list_display = ("acronym", "name", "kind", "sort_order")
    list_filter = ("kind",)
    search_fields = ("code", "acronym", "name")


@admin.register(Review)
class ReviewAdmin(admin.ModelAdmin):
    list_display = ("title", "mechanism", "state_under_review", "number", "session", "year", "document_symbol")
    list_filter = ("mechanism", "state_under_review", "year")
    search_fields = ("title", "document_symbol", "state_under_review")


@admin.register(RecommendingState)
class RecommendingStateAdmin(admin.ModelAdmin):
    list_display = ("name", "regional_group")
    list_filter = ("regional_group",)
    search_fields = ("name",)


@admin.register(Theme, AffectedGroup)
class TaxonomyAdmin(admin.ModelAdmin):
    list_display = ("name", "name_ru", "name_kk", "slug")
    list_filter = ("created_at",)
    search_fields = ("name", "name_ru", "name_kk", "slug")
    prepopulated_fields = {"slug": ("name",)}


@admin.register(SdgTarget)
class SdgTargetAdmin(admin.ModelAdmin):
    list_display = ("code", "title")
    list_filter = ("code",)
    search_fields = ("code", "title")


@admin.register(Recommendation)
class RecommendationAdmin(SimpleHistoryAdmin):
    list_display = ("__str__", "mechanism", "review", "response", "status", "kind")
    list_filter = ("mechanism", "response", "status", "kind", "review", "themes")
    list_select_related = ("mechanism", "review")
    search_fields = ("text", "document_symbol", "paragraph")
    autocomplete_fields = ("recommending_states", "themes", "affected_groups", "sdg_targets", "responsible_agencies",
                           "source_organization")
    raw_id_fields = ("review",)
    show_full_result_count = False


class ActionInline(admin.TabularInline):
    model = Action
    extra = 0
    fields = ("number", "description", "deadline", "status")


@admin.register(RoadMap)
class RoadMapAdmin(admin.ModelAdmin):
    list_display = ("number", "title", "theme", "lead_agency")
    list_filter = ("theme", "lead_agency")
    search_fields = ("title", "description")
    raw_id_fields = ("recommendations",)
    inlines = [ActionInline]


@admin.register(Action)
class ActionAdmin(SimpleHistoryAdmin):
    list_display = ("__str__", "road_map", "deadline", "status")
    list_filter = ("status", "road_map", "responsible_agencies")
    search_fields = ("description", "indicator")
    autocomplete_fields = ("responsible_agencies", "partners")


@admin.register(ProgressUpdate)
class ProgressUpdateAdmin(admin.ModelAdmin):
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    list_display = ("action", "date", "author", "state", "reviewed_by")
    list_filter = ("state", "date")
    search_fields = ("text",)
    raw_id_fields = ("action", "author", "reviewed_by")
    # Evidence comes only through the focal point's form or the API, which check it: here it is a link.
    exclude = ("evidence_file",)
    readonly_fields = ("evidence", "evidence_name", "evidence_content_type")

    @admin.display(description=_("evidence file"))
    def evidence(self, obj: ProgressUpdate) -> str:
        if not obj.evidence_file:
            return "—"
        return format_html('<a href="{}">{}</a>', reverse("recommendations:progress-evidence", args=[obj.pk]),
                           obj.evidence_name or _("evidence file"))


class PlanMeasureInline(admin.TabularInline):
    model = PlanMeasure
    extra = 0
    fields = ("number", "text", "deadline")


@admin.register(NationalPlan)
class NationalPlanAdmin(admin.ModelAdmin):
    list_display = ("title", "adopted_by", "adopted_on", "start_year", "end_year")
    list_filter = ("start_year",)
    search_fields = ("title", "description")
    inlines = [PlanMeasureInline]


@admin.register(PlanMeasure)
class PlanMeasureAdmin(admin.ModelAdmin):
    list_display = ("__str__", "plan", "deadline")
    list_filter = ("plan",)
    search_fields = ("text", "number")
    raw_id_fields = ("recommendations", "road_maps")
    autocomplete_fields = ("responsible_agencies",)


@admin.register(ImportJob)
class ImportJobAdmin(admin.ModelAdmin):
    """A record of imports; they are made on the secretariat's import page, which checks the file."""

    list_display = ("filename", "format", "status", "uploaded_by", "created_at", "finished_at", "created_count")
    list_filter = ("format", "status")
    search_fields = ("filename",)
    exclude = ("file", "preview")
    readonly_fields = ("filename", "format", "encoding", "cycle", "language", "content_type", "size", "status",
                       "attempts", "started_at", "finished_at", "error", "created_count", "uploaded_by")

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: ImportJob | None = None) -> bool:
        return False
