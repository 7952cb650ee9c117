from __future__ import annotations

from typing import Any

from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from core.admin import ReadOnlyAdminMixin, ReadOnlyInlineMixin, ServiceAdminMixin
from participants import services
from participants.models import (
    Membership,
    Organization,
    OrganizationApplication,
    OrganizationInvitation,
    User,
)
from participants.signin import second_factor_reset

# django-otp's own screens would show a person's TOTP key to whoever may open them; a reset (the action below, or
# `manage.py reset_two_factor`) is all an administrator needs.
for _device_model in (TOTPDevice, StaticDevice):
    if admin.site.is_registered(_device_model):
        admin.site.unregister(_device_model)


class MembershipInline(ReadOnlyInlineMixin, admin.TabularInline):
    # Shown only: memberships are edited on their own page, through their service.
    model = Membership
    fields = ["user", "organization", "position", "is_primary"]


@admin.register(User)
class UserAdmin(ServiceAdminMixin, DjangoUserAdmin):
    # No page of ours manages accounts (roles, deactivation): saved through a service with the version check.
    # Accounts are deactivated, not deleted, once they took part (invitations and submissions protect them);
    # a superuser may still delete an account that never did.
    save_service = staticmethod(services.user_admin_save)
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
    actions = ["reset_two_factor"]

    def get_actions(self, request: HttpRequest) -> dict[str, Any]:
        actions = super().get_actions(request)
        if not request.user.is_superuser:
            actions.pop("reset_two_factor", None)
        return actions

    @admin.action(description=_("Reset two-step sign-in (lost phone)"))
    def reset_two_factor(self, request: HttpRequest, queryset: QuerySet[User]) -> None:
        # Only a superuser: otherwise one secretariat account could strip another's second factor.
        if not request.user.is_superuser:
            self.message_user(request, _("Only a superuser may reset two-step sign-in."), level=messages.ERROR)
            return
        for user in queryset:
            second_factor_reset(user=user)
        self.message_user(
            request,
            ngettext(
                "Two-step sign-in reset for %(count)d account: it sets up its app again at the next sign-in.",
                "Two-step sign-in reset for %(count)d accounts: they set up their app again at the next sign-in.",
                len(queryset),
            ) % {"count": len(queryset)},
        )

    def get_readonly_fields(self, request: HttpRequest, obj: User | None = None) -> tuple[str, ...]:
        # Only a superuser may hand out superuser powers; the secretariat manages roles.
        if request.user.is_superuser:
            return ("last_login", "date_joined")
        return ("is_staff", "is_superuser", "groups", "user_permissions", "last_login", "date_joined")

    def has_delete_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return bool(request.user.is_superuser) and admin.ModelAdmin.has_delete_permission(self, request, obj)


@admin.register(Organization)
class OrganizationAdmin(ServiceAdminMixin, admin.ModelAdmin):
    # No page of ours edits organisations: saved through a service with the version check; deactivated, never
    # deleted (people, submissions and road maps point at them).
    save_service = staticmethod(services.organization_save)
    list_display = ["name", "acronym", "kind", "standing", "region", "country", "is_active"]
    list_filter = ["standing", "kind", "region", "is_active"]
    search_fields = ["name", "name_ru", "name_kk", "acronym", "country", "bin"]
    inlines = [MembershipInline]


@admin.register(Membership)
class MembershipAdmin(ServiceAdminMixin, admin.ModelAdmin):
    # A person's place in an organisation, not a published record: removing it is allowed.
    save_service = staticmethod(services.membership_save)
    allow_delete = True
    list_display = ["user", "organization", "position", "is_primary"]
    list_filter = ["is_primary", "organization__kind", "organization__standing"]
    search_fields = ["user__email", "user__last_name", "organization__name", "position"]
    autocomplete_fields = ["user", "organization"]
    list_select_related = ["user", "organization"]


class ReadOnlyAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    """Shown for reference; changes go through the services (the secretariat's pages), which keep
    the organisation, the representative and the e-mails in step."""


@admin.register(OrganizationApplication)
class OrganizationApplicationAdmin(ReadOnlyAdmin):
    list_display = ["display_name", "bin", "region", "status", "created_at", "decided_at"]
    list_filter = ["status", "region", "language"]
    search_fields = ["name_kk", "name_ru", "name_en", "bin", "contact_name", "contact_email"]
    list_select_related = ["decided_by"]


@admin.register(OrganizationInvitation)
class OrganizationInvitationAdmin(ReadOnlyAdmin):
    list_display = ["email", "organization", "invited_by", "expires_at", "accepted_at", "revoked_at"]
    list_filter = ["organization__kind"]
    search_fields = ["email", "organization__name"]
    list_select_related = ["organization", "invited_by"]
    exclude = ["token_hash"]
