"""Operational records, read-only: the secretariat sees what waits for the broker and which workers live."""

from __future__ import annotations

from django.contrib import admin
from django.http import HttpRequest

from core.models import DeferredTask, WorkerHeartbeat


class _ReadOnly(admin.ModelAdmin):
    # Written by the site itself (enqueue, the catch-up sweep, workers); an edit here could only lose an e-mail.
    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False


@admin.register(DeferredTask)
class DeferredTaskAdmin(_ReadOnly):
    list_display = ["name", "created_at", "eta", "attempts", "last_error"]
    list_filter = ["name"]
    search_fields = ["name", "last_error"]
    ordering = ["pk"]


@admin.register(WorkerHeartbeat)
class WorkerHeartbeatAdmin(_ReadOnly):
    list_display = ["hostname", "seen_at"]
    list_filter = ["seen_at"]
    search_fields = ["hostname"]
    ordering = ["-seen_at"]
