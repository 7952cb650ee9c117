"""Quality gates: the shared browser fixtures.

A gate test carries @pytest.mark.quality_gate("<gate>") with a gate named in tools.GATES. When a
tool of that gate is missing, the root conftest.py deselects the gate's tests locally and names them
at the end of the run; in CI (CI=true) they stay selected and fail.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING

import pytest
from django.conf import settings
from django.test import Client
from pytest_django.live_server_helper import LiveServer

from tests.auth import force_login
from tests.quality.axe import serve_axe
from tests.quality.tools import CHROMIUM, CHROMIUM_ARGS

if TYPE_CHECKING:
    from playwright.sync_api import Browser, BrowserContext, Page, Playwright

    from participants.models import User

# Records Content-Security-Policy violations in the page itself, read back by csp_violations().
_CSP_LISTENER = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__cspViolations.push(`${event.violatedDirective} blocked ${event.blockedURI || "inline code"}`
    + ` at line ${event.lineNumber}`);
});
"""


# --- Browser fixtures -------------------------------------------------------------------------


# One Playwright driver and one Chromium per session, shared by every conftest that imports these
# fixtures (tests/meetings/conftest.py does): pytest would otherwise build a second copy of each
# session fixture there, and a second sync_playwright() refuses to start inside the first one's loop.
_SHARED: dict[str, object] = {}


@pytest.fixture(scope="session")
def playwright_driver() -> Iterator[Playwright]:
    if "driver" in _SHARED:
        yield _SHARED["driver"]  # type: ignore[misc]
        return
    from playwright.sync_api import sync_playwright

    # Playwright's sync API keeps an asyncio loop running in this thread, which Django takes for an
    # async context and then refuses ORM calls from the test; the calls are in fact synchronous.
    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    with sync_playwright() as driver:
        _SHARED["driver"] = driver
        try:
            yield driver
        finally:
            _SHARED.pop("driver", None)


@pytest.fixture(scope="session")
def browser(playwright_driver: Playwright) -> Iterator[Browser]:
    """One headless Chromium for the whole session; each test gets its own context (cookies, storage)."""
    if "browser" in _SHARED:
        yield _SHARED["browser"]  # type: ignore[misc]
        return
    chromium = playwright_driver.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS)
    _SHARED["browser"] = chromium
    try:
        yield chromium
    finally:
        _SHARED.pop("browser", None)
        chromium.close()


@pytest.fixture
def new_context(browser: Browser, live_server: LiveServer) -> Iterator[Callable[..., BrowserContext]]:
    """new_context(width=1280) opens a fresh browser context against the live test server."""
    contexts: list[BrowserContext] = []

    def build(width: int = 1280, height: int = 900) -> BrowserContext:
        context = browser.new_context(
            base_url=live_server.url, viewport={"width": width, "height": height}, locale="en-GB"
        )
        context.set_default_timeout(10_000)
        context.add_init_script(_CSP_LISTENER)
        serve_axe(context)
        contexts.append(context)
        return context

    yield build
    for context in contexts:
        context.close()


@pytest.fixture
def page(new_context: Callable[..., BrowserContext]) -> Page:
    """An anonymous visitor's tab, 1280 px wide."""
    return new_context().new_page()


@pytest.fixture
def page_as(
    new_context: Callable[..., BrowserContext], live_server: LiveServer, transactional_db: None
) -> Callable[..., Page]:
    """page_as("ngo") is a tab signed in as a new NGO representative (session cookie, no form);
    page_as("anonymous") is a visitor's tab. page_as(role, user=u) signs in as an existing user.
    """
    from conftest import make_role_user

    def build(role: str, *, user: User | None = None, width: int = 1280) -> Page:
        context = new_context(width=width)
        if role != "anonymous":
            person = user or make_role_user(role)
            client = Client()
            force_login(client, person)
            cookie = client.cookies[settings.SESSION_COOKIE_NAME]
            context.add_cookies(
                [
                    {
                        "name": cookie.key,
                        "value": cookie.value,
                        "url": live_server.url,
                        "httpOnly": True,
                        "sameSite": "Lax",
                    }
                ]
            )
            context.user = person  # type: ignore[attr-defined]
        return context.new_page()

    return build
