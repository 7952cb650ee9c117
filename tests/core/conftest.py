from __future__ import annotations

from tests.fixtures import files_in_tmp  # noqa: F401 - fixtures of this folder (autouse ones apply here only)
