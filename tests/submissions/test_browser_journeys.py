"""The NGO-to-answer journey in headless Chromium (tests/quality fixtures): submit, accept and convert, read."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from playwright.sync_api import Page, expect

from recommendations.models import Recommendation
from submissions.models import Submission
from tests.quality.browser import csp_violations

pytestmark = [
    pytest.mark.quality_gate("browser journeys"),
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_ngo_proposal_is_accepted_converted_and_the_ngo_reads_the_answer(page_as: Callable[..., Page]) -> None:
    ngo = page_as("ngo")
    ngo.goto("/en/")
    ngo.get_by_role("button", name="My workspace").click()  # the person's own tools are in one header menu
    ngo.get_by_role("link", name="My submissions").click()
    ngo.get_by_role("link", name="New submission").first.click()
    ngo.get_by_role("link", name="Write a proposal").click()
    ngo.get_by_label("Title").fill("Criminalise domestic violence as a separate offence")
    ngo.get_by_role("textbox", name="Recommendation or proposal").fill(
        "Adopt a separate article of the Criminal Code on domestic violence.")
    ngo.get_by_label("Justification").fill("CEDAW concluding observations ask for it.")
    # A double click sends the form once: the script disables the buttons on the first submit.
    ngo.get_by_role("button", name="Submit to the secretariat").dblclick()
    expect(ngo.get_by_text("Your submission was sent to the secretariat.")).to_be_visible()
    assert Submission.objects.count() == 1
    submission = Submission.objects.get()
    assert submission.status == Submission.Status.SUBMITTED
    assert csp_violations(ngo) == []

    secretariat = page_as("secretariat")
    secretariat.goto("/en/")
    secretariat.get_by_role("button", name="Secretariat").click()
    secretariat.get_by_role("link", name="Moderation").first.click()
    secretariat.get_by_role("link", name="Criminalise domestic violence as a separate offence").click()
    secretariat.get_by_role("button", name="Start review").click()
    expect(secretariat.get_by_text("The review has started")).to_be_visible()
    secretariat.get_by_label("Accepted", exact=True).check()
    secretariat.get_by_label("Answer to the NGO, with the reason").fill(
        "Accepted: the Ministry of Justice will draft the amendment.")
    secretariat.get_by_role("button", name="Record the decision").click()
    expect(secretariat.get_by_text("The decision is recorded")).to_be_visible()
    secretariat.get_by_role("button", name="Add to the recommendations tracker (mechanism NGO)").click()
    expect(secretariat.get_by_text("now a recommendation in the tracker")).to_be_visible()
    recommendation = Recommendation.objects.get()
    assert recommendation.mechanism.code == "ngo"
    assert csp_violations(secretariat) == []

    ngo.goto("/en/submissions/mine/")
    ngo.get_by_role("link", name="Criminalise domestic violence as a separate offence").click()
    expect(ngo.get_by_text("Accepted: the Ministry of Justice will draft the amendment.").first).to_be_visible()
    ngo.get_by_role("link", name=recommendation.reference_label).click()
    expect(ngo.get_by_text("From an NGO submission")).to_be_visible()
    assert csp_violations(ngo) == []
