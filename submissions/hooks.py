"""What submissions adds to the pages of lower apps (their hooks, core.hooks), registered in SubmissionsConfig.ready().

An accepted submission becomes an agenda item, a recommendation or a road-map action; those pages link back to it
("From an NGO submission: <title>").
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from core.hooks import Link
from submissions import selectors


def _links(field: str, objects: Sequence[models.Model]) -> dict[int, list[Link]]:
    found: dict[int, list[Link]] = defaultdict(list)
    for target_id, pk, title in selectors.submissions_linked_to(field=field, ids=[obj.pk for obj in objects]):
        found[target_id].append(
            Link(text=title, url=reverse("submissions:public-detail", args=[pk]), label=_("From an NGO submission"))
        )
    return found


def agenda_item_links(items: Sequence[models.Model]) -> dict[int, list[Link]]:
    return _links("agenda_item", items)


def recommendation_links(recommendations: Sequence[models.Model]) -> dict[int, list[Link]]:
    return _links("recommendation", recommendations)


def action_links(actions: Sequence[models.Model]) -> dict[int, list[Link]]:
    return _links("action", actions)
