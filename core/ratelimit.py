"""Who the client is, and how fast it may go: the one helper for per-address and per-person limits of forms.

Two mechanisms only, both counting in the shared cache (Redis in production): django-ratelimit for the site's forms
(through `rate_limited` below) and DRF's throttles for the API (api/throttling.py). Both read the client's address
the same way: `client_ip` here (RATELIMIT_IP_META_KEY), DRF through NUM_PROXIES.
"""

from __future__ import annotations

from typing import cast

from django.conf import settings
from django.http import HttpRequest
from django_ratelimit.core import is_ratelimited


def client_ip(request: HttpRequest) -> str:
    """The client's address for per-address limits (also django-ratelimit's, via RATELIMIT_IP_META_KEY).

    Without a proxy, REMOTE_ADDR: X-Forwarded-For is whatever the client wants it to be. Behind our proxy
    (DJANGO_BEHIND_PROXY), REMOTE_ADDR is the proxy itself, which would put every visitor in one counter; the
    proxy appends the address it saw to X-Forwarded-For, so the last entry is the one to trust (as DRF's
    NUM_PROXIES = 1 reads it for the API).
    """
    if settings.BEHIND_PROXY:
        forwarded: str = request.META.get("HTTP_X_FORWARDED_FOR", "")
        if forwarded.strip():
            return forwarded.split(",")[-1].strip()
    return request.META.get("REMOTE_ADDR", "") or "unknown"


def rate_limited(request: HttpRequest, *, group: str, rate: str, key: str = "ip") -> bool:
    """Count this POST against `group` and say whether it goes past `rate` ("5/h", "20/m"; django-ratelimit).

    `key` is "ip" (client_ip), "user" (the signed-in person; anonymous visitors fall back to their address) or any
    key django-ratelimit accepts. Windows are fixed (django-ratelimit staggers them per key), not sliding.
    """
    return cast(bool, is_ratelimited(request, group=group, key=key, rate=rate, method="POST", increment=True))
