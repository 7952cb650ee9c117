from __future__ import annotations

from collections.abc import Callable

import pytest
from django.test import Client
from django.urls import reverse

from participants.models import Organization
from tests.participants.factories import MembershipFactory, OrganizationFactory

pytestmark = pytest.mark.django_db


def test_public_list_groups_members_and_observers(client: Client) -> None:
    OrganizationFactory(name="Supreme Court", kind=Organization.Kind.COURT)
    OrganizationFactory(name="UNDP", kind=Organization.Kind.INTERNATIONAL, standing=Organization.Standing.OBSERVER)
    OrganizationFactory(name="Dissolved NGO", is_active=False)
    response = client.get(reverse("participants:organization-list"))
    groups = dict(response.context["groups"])
    assert [o.name for o in groups["Member"]] == ["Supreme Court"]
    assert [o.name for o in groups["Observer"]] == ["UNDP"]
    assert "Dissolved NGO" not in response.content.decode()


def test_public_list_does_not_show_people(client: Client) -> None:
    membership = MembershipFactory()
    content = client.get(reverse("participants:organization-list")).content.decode()
    assert membership.organization.name in content
    assert membership.user.email not in content


def test_directory_filters_by_kind_and_text(client_as: Callable[[str], Client]) -> None:
    OrganizationFactory(name="Supreme Court", kind=Organization.Kind.COURT)
    OrganizationFactory(name="Constitutional Court", kind=Organization.Kind.COURT, acronym="CC")
    OrganizationFactory(name="Legal Media Centre", kind=Organization.Kind.NGO)
    client = client_as("ngo")
    by_kind = client.get(reverse("participants:directory"), {"kind": "court"})
    assert {o.name for o in by_kind.context["page"]} == {"Supreme Court", "Constitutional Court"}
    by_text = client.get(reverse("participants:directory"), {"q": "cc"})
    assert [o.name for o in by_text.context["page"]] == ["Constitutional Court"]


def test_directory_shows_people_with_positions(client_as: Callable[[str], Client]) -> None:
    membership = MembershipFactory(position="Chief of staff")
    content = client_as("observer").get(reverse("participants:directory")).content.decode()
    assert "Chief of staff" in content
    assert membership.user.email in content


def test_directory_with_an_unknown_filter_value_explains_and_shows_everything(
    client_as: Callable[[str], Client],
) -> None:
    OrganizationFactory(name="Supreme Court", kind=Organization.Kind.COURT)
    response = client_as("ngo").get(reverse("participants:directory"), {"kind": "spaceship"})
    assert response.status_code == 200
    assert response.context["form"].errors["kind"]
    assert response.context["page"].paginator.count >= 1


def test_directory_query_count_does_not_grow_with_organisations(
    client_as: Callable[[str], Client], django_assert_max_num_queries: Callable[..., object]
) -> None:
    client = client_as("ngo")
    for _ in range(30):
        MembershipFactory(organization=OrganizationFactory())
    with django_assert_max_num_queries(8):
        response = client.get(reverse("participants:directory"))
    assert response.context["page"].paginator.count > 25
