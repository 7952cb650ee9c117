"""Admin of the api app: read-only views of tokens (keys are never stored) and of the bulk files."""

from __future__ import annotations

from django.contrib import admin

from api.models import ApiToken, DataExport
from core.admin import ReadOnlyModelAdmin


@admin.register(ApiToken)
class ApiTokenAdmin(ReadOnlyModelAdmin):
    # Tokens are made and revoked on the portal's own pages (services record who revoked); the admin only looks.
    list_display = ["prefix", "label", "user", "created_at", "last_used_at", "revoked_at"]
    list_filter = ["revoked_at", "created_at"]
    search_fields = ["label", "prefix", "user__email", "user__last_name"]
    list_select_related = ["user"]
    readonly_fields = ["user", "label", "prefix", "last_used_at", "revoked_at", "revoked_by"]
    exclude = ["digest"]


@admin.register(DataExport)
class DataExportAdmin(ReadOnlyModelAdmin):
    list_display = ["dataset", "format", "generated_at", "row_count", "size"]
    list_filter = ["dataset", "format"]
    search_fields = ["dataset", "file"]
    readonly_fields = ["dataset", "format", "file", "generated_at", "row_count", "size", "fingerprint"]
