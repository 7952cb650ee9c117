"""Meetings link to the recommendations tracker: agenda items to road maps and recommendations, decisions to road maps."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from pytest_django.fixtures import DjangoAssertNumQueries

from meetings import selectors
from meetings.models import AgendaItem, FollowUpAction
from recommendations.models import Action
from tests.meetings.factories import (
    AgendaItemFactory,
    FollowUpActionFactory,
    MeetingFactory,
    PublishedMinutesFactory,
)
from tests.participants.factories import OrganizationFactory
from tests.recommendations.factories import ActionFactory, RecommendationFactory, RoadMapFactory

pytestmark = pytest.mark.django_db


def _overdue_action(**kwargs: object) -> Action:
    return ActionFactory(deadline=timezone.localdate() - dt.timedelta(days=5), **kwargs)


def test_agenda_item_created_with_road_maps_and_recommendation_numbers(
    client_as: Callable[[str], Client],
) -> None:
    meeting = MeetingFactory()
    road_map = RoadMapFactory()
    first, second = RecommendationFactory(), RecommendationFactory()
    response = client_as("secretariat").post(reverse("meetings:agenda", args=[meeting.pk]), {
        "title": "Torture prevention", "road_maps": [road_map.pk],
        "recommendations": f"#{first.pk}, {second.pk}",
    })
    assert response.status_code == 302
    item = AgendaItem.objects.get(meeting=meeting)
    assert list(item.road_maps.all()) == [road_map]
    assert set(item.recommendations.all()) == {first, second}


def test_agenda_item_update_replaces_links_and_shows_current_references(
    client_as: Callable[[str], Client],
) -> None:
    item = AgendaItemFactory()
    old_map, new_map = RoadMapFactory(), RoadMapFactory()
    old_rec = RecommendationFactory(document_symbol="A/HRC/43/10", paragraph="141.7")
    new_rec = RecommendationFactory(document_symbol="CERD/C/KAZ/CO/8-9", paragraph="12")
    item.road_maps.add(old_map)
    item.recommendations.add(old_rec)
    client = client_as("secretariat")
    url = reverse("meetings:agenda-item-edit", args=[item.meeting_id, item.pk])
    form_page = client.get(url).content.decode()
    assert ">\nA/HRC/43/10 para 141.7</textarea>" in form_page
    response = client.post(url, {"title": "Renamed", "road_maps": [new_map.pk],
                                 "recommendations": "cerd/c/kaz/co/8-9 para 12", "version": item.version})
    assert response.status_code == 302
    item.refresh_from_db()
    assert item.title == "Renamed"
    assert list(item.road_maps.all()) == [new_map]
    assert list(item.recommendations.all()) == [new_rec]


def test_recommendations_are_entered_by_document_symbol_and_paragraph(client_as: Callable[[str], Client]) -> None:
    meeting = MeetingFactory()
    first = RecommendationFactory(document_symbol="A/HRC/43/10", paragraph="141.7")
    second = RecommendationFactory(document_symbol="A/HRC/43/10", paragraph="141.8")
    treaty = RecommendationFactory(document_symbol="CRPD/C/KAZ/CO/1", paragraph="")
    RecommendationFactory(document_symbol="A/HRC/43/10", paragraph="141.9")
    response = client_as("secretariat").post(reverse("meetings:agenda", args=[meeting.pk]), {
        "title": "UPR follow-up",
        # Several paragraphs of one document, a document with one recommendation, and a tracker number.
        "recommendations": f"A/HRC/43/10, para. 141.7, 141.8\nCRPD/C/KAZ/CO/1; #{first.pk}",
    })
    assert response.status_code == 302
    item = meeting.agenda_items.get()
    assert set(item.recommendations.all()) == {first, second, treaty}


def test_unknown_recommendation_references_give_a_field_error_and_keep_the_text(
    client_as: Callable[[str], Client],
) -> None:
    meeting = MeetingFactory()
    known = RecommendationFactory(document_symbol="A/HRC/43/10", paragraph="141.7")
    typed = "A/HRC/43/10 para 141.7\nA/HRC/43/10 para 999.1\nCAT/C/KAZ/CO/4 para 5\n#999991"
    response = client_as("secretariat").post(reverse("meetings:agenda", args=[meeting.pk]), {
        "title": "Gender equality", "recommendations": typed,
    })
    page = response.content.decode()
    assert response.status_code == 200
    assert ("No recommendation in the tracker is A/HRC/43/10 para 999.1, CAT/C/KAZ/CO/4 para 5, #999991."
            in page)
    assert f">\n{typed}</textarea>" in page.replace("\r\n", "\n")
    assert 'value="Gender equality"' in page
    assert not meeting.agenda_items.exists()
    assert known.agenda_items.count() == 0


def test_a_document_symbol_naming_several_recommendations_asks_for_the_paragraph(
    client_as: Callable[[str], Client],
) -> None:
    meeting = MeetingFactory()
    RecommendationFactory(document_symbol="A/HRC/43/10", paragraph="141.7")
    RecommendationFactory(document_symbol="A/HRC/43/10", paragraph="141.8")
    response = client_as("secretariat").post(reverse("meetings:agenda", args=[meeting.pk]), {
        "title": "UPR", "recommendations": "A/HRC/43/10",
    })
    assert response.status_code == 200
    assert "A/HRC/43/10 names 2 recommendations: add the paragraph (e.g. A/HRC/43/10 para 141.7)" in (
        response.content.decode())
    assert not meeting.agenda_items.exists()


def test_words_instead_of_recommendation_references_give_a_field_error(
    client_as: Callable[[str], Client],
) -> None:
    meeting = MeetingFactory()
    response = client_as("secretariat").post(reverse("meetings:agenda", args=[meeting.pk]), {
        "title": "Gender equality", "recommendations": "#12, twelve",
    })
    page = response.content.decode()
    assert response.status_code == 200
    assert "Not understood: twelve." in page
    assert not meeting.agenda_items.exists()


def test_follow_up_action_created_with_road_map(client_as: Callable[[str], Client]) -> None:
    meeting = MeetingFactory(past=True)
    road_map = RoadMapFactory()
    response = client_as("secretariat").post(reverse("meetings:follow-up-create", args=[meeting.pk]), {
        "description": "Draft the torture prevention law", "due_date": "2030-01-10", "status": "open",
        "road_map": road_map.pk,
    })
    assert response.status_code == 302
    action = FollowUpAction.objects.get(meeting=meeting)
    assert action.road_map == road_map
    assert list(road_map.meeting_follow_ups.all()) == [action]


def test_overdue_road_map_action_is_suggested_and_adding_it_links_the_road_map(
    client_as: Callable[[str], Client],
) -> None:
    meeting = MeetingFactory()
    overdue = _overdue_action(description="Ratify OP-CAT follow-up")
    ActionFactory(deadline=timezone.localdate() - dt.timedelta(days=5), status=Action.Status.DONE)
    ActionFactory(deadline=timezone.localdate() + dt.timedelta(days=5))
    client = client_as("secretariat")
    page = client.get(reverse("meetings:agenda", args=[meeting.pk])).content.decode()
    assert list(selectors.agenda_road_map_suggestions(meeting=meeting)) == [overdue]
    assert "Ratify OP-CAT follow-up" in page
    assert reverse("recommendations:roadmap-detail", args=[overdue.road_map.number]) in page
    add = reverse("meetings:agenda-road-map-action-add", args=[meeting.pk, overdue.pk])
    assert add in page

    response = client.post(add)
    assert response.status_code == 302
    item = meeting.agenda_items.get()
    assert list(item.road_maps.all()) == [overdue.road_map]
    assert "Ratify OP-CAT follow-up" in item.title
    # Once its road map is on the agenda it is no longer suggested.
    assert not selectors.agenda_road_map_suggestions(meeting=meeting).exists()


def test_meeting_page_links_road_maps_recommendations_and_follow_up_road_map(client: Client) -> None:
    meeting = PublishedMinutesFactory().meeting
    item = AgendaItemFactory(meeting=meeting)
    road_map = RoadMapFactory(title="Prevention of torture")
    recommendation = RecommendationFactory(document_symbol="A/HRC/44/10", paragraph="141.7")
    item.road_maps.add(road_map)
    item.recommendations.add(recommendation)
    follow_map = RoadMapFactory(title="Access to justice")
    FollowUpActionFactory(meeting=meeting, road_map=follow_map)
    page = client.get(reverse("meetings:meeting-detail", args=[meeting.pk])).content.decode()
    assert reverse("recommendations:roadmap-detail", args=[road_map.number]) in page
    assert "Prevention of torture" in page
    assert reverse("recommendations:recommendation-detail", args=[recommendation.pk]) in page
    assert "A/HRC/44/10 para 141.7" in page
    assert reverse("recommendations:roadmap-detail", args=[follow_map.number]) in page


def test_road_map_page_lists_held_meetings_under_discussed_at_but_not_drafts_or_future_ones(client: Client) -> None:
    road_map = RoadMapFactory()
    held = MeetingFactory(title="Fifth plenary", past=True)
    draft = MeetingFactory(title="Secret draft", status="draft")
    upcoming = MeetingFactory(title="Next plenary")  # scheduled, in a month: it has discussed nothing yet
    for meeting in (held, held, draft, upcoming):
        AgendaItemFactory(meeting=meeting).road_maps.add(road_map)
    page = client.get(reverse("recommendations:roadmap-detail", args=[road_map.number])).content.decode()
    assert "Discussed at" in page
    assert page.count(reverse("meetings:meeting-detail", args=[held.pk])) == 1
    assert "Secret draft" not in page
    assert "Next plenary" not in page


def _build_linked(size: int) -> int:
    meeting = PublishedMinutesFactory().meeting
    org = OrganizationFactory()
    for _ in range(size):
        item = AgendaItemFactory(meeting=meeting)
        item.presenter_organizations.add(org)
        item.road_maps.add(RoadMapFactory(), RoadMapFactory())
        item.recommendations.add(RecommendationFactory(), RecommendationFactory())
        FollowUpActionFactory(meeting=meeting, road_map=RoadMapFactory())
    return meeting.pk


@pytest.mark.parametrize("size", [2, 12])
def test_linked_meeting_and_agenda_pages_run_bounded_queries(
    size: int, client_as: Callable[[str], Client], django_assert_max_num_queries: DjangoAssertNumQueries
) -> None:
    pk = _build_linked(size)
    client = client_as("secretariat")
    client.get(reverse("meetings:meeting-list"))  # warm the session
    for url in (reverse("meetings:meeting-detail", args=[pk]), reverse("meetings:agenda", args=[pk]),
                reverse("meetings:minutes", args=[pk])):
        # 16: one of them loads the secretariat's second-factor device (django-otp's OTPMiddleware).
        with django_assert_max_num_queries(16):
            assert client.get(url).status_code == 200, url


@pytest.mark.parametrize("size", [2, 12])
def test_road_map_page_with_many_meetings_runs_bounded_queries(
    size: int, client: Client, django_assert_max_num_queries: DjangoAssertNumQueries
) -> None:
    road_map = RoadMapFactory()
    meetings = [MeetingFactory(past=True) for _ in range(size)]
    for meeting in meetings:
        AgendaItemFactory(meeting=meeting).road_maps.add(road_map)
    with django_assert_max_num_queries(12):
        page = client.get(reverse("recommendations:roadmap-detail", args=[road_map.number])).content.decode()
    assert all(reverse("meetings:meeting-detail", args=[m.pk]) in page for m in meetings)
