from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar, cast

from django.contrib import admin
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from participants.permissions import second_factor_url
from participants.signin import second_factor_passed, second_factor_required

ViewT = TypeVar("ViewT", bound=Callable[..., HttpResponseBase])


class PortalAdminSite(admin.AdminSite):
    """The secretariat's administration. One sign-in page for the whole portal, and a clear 403
    (not a second login form) for signed-in people whose role gives no access."""

    site_header = _("Dialogue Platform administration")
    site_title = _("Dialogue Platform")
    index_title = _("Secretariat administration")

    def has_permission(self, request: HttpRequest) -> bool:
        # The administration can change everything: only after the second factor (docs/security.md).
        return bool(getattr(request.user, "is_secretariat", False)) and second_factor_passed(request.user)

    def login(self, request: HttpRequest, extra_context: dict | None = None) -> HttpResponse:
        if second_factor_required(request.user) and not second_factor_passed(request.user):
            return redirect(second_factor_url(request, request.GET.get("next", reverse("admin:index"))))
        if request.user.is_authenticated and not self.has_permission(request):
            raise PermissionDenied
        return redirect_to_login(
            request.GET.get("next", reverse("admin:index")), login_url=reverse("participants:login")
        )

    def admin_view(self, view: ViewT, cacheable: bool = False) -> ViewT:
        inner = super().admin_view(view, cacheable)

        def guarded(request: HttpRequest, *args: object, **kwargs: object) -> HttpResponseBase:
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path(), login_url=reverse("participants:login"))
            if second_factor_required(request.user) and not second_factor_passed(request.user):
                return redirect(second_factor_url(request, request.get_full_path()))
            if not self.has_permission(request):
                raise PermissionDenied
            return inner(request, *args, **kwargs)

        return cast(ViewT, guarded)
