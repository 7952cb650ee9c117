"""Hooks of the meetings app: the ones it offers higher apps, and what it adds to lower apps' (core.hooks).

Agenda suggestions have their own registry (meetings.agenda_sources). Providers register in MeetingsConfig.ready().
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence

from django.db import models
from django.urls import reverse

from core import dates
from core.hooks import Link, LinkHook

# Agenda item -> pages of other apps it came from (an accepted NGO proposal, ...), on the public meeting page.
AGENDA_ITEM_LINKS = LinkHook("meetings.agenda_item_links")


def road_map_meeting_links(road_maps: Sequence[models.Model]) -> dict[int, list[Link]]:
    """Provider of recommendations.hooks.ROAD_MAP_MEETINGS: the meetings that discussed each road map."""
    from meetings.selectors import meetings_discussing_road_maps

    found: dict[int, list[Link]] = defaultdict(list)
    for road_map_id, meetings in meetings_discussing_road_maps(road_map_ids=[rm.pk for rm in road_maps]).items():
        found[road_map_id] = [
            # The day on the meeting's own clocks, as its page says it.
            Link(text=meeting.title, url=reverse("meetings:meeting-detail", args=[meeting.pk]),
                 when=dates.localize(meeting.starts_at, meeting.time_zone).date())
            for meeting in meetings
        ]
    return found
