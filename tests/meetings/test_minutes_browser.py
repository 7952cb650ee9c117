"""The minutes editor in headless Chromium (issue 16, item 1): type, format, paste from Word, save, publish with
confirmation, and read the result on the public page; keyboard use; the textarea without JavaScript."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Locator, Page, expect
from pytest_django.live_server_helper import LiveServer

from meetings.models import Meeting, Minutes
from tests.meetings.factories import InvitationFactory, MeetingFactory
from tests.quality.axe import blocking, run_axe
from tests.quality.browser import csp_violations, focus_is_visible, focused

pytestmark = [
    pytest.mark.quality_gate("browser journeys"),
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

# What Word 2016 puts on the clipboard for a heading, a paragraph with bold and a link, a bulleted list with a
# nested item, a numbered list and a table: styles, classes, o:p, conditional comments and mso-list markers.
WORD_HTML = (Path(__file__).parent / "word_clipboard.html").read_text(encoding="utf-8")

PASTE = """(html) => {
  const data = new DataTransfer();
  data.setData("text/html", html);
  data.setData("text/plain", "pasted");
  const target = document.querySelector("#id_body-editor .ProseMirror");
  target.dispatchEvent(new ClipboardEvent("paste", {clipboardData: data, bubbles: true, cancelable: true}));
}"""


def _toolbar(page: Page) -> Locator:
    return page.get_by_role("toolbar", name="Minutes: Formatting")


def test_secretariat_writes_formats_pastes_saves_and_publishes_the_minutes(
    page_as: Callable[..., Page], settings,  # noqa: ANN001
) -> None:
    # The editor itself; publication waiting for translations is tested in test_journeys and tests/translations.
    settings.MINUTES_REQUIRED_LANGUAGES = []
    page = page_as("secretariat")
    meeting = MeetingFactory(past=True, title="Meeting No. 95")
    invitee = InvitationFactory(meeting=meeting).person
    page.goto(f"/en/meetings/manage/{meeting.pk}/minutes/")

    # The textarea gives way to the editor, labelled by the field's label.
    expect(page.locator("#id_body")).to_be_hidden()
    editor = page.get_by_role("textbox", name="Minutes", exact=True)
    expect(editor).to_be_visible()
    editor.click()
    page.keyboard.type("Opening of the meeting")
    _toolbar(page).get_by_role("button", name="Heading", exact=True).click()
    expect(_toolbar(page).get_by_role("button", name="Heading", exact=True)).to_have_attribute("aria-pressed", "true")
    page.keyboard.press("End")
    page.keyboard.press("Enter")
    page.keyboard.type("The chair welcomed ")
    page.keyboard.press("Control+b")
    page.keyboard.type("all members")
    page.keyboard.press("Control+b")
    page.keyboard.type(" of the Platform.")
    page.keyboard.press("Enter")
    _toolbar(page).get_by_role("button", name="Bulleted list").click()
    page.keyboard.type("Item one")
    page.keyboard.press("Enter")
    page.keyboard.type("Item two")
    page.keyboard.press("Enter")
    page.keyboard.press("Enter")  # leaves the list
    # A link through the inline form (Ctrl+K), then a table through the toolbar.
    page.keyboard.type("See ")
    page.keyboard.press("Control+k")
    page.get_by_label("Address of the link (web page or e-mail)").first.fill("www.gov.kz/memleket/entities/mfa")
    page.get_by_role("button", name="Apply").first.click()
    page.keyboard.press("End")
    page.keyboard.press("Enter")
    _toolbar(page).get_by_role("button", name="Insert a table").click()
    expect(page.get_by_role("group", name="Table").first).to_be_visible()
    page.keyboard.type("Agency")
    page.keyboard.press("Tab")
    page.keyboard.type("Deadline")
    # Pasted from Word at the end of the text (below the table): structure kept, junk dropped.
    page.evaluate("() => document.getElementById('id_body').richEditor.commands.focus('end')")
    page.evaluate(PASTE, WORD_HTML)

    stored = page.locator("#id_body").input_value()
    assert "<h2>Opening of the meeting</h2>" in stored
    assert "<strong>all members</strong>" in stored
    assert "<ul><li><p>Item one</p></li><li><p>Item two</p></li></ul>" in stored
    assert 'href="https://www.gov.kz/memleket/entities/mfa"' in stored
    assert "<th><p>Agency</p></th><th><p>Deadline</p></th>" in stored
    # From Word: h1 -> h2, the two Word lists rebuilt (one nested), the table, bold and the link.
    assert "<h2>Decisions of the Platform</h2>" in stored
    assert "<ul><li><p>Raise awareness<ul><li><p>in the regions</p></li></ul></li>" in stored.replace("</p><ul>", "<ul>")
    assert "<ol><li><p>Ministry of Justice reports</p></li><li><p>Secretariat circulates</p></li></ol>" in stored
    assert "<td><p>Ministry of Justice</p></td>" in stored
    for junk in ("Mso", "mso-", "style", "o:p", "class=", "·", "Symbol"):
        assert junk not in stored, junk
    assert csp_violations(page) == []
    assert [v.describe() for v in blocking(run_axe(page), page.url)] == []

    page.get_by_role("button", name="Save draft").click()
    expect(page.get_by_text("The minutes were saved.")).to_be_visible()
    expect(page.get_by_text("version 1", exact=True)).to_be_visible()
    minutes = Minutes.objects.get(meeting=meeting)
    assert minutes.version == 1
    assert "<table>" in minutes.body and "<ol>" in minutes.body and "<h2>" in minutes.body
    # The editor shows the saved minutes again.
    expect(page.get_by_role("textbox", name="Minutes", exact=True).locator("h2").first).to_have_text(
        "Opening of the meeting")

    page.get_by_role("button", name="Approve").click()
    expect(page.get_by_text("The minutes were approved.")).to_be_visible()
    page.get_by_role("link", name="Publish…").click()
    expect(page.get_by_role("heading", name="Publish the minutes?")).to_be_visible()
    expect(page.get_by_text("1 person invited to this meeting;")).to_be_visible()
    minutes.refresh_from_db()
    assert minutes.status == Minutes.Status.APPROVED  # nothing happens before the confirmation
    page.get_by_role("button", name="Publish the minutes").click()
    expect(page.get_by_text("The minutes were published.")).to_be_visible()
    meeting.refresh_from_db()
    assert meeting.status == Meeting.Status.MINUTES_PUBLISHED
    assert invitee.email
    assert csp_violations(page) == []

    # Anyone reads the formatted, sanitised minutes on the public page.
    visitor = page.context.browser.new_context(base_url=page.url.split("/en/")[0])
    public = visitor.new_page()
    public.goto(f"/en/meetings/{meeting.pk}/")
    minutes_section = public.locator(".meetings-minutes").first
    expect(minutes_section.get_by_role("heading", name="Opening of the meeting")).to_be_visible()
    expect(minutes_section.locator("strong", has_text="all members")).to_be_visible()
    expect(minutes_section.get_by_role("link", name="the Ministry")).to_have_attribute(
        "href", "https://www.gov.kz/memleket/entities/mfa")
    expect(minutes_section.get_by_role("table").first).to_be_visible()
    expect(minutes_section.locator("ol > li")).to_have_count(2)
    assert "style=" not in minutes_section.inner_html()
    visitor.close()


def test_the_toolbar_is_reached_and_used_with_the_keyboard(page_as: Callable[..., Page]) -> None:
    page = page_as("secretariat")
    meeting = MeetingFactory(past=True)
    page.goto(f"/en/meetings/manage/{meeting.pk}/minutes/")
    editor = page.get_by_role("textbox", name="Minutes", exact=True)
    editor.click()
    page.keyboard.type("Agreed")
    page.keyboard.press("Shift+Home")
    # Alt+F10 moves to the toolbar; it is one Tab stop with a visible focus; arrows move inside it.
    page.keyboard.press("Alt+F10")
    first = focused(page)
    assert first["text"] == "Paragraph", first
    assert focus_is_visible(page)
    for _ in range(3):
        page.keyboard.press("ArrowRight")
    assert page.evaluate("() => document.activeElement.dataset.tool") == "bold"
    page.keyboard.press("Enter")
    expect(_toolbar(page).get_by_role("button", name="Bold")).to_have_attribute("aria-pressed", "true")
    # Applying a format hands the focus back to the text; Escape goes to the toolbar (where it was left) and back.
    # (TipTap moves the focus on the next animation frame, hence the waits.)
    in_text = "() => document.activeElement.classList.contains('ProseMirror')"
    page.wait_for_function(in_text, timeout=2000)
    page.keyboard.press("Escape")
    assert page.evaluate("() => document.activeElement.dataset.tool") == "bold"
    page.keyboard.press("Escape")
    page.wait_for_function(in_text, timeout=2000)
    assert "<strong>Agreed</strong>" in page.locator("#id_body").input_value()
    # From the text, Tab leaves for the toolbar of the next field, never traps.
    page.keyboard.press("Tab")
    assert page.evaluate("() => Boolean(document.activeElement.closest('[role=toolbar]'))")
    assert csp_violations(page) == []


def test_minutes_can_be_written_without_javascript(page_as: Callable[..., Page], browser: Browser,
                                                   live_server: LiveServer) -> None:
    secretariat_tab = page_as("secretariat")
    cookies = secretariat_tab.context.cookies()
    context = browser.new_context(base_url=live_server.url, java_script_enabled=False)
    context.add_cookies(cookies)  # type: ignore[arg-type]  # Playwright's own cookies, read back
    page = context.new_page()
    meeting = MeetingFactory(past=True)
    page.goto(f"/en/meetings/manage/{meeting.pk}/minutes/")
    area = page.get_by_label("Minutes", exact=True)
    expect(area).to_be_visible()
    area.fill("The meeting opened at ten.\n\nDecisions follow.")
    page.get_by_role("button", name="Save draft").click()
    expect(page.get_by_text("The minutes were saved.")).to_be_visible()
    assert Minutes.objects.get(meeting=meeting).body == "<p>The meeting opened at ten.</p>\n\n<p>Decisions follow.</p>"
    context.close()
