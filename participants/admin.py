from __future__ import annotations

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.utils.translation import gettext_lazy as _

from participants.models import Membership, Organization, User


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    autocomplete_fields = ["organization", "user"]


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    ordering = ["email"]
    list_display = ["email", "first_name", "last_name", "role", "is_active", "last_login"]
    list_filter = ["role", "is_active", "is_staff", "preferred_language"]
    search_fields = ["email", "first_name", "last_name", "memberships__organization__name"]
    inlines = [MembershipInline]
    fieldsets = (
        (None, {"fields": ("email", "password")}),
        (_("Personal details"), {"fields": ("first_name", "last_name", "preferred_language")}),
        (_("Role on the platform"), {"fields": ("role", "is_active")}),
        (
            _("Django permissions"),
            {"classes": ("collapse",), "fields": ("is_staff", "is_superuser", "groups", "user_permissions")},
        ),
        (_("Dates"), {"fields": ("last_login", "date_joined")}),
    )
    add_fieldsets = (
        (None, {"classes": ("wide",), "fields": ("email", "role", "password1", "password2")}),
    )

    def get_readonly_fields(self, request, obj=None):  # type: ignore[no-untyped-def]
        # Only a superuser may hand out superuser powers; the secretariat manages roles.
        if request.user.is_superuser:
            return ()
        return ("is_staff", "is_superuser", "groups", "user_permissions")


@admin.register(Organization)
class OrganizationAdmin(admin.ModelAdmin):
    list_display = ["name", "acronym", "kind", "standing", "country", "is_active"]
    list_filter = ["standing", "kind", "is_active"]
    search_fields = ["name", "name_ru", "name_kk", "acronym", "country"]
    inlines = [MembershipInline]


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ["user", "organization", "position", "is_primary"]
    list_filter = ["is_primary", "organization__kind", "organization__standing"]
    search_fields = ["user__email", "user__last_name", "organization__name", "position"]
    autocomplete_fields = ["user", "organization"]
    list_select_related = ["user", "organization"]
