"""The minutes editor's server side: versions, plain text without JavaScript, the sanitiser's profile for what the
editor writes (and what Word pastes), and the confirmation step before publishing (issue 16, item 1)."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

from meetings import services
from meetings.models import Meeting, Minutes
from participants.models import User
from tests.meetings.factories import InvitationFactory, MeetingFactory, MinutesFactory
from tests.participants.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_first_save_of_the_minutes_is_version_1(secretariat: User) -> None:
    meeting = MeetingFactory(past=True)
    first = services.minutes_save(actor=secretariat, meeting=meeting, body="<p>a</p>", decisions="", version=1)
    assert first.version == 1
    second = services.minutes_save(actor=secretariat, meeting=meeting, body="<p>b</p>", decisions="", version=1)
    assert second.version == 2


def test_the_minutes_page_labels_the_first_save_version_1(client_as: Callable[[str], Client]) -> None:
    client = client_as("secretariat")
    meeting = MeetingFactory(past=True)
    url = reverse("meetings:minutes", args=[meeting.pk])
    client.post(url, {"body": "<p>First draft</p>", "decisions": "", "version": 1})
    page = client.get(url).content.decode()
    assert "version 1" in page and "version 2" not in page
    assert 'name="version" value="1"' in page


def test_plain_text_typed_without_javascript_becomes_paragraphs(client_as: Callable[[str], Client]) -> None:
    client = client_as("secretariat")
    meeting = MeetingFactory(past=True)
    client.post(reverse("meetings:minutes", args=[meeting.pk]), {
        "body": "The chair opened the meeting.\nAll members were present.\n\nAgenda < adopted & approved.",
        "decisions": "", "version": 1,
    })
    assert Minutes.objects.get(meeting=meeting).body == (
        "<p>The chair opened the meeting.<br>All members were present.</p>\n\n<p>Agenda &lt; adopted &amp; approved.</p>"
    )


def test_the_sanitiser_keeps_what_the_editor_writes(secretariat: User) -> None:
    html = (
        '<h2>Opening</h2><p>The chair welcomed <strong>all</strong> <em>members</em> <u>warmly</u>.</p>'
        '<ul><li><p>First</p><ul><li><p>Nested</p></li></ul></li></ul><ol><li><p>One</p></li></ol>'
        '<blockquote><p>Quoted</p></blockquote>'
        '<p><a href="https://www.gov.kz/">Ministry</a> and <a href="mailto:info@example.org">mail</a></p>'
        '<table><tbody><tr><th colspan="2"><p>Agency</p></th></tr><tr><td rowspan="2"><p>MoJ</p></td>'
        '<td><p>2027</p></td></tr></tbody></table>'
    )
    minutes = services.minutes_save(actor=secretariat, meeting=MeetingFactory(past=True), body=html, decisions="",
                                    version=1)
    for kept in ("<h2>Opening</h2>", "<strong>all</strong>", "<em>members</em>", "<u>warmly</u>", "<ul><li><p>First",
                 "<ol><li>", "<blockquote>", 'href="https://www.gov.kz/"', 'href="mailto:info@example.org"',
                 '<th colspan="2">', '<td rowspan="2">', "<table><tbody><tr>"):
        assert kept in minutes.body, kept
    assert 'rel="noopener noreferrer"' in minutes.body


def test_the_sanitiser_drops_word_junk_and_scripts(secretariat: User) -> None:
    html = (
        '<style>p.MsoNormal {color: red}</style><p class="MsoNormal" style="color:red" lang="EN-GB">'
        '<span style="font-size:12pt">Text</span><o:p></o:p></p><img src=x onerror="alert(1)">'
        '<script>alert(2)</script><a href="javascript:alert(3)">x</a><table style="width:100%" '
        'onclick="x()"><tr><td style="background:yellow" width="301">Cell</td></tr></table>'
    )
    body = services.minutes_save(actor=secretariat, meeting=MeetingFactory(past=True), body=html, decisions="",
                                 version=1).body
    for gone in ("style", "class=", "onerror", "onclick", "<script", "alert", "javascript", "<img", "o:p",
                 "width=", "color"):
        assert gone not in body, gone
    assert "Text" in body and "<td>Cell</td>" in body


def _approved(meeting: Meeting | None = None) -> Minutes:
    return MinutesFactory(meeting=meeting or MeetingFactory(past=True), status=Minutes.Status.APPROVED)


def test_publishing_asks_for_confirmation_and_says_who_is_told(client_as: Callable[[str], Client]) -> None:
    client = client_as("secretariat")
    minutes = _approved()
    for _ in range(3):
        InvitationFactory(meeting=minutes.meeting)
    UserFactory(role=User.Role.OBSERVER)
    url = reverse("meetings:minutes-publish", args=[minutes.meeting_id])
    page = client.get(url).content.decode()
    assert "Publish the minutes?" in page
    assert "cannot be undone" in page
    assert "goes to 4 people" in page
    assert "3 people invited to this meeting" in page
    assert "1 observer of the platform" in page
    assert f'action="{url}"' in page and 'method="post"' in page
    # Looking at the page publishes nothing.
    minutes.refresh_from_db()
    assert minutes.status == Minutes.Status.APPROVED
    assert mail.outbox == []


def test_the_minutes_page_links_to_the_confirmation_not_a_direct_publish(client_as: Callable[[str], Client]) -> None:
    client = client_as("secretariat")
    minutes = _approved()
    page = client.get(reverse("meetings:minutes", args=[minutes.meeting_id])).content.decode()
    url = reverse("meetings:minutes-publish", args=[minutes.meeting_id])
    assert f'href="{url}"' in page
    assert f'action="{url}"' not in page


def test_confirming_publishes_and_tells_the_invitees(
    client_as: Callable[[str], Client], django_capture_on_commit_callbacks: Callable,
) -> None:
    client = client_as("secretariat")
    minutes = _approved()
    invitation = InvitationFactory(meeting=minutes.meeting)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("meetings:minutes-publish", args=[minutes.meeting_id]), follow=True)
    assert "The minutes were published." in response.content.decode()
    minutes.refresh_from_db()
    assert minutes.status == Minutes.Status.PUBLISHED
    assert [message.to for message in mail.outbox] == [[invitation.person.email]]


def test_the_confirmation_of_minutes_not_yet_approved_sends_back_with_a_message(
    client_as: Callable[[str], Client],
) -> None:
    client = client_as("secretariat")
    minutes = MinutesFactory()
    response = client.get(reverse("meetings:minutes-publish", args=[minutes.meeting_id]), follow=True)
    assert response.redirect_chain[-1][0] == reverse("meetings:minutes", args=[minutes.meeting_id])
    assert "Only approved minutes of a held meeting can be published." in response.content.decode()


def test_ngo_cannot_open_the_publish_confirmation(client_as: Callable[[str], Client]) -> None:
    minutes = _approved()
    response = client_as("ngo").get(reverse("meetings:minutes-publish", args=[minutes.meeting_id]))
    assert response.status_code == 403
