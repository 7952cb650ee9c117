"""Hooks of the recommendations app: what higher apps add to its pages without it naming them (core.hooks).

Filled from the higher apps' AppConfig.ready(): meetings adds the meetings that discussed a road map, submissions
the NGO submissions an action or a recommendation came from.
"""

from __future__ import annotations

from core.hooks import LinkHook

# Road map -> the meetings (the public may see) whose agenda discussed it; Link.when is the meeting's start.
ROAD_MAP_MEETINGS = LinkHook("recommendations.road_map_meetings")
# Road-map action -> pages of other apps it came from or is linked to.
ACTION_LINKS = LinkHook("recommendations.action_links")
# Recommendation -> pages of other apps it came from or is linked to.
RECOMMENDATION_LINKS = LinkHook("recommendations.recommendation_links")
