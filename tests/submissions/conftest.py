from __future__ import annotations

from tests.fixtures import empty_cache, files_in_tmp  # noqa: F401 - fixtures of this folder (autouse ones apply here only)
from tests.quality.conftest import browser, new_context, page, page_as, playwright_driver  # noqa: E402, F401
