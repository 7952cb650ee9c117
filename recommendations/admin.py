"""The recommendations data in the administration (core.admin): recommendations, progress updates and imports are
shown only (our own screens change them); the reference lists, road maps, actions and national plans, which no
screen of ours edits, are edited here through the services, with the version check, and never deleted (road maps
and actions are withdrawn on their public pages)."""

from __future__ import annotations

from django.contrib import admin
from django.db import models
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from core.admin import ReadOnlyAdminMixin, ReadOnlyInlineMixin, ReadOnlyModelAdmin, ServiceAdminMixin
from recommendations import services
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


class ReferenceAdmin(ServiceAdminMixin, admin.ModelAdmin):
    save_service = staticmethod(services.reference_save)


@admin.register(Mechanism)
class MechanismAdmin(ReferenceAdmin):
    list_display = ("acronym", "name", "kind", "sort_order")
    list_filter = ("kind",)
    search_fields = ("code", "acronym", "name")


@admin.register(Review)
class ReviewAdmin(ReferenceAdmin):
    list_display = ("title", "mechanism", "state_under_review", "number", "session", "year", "document_symbol")
    list_filter = ("mechanism", "state_under_review", "year")
    search_fields = ("title", "document_symbol", "state_under_review")


@admin.register(RecommendingState)
class RecommendingStateAdmin(ReferenceAdmin):
    list_display = ("name", "regional_group")
    list_filter = ("regional_group",)
    search_fields = ("name",)


@admin.register(Theme, AffectedGroup)
class TaxonomyAdmin(ReferenceAdmin):
    list_display = ("name", "name_ru", "name_kk", "slug")
    list_filter = ("created_at",)
    search_fields = ("name", "name_ru", "name_kk", "slug")
    prepopulated_fields = {"slug": ("name",)}


@admin.register(SdgTarget)
class SdgTargetAdmin(ReferenceAdmin):
    list_display = ("code", "title")
    list_filter = ("code",)
    search_fields = ("code", "title")


@admin.register(Recommendation)
class RecommendationAdmin(ReadOnlyAdminMixin, SimpleHistoryAdmin):
    # Read only: edited on /recommendations/<id>/edit/ (with the version check), withdrawn on its page.
    list_display = ("__str__", "mechanism", "review", "response", "status", "kind", "withdrawn_at")
    list_filter = ("mechanism", "response", "status", "kind", "review", "themes")
    list_select_related = ("mechanism", "review")
    search_fields = ("text", "document_symbol", "paragraph")
    show_full_result_count = False


class ActionInline(ReadOnlyInlineMixin, admin.TabularInline):
    model = Action
    fields = ("number", "description", "deadline", "status", "withdrawn_at")


@admin.register(RoadMap)
class RoadMapAdmin(ServiceAdminMixin, admin.ModelAdmin):
    save_service = staticmethod(services.roadmap_save)
    list_display = ("number", "title", "theme", "lead_agency", "withdrawn_at")
    list_filter = ("theme", "lead_agency")
    search_fields = ("title", "description")
    raw_id_fields = ("recommendations",)
    # Shown only: each action is edited on its own page here, through its service.
    inlines = [ActionInline]


@admin.register(Action)
class ActionAdmin(ServiceAdminMixin, SimpleHistoryAdmin):
    save_service = staticmethod(services.action_save)
    list_display = ("__str__", "road_map", "deadline", "status", "withdrawn_at")
    list_filter = ("status", "road_map", "responsible_agencies")
    search_fields = ("description", "indicator")
    autocomplete_fields = ("responsible_agencies", "partners")
    # The status changes through approved progress updates, which say why in public (action_set_status).
    readonly_fields = ("status", "completed_on")


@admin.register(ProgressUpdate)
class ProgressUpdateAdmin(ReadOnlyModelAdmin):
    # Read only: approved or returned in the secretariat's queue, withdrawn on the road map's page.
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    list_display = ("action", "date", "author", "state", "reviewed_by", "withdrawn_at")
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


class PlanMeasureInline(ReadOnlyInlineMixin, admin.TabularInline):
    model = PlanMeasure
    fields = ("number", "text", "deadline")


@admin.register(NationalPlan)
class NationalPlanAdmin(ServiceAdminMixin, admin.ModelAdmin):
    save_service = staticmethod(services.plan_save)
    list_display = ("title", "adopted_by", "adopted_on", "start_year", "end_year")
    list_filter = ("start_year",)
    search_fields = ("title", "description")
    inlines = [PlanMeasureInline]


@admin.register(PlanMeasure)
class PlanMeasureAdmin(ServiceAdminMixin, admin.ModelAdmin):
    save_service = staticmethod(services.plan_measure_save)
    list_display = ("__str__", "plan", "deadline")
    list_filter = ("plan",)
    search_fields = ("text", "number")
    raw_id_fields = ("recommendations", "road_maps")
    autocomplete_fields = ("responsible_agencies",)


@admin.register(ImportJob)
class ImportJobAdmin(ReadOnlyModelAdmin):
    """A record of imports; they are made on the secretariat's import page, which checks the file."""

    list_display = ("filename", "format", "status", "uploaded_by", "created_at", "finished_at", "created_count")
    list_filter = ("format", "status")
    search_fields = ("filename",)
    exclude = ("file", "preview")
