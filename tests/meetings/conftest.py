from __future__ import annotations

import pytest

from tests.fixtures import files_in_tmp  # noqa: F401 - fixtures of this folder (autouse ones apply here only)


@pytest.fixture(autouse=True)
def _empty_cache() -> None:
    from django.core.cache import cache

    cache.clear()


# The quality-gates engineer's Playwright fixtures (headless Chromium against the live server), for
# tests/meetings/test_browser_journeys.py; they share one driver and one Chromium with tests/quality.
from tests.quality.conftest import browser, new_context, page, page_as, playwright_driver  # noqa: E402, F401
