"""Controls that follow the meeting's state (issue 16, item 2): the status list never offers what the service would
refuse, and the attendance of a meeting that has not started is shown read-only with the reason."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from meetings import services
from meetings.models import Invitation, Meeting
from participants.models import User
from tests.meetings.factories import InvitationFactory, MeetingFactory

pytestmark = pytest.mark.django_db

S = Meeting.Status


def _offered(client: Client, meeting: Meeting) -> list[str]:
    response = client.get(reverse("meetings:manage-detail", args=[meeting.pk]))
    return [value for value, _label in response.context["next_statuses"]]


def test_a_future_meeting_is_never_offered_held(client_as: Callable[[str], Client]) -> None:
    meeting = MeetingFactory(status=S.SCHEDULED)
    client = client_as("secretariat")
    assert _offered(client, meeting) == [S.DRAFT]
    page = client.get(reverse("meetings:manage-detail", args=[meeting.pk])).content.decode()
    assert "can be marked as held once it has started" in page
    assert '<option value="held"' not in page


def test_a_meeting_that_has_started_is_offered_held(client_as: Callable[[str], Client]) -> None:
    meeting = MeetingFactory(status=S.SCHEDULED, starts_at=timezone.now() - dt.timedelta(hours=1))
    assert _offered(client_as("secretariat"), meeting) == [S.DRAFT, S.HELD]


def test_every_offered_status_is_accepted_by_the_service(secretariat: User) -> None:
    now = timezone.now()
    for status in (S.DRAFT, S.SCHEDULED, S.HELD, S.CANCELLED):
        for starts_at in (now + dt.timedelta(days=3), now - dt.timedelta(hours=2)):
            meeting = MeetingFactory(status=status, starts_at=starts_at)
            for target in services.next_statuses(meeting):
                fresh = Meeting.objects.get(pk=meeting.pk)
                services.meeting_transition(actor=secretariat, meeting=fresh, to=target)  # never refused
                Meeting.objects.filter(pk=meeting.pk).update(status=status)


def test_attendance_of_a_future_meeting_is_read_only_with_the_reason(client_as: Callable[[str], Client]) -> None:
    meeting = MeetingFactory(status=S.SCHEDULED)
    InvitationFactory(meeting=meeting, response=Invitation.Response.ACCEPTED, person__last_name="Abenova")
    page = client_as("secretariat").get(reverse("meetings:attendance", args=[meeting.pk])).content.decode()
    assert "Attendance can be recorded once the meeting has started." in page
    assert "Abenova" in page
    assert 'name="attended"' not in page
    assert "Save attendance" not in page


def test_attendance_of_a_held_meeting_is_a_form(client_as: Callable[[str], Client]) -> None:
    meeting = MeetingFactory(past=True)
    InvitationFactory(meeting=meeting)
    page = client_as("secretariat").get(reverse("meetings:attendance", args=[meeting.pk])).content.decode()
    assert 'name="attended"' in page and "Save attendance" in page
    assert "Attendance can be recorded once" not in page


def test_a_stale_attendance_form_posted_early_shows_the_reason_not_an_error_page(
    client_as: Callable[[str], Client],
) -> None:
    meeting = MeetingFactory(status=S.SCHEDULED)
    invitation = InvitationFactory(meeting=meeting)
    response = client_as("secretariat").post(
        reverse("meetings:attendance", args=[meeting.pk]),
        {"shown": [invitation.person_id], "attended": [invitation.person_id]},
    )
    assert response.status_code == 200
    assert "Attendance can be recorded once the meeting has started." in response.content.decode()
    invitation.refresh_from_db()
    assert invitation.attended is None  # nothing recorded
