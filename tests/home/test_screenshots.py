"""Screenshots of each role's home page at 1280 and 390 px in Kazakh, Russian and English, on the demo data.

CI keeps them as build artefacts: they are written to artifacts/screenshots/ (README.md, "Screenshots"; git-ignored),
or to $SCREENSHOT_DIR. People look at them; the test checks what a machine can: each page renders in its language
with no sideways scrolling and no CSP violation, and the file is a real picture.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from playwright.sync_api import Page

from participants.demo import DEMO_ACCOUNTS
from participants.models import User
from tests.quality.browser import csp_violations, horizontal_overflow

pytestmark = [
    pytest.mark.quality_gate("browser journeys"),
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

ROOT = Path(__file__).resolve().parents[2]
SCREENSHOT_DIR = Path(os.environ.get("SCREENSHOT_DIR") or ROOT / "artifacts" / "screenshots")
WIDTHS = (1280, 390)
LANGUAGES = ("kk", "ru", "en")
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def test_each_role_home_is_screenshotted_in_three_languages_at_two_widths(page_as: Callable[..., Page]) -> None:
    call_command("seed_demo", stdout=StringIO())
    SCREENSHOT_DIR.mkdir(parents=True, exist_ok=True)
    written = []
    for account in DEMO_ACCOUNTS:
        person = User.objects.get(email=account.email)
        for width in WIDTHS:
            page = page_as(person.role, user=person, width=width)
            for language in LANGUAGES:
                page.goto(f"/{language}/workspace/")
                assert page.locator("html").get_attribute("lang") == language
                assert horizontal_overflow(page) <= 0, f"{person.role} home scrolls sideways at {width} px ({language})"
                assert csp_violations(page) == []
                path = SCREENSHOT_DIR / f"home-{person.role}-{language}-{width}.png"
                page.screenshot(path=str(path), full_page=True)
                data = path.read_bytes()
                assert data.startswith(PNG_SIGNATURE) and len(data) > 10_000, path
                written.append(path.name)
            page.context.close()
    assert len(written) == len(DEMO_ACCOUNTS) * len(WIDTHS) * len(LANGUAGES) == 24
