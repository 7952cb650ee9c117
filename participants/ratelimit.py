"""A fixed-window counter in the cache, for public forms (one shared cache in production: Redis)."""

from __future__ import annotations

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest


def client_ip(request: HttpRequest) -> str:
    """The client's address for per-address limits (also django-ratelimit's, via RATELIMIT_IP_META_KEY).

    Without a proxy, REMOTE_ADDR: X-Forwarded-For is whatever the client wants it to be. Behind our proxy
    (DJANGO_BEHIND_PROXY), REMOTE_ADDR is the proxy itself, which would put every visitor in one counter; the
    proxy appends the address it saw to X-Forwarded-For, so the last entry is the one to trust (as DRF's
    NUM_PROXIES = 1 reads it for the API).
    """
    if settings.BEHIND_PROXY:
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
        if forwarded.strip():
            return forwarded.split(",")[-1].strip()
    return request.META.get("REMOTE_ADDR", "") or "unknown"


def limit_reached(*, scope: str, key: str, limit: int) -> bool:
    """True when `limit` hits were already counted for `key` in the current window."""
    count = cache.get(f"ratelimit:{scope}:{key}", 0)
    return count >= limit


def limit_hit(*, scope: str, key: str, window_seconds: int) -> int:
    """Count one hit; the window starts with the first hit and lasts `window_seconds`."""
    cache_key = f"ratelimit:{scope}:{key}"
    # add() is atomic, so concurrent first hits do not reset each other's count.
    cache.add(cache_key, 0, timeout=window_seconds)
    try:
        return cache.incr(cache_key)
    except ValueError:
        # The window expired between add() and incr(): this hit opens a new one.
        cache.set(cache_key, 1, timeout=window_seconds)
        return 1
