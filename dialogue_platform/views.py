from __future__ import annotations

import logging

from django.core.exceptions import BadRequest
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from core import pagecache
from dialogue_platform.health import run_checks
from dialogue_platform.home import home_for
from participants.models import Organization
from participants.permissions import AuthenticatedHttpRequest, signed_in_required
from participants.selectors import organization_counts_by_standing

logger = logging.getLogger(__name__)


@pagecache.public_page("participants")
def home(request: HttpRequest) -> HttpResponse:
    counts = organization_counts_by_standing()
    return render(
        request,
        "home.html",
        {
            "member_count": counts.get(Organization.Standing.MEMBER, 0),
            "observer_count": counts.get(Organization.Standing.OBSERVER, 0),
        },
    )


@require_GET
@signed_in_required
def workspace(request: AuthenticatedHttpRequest) -> HttpResponse:
    """The signed-in person's home: what waits for them, by role (dialogue_platform.home)."""
    template, context = home_for(user=request.user)
    return render(request, template, context)


@never_cache
@require_GET
def healthz(request: HttpRequest) -> JsonResponse:
    """Each dependency's state as JSON: 503 when a required one (the database) is down, 200 otherwise, with
    "status": "degraded" when an optional one is (dialogue_platform/health.py, docs/operations.md)."""
    status, body = run_checks()
    if status != 200:
        logger.error("Health check failed: %s", body)
    return JsonResponse(body, status=status)


def bad_request(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    """400 with the reason when a view or middleware said it (django.core.exceptions.BadRequest, raised with a
    translated message); the generic page for anything else (SuspiciousOperation details are not for the public)."""
    message = str(exception) if type(exception) is BadRequest and str(exception) else ""
    if request.path.startswith("/api/"):
        return JsonResponse({"detail": message or "Bad request."}, status=400)
    return render(request, "400.html", {"message": message}, status=400)


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    # The usual cause is a form left open past the session or cookies switched off: say so plainly.
    return render(request, "403_csrf.html", status=403)
