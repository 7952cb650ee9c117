"""Read-only views of the submissions data: every change goes through services.py and the moderation pages."""

from __future__ import annotations

from django.contrib import admin

from core.admin import ReadOnlyInlineMixin
from core.admin import ReadOnlyModelAdmin as ReadOnlyAdmin
from submissions.models import CommentPeriod, Submission, SubmissionEvent


class SubmissionEventInline(ReadOnlyInlineMixin, admin.TabularInline):
    model = SubmissionEvent
    fields = ("created_at", "action", "actor", "from_status", "to_status", "target", "public_answer", "internal_note")
    readonly_fields = fields


@admin.register(Submission)
class SubmissionAdmin(ReadOnlyAdmin):
    list_display = ("title", "kind", "status", "organization", "submitted_at", "reviewer")
    list_filter = ("kind", "status")
    search_fields = ("title", "organization__name")
    list_select_related = ("organization", "reviewer")
    inlines = [SubmissionEventInline]


@admin.register(CommentPeriod)
class CommentPeriodAdmin(ReadOnlyAdmin):
    list_display = ("__str__", "opens_at", "closes_at", "closed_early_at")
    list_select_related = ("road_map",)
