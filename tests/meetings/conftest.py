from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest


def pytest_configure(config: pytest.Config) -> None:
    # Registered by tests/quality/conftest.py too; repeated here so tests/meetings runs on its own.
    config.addinivalue_line("markers", "quality_gate(name): a quality gate of docs/quality.md")


@pytest.fixture(autouse=True)
def _private_media(settings: pytest.FixtureRequest, tmp_path: Path) -> None:
    """Uploaded documents go to a temporary folder, never into the working tree."""
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "media-private"
    settings.SITE_URL = "https://dialogue.example.kz"


@pytest.fixture(autouse=True)
def _empty_cache() -> None:
    from django.core.cache import cache

    cache.clear()


# The quality-gates engineer's Playwright fixtures (headless Chromium against the live server), for
# tests/meetings/test_browser_journeys.py. Their function-scoped fixtures are reused as they are; `browser` is
# redefined below because a second session-scoped Playwright in the same run would clash with theirs.
from tests.quality.conftest import new_context, page, page_as  # noqa: E402, F401


def _fixturedefs_named(name: str, request: pytest.FixtureRequest) -> list[object]:
    """Every definition of fixture `name` in this session (pytest's registries, across versions)."""
    manager = request._fixturemanager  # noqa: SLF001
    found: list[object] = []
    for registry in ("_arg2fixturedefs", "_arg2node2fixturedefs", "_arg2nodeid2fixturedefs"):
        entry = getattr(manager, registry, {}).get(name)
        if isinstance(entry, dict):
            for definitions in entry.values():
                found.extend(definitions)
        elif entry:
            found.extend(entry)
    return found


@pytest.fixture(scope="module")
def browser(request: pytest.FixtureRequest) -> Iterator[object]:
    """tests/quality's Chromium when it is already running in this session, else one for this module only.

    Only one Playwright may run per thread: when tests/quality started its (session-scoped) Chromium first, it
    is reused; otherwise this module starts its own and stops it before tests/quality needs one.
    """
    for fixturedef in _fixturedefs_named("browser", request):
        cached = getattr(fixturedef, "cached_result", None)
        if str(getattr(fixturedef, "baseid", "")).startswith("tests/quality") and cached and cached[2] is None:
            yield cached[0]
            return
    from playwright.sync_api import sync_playwright

    from tests.quality.tools import CHROMIUM, CHROMIUM_ARGS

    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    with sync_playwright() as driver:
        chromium = driver.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()
