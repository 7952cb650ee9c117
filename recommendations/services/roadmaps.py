"""The secretariat's own screens for road maps and their actions (not the administration).

An action's status is not edited here: it changes through approved progress updates (progress_update_approve ->
action_set_status), which say in public why it changed. A new action starts "not started".
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable

from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from core.concurrency import claim
from core.exceptions import ApplicationError
from core.multilingual import default_original_language, write_original
from participants.models import Organization, User
from recommendations.models import Action, Recommendation, RoadMap, Theme


def _check_secretariat(actor: User) -> None:
    if not (actor.is_secretariat or actor.is_superuser):
        raise ApplicationError(_("Only the secretariat manages road maps."))


def _check_roadmap_number(number: int, *, exclude_pk: int | None = None) -> None:
    # all_objects: a withdrawn road map keeps its number.
    taken = RoadMap.all_objects.filter(number=number)
    if exclude_pk is not None:
        taken = taken.exclude(pk=exclude_pk)
    if taken.exists():
        raise ApplicationError(_("There is already a road map number %(number)d.") % {"number": number},
                               field="number")


def next_roadmap_number() -> int:
    return (RoadMap.all_objects.aggregate(m=Max("number"))["m"] or 0) + 1


def next_action_number(road_map: RoadMap) -> int:
    return (Action.all_objects.filter(road_map=road_map).aggregate(m=Max("number"))["m"] or 0) + 1


@transaction.atomic
def roadmap_create(
    *, actor: User, number: int, title: str, lead_agency: Organization, theme: Theme | None = None,
    description: str = "", recommendations: Iterable[Recommendation] = (), original_language: str | None = None,
    version: int | None = None,
) -> RoadMap:
    _check_secretariat(actor)
    _check_roadmap_number(number)
    road_map = RoadMap(number=number, lead_agency=lead_agency, theme=theme,
                       original_language=original_language or default_original_language())
    # The typed text is the original (core.multilingual); `title=` would land in the page language's column.
    write_original(road_map, {"title": title.strip(), "description": description.strip()})
    road_map.save()
    road_map.recommendations.set(list(recommendations))
    return road_map


@transaction.atomic
def roadmap_update(
    *, actor: User, road_map: RoadMap, number: int, title: str, lead_agency: Organization, theme: Theme | None,
    description: str, recommendations: Iterable[Recommendation], version: int | None,
    original_language: str | None = None,
) -> RoadMap:
    """Edit a road map opened at `version` (core.concurrency: a save made meanwhile is an EditConflict)."""
    _check_secretariat(actor)
    road_map = claim(RoadMap, pk=road_map.pk, version=version)
    if road_map.withdrawn_at is not None:
        raise ApplicationError(_("This road map was withdrawn and can no longer be edited."))
    _check_roadmap_number(number, exclude_pk=road_map.pk)
    road_map.number, road_map.lead_agency, road_map.theme = number, lead_agency, theme
    write_original(road_map, {"title": title.strip(), "description": description.strip()}, language=original_language)
    road_map.save()
    road_map.recommendations.set(list(recommendations))
    return road_map


def _check_action(*, road_map: RoadMap, number: int, responsible_agencies: list[Organization],
                  exclude_pk: int | None = None) -> None:
    if not responsible_agencies:
        raise ApplicationError(_("Name at least one responsible agency."), field="responsible_agencies")
    taken = Action.all_objects.filter(road_map=road_map, number=number)
    if exclude_pk is not None:
        taken = taken.exclude(pk=exclude_pk)
    if taken.exists():
        raise ApplicationError(
            _("This road map already has an action number %(number)d.") % {"number": number}, field="number"
        )


@transaction.atomic
def action_create(
    *, actor: User, road_map: RoadMap, description: str, responsible_agencies: Iterable[Organization],
    partners: Iterable[Organization] = (), deadline: datetime.date | None = None, indicator: str = "",
    number: int | None = None, original_language: str | None = None, version: int | None = None,
) -> Action:
    _check_secretariat(actor)
    if road_map.withdrawn_at is not None:
        raise ApplicationError(_("This road map was withdrawn: its actions can no longer change."))
    responsible = list(responsible_agencies)
    number = number or next_action_number(road_map)
    _check_action(road_map=road_map, number=number, responsible_agencies=responsible)
    action = Action(road_map=road_map, number=number, deadline=deadline, status=Action.Status.NOT_STARTED,
                    original_language=original_language or default_original_language())
    write_original(action, {"description": description.strip(), "indicator": indicator.strip()})
    action._history_user = actor
    action.save()
    action.responsible_agencies.set(responsible)
    action.partners.set(list(partners))
    return action


@transaction.atomic
def action_update(
    *, actor: User, action: Action, number: int, description: str, responsible_agencies: Iterable[Organization],
    partners: Iterable[Organization], deadline: datetime.date | None, indicator: str, version: int | None,
    original_language: str | None = None,
) -> Action:
    """The action's text, number, deadline, indicator and agencies; never its status (see the module). Opened at
    `version` (core.concurrency: a save made meanwhile is an EditConflict)."""
    _check_secretariat(actor)
    action = claim(Action, pk=action.pk, version=version)
    if action.withdrawn_at is not None:
        raise ApplicationError(_("This action was withdrawn and can no longer be edited."))
    responsible = list(responsible_agencies)
    _check_action(road_map=action.road_map, number=number, responsible_agencies=responsible, exclude_pk=action.pk)
    action.number, action.deadline = number, deadline
    write_original(action, {"description": description.strip(), "indicator": indicator.strip()},
                   language=original_language)
    action._history_user = actor
    action.save()
    action.responsible_agencies.set(responsible)
    action.partners.set(list(partners))
    return action
