from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from django.conf import settings
from django.core.cache import cache

SHARED = Path(settings.BASE_DIR).parent / "shared"
UPR_SAMPLE = SHARED / "data" / "upr-info" / "kyrgyzstan_tajikistan_macroman.csv"


@pytest.fixture(autouse=True)
def _fresh_rate_limits() -> Iterator[None]:
    # Rate-limit counters live in the cache, which outlives a test; each test starts with a full allowance.
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def upr_sample() -> bytes:
    return UPR_SAMPLE.read_bytes()


@pytest.fixture
def imported_sample(upr_sample: bytes) -> None:
    from recommendations import services

    services.recommendation_import(raw=upr_sample, format="upr-info", actor=None)  # type: ignore[arg-type]
