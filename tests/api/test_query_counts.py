"""List endpoints run a fixed number of queries whatever the number of rows."""

from __future__ import annotations

import pytest
from django.test import Client
from pytest_django.fixtures import DjangoAssertNumQueries

from recommendations.models import ProgressUpdate
from tests.meetings.factories import AgendaItemFactory, MeetingDocumentFactory, MeetingFactory
from tests.participants.factories import OrganizationFactory
from tests.recommendations.factories import (
    ActionFactory,
    ProgressUpdateFactory,
    RecommendationFactory,
    RecommendingStateFactory,
    RoadMapFactory,
    ThemeFactory,
)

pytestmark = pytest.mark.django_db

ROWS = 30


@pytest.fixture
def many_rows(db: None) -> None:
    themes = [ThemeFactory() for _ in range(3)]
    agencies = [OrganizationFactory(kind="ministry") for _ in range(3)]
    states = [RecommendingStateFactory() for _ in range(2)]
    for n in range(ROWS):
        RecommendationFactory(themes=themes[: n % 3 + 1], responsible_agencies=agencies[: n % 2 + 1],
                              recommending_states=states)
        road_map = RoadMapFactory(number=100 + n, theme=themes[0])
        action = ActionFactory(road_map=road_map, responsible_agencies=agencies[:2])
        action.partners.add(agencies[2])
        ProgressUpdateFactory(action=action, state=ProgressUpdate.State.APPROVED, reviewed_at="2026-01-01T00:00Z")
        meeting = MeetingFactory(past=True)
        item = AgendaItemFactory(meeting=meeting)
        item.presenter_organizations.add(agencies[0])
        MeetingDocumentFactory(meeting=meeting)


@pytest.mark.parametrize(("url", "queries"), [
    ("/api/v1/recommendations/", 4),  # rows, themes, states, agencies
    ("/api/v1/recommendations/?theme={theme}&response=supported", 6),  # + the theme looked up, distinct rows
    ("/api/v1/road-maps/", 2),
    ("/api/v1/actions/", 3),
    ("/api/v1/progress-updates/", 1),
    ("/api/v1/organizations/", 1),
    ("/api/v1/meetings/", 2),
    ("/api/v1/agenda-items/", 5),
    ("/api/v1/documents/", 1),
    ("/api/v1/themes/", 1),
])
def test_list_endpoints_have_a_bounded_query_count(
    client: Client, many_rows: None, django_assert_max_num_queries: DjangoAssertNumQueries, url: str, queries: int
) -> None:
    from recommendations.models import Theme

    url = url.format(theme=Theme.objects.order_by("id").first().slug)
    with django_assert_max_num_queries(queries):
        response = client.get(url + ("&" if "?" in url else "?") + "page_size=50")
    assert response.status_code == 200
    assert len(response.json()["results"]) >= 3
