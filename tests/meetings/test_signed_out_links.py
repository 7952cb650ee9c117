"""A participants-only document link opened while signed out (issue 16, item 12): sign in, then the file."""

from __future__ import annotations

from urllib.parse import parse_qs, urlparse

import pytest
from django.test import Client
from django.urls import reverse

from meetings.models import MeetingDocument
from tests.auth import force_login
from tests.meetings.factories import InvitationFactory, MeetingDocumentFactory, MeetingFactory

pytestmark = pytest.mark.django_db


def test_signed_out_person_is_sent_to_sign_in_and_back_to_the_document() -> None:
    meeting = MeetingFactory()
    document = MeetingDocumentFactory(meeting=meeting, visibility=MeetingDocument.Visibility.PARTICIPANTS)
    invitee = InvitationFactory(meeting=meeting).person
    url = reverse("meetings:document-download", args=[document.pk])

    client = Client()
    response = client.get(url)
    assert response.status_code == 302
    location = urlparse(response["Location"])
    assert location.path == reverse("participants:login")
    assert parse_qs(location.query)["next"] == [url]

    force_login(client, invitee)
    download = client.get(url)
    assert download.status_code == 200
    assert b"".join(download.streaming_content).startswith(b"%PDF-")  # type: ignore[attr-defined]  # a streaming response


def test_a_signed_out_redirect_tells_nothing_about_whether_the_document_exists() -> None:
    missing = reverse("meetings:document-download", args=[999_999])
    response = Client().get(missing)
    assert response.status_code == 302
    assert urlparse(response["Location"]).path == reverse("participants:login")


def test_signed_in_but_not_invited_still_gets_not_found(client_as: object) -> None:
    document = MeetingDocumentFactory(visibility=MeetingDocument.Visibility.PARTICIPANTS)
    response = client_as("observer").get(reverse("meetings:document-download", args=[document.pk]))
    assert response.status_code == 404


def test_a_public_document_downloads_without_signing_in() -> None:
    document = MeetingDocumentFactory(visibility=MeetingDocument.Visibility.PUBLIC)
    assert Client().get(reverse("meetings:document-download", args=[document.pk])).status_code == 200
