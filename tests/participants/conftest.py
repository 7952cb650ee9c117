from __future__ import annotations

import pytest

from tests.fixtures import empty_cache, site_url  # noqa: F401 - fixtures of this folder (autouse ones apply here only)


def pytest_configure(config: pytest.Config) -> None:
    # Registered by tests/quality/conftest.py too; repeated here so tests/participants runs on its own.
    config.addinivalue_line("markers", "quality_gate(name): a quality gate of docs/quality.md")


# Playwright fixtures shared with tests/quality (see tests/meetings/conftest.py).
from tests.quality.conftest import browser, new_context, page, page_as, playwright_driver  # noqa: E402, F401
