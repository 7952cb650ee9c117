"""Session rules of signing in: an idle timeout per role, and the second factor of the secretariat."""

from __future__ import annotations

import time
from collections.abc import Callable

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _

from participants.permissions import second_factor_url
from participants.signin import second_factor_passed, second_factor_required

LAST_SEEN_SESSION_KEY = "participants:last-seen"
# The last-seen time is written at most this often, so a busy session is not saved on every request.
_LAST_SEEN_GRANULARITY = 60


def start_idle_clock(sender: object, request: HttpRequest | None = None, **kwargs: object) -> None:
    if request is not None and hasattr(request, "session"):
        request.session[LAST_SEEN_SESSION_KEY] = int(time.time())


def idle_limit_seconds(user: object) -> int:
    if getattr(user, "is_secretariat", False):
        return settings.SESSION_IDLE_SECONDS_SECRETARIAT
    return settings.SESSION_IDLE_SECONDS


class IdleSessionMiddleware:
    """Signs a person out after a period without requests (DJANGO_SESSION_IDLE_MINUTES[_SECRETARIAT])."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = request.user
        if user.is_authenticated:
            now = int(time.time())
            last_seen = request.session.get(LAST_SEEN_SESSION_KEY)
            limit = idle_limit_seconds(user)
            if isinstance(last_seen, int) and now - last_seen > limit:
                logout(request)
                messages.info(
                    request,
                    _("You were signed out after %(minutes)d minutes without activity. Please sign in again.")
                    % {"minutes": limit // 60},
                )
                return redirect_to_login(request.get_full_path())
            if not isinstance(last_seen, int) or now - last_seen >= _LAST_SEEN_GRANULARITY:
                request.session[LAST_SEEN_SESSION_KEY] = now
        return self.get_response(request)


# What a signed-in secretariat session may reach before its second factor: the second-factor pages themselves,
# signing out and switching language. Everything else waits (404s and static files never get here).
SECOND_FACTOR_OPEN_VIEWS = frozenset(
    {
        "participants:two-factor-verify",
        "participants:two-factor-enrol",
        "participants:logout",
        "set_language",
        "healthz",
    }
)


class SecondFactorMiddleware:
    """A secretariat session that has not passed the second factor reaches only the pages that let it pass."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_view(self, request: HttpRequest, view_func: object, view_args: object, view_kwargs: object
                     ) -> HttpResponse | None:
        user = request.user
        if not second_factor_required(user) or second_factor_passed(user):
            return None
        match = request.resolver_match
        if match is not None and match.view_name in SECOND_FACTOR_OPEN_VIEWS:
            return None
        return redirect(second_factor_url(request, request.get_full_path()))
