from __future__ import annotations

from pathlib import Path

import pytest


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "quality_gate(name): a quality gate of docs/quality.md")


@pytest.fixture(autouse=True)
def _private_media(settings: pytest.FixtureRequest, tmp_path: Path) -> None:
    """Uploads go to a temporary folder, never into the working tree."""
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "media-private"
    settings.SITE_URL = "https://dialogue.example.kz"


@pytest.fixture(autouse=True)
def _empty_cache() -> None:
    # Rate-limit counters live in the cache: each test starts with none.
    from django.core.cache import cache

    cache.clear()


from tests.quality.conftest import browser, new_context, page, page_as, playwright_driver  # noqa: E402, F401
