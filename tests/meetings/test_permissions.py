from __future__ import annotations

from collections.abc import Callable

import pytest
from django.test import Client
from django.urls import reverse

from meetings.models import Meeting
from tests.meetings.factories import MeetingDocumentFactory, MeetingFactory, MinutesFactory

pytestmark = pytest.mark.django_db

SECRET_LINK = "https://meet.example.org/secret-room-42"


@pytest.mark.parametrize("role", ["anonymous", "focal_point", "ngo", "observer"])
def test_drafts_are_invisible_outside_the_secretariat(role: str, client_as: Callable[[str], Client]) -> None:
    draft = MeetingFactory(status=Meeting.Status.DRAFT)
    client = client_as(role)
    assert client.get(reverse("meetings:meeting-detail", args=[draft.pk])).status_code == 404
    document = MeetingDocumentFactory(meeting=draft)
    # Signed out, a hidden file's link asks to sign in first (issue 16, item 12); signed in, it stays not found.
    expected = 302 if role == "anonymous" else 404
    assert client.get(reverse("meetings:document-download", args=[document.pk])).status_code == expected


def test_secretariat_sees_drafts_links_and_all_documents(client_as: Callable[[str], Client]) -> None:
    draft = MeetingFactory(status=Meeting.Status.DRAFT)
    MeetingDocumentFactory(meeting=draft, visibility="participants", title="Internal")
    page = client_as("secretariat").get(reverse("meetings:meeting-detail", args=[draft.pk])).content.decode()
    assert SECRET_LINK in page and "Internal" in page


@pytest.mark.parametrize("role", ["anonymous", "focal_point", "ngo", "observer"])
def test_online_link_is_hidden_from_non_invitees(role: str, client_as: Callable[[str], Client]) -> None:
    meeting = MeetingFactory()
    page = client_as(role).get(reverse("meetings:meeting-detail", args=[meeting.pk])).content.decode()
    assert SECRET_LINK not in page


@pytest.mark.parametrize("role", ["anonymous", "ngo"])
def test_unpublished_minutes_stay_private(role: str, client_as: Callable[[str], Client]) -> None:
    minutes = MinutesFactory(body="<p>Confidential draft wording</p>")
    page = client_as(role).get(reverse("meetings:meeting-detail", args=[minutes.meeting_id])).content.decode()
    assert "Confidential draft wording" not in page


@pytest.mark.parametrize("role", ["focal_point", "ngo", "observer"])
def test_only_the_secretariat_may_publish_minutes(role: str, client_as: Callable[[str], Client]) -> None:
    from meetings.models import Minutes

    minutes = MinutesFactory(status=Minutes.Status.APPROVED)
    response = client_as(role).post(reverse("meetings:minutes-publish", args=[minutes.meeting_id]))
    assert response.status_code == 403
    minutes.refresh_from_db()
    assert minutes.status == Minutes.Status.APPROVED


def test_document_whose_file_is_gone_answers_404_not_500(client_as: Callable[[str], Client]) -> None:
    document = MeetingDocumentFactory()
    document.file.storage.delete(document.file.name)  # type: ignore[arg-type]  # a saved file has its name
    assert client_as("anonymous").get(reverse("meetings:document-download", args=[document.pk])).status_code == 404
