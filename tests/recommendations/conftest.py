from __future__ import annotations

from tests.fixtures import empty_cache, files_in_tmp, upr_sample  # noqa: F401 - fixtures of this folder (autouse ones apply here only)
