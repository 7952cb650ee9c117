"""Keyboard-only use: skip link, main menu, sign-in form, visible focus (WCAG 2.1.1, 2.4.1, 2.4.7)."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from playwright.sync_api import Page, expect

from conftest import make_role_user
from tests.quality.browser import focus_is_visible, focused

# serialized_rollback: the live server needs committed data, and the rows that migrations create
# (recommendation mechanisms, ...) must come back after the flush for the tests that follow.
pytestmark = [
    pytest.mark.quality_gate("keyboard navigation"),
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

PASSWORD = "correct-horse-battery"  # tests/participants/factories.py


def test_tab_reaches_the_skip_link_first_and_enter_moves_focus_to_main(page: Page, transactional_db: None) -> None:
    page.goto("/en/")
    page.keyboard.press("Tab")
    first = focused(page)
    assert first is not None and first["href"] == "#main", f"first Tab stop is {first}"
    expect(page.locator(".skip-link")).to_be_in_viewport()
    assert focus_is_visible(page), "the focused skip link shows no outline or box-shadow"

    page.keyboard.press("Enter")
    assert focused(page)["id"] == "main"
    # The next Tab continues inside the main content, not back at the top of the menu.
    page.keyboard.press("Tab")
    assert page.evaluate("() => document.getElementById('main').contains(document.activeElement)")


def _tab_through(page: Page, limit: int = 80) -> list[dict[str, object]]:
    """Press Tab until focus leaves the page header (or `limit` presses); each stop, in order."""
    stops = []
    for _ in range(limit):
        page.keyboard.press("Tab")
        info = focused(page)
        if info is None:
            break
        stops.append(info)
        if not page.evaluate("() => Boolean(document.activeElement.closest('header, .skip-link'))"):
            break
    return stops


@pytest.mark.parametrize("role", ["anonymous", "secretariat"])
def test_every_main_menu_link_is_reachable_by_tab_with_visible_focus(role: str, page_as: Callable[..., Page]) -> None:
    tab = page_as(role)
    tab.goto("/en/")
    menu_links = tab.locator("header nav a:visible")
    expected = {menu_links.nth(i).get_attribute("href") for i in range(menu_links.count())}
    assert len(expected) >= 4, expected

    reached = set()
    for _ in range(len(expected) + 10):
        tab.keyboard.press("Tab")
        info = focused(tab)
        if info is None:
            break
        if info["href"] in expected:
            reached.add(info["href"])
            assert info["outline"] or info["shadow"], f"no visible focus on menu link {info}"
        if reached == expected:
            break
    assert reached == expected, f"not reachable by Tab: {expected - reached}"


def test_account_menu_opens_and_signs_out_with_the_keyboard(page_as: Callable[..., Page]) -> None:
    tab = page_as("ngo")
    tab.goto("/en/")
    account = tab.locator("#account-menu-button")
    account.focus()
    tab.keyboard.press("Enter")
    expect(tab.get_by_role("link", name="My account")).to_be_visible()
    # Bootstrap's dropdown: arrow keys move through the items.
    tab.keyboard.press("ArrowDown")
    assert focused(tab)["text"] == "My account"
    assert focus_is_visible(tab)
    for _ in range(2):
        tab.keyboard.press("ArrowDown")
    assert focused(tab)["text"] == "Sign out"
    tab.keyboard.press("Enter")
    expect(tab.get_by_role("navigation", name="Main menu").get_by_role("link", name="Sign in")).to_be_visible()


def test_sign_in_form_can_be_filled_and_submitted_with_the_keyboard_only(page: Page, transactional_db: None) -> None:
    person = make_role_user("focal_point", first_name="Dana", last_name="Omarova")
    page.goto("/en/accounts/sign-in/")
    # The e-mail field has autofocus, so a keyboard user can type at once.
    assert focused(page)["id"] == "id_username"
    assert focus_is_visible(page), "the focused e-mail field shows no focus indicator"
    page.keyboard.type(person.email)
    page.keyboard.press("Tab")
    assert focused(page)["id"] == "id_password"
    assert focus_is_visible(page)
    page.keyboard.type(PASSWORD)
    page.keyboard.press("Tab")
    submit = focused(page)
    assert submit["tag"] == "button" and submit["text"] == "Sign in", submit
    assert focus_is_visible(page), "the focused submit button shows no focus indicator"
    page.keyboard.press("Enter")
    expect(page.get_by_role("button", name="Dana Omarova")).to_be_visible()
