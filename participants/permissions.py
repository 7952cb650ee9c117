"""Role checks for views. docs/permissions.md is the human-readable side of this module."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import TypeVar, cast

from django.contrib.auth.models import AnonymousUser
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import urlencode

from participants.models import User
from participants.signin import second_factor_passed, second_factor_required

ViewFunc = TypeVar("ViewFunc", bound=Callable[..., HttpResponse])


class AuthenticatedHttpRequest(HttpRequest):
    """The request of a view behind role_required(): its user has signed in, so it is a participants.User.

    For type checking only: Django still passes its own HttpRequest; the decorator is what guarantees the user.
    """

    user: User


def user_has_role(user: User | AnonymousUser | None, *roles: str) -> bool:
    if user is None or not user.is_authenticated or not user.is_active:
        return False
    if user.is_superuser:
        return True
    return not roles or user.role in roles


def role_required(*roles: str) -> Callable[[ViewFunc], ViewFunc]:
    """Anonymous visitors are sent to sign in; signed-in users without one of `roles` get 403.

    With no roles, any signed-in user passes. Superusers always pass.
    """

    def decorator(view: ViewFunc) -> ViewFunc:
        @wraps(view)
        def wrapper(request: HttpRequest, *args: object, **kwargs: object) -> HttpResponse:
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            if second_factor_required(request.user) and not second_factor_passed(request.user):
                # Also checked by SecondFactorMiddleware; repeated here so no view depends on the middleware list.
                return redirect(second_factor_url(request, request.get_full_path()))
            if not user_has_role(request.user, *roles):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        return cast(ViewFunc, wrapper)  # functools.wraps keeps the view's signature

    return decorator


def sign_in_or_not_found(request: HttpRequest) -> HttpResponse:
    """The answer to a link the person may not open (a participants-only document, a draft report's file): signed
    out, they are sent to sign in and come back to the link, as links shared by e-mail are opened; signed in, "not
    found", so what one may not see does not leak. Views call it for every refusal, whether the object exists or
    not, so a signed-out visitor learns nothing from the redirect either."""
    if request.user.is_authenticated:
        raise Http404
    return redirect_to_login(request.get_full_path())


def second_factor_url(request: HttpRequest, next_url: str) -> str:
    """Where a secretariat session goes to pass its second factor, then back to `next_url`."""
    return f"{reverse('participants:two-factor-verify')}?{urlencode({'next': next_url})}"


signed_in_required = role_required()
secretariat_required = role_required(User.Role.SECRETARIAT)
