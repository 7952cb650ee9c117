from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MeetingsConfig(AppConfig):
    name = "meetings"
    verbose_name = _("Meetings")

    def ready(self) -> None:
        # Registers the meeting notice kinds and the due-notice checker with the notifications app.
        from meetings.hooks import road_map_meeting_links
        from meetings.notices import render  # noqa: F401
        from recommendations.hooks import ROAD_MAP_MEETINGS

        # recommendations cannot import this app: its road map page asks this hook for the meetings.
        ROAD_MAP_MEETINGS.register("meetings", road_map_meeting_links)
