"""Fixtures several test folders share. A folder's conftest.py imports the ones it wants, so an autouse fixture
applies to that folder only, as when each conftest had its own copy."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from pytest_django.fixtures import Settings

# Shipped with the tests (a copy of the team's shared sample, tests/data/upr-info/README.md), so a clone of the
# project alone runs the whole suite.
UPR_SAMPLE = Path(__file__).resolve().parent / "data" / "upr-info" / "kyrgyzstan_tajikistan_macroman.csv"

SITE_URL = "https://dialogue.example.kz"


@pytest.fixture(autouse=True)
def site_url(settings: Settings) -> None:
    """Absolute links in e-mails and feeds point at one known address."""
    settings.SITE_URL = SITE_URL


@pytest.fixture(autouse=True)
def files_in_tmp(settings: Settings, tmp_path: Path) -> None:
    """Uploaded and generated files go to a temporary folder, never into the working tree (and links in
    the e-mails that mention them point at SITE_URL)."""
    settings.SITE_URL = SITE_URL
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "media-private"


@pytest.fixture(autouse=True)
def empty_cache() -> Iterator[None]:
    """Rate-limit counters live in the cache, which outlives a test: each test starts with a full allowance."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def upr_sample() -> bytes:
    return UPR_SAMPLE.read_bytes()
