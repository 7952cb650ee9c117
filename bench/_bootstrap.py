"""Shared start of every bench script: Django configured as in production, plus the statistics they print.

Imported first by bench/<name>.py (run as `python bench/<name>.py`, so this folder is on sys.path).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "dialogue_platform.settings")
# Keep the connection between requests, as production does (DJANGO_CONN_MAX_AGE defaults to 60 there).
os.environ.setdefault("DJANGO_CONN_MAX_AGE", "60")

import django  # noqa: E402

django.setup()


def percentile(values: list[float], share: float) -> float:
    """Nearest-rank percentile: `share` 0.95 is p95."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]
