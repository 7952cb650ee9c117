from __future__ import annotations

from tests.fixtures import upr_sample  # noqa: F401 - the fixture of this folder
