"""Atom feeds of new recommendations and of road-map progress (approved updates only)."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _

from api import selectors
from core import dates
from recommendations.models import ProgressUpdate, Recommendation

FEED_SIZE = 50


class NewRecommendationsFeed(Feed):
    feed_type = Atom1Feed
    title = _("Dialogue Platform: new recommendations")
    subtitle = _("Human-rights recommendations as they are added to the tracker.")

    def link(self) -> str:
        return settings.SITE_URL + reverse("recommendations:tracker")

    def items(self) -> list[Recommendation]:
        return list(selectors.recommendation_list().order_by("-created_at", "-id")[:FEED_SIZE])

    def item_title(self, item: Recommendation) -> str:
        return f"{item.reference} — {item.mechanism.acronym}"

    def item_description(self, item: Recommendation) -> str:
        return Truncator(item.text).words(80)

    def item_link(self, item: Recommendation) -> str:
        return settings.SITE_URL + reverse("recommendations:recommendation-detail", args=[item.pk])

    def item_pubdate(self, item: Recommendation) -> dt.datetime:
        return item.created_at

    def item_updateddate(self, item: Recommendation) -> dt.datetime:
        return item.updated_at

    def item_categories(self, item: Recommendation) -> list[str]:
        return [theme.name for theme in item.theme_list]


class RoadMapProgressFeed(Feed):
    feed_type = Atom1Feed
    title = _("Dialogue Platform: road-map progress")
    subtitle = _("Progress on the road-map actions, as the secretariat publishes it.")

    def link(self) -> str:
        return settings.SITE_URL + reverse("recommendations:roadmap-list")

    def items(self) -> list[ProgressUpdate]:
        return list(selectors.progress_update_public_list().order_by("-reviewed_at", "-id")[:FEED_SIZE])

    def item_title(self, item: ProgressUpdate) -> str:
        road_map = item.action.road_map
        return _("Road map %(road_map)s, action %(action)s") % {"road_map": road_map.number, "action": item.action.number}

    def item_description(self, item: ProgressUpdate) -> str:
        return f"{dates.date_text(item.date)}: {Truncator(item.text).words(80)}"

    def item_link(self, item: ProgressUpdate) -> str:
        return settings.SITE_URL + reverse("recommendations:roadmap-detail", args=[item.action.road_map.number])

    def item_guid(self, item: ProgressUpdate) -> str:
        return f"{settings.SITE_URL}/progress-updates/{item.pk}"

    item_guid_is_permalink = False

    def item_pubdate(self, item: ProgressUpdate) -> dt.datetime | None:
        return item.reviewed_at

    def item_updateddate(self, item: ProgressUpdate) -> dt.datetime | None:
        return item.reviewed_at
