"""Road maps, agencies and approved progress date their deadlines in the page language: 20.06.2027 on /kk/ and
/ru/, 20 June 2027 on /en/ (before, /en/ and /kk/ wrote the US 06/20/2027)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client
from django.utils import timezone

from recommendations.models import ProgressUpdate
from tests.recommendations.factories import ActionFactory, ProgressUpdateFactory, RoadMapFactory

pytestmark = pytest.mark.django_db

DAY = {"kk": "20.06.2027", "ru": "20.06.2027", "en": "20 June 2027"}


@pytest.mark.parametrize("language", ["kk", "ru", "en"])
def test_road_map_and_agency_pages_date_deadlines_and_progress_in_the_page_language(
    client: Client, language: str,
) -> None:
    road_map = RoadMapFactory(number=31)
    action = ActionFactory(road_map=road_map, deadline=dt.date(2027, 6, 20))
    ProgressUpdateFactory(action=action, state=ProgressUpdate.State.APPROVED, date=dt.date(2026, 3, 5),
                          reviewed_at=timezone.now(), text="Draft law submitted.")

    road_map_page = client.get(f"/{language}/roadmaps/31/").content.decode()
    agency_page = client.get(f"/{language}/roadmaps/agencies/{road_map.lead_agency_id}/").content.decode()

    assert DAY[language] in road_map_page and DAY[language] in agency_page
    assert {"kk": "05.03.2026", "ru": "05.03.2026", "en": "5 March 2026"}[language] in road_map_page
    assert "06/20/2027" not in road_map_page + agency_page
