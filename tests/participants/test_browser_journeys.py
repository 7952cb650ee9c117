"""Onboarding in headless Chromium: an NGO applies, the secretariat approves, the contact sets a
password from the e-mailed link and signs in (tests/quality fixtures)."""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest
from django.core import mail
from playwright.sync_api import Page, expect

from participants.models import Organization, OrganizationApplication, User
from tests.participants.factories import valid_bin
from tests.quality.browser import csp_violations

# The "browser journeys" gate: without Chromium, tests/quality/conftest.py deselects these locally and names
# the missing tool (with CI=true they fail instead).
pytestmark = [
    pytest.mark.quality_gate("browser journeys"),
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_ngo_applies_is_approved_sets_a_password_and_signs_in(page_as: Callable[..., Page]) -> None:
    bin_value = valid_bin(2718)
    visitor = page_as("anonymous")
    visitor.goto("/en/")
    visitor.get_by_role("link", name="Apply to join").click()
    visitor.get_by_label("Name in Kazakh").fill("«Ашық қоғам» қоғамдық қоры")
    visitor.get_by_label("Name in English").fill("Open Society Steppe Foundation")
    # First a typo in the BIN: the message says what is wrong and nothing typed is lost.
    visitor.get_by_label("BIN (business identification number)").fill(bin_value + "9")
    visitor.get_by_label("Region").select_option(label="Karaganda Region")
    visitor.get_by_label("Children's rights").check()
    visitor.get_by_label("Full name").fill("Aliya Serikova")
    visitor.get_by_label("Position").fill("Director")
    visitor.get_by_label("E-mail address").fill("aliya@steppe.example.org")
    visitor.get_by_label("Phone").fill("+7 701 234 56 78")
    visitor.get_by_label(re.compile("I agree to the processing")).check()
    visitor.get_by_role("button", name="Send the application").click()
    expect(visitor.get_by_text("A BIN has 12 digits; you typed 13.")).to_be_visible()
    expect(visitor.get_by_label("Name in English")).to_have_value("Open Society Steppe Foundation")
    expect(visitor.get_by_label("Children's rights")).to_be_checked()
    visitor.get_by_label("BIN (business identification number)").fill(bin_value)
    visitor.get_by_label(re.compile("I agree to the processing")).check()
    visitor.get_by_role("button", name="Send the application").click()
    expect(visitor.get_by_role("heading", name="Thank you: your application has been received")).to_be_visible()
    assert csp_violations(visitor) == []
    application = OrganizationApplication.objects.get(bin=bin_value)

    secretariat = page_as("secretariat")
    secretariat.goto("/en/")
    secretariat.get_by_role("button", name="Secretariat").click()  # the secretariat's tools are in one menu
    secretariat.get_by_role("link", name="Applications").click()
    secretariat.get_by_role("link", name="Open Society Steppe Foundation").click()
    secretariat.get_by_role("button", name="Approve").click()
    expect(secretariat.get_by_text(re.compile("is now a member"))).to_be_visible()
    assert csp_violations(secretariat) == []
    application.refresh_from_db()
    assert application.status == OrganizationApplication.Status.APPROVED
    assert Organization.objects.filter(bin=bin_value).count() == 1

    approval = next(m for m in reversed(mail.outbox) if m.to == ["aliya@steppe.example.org"])
    link = re.search(r"https?://\S+(/en/accounts/password/reset/\S+)", approval.body)  # type: ignore[arg-type]  # a sent message's body is a str
    assert link, approval.body
    contact = page_as("anonymous")
    contact.goto(link.group(1))
    expect(contact.get_by_role("heading", name="Choose a new password")).to_be_visible()
    contact.locator("#id_new_password1").fill("Steppe-Eagle-2026")
    contact.locator("#id_new_password2").fill("Steppe-Eagle-2026")
    contact.get_by_role("button", name="Save the new password").click()
    contact.goto("/en/accounts/sign-in/")
    contact.get_by_label("E-mail address").fill("aliya@steppe.example.org")
    contact.get_by_label("Password").fill("Steppe-Eagle-2026")
    contact.get_by_role("button", name="Sign in").click()
    # Signed in, on the home page with its scripts loaded: only then does the menu button open the menu (under a
    # loaded CI machine a click before Bootstrap's script ran was lost).
    expect(contact.get_by_role("button", name="My workspace")).to_be_visible()
    contact.wait_for_load_state("load")
    contact.get_by_role("button", name="My workspace").click()
    expect(contact.get_by_role("link", name="My organisation")).to_be_visible()
    contact.get_by_role("link", name="My organisation").click()
    expect(contact.get_by_role("heading", name="Open Society Steppe Foundation")).to_be_visible()
    expect(contact.get_by_text("aliya@steppe.example.org")).to_be_visible()
    assert csp_violations(contact) == []
    assert User.objects.get(email="aliya@steppe.example.org").role == User.Role.NGO
