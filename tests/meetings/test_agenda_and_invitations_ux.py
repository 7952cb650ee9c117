"""Agenda building and invitations (issue 16, item 6): searchable multi-selects with full names, and invitations
to chosen organisations."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.test import Client
from django.urls import reverse

from meetings.forms import AgendaItemForm, InviteForm
from meetings.models import Invitation
from tests.meetings.factories import MeetingFactory
from tests.participants.factories import MembershipFactory, OrganizationFactory

pytestmark = pytest.mark.django_db


def test_presenters_and_road_maps_are_searchable_multi_selects_with_full_names() -> None:
    organisation = OrganizationFactory(name="Ministry of Justice of the Republic of Kazakhstan", acronym="MoJ")
    form = AgendaItemForm()
    html = str(form["presenter_organizations"])
    assert "data-searchable" in html and "multiple" in html
    assert "Ministry of Justice of the Republic of Kazakhstan (MoJ)" in html
    for name in ("presenter_people", "road_maps"):
        assert "data-searchable" in str(form[name])
    assert organisation.pk


def test_the_agenda_page_loads_the_vendored_multi_select_and_no_inline_code(
    client_as: Callable[[str], Client],
) -> None:
    meeting = MeetingFactory()
    page = client_as("secretariat").get(reverse("meetings:agenda", args=[meeting.pk])).content.decode()
    assert "vendor/tom-select-2.6.2/tom-select.complete.min.js" in page
    assert "js/searchable-select.js" in page
    assert " style=" not in page and "<script>" not in page


def test_invitations_go_to_every_member_of_the_chosen_organisations(
    client_as: Callable[[str], Client],
) -> None:
    meeting = MeetingFactory()
    chosen = OrganizationFactory(name="Legal Media Centre")
    other = OrganizationFactory(name="Somebody else")
    members = [MembershipFactory(organization=chosen).user for _ in range(2)]
    secondary = MembershipFactory(organization=chosen, is_primary=False).user  # belongs to it too
    MembershipFactory(organization=other)
    response = client_as("secretariat").post(reverse("meetings:invitations", args=[meeting.pk]),
                                             {"organizations": [chosen.pk]})
    assert response.status_code == 302
    invited = set(Invitation.objects.filter(meeting=meeting).values_list("person_id", flat=True))
    assert invited == {m.pk for m in (*members, secondary)}


def test_an_empty_invitation_form_says_what_to_choose() -> None:
    form = InviteForm({})
    assert not form.is_valid()
    assert "organisations" in form.non_field_errors()[0]
