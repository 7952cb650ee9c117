from __future__ import annotations

import logging

from django.db import DatabaseError, connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from dialogue_platform.home import home_for
from participants.models import Organization
from participants.permissions import AuthenticatedHttpRequest, signed_in_required
from participants.selectors import organization_counts_by_standing

logger = logging.getLogger(__name__)


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
    """For load balancers and monitors: 200 when the database answers, 503 when it does not."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        logger.exception("Health check: the database did not answer")
        return JsonResponse({"status": "error", "database": "unavailable"}, status=503)
    return JsonResponse({"status": "ok"})


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    # The usual cause is a form left open past the session or cookies switched off: say so plainly.
    return render(request, "403_csrf.html", status=403)
