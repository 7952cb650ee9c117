from __future__ import annotations

from pathlib import Path

import pytest


@pytest.fixture(autouse=True)
def _private_media(settings: pytest.FixtureRequest, tmp_path: Path) -> None:
    """Uploaded and generated files go to a temporary folder, never into the working tree."""
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "media-private"
    settings.SITE_URL = "https://dialogue.example.kz"
