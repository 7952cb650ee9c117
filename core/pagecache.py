"""A shared cache of public pages for anonymous visitors, invalidated when their data changes.

When fifty people open the same meeting page or tracker view within minutes (issue 17), each page should be
rendered once, not fifty times. `@public_page("meetings", ...)` on a view:

- serves an anonymous GET from the shared cache (Redis in production) under a key of the language, the host,
  the full path, the htmx headers and the *version* of every scope the view names;
- stores a freshly rendered page only when it is the same for every anonymous visitor: status 200, no cookie set
  (CSRF, session, messages), no message shown or queued, no `private`/`no-store`;
- gives every anonymous page an ETag (its content's hash) and a Last-Modified (when that copy was rendered), so
  ConditionalGetMiddleware answers a repeated request with 304 and no body.

Signed-in visitors, and anyone carrying a session or messages cookie, always get a freshly rendered page, marked
`Cache-Control: private` (PrivateForSignedInMiddleware does so for every page) so that no shared cache between
them and us can hand it to someone else.

A scope is a name (in practice an app label). `invalidate(scope)` gives it a new version, so every page keyed on
the old one is never read again and expires; `invalidate_on_change()` calls it from the model signals, at once
and again when the transaction commits (a page rendered from the old rows between the two is then discarded).
Pages also expire after settings.PAGE_CACHE_SECONDS, which bounds how long a page whose content depends on the
clock (a meeting moving from "coming" to "past") can lag.

A cache that fails (Redis down, a timeout) never fails the page: each call is guarded, the page is rendered as if
there were no cache, and after a failure the cache is left alone for a few seconds so that an outage does not add
a timeout to every request.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import logging
import time
from collections.abc import Callable, Iterable
from typing import Any

from django.conf import settings
from django.core.cache import caches
from django.db import models, transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.http import HttpRequest, HttpResponse
from django.utils.cache import (  # type: ignore[attr-defined]  # cc_delim_re: in Django, not in django-stubs
    cc_delim_re,
    patch_cache_control,
)
from django.utils.http import http_date
from django.utils.translation import get_language

from core import dbrouter

logger = logging.getLogger(__name__)

VERSION_PREFIX = "pagecache:v:"
PAGE_PREFIX = "pagecache:p:"
# After a cache error, skip the cache for this long: an outage costs one timeout, not one per request.
BACKOFF_SECONDS = 5.0
# Response headers kept with a cached page (the rest are added again by the middleware on every response).
KEPT_HEADERS = ("Content-Type", "Content-Language", "Vary", "Cache-Control")
# Request headers a cached page may vary on; any other Vary makes the page uncacheable.
KNOWN_VARY = {"cookie", "accept-language", "accept-encoding", "hx-request", "hx-target", "hx-boosted",
              "hx-current-url", "hx-trigger"}

_broken_until = 0.0


def _cache() -> Any:
    # The default cache (CACHE_URL); PAGE_CACHE_ALIAS lets a test point the page cache alone elsewhere.
    return caches[getattr(settings, "PAGE_CACHE_ALIAS", "default")]


def _guarded(what: str, call: Callable[[], Any], default: Any = None) -> Any:
    """Run one cache call; on any error log it, back off for a few seconds and return `default`."""
    global _broken_until
    if time.monotonic() < _broken_until:
        return default
    try:
        return call()
    except Exception:  # noqa: BLE001 - whatever the backend raises, the page must still be served
        _broken_until = time.monotonic() + BACKOFF_SECONDS
        logger.warning("Page cache unavailable (%s); serving without it for %.0f s", what, BACKOFF_SECONDS,
                       exc_info=True)
        return default


def enabled() -> bool:
    return getattr(settings, "PAGE_CACHE_SECONDS", 0) > 0


# --- Versions -----------------------------------------------------------------------------------------------

def _new_version() -> str:
    # Nanoseconds since the epoch: unique enough between processes, and it tells when the scope last changed.
    return str(time.time_ns())


def invalidate(*scopes: str) -> None:
    """Every cached page that depends on one of `scopes` is stale from now on."""
    if not scopes:
        return
    version = _new_version()
    # Versions outlive the pages keyed on them, so a version is never lost while a page under it is alive.
    _guarded("invalidate", lambda: _cache().set_many({VERSION_PREFIX + s: version for s in scopes},
                                                     timeout=None))


def versions(scopes: Iterable[str]) -> dict[str, str] | None:
    """The current version of each scope, creating the missing ones; None when the cache cannot be read."""
    keys = [VERSION_PREFIX + s for s in scopes]
    found = _guarded("read versions", lambda: _cache().get_many(keys))
    if found is None:
        return None
    missing = [k for k in keys if k not in found]
    if missing:
        # A scope never changed since the cache was emptied: start it at a fresh version, never at a fixed
        # one, or a page stored before the cache lost its versions could be served again.
        version = _new_version()
        for key in missing:
            # key=key binds this key; mypy cannot infer a lambda with a default.
            _guarded("create version", lambda key=key: _cache().add(key, version, timeout=None))  # type: ignore[misc]
        found.update(_guarded("read versions", lambda: _cache().get_many(missing)) or {})
        if any(k not in found for k in keys):
            return None
    return {key.removeprefix(VERSION_PREFIX): found[key] for key in keys}


# --- Invalidation from the models ---------------------------------------------------------------------------

def _schedule(scope: str) -> None:
    invalidate(scope)  # now: a page rendered later inside this transaction (or a test) must see the change
    connection = transaction.get_connection()
    if not connection.in_atomic_block:
        return
    # Once per scope and transaction after the commit, however many rows change in it.
    pending: dict[str, Callable[[], None]] = connection.__dict__.setdefault("_pagecache_pending", {})
    callback = pending.get(scope)
    if callback is not None and any(entry[1] is callback for entry in connection.run_on_commit):
        return

    def after_commit() -> None:
        pending.pop(scope, None)
        invalidate(scope)

    pending[scope] = after_commit
    transaction.on_commit(after_commit)


_scopes_of: Callable[[type[models.Model], frozenset[str] | None], Iterable[str]] | None = None


def changed(model: type[models.Model], *, update_fields: frozenset[str] | None = None) -> None:
    """Rows of `model` changed without a signal (QuerySet.update, bulk_create): the pages showing them are
    stale. Services call this after such writes; the signals call it for every other write."""
    if not enabled() or _scopes_of is None:
        return
    for scope in _scopes_of(model, update_fields):
        _schedule(scope)


def invalidate_on_change(
    *, scopes_of: Callable[[type[models.Model], frozenset[str] | None], Iterable[str]]
) -> None:
    """Invalidate the scopes `scopes_of(model, update_fields)` names whenever a row is saved or deleted or a
    many-to-many relation changes (none: the change shows on no public page). Bulk writes (QuerySet.update,
    bulk_create) send no signals: the services that use them call invalidate() themselves."""

    global _scopes_of
    _scopes_of = scopes_of

    def saved(sender: type[models.Model], update_fields: frozenset[str] | None = None, **kwargs: Any) -> None:
        changed(sender, update_fields=update_fields)

    def deleted(sender: type[models.Model], **kwargs: Any) -> None:
        saved(sender)

    def related(sender: type[models.Model], instance: models.Model, action: str, **kwargs: Any) -> None:
        if action.startswith("post_"):
            saved(type(instance))

    post_save.connect(saved, weak=False, dispatch_uid="pagecache-saved")
    post_delete.connect(deleted, weak=False, dispatch_uid="pagecache-deleted")
    m2m_changed.connect(related, weak=False, dispatch_uid="pagecache-related")


# --- The view decorator -------------------------------------------------------------------------------------

def _shared_request(request: HttpRequest) -> bool:
    """True when the page this request gets is the one every anonymous visitor gets."""
    if request.method not in ("GET", "HEAD"):
        return False
    cookies = request.COOKIES
    if settings.SESSION_COOKIE_NAME in cookies or getattr(settings, "MESSAGE_COOKIE_NAME", "messages") in cookies:
        return False
    if "HTTP_AUTHORIZATION" in request.META:
        return False
    user = getattr(request, "user", None)
    return not (user is not None and user.is_authenticated)


def _page_key(request: HttpRequest, scope_versions: dict[str, str]) -> str:
    htmx = sorted((k, v) for k, v in request.META.items() if k.startswith("HTTP_HX_"))
    raw = "|".join([
        get_language() or "", request.get_host(), request.get_full_path(), repr(htmx),
        *(f"{scope}={version}" for scope, version in sorted(scope_versions.items())),
    ])
    return PAGE_PREFIX + hashlib.sha256(raw.encode("utf-8", "surrogateescape")).hexdigest()


def _storable(request: HttpRequest, response: HttpResponse) -> bool:
    if response.status_code != 200 or response.streaming or response.cookies:
        return False
    if request.META.get("CSRF_COOKIE_NEEDS_UPDATE"):  # a form with a CSRF token: the token is this visitor's
        return False
    session = getattr(request, "session", None)
    if session is not None and (session.modified or not session.is_empty()):
        return False
    storage = getattr(request, "_messages", None)
    if storage is not None and (getattr(storage, "used", False) or getattr(storage, "_queued_messages", None)):
        return False
    cache_control = response.get("Cache-Control", "").lower()
    if "private" in cache_control or "no-store" in cache_control or "no-cache" in cache_control:
        return False
    vary = {v.strip().lower() for v in cc_delim_re.split(response.get("Vary", "")) if v.strip()}
    return vary <= KNOWN_VARY


def _stamp(response: HttpResponse, *, etag: str, last_modified: float) -> None:
    response["ETag"] = etag
    response["Last-Modified"] = http_date(int(last_modified))
    # Anyone may keep the page, but must ask us (a cheap 304) before showing it again.
    patch_cache_control(response, public=True, max_age=0, must_revalidate=True)


def _replica_if_settled(scope_versions: dict[str, str] | None) -> contextlib.AbstractContextManager[None]:
    """Read this anonymous page from the read replica, if there is one and its data has not changed lately (the
    replica may not have it yet): core.dbrouter."""
    if not dbrouter.enabled():
        return contextlib.nullcontext()
    if scope_versions:
        changed_at = max(int(v) for v in scope_versions.values()) / 1e9
        if time.time() - changed_at < settings.REPLICA_MAX_LAG_SECONDS:
            return contextlib.nullcontext()
    return dbrouter.replica_reads()


def shareable(request: HttpRequest) -> bool:
    """True when the answer to this request is the same for every anonymous visitor (see public_page)."""
    return enabled() and _shared_request(request)


def _value_key(kind: str, name: str, vary: str, scope_versions: dict[str, str]) -> str:
    """A cached value's key: its kind ("v" a value, "m" one of many), its name, the page's language, what else it
    varies on and the version of every scope it depends on, hashed to a fixed length."""
    raw = "|".join([name, get_language() or "", vary,
                    *(f"{scope}={version}" for scope, version in sorted(scope_versions.items()))])
    return f"{PAGE_PREFIX}{kind}:" + hashlib.sha256(raw.encode("utf-8", "surrogateescape")).hexdigest()


def cached_value(name: str, scopes: Iterable[str], vary: str, build: Callable[[], Any]) -> Any:
    """A public value (an API page's data, a count, a fragment) kept until one of `scopes` changes; `vary` is
    whatever else it depends on (a path and query string). The language is part of the key. Built afresh, and
    not kept, when the cache is off or failing."""
    scope_versions = versions(scopes) if enabled() else None
    if scope_versions is None:
        return build()
    key = _value_key("v", name, vary, scope_versions)
    hit = _guarded("read value", lambda: _cache().get(key))
    if hit is not None:
        return hit
    with _replica_if_settled(scope_versions):
        value = build()
    _guarded("store value", lambda: _cache().set(key, value, timeout=settings.PAGE_CACHE_SECONDS))
    return value


def cached_many(
    name: str, scopes: Iterable[str], items: dict[str, Any], build: Callable[[list[Any]], dict[str, Any]]
) -> dict[str, Any]:
    """Public values for many items at once (the rendered rows of a list), kept until one of `scopes` changes.
    `items` maps each item's own key (its id and version) to the item; `build(missing_items)` returns the values
    of those it is given, by the same keys. One cache read for all of them, one write for those built. The
    language is part of every key. Without a cache (off or failing), everything is built and nothing kept."""
    scope_versions = versions(scopes) if enabled() else None
    if scope_versions is None:
        return build(list(items.values()))
    keys = {item_key: _value_key("m", name, item_key, scope_versions) for item_key in items}
    found = _guarded("read values", lambda: _cache().get_many(list(keys.values()))) or {}
    values = {item_key: found[key] for item_key, key in keys.items() if key in found}
    missing = [item for item_key, item in items.items() if item_key not in values]
    if missing:
        with _replica_if_settled(scope_versions):
            built = build(missing)
        values.update(built)
        _guarded("store values", lambda: _cache().set_many(
            {keys[item_key]: value for item_key, value in built.items()}, timeout=settings.PAGE_CACHE_SECONDS))
    return values


def public_page(*scopes: str) -> Callable[[Callable[..., HttpResponse]], Callable[..., HttpResponse]]:
    """Cache the view's anonymous page until one of `scopes` changes (or PAGE_CACHE_SECONDS pass)."""

    def decorator(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
        @functools.wraps(view)
        def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            if not _shared_request(request):
                return view(request, *args, **kwargs)
            scope_versions = versions(scopes) if enabled() else None
            if scope_versions is None:  # no page cache (switched off, or failing): render as if there were none
                with _replica_if_settled(None):
                    return view(request, *args, **kwargs)
            key = _page_key(request, scope_versions)
            entry = _guarded("read page", lambda: _cache().get(key))
            if entry is not None:
                response = HttpResponse(entry["content"], status=200)
                for name, value in entry["headers"].items():
                    response[name] = value
                response["X-Page-Cache"] = "hit"
                return response
            with _replica_if_settled(scope_versions):
                response = view(request, *args, **kwargs)
            if not _storable(request, response):
                return response
            etag = f'"{hashlib.md5(response.content, usedforsecurity=False).hexdigest()}"'
            # When this copy was rendered: never earlier than the latest change of the data it shows.
            _stamp(response, etag=etag, last_modified=time.time())
            headers = {name: response[name] for name in (*KEPT_HEADERS, "ETag", "Last-Modified") if name in response}
            _guarded("store page", lambda: _cache().set(
                key, {"content": response.content, "headers": headers}, timeout=settings.PAGE_CACHE_SECONDS))
            response["X-Page-Cache"] = "miss"
            return response

        return wrapped

    return decorator


class PrivateForSignedInMiddleware:
    """Every page answered to a signed-in visitor (or one with a session) is `Cache-Control: private`, so no shared
    cache (a proxy, a CDN) between us and them can ever hand it to someone else."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        session = getattr(request, "session", None)
        personal = settings.SESSION_COOKIE_NAME in request.COOKIES or (
            session is not None and getattr(session, "accessed", False) and not session.is_empty()
        )
        # A view that marks its answer public (a calendar feed) says it is the same for everyone: trust it.
        if personal and "public" not in response.get("Cache-Control", "").lower():
            patch_cache_control(response, private=True)
        return response
