"""The agenda of a meeting: items and their order."""

from __future__ import annotations

from collections.abc import Iterable

from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from core import pagecache
from core.concurrency import claim
from core.exceptions import ApplicationError
from meetings.models import (
    AgendaItem,
    FollowUpAction,
    Meeting,
)
from meetings.services._common import (
    S,
    _set_topics,
)
from participants.models import Organization, User
from recommendations.models import Recommendation, RoadMap


def _check_editable_agenda(meeting: Meeting) -> None:
    if meeting.status in (S.CANCELLED, S.MINUTES_PUBLISHED):
        raise ApplicationError(_("The agenda of a cancelled meeting or one with published minutes is closed."))


@transaction.atomic
def agenda_item_create(
    *,
    actor: User,
    meeting: Meeting,
    title: str,
    description: str = "",
    minutes_allotted: int | None = None,
    presenter_people: Iterable[User] = (),
    presenter_organizations: Iterable[Organization] = (),
    topics: Iterable[str] | None = None,
    follow_up_of: FollowUpAction | None = None,
    road_maps: Iterable[RoadMap] = (),
    recommendations: Iterable[Recommendation] = (),
) -> AgendaItem:
    meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
    _check_editable_agenda(meeting)
    position = (meeting.agenda_items.aggregate(m=Max("position"))["m"] or 0) + 1
    item = AgendaItem.objects.create(
        meeting=meeting,
        position=position,
        title=title,
        description=description,
        minutes_allotted=minutes_allotted,
        follow_up_of=follow_up_of,
    )
    item.presenter_people.set(presenter_people)
    item.presenter_organizations.set(presenter_organizations)
    _set_topics(item, topics)
    item.road_maps.set(road_maps)
    item.recommendations.set(recommendations)
    return item


@transaction.atomic
def agenda_item_update(
    *,
    actor: User,
    item: AgendaItem,
    version: int | None,
    title: str,
    description: str = "",
    minutes_allotted: int | None = None,
    presenter_people: Iterable[User] = (),
    presenter_organizations: Iterable[Organization] = (),
    topics: Iterable[str] | None = None,
    road_maps: Iterable[RoadMap] | None = None,
    recommendations: Iterable[Recommendation] | None = None,
) -> AgendaItem:
    """Edit an agenda item opened at `version` (core.concurrency: a save made meanwhile is an EditConflict)."""
    item = claim(AgendaItem, pk=item.pk, version=version)
    _check_editable_agenda(item.meeting)
    item.title, item.description, item.minutes_allotted = title, description, minutes_allotted
    item.save()
    item.presenter_people.set(presenter_people)
    item.presenter_organizations.set(presenter_organizations)
    _set_topics(item, topics)
    # None leaves the links as they are (callers that do not edit them).
    if road_maps is not None:
        item.road_maps.set(road_maps)
    if recommendations is not None:
        item.recommendations.set(recommendations)
    return item


@transaction.atomic
def agenda_item_delete(*, actor: User, item: AgendaItem) -> None:
    meeting = Meeting.objects.select_for_update().get(pk=item.meeting_id)
    _check_editable_agenda(meeting)
    item.delete()
    # Close the gap so positions stay 1..n.
    for position, other in enumerate(meeting.agenda_items.order_by("position"), start=1):
        if other.position != position:
            AgendaItem.objects.filter(pk=other.pk).update(position=position)
    pagecache.changed(AgendaItem)  # positions moved by update(): no signal


@transaction.atomic
def agenda_item_move(*, actor: User, item: AgendaItem, direction: str) -> AgendaItem:
    """Swap an item with its neighbour above ("up") or below ("down")."""
    meeting = Meeting.objects.select_for_update().get(pk=item.meeting_id)
    _check_editable_agenda(meeting)
    item = AgendaItem.objects.get(pk=item.pk)
    siblings = meeting.agenda_items.order_by("position")
    if direction == "up":
        neighbour = siblings.filter(position__lt=item.position).order_by("-position").first()
    elif direction == "down":
        neighbour = siblings.filter(position__gt=item.position).first()
    else:
        raise ApplicationError(_("Unknown direction."))
    if neighbour is None:
        return item
    mine, theirs = item.position, neighbour.position
    # Through a free position: (meeting, position) is unique and SQLite cannot defer the check.
    parking = (siblings.aggregate(m=Max("position"))["m"] or 0) + 1
    AgendaItem.objects.filter(pk=item.pk).update(position=parking)
    AgendaItem.objects.filter(pk=neighbour.pk).update(position=mine)
    AgendaItem.objects.filter(pk=item.pk).update(position=theirs)
    pagecache.changed(AgendaItem)  # positions moved by update(): no signal
    item.position = theirs
    return item
