from __future__ import annotations

import pytest


def pytest_configure(config: pytest.Config) -> None:
    # Registered by tests/quality/conftest.py too; repeated here so tests/participants runs on its own.
    config.addinivalue_line("markers", "quality_gate(name): a quality gate of docs/quality.md")


@pytest.fixture(autouse=True)
def _onboarding_settings(settings: pytest.FixtureRequest) -> None:
    settings.SITE_URL = "https://dialogue.example.kz"


@pytest.fixture(autouse=True)
def _empty_cache() -> None:
    # The per-IP application counter lives in the cache; one test's applications must not limit the next.
    from django.core.cache import cache

    cache.clear()


# Playwright fixtures shared with tests/quality (see tests/meetings/conftest.py).
from tests.quality.conftest import browser, new_context, page, page_as, playwright_driver  # noqa: E402, F401
