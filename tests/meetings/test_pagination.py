"""Every list of the secretariat's and participants' meeting pages is paginated and filtered (issue 5)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from meetings.models import FollowUpAction, Invitation, MeetingDocument
from participants.models import User
from tests.meetings.factories import (
    FollowUpActionFactory,
    InvitationFactory,
    MeetingDocumentFactory,
    MeetingFactory,
)
from tests.recommendations.factories import ActionFactory

pytestmark = pytest.mark.django_db


def _texts(page: object, attribute: str) -> list[str]:
    return [getattr(obj, attribute) for obj in page.object_list]  # type: ignore[attr-defined]


def test_agenda_suggestions_are_paged_each_list_on_its_own(client_as: Callable[[str], Client]) -> None:
    meeting = MeetingFactory()
    earlier = MeetingFactory(past=True)
    for n in range(13):
        FollowUpActionFactory(meeting=earlier, description=f"Follow-up {n:02}",
                              due_date=timezone.localdate() + dt.timedelta(days=n))
    for _ in range(12):
        ActionFactory(deadline=timezone.localdate() - dt.timedelta(days=5))
    client = client_as("secretariat")
    url = reverse("meetings:agenda", args=[meeting.pk])

    first = client.get(url)
    assert len(first.context["suggestions"].object_list) == 10
    assert len(first.context["road_map_suggestions"].object_list) == 10
    html = first.content.decode()
    assert "suggestions_page=2" in html and "overdue_page=2" in html

    second = client.get(url, {"suggestions_page": 2})
    assert _texts(second.context["suggestions"], "description") == ["Follow-up 10", "Follow-up 11", "Follow-up 12"]
    # Paging the follow-up suggestions leaves the overdue road-map list on its own page.
    assert second.context["road_map_suggestions"].number == 1
    assert "suggestions_page=2&amp;overdue_page=2" in second.content.decode()
    assert len(client.get(url, {"overdue_page": 2}).context["road_map_suggestions"].object_list) == 2


def test_follow_up_actions_of_a_meeting_are_paged_and_filtered_by_status(
    client_as: Callable[[str], Client],
) -> None:
    meeting = MeetingFactory(past=True)
    for n in range(22):
        FollowUpActionFactory(meeting=meeting, description=f"Action {n:02}",
                              due_date=timezone.localdate() + dt.timedelta(days=n))
    FollowUpActionFactory(meeting=meeting, description="Finished one", status=FollowUpAction.Status.DONE)
    client = client_as("secretariat")
    url = reverse("meetings:minutes", args=[meeting.pk])

    first = client.get(url)
    assert len(first.context["actions"].object_list) == 20
    assert first.context["actions"].paginator.count == 23
    assert "actions_page=2" in first.content.decode()
    assert client.get(url, {"actions_page": 2}).context["actions"].paginator.num_pages == 2
    done = client.get(url, {"action_status": "done"})
    assert _texts(done.context["actions"], "description") == ["Finished one"]
    # An unknown status is no filter, not an error page.
    assert client.get(url, {"action_status": "bogus"}).context["actions"].paginator.count == 23


def test_meeting_documents_are_paged_and_filtered_by_visibility(client_as: Callable[[str], Client]) -> None:
    meeting = MeetingFactory()
    MeetingDocumentFactory.create_batch(21, meeting=meeting)
    MeetingDocumentFactory(meeting=meeting, title="Participants only note",
                           visibility=MeetingDocument.Visibility.PARTICIPANTS)
    client = client_as("secretariat")
    url = reverse("meetings:documents", args=[meeting.pk])

    first = client.get(url)
    assert len(first.context["page"].object_list) == 20
    assert len(client.get(url, {"page": 2}).context["page"].object_list) == 2
    only = client.get(url, {"visibility": "participants"})
    assert _texts(only.context["page"], "title") == ["Participants only note"]


def test_attendance_form_is_paged_and_saving_a_page_keeps_the_other_pages(
    client_as: Callable[[str], Client],
) -> None:
    meeting = MeetingFactory(past=True)
    invitations = [InvitationFactory(meeting=meeting, person__last_name=f"Person {n:02}") for n in range(60)]
    client = client_as("secretariat")
    url = reverse("meetings:attendance", args=[meeting.pk])

    first = client.get(url)
    shown_first = [i.person_id for i in first.context["page"].object_list]
    assert len(shown_first) == 50
    client.post(url, {"shown": shown_first, "attended": shown_first[:3]})

    second = client.get(url, {"page": 2})
    shown_second = [i.person_id for i in second.context["page"].object_list]
    assert len(shown_second) == 10
    response = client.post(f"{url}?page=2", {"shown": shown_second, "attended": shown_second[:1]})
    assert response.status_code == 302 and response["Location"].endswith("?page=2")

    present = set(Invitation.objects.filter(meeting=meeting, attended=True).values_list("person_id", flat=True))
    assert present == {*shown_first[:3], shown_second[0]}
    assert Invitation.objects.filter(meeting=meeting, attended=False).count() == 56
    assert len(invitations) == 60


def test_attendance_form_filters_by_response(client_as: Callable[[str], Client]) -> None:
    meeting = MeetingFactory(past=True)
    accepted = InvitationFactory(meeting=meeting, response=Invitation.Response.ACCEPTED)
    InvitationFactory(meeting=meeting, response=Invitation.Response.DECLINED)
    page = client_as("secretariat").get(reverse("meetings:attendance", args=[meeting.pk]), {"response": "accepted"})
    assert [i.pk for i in page.context["page"].object_list] == [accepted.pk]


def test_my_meetings_pages_the_coming_meetings_apart_from_the_past_ones(
    client_as: Callable[[str], Client],
) -> None:
    client = client_as("ngo")
    me = User.objects.get(email="ngo@example.org")
    for n in range(12):
        InvitationFactory(person=me, meeting=MeetingFactory(title=f"Coming {n:02}",
                                                            starts_at=timezone.now() + dt.timedelta(days=n + 1)))
    for _ in range(21):
        InvitationFactory(person=me, meeting=MeetingFactory(past=True))
    url = reverse("meetings:my-meetings")

    first = client.get(url)
    assert len(first.context["upcoming"].object_list) == 10
    assert len(first.context["page"].object_list) == 20
    html = first.content.decode()
    assert "upcoming_page=2" in html and "?page=2" in html

    second = client.get(url, {"upcoming_page": 2})
    assert _texts_of_meetings(second.context["upcoming"]) == ["Coming 10", "Coming 11"]
    assert second.context["page"].number == 1


def _texts_of_meetings(page: object) -> list[str]:
    return [invitation.meeting.title for invitation in page.object_list]  # type: ignore[attr-defined]
