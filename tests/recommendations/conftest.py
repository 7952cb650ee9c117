from __future__ import annotations

import pytest

from tests.fixtures import empty_cache, files_in_tmp, upr_sample  # noqa: F401 - fixtures of this folder (autouse ones apply here only)


def pytest_configure(config: pytest.Config) -> None:
    # Registered by tests/quality/conftest.py too; repeated here so tests/recommendations runs on its own.
    config.addinivalue_line("markers", "quality_gate(name): a quality gate of docs/quality.md")


# The quality gates' Playwright fixtures (headless Chromium against the live server) for test_browser_journeys.py.
from tests.quality.conftest import browser, new_context, page, page_as, playwright_driver  # noqa: E402, F401
