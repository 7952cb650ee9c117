"""Two-step sign-in in a real browser: a secretariat member enrols an authenticator app, keeps recovery codes, signs
out and signs in again with a code, all by keyboard, in Kazakh, Russian and English; the pages pass axe, the HTML
checker and the CSP, and fit at 1280 and 390 px (tests/quality fixtures)."""

from __future__ import annotations

import base64
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from django.utils import translation
from django_otp.oath import TOTP
from playwright.sync_api import Page, expect

from conftest import make_role_user
from participants.models import User
from tests.quality import vnu
from tests.quality.axe import blocking, run_axe
from tests.quality.browser import csp_violations, focused, horizontal_overflow
from tests.quality.tools import missing_tools

pytestmark = [
    pytest.mark.quality_gate("accessibility (axe-core)"),
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

PASSWORD = "correct-horse-battery"


def _t(language: str, message: str) -> str:
    with translation.override(language):
        return str(translation.gettext(message))


def _code(secret_text: str, *, steps_ahead: int = 0) -> str:
    secret = secret_text.replace(" ", "")
    key = base64.b32decode(secret + "=" * (-len(secret) % 8))
    totp = TOTP(key)
    totp.time = time.time() + 30 * steps_ahead
    return f"{totp.token():06d}"


def _check_page(tab: Page, saved: list[Path], tmp_path: Path) -> None:
    assert blocking(run_axe(tab), tab.url) == [], tab.url
    assert csp_violations(tab) == [], tab.url
    assert horizontal_overflow(tab) <= 0, tab.url
    path = tmp_path / f"page{len(saved)}.html"
    path.write_text(tab.content(), encoding="utf-8")
    saved.append(path)


@pytest.mark.parametrize("language", ["kk", "ru", "en"])
def test_secretariat_enrols_keeps_recovery_codes_and_signs_in_with_a_code_by_keyboard(
    language: str, page_as: Callable[..., Page], tmp_path: Path
) -> None:
    person = make_role_user(User.Role.SECRETARIAT, first_name="Aliya", last_name="Nurpeisova")
    tab = page_as("anonymous", width=390 if language == "kk" else 1280)
    saved: list[Path] = []

    tab.goto(f"/{language}/accounts/sign-in/")
    tab.keyboard.type(person.email)
    tab.keyboard.press("Tab")
    tab.keyboard.type(PASSWORD)
    tab.keyboard.press("Enter")

    # First sign-in: set up the app. The key is shown as text for typing by hand, beside the QR code.
    expect(tab.get_by_role("heading", level=1)).to_have_text(_t(language, "Set up two-step sign-in"))
    expect(tab.get_by_role("img", name=_t(language, "QR code for your authenticator app"))).to_be_visible()
    secret = tab.locator(".totp-secret").inner_text()
    assert len(secret.replace(" ", "")) == 32
    _check_page(tab, saved, tmp_path)
    # The code field has focus, so the keyboard user types the code at once.
    assert focused(tab)["id"] == "id_code"
    tab.keyboard.type(_code(secret))
    tab.keyboard.press("Enter")

    expect(tab.get_by_role("heading", level=1)).to_have_text(_t(language, "Your recovery codes"))
    codes = tab.locator(".recovery-codes li").all_inner_texts()
    assert len(codes) == 10
    _check_page(tab, saved, tmp_path)
    tab.get_by_role("link", name=_t(language, "I have saved my codes — continue")).focus()
    tab.keyboard.press("Enter")
    expect(tab).to_have_url(f"{tab.url.split(f'/{language}/')[0]}/{language}/workspace/")
    tab.goto(f"/{language}/applications/")
    expect(tab.get_by_role("heading", level=1)).to_be_visible()
    assert "/accounts/" not in tab.url

    # Sign out; the next sign-in asks for the code (the next one the app shows: each code works once).
    tab.goto(f"/{language}/accounts/two-factor/recovery-codes/")
    _check_page(tab, saved, tmp_path)
    tab.context.clear_cookies()
    tab.goto(f"/{language}/accounts/sign-in/?next=/{language}/applications/")
    tab.keyboard.type(person.email)
    tab.keyboard.press("Tab")
    tab.keyboard.type(PASSWORD)
    tab.keyboard.press("Enter")
    expect(tab.get_by_role("heading", level=1)).to_have_text(_t(language, "Two-step sign-in"))
    _check_page(tab, saved, tmp_path)
    tab.keyboard.type("123")
    tab.keyboard.press("Enter")
    expect(tab.locator(".invalid-feedback, .text-danger").first).to_be_visible()
    _check_page(tab, saved, tmp_path)
    # A recovery code, typed in capitals: accepted, used up, and the page says how many are left.
    tab.locator("#id_code").fill(codes[0].upper())
    tab.keyboard.press("Enter")
    expect(tab).to_have_url(f"{tab.url.split(f'/{language}/')[0]}/{language}/applications/")
    assert csp_violations(tab) == []

    if not missing_tools("valid HTML (Nu HTML Checker)"):
        errors = vnu.validate(saved)
        assert errors == [], vnu.summarize(errors)
