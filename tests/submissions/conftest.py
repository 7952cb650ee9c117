from __future__ import annotations

import pytest

from tests.fixtures import empty_cache, files_in_tmp  # noqa: F401 - fixtures of this folder (autouse ones apply here only)


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "quality_gate(name): a quality gate of docs/quality.md")


from tests.quality.conftest import browser, new_context, page, page_as, playwright_driver  # noqa: E402, F401
