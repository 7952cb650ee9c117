from __future__ import annotations

import io

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from meetings.models import AgendaItem, FollowUpAction, Invitation, Meeting, Minutes, Subgroup

pytestmark = pytest.mark.django_db


def test_demo_seed_builds_a_realistic_history_and_is_idempotent() -> None:
    call_command("seed_demo", stdout=io.StringIO())
    counts = (Meeting.objects.count(), Invitation.objects.count(), Minutes.objects.count())
    call_command("seed_demo", stdout=io.StringIO())
    assert (Meeting.objects.count(), Invitation.objects.count(), Minutes.objects.count()) == counts
    held = Meeting.objects.filter(number__in=[40, 41, 42, 43])
    assert {m.status for m in held} == {Meeting.Status.MINUTES_PUBLISHED}
    assert list(held.order_by("starts_at").values_list("number", flat=True)) == [40, 41, 42, 43]
    next_meeting = Meeting.objects.get(number=44)
    assert next_meeting.status == Meeting.Status.SCHEDULED
    assert next_meeting.starts_at > held.order_by("-starts_at").first().starts_at
    subgroup = Subgroup.objects.get(name__contains="UPR")
    assert {o.acronym for o in subgroup.co_chair_organizations.all()} == {"MFA", "MoJ"}
    assert subgroup.meetings.exists()
    assert Invitation.objects.filter(person__email="ngo@example.org", meeting=next_meeting).exists()


def test_demo_agendas_and_follow_ups_link_road_maps_and_recommendations(client: Client) -> None:
    call_command("seed_demo", stdout=io.StringIO())
    call_command("seed_demo", stdout=io.StringIO())  # a second run adds no duplicate links
    cat = AgendaItem.objects.get(
        meeting__number=41, title="Follow-up to the recommendations of the Committee against Torture")
    assert [r.number for r in cat.road_maps.all()] == [1]
    assert {r.reference for r in cat.recommendations.all()} >= {"CAT/C/KAZ/CO/4 para 12"}
    assert AgendaItem.objects.filter(meeting__number=44, road_maps__number=5).exists()
    # Every recommendation named in meetings.demo.AGENDA_LINKS exists in the tracker demo and is linked once.
    assert AgendaItem.recommendations.through.objects.count() == 15
    linked = FollowUpAction.objects.filter(meeting__number=41).get()
    assert linked.road_map is not None and linked.road_map.number == 1
    page = client.get(reverse("meetings:meeting-detail", args=[cat.meeting_id])).content.decode()
    assert reverse("recommendations:roadmap-detail", args=[1]) in page
    assert "CAT/C/KAZ/CO/4 para 12" in page
