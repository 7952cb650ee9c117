from __future__ import annotations

from pathlib import Path

import pytest
from django.conf import settings

# The shared data folder sits beside the repository (../shared), on developers' machines and in CI alike.
SHARED = Path(settings.BASE_DIR).parent / "shared"
UPR_SAMPLE = SHARED / "data" / "upr-info" / "kyrgyzstan_tajikistan_macroman.csv"


@pytest.fixture
def upr_sample() -> bytes:
    return UPR_SAMPLE.read_bytes()
