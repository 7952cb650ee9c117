"""Which meetings and minutes people may see is written once (meetings.models); every list asks it."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from api import selectors as api_selectors
from meetings import selectors
from meetings.models import Meeting, Minutes
from tests.meetings.factories import AgendaItemFactory, MeetingFactory, MinutesFactory

pytestmark = pytest.mark.django_db


def test_the_queryset_rules_and_the_properties_of_one_meeting_agree() -> None:
    meetings = {status: MeetingFactory(status=status) for status in Meeting.Status.values}
    public = set(Meeting.objects.visible_to_public().values_list("status", flat=True))
    held = set(Meeting.objects.held().values_list("status", flat=True))
    assert public == {status for status, meeting in meetings.items() if meeting.is_public} == set(
        Meeting.Status.values) - {Meeting.Status.DRAFT}
    assert held == {status for status, meeting in meetings.items() if meeting.is_held} == {
        Meeting.Status.HELD, Meeting.Status.MINUTES_PUBLISHED}


def test_upcoming_keeps_a_meeting_under_way_and_drops_one_that_ended() -> None:
    now = timezone.now()
    under_way = MeetingFactory(starts_at=now - dt.timedelta(hours=1), ends_at=now + dt.timedelta(hours=1))
    MeetingFactory(starts_at=now - dt.timedelta(hours=3), ends_at=now - dt.timedelta(hours=1))
    assert list(Meeting.objects.upcoming()) == [under_way]


def test_the_public_lists_of_this_app_and_the_api_leave_drafts_out_alike() -> None:
    shown = MeetingFactory(status=Meeting.Status.SCHEDULED)
    draft = MeetingFactory(status=Meeting.Status.DRAFT)
    for meeting in (shown, draft):
        AgendaItemFactory(meeting=meeting)
    assert list(selectors.meeting_schedule()) == [shown]
    assert list(api_selectors.meeting_list()) == [shown]
    assert [item.meeting for item in api_selectors.agenda_item_list()] == [shown]


def test_public_minutes_are_published_minutes_of_a_meeting_marked_so() -> None:
    public = MinutesFactory(status=Minutes.Status.PUBLISHED, meeting__status=Meeting.Status.MINUTES_PUBLISHED)
    MinutesFactory(status=Minutes.Status.PUBLISHED, meeting__status=Meeting.Status.HELD)
    MinutesFactory(status=Minutes.Status.APPROVED, meeting__status=Meeting.Status.MINUTES_PUBLISHED)
    assert list(Minutes.objects.public()) == [public]
    assert list(api_selectors.minutes_published_list()) == [public]
    assert Minutes.objects.published().count() == 2
