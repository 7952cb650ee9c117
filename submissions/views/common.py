"""Policy shared by the submissions views: how fast NGOs may send."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest

from core.ratelimit import rate_limited


def submitting_too_fast(request: HttpRequest) -> bool:
    """Per-person and per-address limits on new submissions (django-ratelimit counters in the shared cache).

    Both counters advance on every attempt, so one person cannot dodge the address limit from many accounts,
    nor the person limit from many addresses.
    """
    by_user = rate_limited(request, group="submissions.submit", key="user", rate=settings.SUBMISSIONS_RATE_PER_USER)
    by_ip = rate_limited(request, group="submissions.submit", key="ip", rate=settings.SUBMISSIONS_RATE_PER_IP)
    return by_user or by_ip
