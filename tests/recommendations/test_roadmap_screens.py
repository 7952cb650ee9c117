"""The secretariat's own screens for road maps and actions (issue 16, item 5): create and edit outside the
administration, with clear messages, typed data kept, and the status left to approved progress updates."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.test import Client
from django.urls import reverse

from core.exceptions import ApplicationError
from participants.models import Organization
from recommendations import services
from recommendations.models import Action, RoadMap
from tests.participants.factories import OrganizationFactory, UserFactory
from tests.recommendations.factories import ActionFactory, RecommendationFactory, RoadMapFactory

pytestmark = pytest.mark.django_db


def _ministry(name: str = "Ministry of Justice") -> Organization:
    return OrganizationFactory(name=name, kind=Organization.Kind.MINISTRY)


def test_secretariat_creates_a_road_map_with_recommendations_by_reference(
    client_as: Callable[[str], Client],
) -> None:
    ministry = _ministry()
    recommendation = RecommendationFactory(document_symbol="A/HRC/43/10", paragraph="141.7")
    client = client_as("secretariat")
    page = client.get(reverse("recommendations:roadmap-create"))
    assert page.context["form"]["number"].value() == 1
    response = client.post(reverse("recommendations:roadmap-create"), {
        "number": 11, "title": "Abolition of the death penalty", "lead_agency": ministry.pk,
        "recommendations": "A/HRC/43/10 para 141.7",
    })
    assert response.status_code == 302
    road_map = RoadMap.objects.get(number=11)
    assert response["Location"] == reverse("recommendations:roadmap-detail", args=[11])
    assert list(road_map.recommendations.all()) == [recommendation]


def test_a_taken_number_is_refused_next_to_the_field_and_the_typing_kept(client_as: Callable[[str], Client]) -> None:
    RoadMapFactory(number=3)
    response = client_as("secretariat").post(reverse("recommendations:roadmap-create"), {
        "number": 3, "title": "Freedom of peaceful assembly", "lead_agency": _ministry().pk,
        "recommendations": "A/HRC/99/99 para 1.1",
    })
    assert response.status_code == 200
    form = response.context["form"]
    assert "No recommendation in the tracker is A/HRC/99/99 para 1.1." in form.errors["recommendations"][0]
    assert "Freedom of peaceful assembly" in response.content.decode()
    assert RoadMap.objects.count() == 1


def test_the_service_refuses_a_taken_number_on_the_number_field() -> None:
    from tests.participants.factories import UserFactory

    RoadMapFactory(number=3)
    with pytest.raises(ApplicationError) as refused:
        services.roadmap_create(actor=UserFactory(role="secretariat"), number=3, title="Duplicate",
                                lead_agency=_ministry())
    assert refused.value.field == "number"


def test_only_the_secretariat_may_write_road_maps() -> None:
    from tests.participants.factories import UserFactory

    with pytest.raises(ApplicationError):
        services.roadmap_create(actor=UserFactory(role="focal_point"), number=9, title="Not mine",
                                lead_agency=_ministry())
    assert not RoadMap.objects.exists()


def test_secretariat_edits_a_road_map_and_its_recommendations(client_as: Callable[[str], Client]) -> None:
    road_map = RoadMapFactory(number=4, title="Old title")
    old = RecommendationFactory(document_symbol="CAT/C/KAZ/CO/4", paragraph="12")
    road_map.recommendations.add(old)
    new = RecommendationFactory(document_symbol="CAT/C/KAZ/CO/4", paragraph="22")
    client = client_as("secretariat")
    page = client.get(reverse("recommendations:roadmap-edit", args=[4])).content.decode()
    assert "CAT/C/KAZ/CO/4 para 12" in page
    response = client.post(reverse("recommendations:roadmap-edit", args=[4]), {
        "number": 4, "title": "Prevention of torture", "lead_agency": road_map.lead_agency_id,
        "recommendations": "CAT/C/KAZ/CO/4 para 22", "version": road_map.version,
    })
    assert response.status_code == 302
    road_map.refresh_from_db()
    assert road_map.title == "Prevention of torture"
    assert list(road_map.recommendations.all()) == [new]


def test_secretariat_adds_an_action_numbered_next(client_as: Callable[[str], Client]) -> None:
    road_map = RoadMapFactory(number=5)
    ActionFactory(road_map=road_map, number=1)
    ministry, partner = _ministry("Ministry of Labour"), OrganizationFactory(name="UNDP")
    client = client_as("secretariat")
    url = reverse("recommendations:action-create", args=[5])
    assert client.get(url).context["form"]["number"].value() == 2
    response = client.post(url, {"number": 2, "description": "Accessibility audit of public buildings",
                                 "responsible_agencies": [ministry.pk], "partners": [partner.pk],
                                 "deadline": "2027-06-30", "indicator": "Buildings audited"})
    assert response.status_code == 302
    action = Action.objects.get(road_map=road_map, number=2)
    assert action.status == Action.Status.NOT_STARTED
    assert list(action.responsible_agencies.all()) == [ministry]
    assert list(action.partners.all()) == [partner]
    assert action.history.first().history_user is not None  # type: ignore[attr-defined]  # simple_history's HistoryManager


def test_an_action_needs_a_responsible_agency_and_keeps_what_was_typed(client_as: Callable[[str], Client]) -> None:
    RoadMapFactory(number=6)
    response = client_as("secretariat").post(reverse("recommendations:action-create", args=[6]), {
        "number": 1, "description": "Publication of all court decisions"})
    assert response.status_code == 200
    assert response.context["form"].errors["responsible_agencies"] == ["Name at least one responsible agency."]
    assert "Publication of all court decisions" in response.content.decode()


def test_editing_an_action_never_changes_its_status(client_as: Callable[[str], Client]) -> None:
    action = ActionFactory(status=Action.Status.IN_PROGRESS, number=1)
    response = client_as("secretariat").post(reverse("recommendations:action-edit", args=[action.pk]), {
        "number": 1, "description": "Reworded", "responsible_agencies": [action.road_map.lead_agency_id],
        "status": "done", "version": action.version,
    })
    assert response.status_code == 302
    action.refresh_from_db()
    assert (action.description, action.status) == ("Reworded", Action.Status.IN_PROGRESS)


def test_road_map_pages_link_the_screens_for_the_secretariat_only(client_as: Callable[[str], Client]) -> None:
    action = ActionFactory()
    number = action.road_map.number
    secretariat = client_as("secretariat").get(reverse("recommendations:roadmap-detail", args=[number])).content
    public = client_as("anonymous").get(reverse("recommendations:roadmap-detail", args=[number])).content
    for url in (reverse("recommendations:roadmap-edit", args=[number]),
                reverse("recommendations:action-create", args=[number]),
                reverse("recommendations:action-edit", args=[action.pk])):
        assert url.encode() in secretariat and url.encode() not in public
    listing = client_as("secretariat").get(reverse("recommendations:roadmap-list")).content.decode()
    assert reverse("recommendations:roadmap-create") in listing


def test_a_stale_road_map_save_shows_the_merge_screen_and_keeps_both_texts(
    client_as: Callable[[str], Client],
) -> None:
    road_map = RoadMapFactory(number=6, title="Access to justice")
    opened_at = road_map.version
    aliya, bolat = client_as("secretariat"), client_as("secretariat")
    base = {"number": 6, "lead_agency": road_map.lead_agency_id, "recommendations": "", "version": opened_at}
    url = reverse("recommendations:roadmap-edit", args=[6])

    assert aliya.post(url, {**base, "title": "Access to justice for all"}).status_code == 302
    refused = bolat.post(url, {**base, "title": "Justice within reach"})

    page = refused.content.decode()
    assert refused.status_code == 200
    assert "Saved meanwhile by someone else" in page
    assert "Access to justice for all" in page  # what Aliya saved, shown beside
    assert "Justice within reach" in page  # what Bolat typed, kept
    road_map.refresh_from_db()
    assert road_map.title == "Access to justice for all"


def test_a_stale_action_save_is_refused_and_the_first_save_stands(client_as: Callable[[str], Client]) -> None:
    action = ActionFactory(description="Train judges")
    agencies = [action.road_map.lead_agency_id]
    data = {"number": action.number, "responsible_agencies": agencies, "version": action.version}
    url = reverse("recommendations:action-edit", args=[action.pk])
    client = client_as("secretariat")

    assert client.post(url, {**data, "description": "Train judges and prosecutors"}).status_code == 302
    refused = client.post(url, {**data, "description": "Train lawyers"})

    assert refused.status_code == 200
    assert "Saved meanwhile by someone else" in refused.content.decode()
    action.refresh_from_db()
    assert action.description == "Train judges and prosecutors"


def test_a_withdrawn_road_map_cannot_be_edited_on_its_screen() -> None:
    road_map = RoadMapFactory(number=8)
    secretary = UserFactory(role="secretariat")
    services.roadmap_withdraw(actor=secretary, road_map=road_map, reason="Merged into road map 9")
    stored = RoadMap.all_objects.get(pk=road_map.pk)
    with pytest.raises(ApplicationError, match="withdrawn"):
        services.roadmap_update(actor=secretary, road_map=stored, number=8, title="New", lead_agency=stored.lead_agency,
                                theme=None, description="", recommendations=[], version=stored.version)
