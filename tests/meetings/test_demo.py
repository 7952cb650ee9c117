from __future__ import annotations

import io

import pytest
from django.core.management import call_command

from meetings.models import Invitation, Meeting, Minutes, Subgroup

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
