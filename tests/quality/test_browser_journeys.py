"""Browser journeys in headless Chromium against the live test server (docs/quality.md)."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.utils import translation
from playwright.sync_api import Page, expect

from conftest import make_role_user
from participants.forms import SignInForm
from tests.quality.browser import LAYOUT_WIDTHS, broken_menu_labels, csp_violations, horizontal_overflow

# serialized_rollback: the live server needs committed data, and the rows that migrations create
# (recommendation mechanisms, ...) must come back after the flush for the tests that follow.
pytestmark = [
    pytest.mark.quality_gate("browser journeys"),
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

PASSWORD = "correct-horse-battery"  # tests/participants/factories.py
HOME_HEADING = "Dialogue Platform on the Human Dimension"


def _translated(language: str, message: str) -> str:
    with translation.override(language):
        return str(translation.gettext(message))


def test_visitor_reads_the_home_page_in_kazakh_russian_and_english(page: Page, transactional_db: None) -> None:
    headings = {}
    for language in ("kk", "ru", "en"):
        page.goto(f"/{language}/")
        assert page.locator("html").get_attribute("lang") == language
        heading = page.get_by_role("heading", level=1)
        expect(heading).to_have_text(_translated(language, HOME_HEADING))
        headings[language] = heading.inner_text()
        # The current language is marked in the switcher, and the menu is translated too.
        expect(page.locator(f'.language-switcher a[hreflang="{language}"]')).to_have_attribute("aria-current", "true")
        assert csp_violations(page) == []
    assert headings["en"] == HOME_HEADING
    assert headings["kk"] != headings["en"]
    assert headings["ru"] != headings["en"]
    assert headings["kk"] != headings["ru"]


def test_language_switcher_keeps_the_page(page: Page, transactional_db: None) -> None:
    page.goto("/en/organisations/")
    page.locator('.language-switcher a[hreflang="ru"]').click()
    expect(page).to_have_url(f"{page.url.split('/ru/')[0]}/ru/organisations/")
    assert page.locator("html").get_attribute("lang") == "ru"


def test_user_signs_in_and_out(page: Page, transactional_db: None) -> None:
    person = make_role_user("ngo", first_name="Aigerim", last_name="Sadykova")
    page.goto("/en/accounts/sign-in/")
    page.get_by_label("E-mail address").fill(person.email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()

    # Signed in, each person lands on their role's home page, with their own tools in one menu.
    expect(page).to_have_url(f"{page.url.split('/en/')[0]}/en/workspace/")
    account = page.get_by_role("button", name="Aigerim Sadykova")
    expect(account).to_be_visible()
    expect(page.get_by_role("button", name="My workspace")).to_be_visible()

    account.click()
    page.get_by_role("button", name="Sign out").click()
    expect(page.get_by_role("navigation", name="Main menu").get_by_role("link", name="Sign in")).to_be_visible()
    expect(page.get_by_role("button", name="Aigerim Sadykova")).to_have_count(0)
    assert csp_violations(page) == []


def test_wrong_password_shows_an_error_and_keeps_the_email(page: Page, transactional_db: None) -> None:
    person = make_role_user("observer")
    page.goto("/ru/accounts/sign-in/")
    page.locator("#id_username").fill(person.email)
    page.locator("#id_password").fill("not-the-password")
    page.locator("form button[type=submit]").click()

    message = _translated("ru", str(SignInForm.error_messages["invalid_login"]))
    expect(page.get_by_text(message)).to_be_visible()
    expect(page.locator("#id_username")).to_have_value(person.email)
    expect(page.locator("#id_password")).to_have_value("")
    assert "/accounts/sign-in/" in page.url


@pytest.mark.parametrize("width", LAYOUT_WIDTHS)
@pytest.mark.parametrize("role", ["anonymous", "secretariat"])
def test_layout_has_no_horizontal_scroll_and_readable_menu_labels(
    role: str, width: int, page_as: Callable[..., Page]
) -> None:
    tab = page_as(role, width=width)
    paths = ["/en/", "/kk/", "/ru/", "/en/organisations/", "/en/accounts/sign-in/"]
    if role != "anonymous":
        paths += ["/en/directory/", "/en/accounts/profile/"]
    for path in paths:
        tab.goto(path)
        assert horizontal_overflow(tab) <= 0, f"{path} scrolls sideways at {width} px as {role}"
        # The secretariat's menu is the longest; in Kazakh and Russian its labels must not be
        # squeezed into a column of letters.
        assert broken_menu_labels(tab) == [], f"{path} at {width} px as {role}: menu labels wrap"
    if width < 992:
        # Bootstrap's collapsed menu: the toggle opens it, and it still fits.
        toggle = tab.get_by_role("button", name="Menu", exact=True)
        expect(toggle).to_be_visible()
        toggle.click()
        expect(tab.locator("#main-menu")).to_be_visible()
        assert horizontal_overflow(tab) <= 0
