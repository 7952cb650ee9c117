"""A fixed-window counter in the cache, for public forms (one shared cache in production: Redis)."""

from __future__ import annotations

from django.core.cache import cache
from django.http import HttpRequest


def client_ip(request: HttpRequest) -> str:
    # REMOTE_ADDR only: X-Forwarded-For is whatever the client wants it to be unless a trusted proxy
    # rewrites it, and gunicorn already applies GUNICORN_FORWARDED_ALLOW_IPS for that case.
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
