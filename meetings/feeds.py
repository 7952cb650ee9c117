"""Atom feed of newly published minutes (django.contrib.syndication)."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.html import strip_tags
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _

from core import dates
from meetings import selectors
from meetings.models import Minutes


class PublishedMinutesFeed(Feed):
    feed_type = Atom1Feed
    title = _("Dialogue Platform: published minutes")
    subtitle = _("Minutes of the meetings of the Dialogue Platform on the Human Dimension, as they are published.")

    def link(self) -> str:
        return settings.SITE_URL + reverse("meetings:meeting-archive")

    def items(self) -> list[Minutes]:
        return list(selectors.minutes_recently_published())

    def item_title(self, item: Minutes) -> str:
        return item.meeting.title

    def item_description(self, item: Minutes) -> str:
        when = dates.range_text(
            item.meeting.starts_at, item.meeting.ends_at, item.meeting.time_zone,
        )
        return f"{when} \u2014 {Truncator(strip_tags(item.body)).words(80)}"

    def item_link(self, item: Minutes) -> str:
        return settings.SITE_URL + reverse("meetings:meeting-detail", args=[item.meeting_id])

    def item_guid(self, item: Minutes) -> str:
        return f"{settings.SITE_URL}/minutes/{item.pk}"

    item_guid_is_permalink = False

    def item_pubdate(self, item: Minutes) -> dt.datetime | None:
        return item.published_at

    def item_updateddate(self, item: Minutes) -> dt.datetime | None:
        return item.published_at
