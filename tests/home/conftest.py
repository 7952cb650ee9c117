from __future__ import annotations

import pytest


def pytest_configure(config: pytest.Config) -> None:
    # Registered by tests/quality/conftest.py too; repeated here so tests/home runs on its own.
    config.addinivalue_line("markers", "quality_gate(name): a quality gate of docs/quality.md")


# The quality-gates Playwright fixtures (headless Chromium against the live server); they share one driver and
# one Chromium with tests/quality and tests/meetings.
from tests.quality.conftest import browser, new_context, page, page_as, playwright_driver  # noqa: E402, F401
