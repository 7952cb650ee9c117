from __future__ import annotations

from tests.fixtures import empty_cache, site_url  # noqa: F401 - fixtures of this folder (autouse ones apply here only)

# Playwright fixtures shared with tests/quality (see tests/meetings/conftest.py).
from tests.quality.conftest import browser, new_context, page, page_as, playwright_driver  # noqa: E402, F401
