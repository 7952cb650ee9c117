from __future__ import annotations

# The quality-gates engineer's Playwright fixtures (headless Chromium against the live server), for
# tests/translations/test_browser.py; they share one driver and one Chromium with tests/quality.
from tests.quality.conftest import browser, new_context, page, page_as, playwright_driver  # noqa: F401
