from __future__ import annotations

from collections.abc import Callable

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse
from django.utils import translation
from pytest_django.fixtures import DjangoAssertNumQueries

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
    client_as: Callable[[str], Client], django_assert_max_num_queries: DjangoAssertNumQueries
) -> None:
    client = client_as("ngo")
    for _ in range(30):
        MembershipFactory(organization=OrganizationFactory())
    with django_assert_max_num_queries(8):
        response = client.get(reverse("participants:directory"))
    assert response.context["page"].paginator.count > 25


def _three_ngos() -> None:
    OrganizationFactory(name="Alpha Foundation", name_ru="Фонд Альфа", name_kk="Альфа қоры")
    OrganizationFactory(name="Beta Centre", name_ru="Бета центр", name_kk="")
    OrganizationFactory(name="Gamma Union", name_ru="Гамма", name_kk="Әділ сөз")


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("en", ["Alpha Foundation", "Beta Centre", "Gamma Union"]),
        ("ru", ["Beta Centre", "Gamma Union", "Alpha Foundation"]),
        # No Kazakh name: the Russian one stands in (kk -> ru -> en), and sorts as what the reader sees:
        # Альфа қоры, Бета центр, Әділ сөз. PostgreSQL's Kazakh collation puts Ә right after А; SQLite's byte
        # order after Я.
        ("kk", ["Alpha Foundation", "Gamma Union", "Beta Centre"]
         if connection.vendor == "postgresql" else ["Alpha Foundation", "Beta Centre", "Gamma Union"]),
    ],
)
def test_public_members_list_sorts_by_the_name_in_the_page_language(
    client: Client, language: str, expected: list[str]
) -> None:
    _three_ngos()
    with translation.override(language):
        response = client.get(reverse("participants:organization-list"))
    members = dict(response.context["groups"])
    ngos = [o.name for o in next(iter(members.values())) if o.kind == Organization.Kind.NGO]
    assert ngos == expected


@pytest.mark.parametrize(
    ("language", "expected"),
    [("ru", ["Beta Centre", "Gamma Union", "Alpha Foundation"]), ("en", ["Alpha Foundation", "Beta Centre",
                                                                       "Gamma Union"])],
)
def test_directory_sorts_by_the_name_in_the_page_language(
    client_as: Callable[[str], Client], language: str, expected: list[str]
) -> None:
    _three_ngos()
    client = client_as("observer")
    with translation.override(language):
        response = client.get(reverse("participants:directory"), {"kind": "ngo", "q": "a"})
    assert [o.name for o in response.context["page"] if o.name in expected] == expected


@pytest.mark.postgresql
def test_kazakh_names_sort_in_kazakh_alphabetical_order_on_postgresql(client: Client) -> None:
    # Byte order would put Ә, Қ and Ұ after Я; the Kazakh alphabet puts them next to А, К and У.
    for name, name_kk in [("One", "Ясауи"), ("Two", "Ұлттық"), ("Three", "Әділет"), ("Four", "Қазақстан")]:
        OrganizationFactory(name=name, name_kk=name_kk)
    with translation.override("kk"):
        response = client.get(reverse("participants:organization-list"))
    names = [o.name_kk for group in dict(response.context["groups"]).values() for o in group]
    assert names == ["Әділет", "Қазақстан", "Ұлттық", "Ясауи"]


@pytest.mark.parametrize(("role", "sees_tokens"), [("focal_point", True), ("ngo", False), ("observer", False)])
def test_my_account_links_to_the_notice_choices_and_to_tokens_for_focal_points_only(
    client_as: Callable[[str], Client], role: str, sees_tokens: bool
) -> None:
    """The links come from the higher apps through participants.hooks.ACCOUNT_LINKS (notifications, api)."""
    page = client_as(role).get(reverse("participants:profile")).content.decode()
    assert f'href="{reverse("notifications:preferences")}"' in page
    assert (f'href="{reverse("open_data:token-list")}"' in page) is sees_tokens
