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

from core.exceptions import ApplicationError
from participants.models import Organization, User
from recommendations.models import Action, Recommendation, RoadMap, Theme


def _check_secretariat(actor: User) -> None:
    if not (actor.is_secretariat or actor.is_superuser):
        raise ApplicationError(_("Only the secretariat manages road maps."))


def _check_roadmap_number(number: int, *, exclude_pk: int | None = None) -> None:
    if RoadMap.objects.filter(number=number).exclude(pk=exclude_pk).exists():
        raise ApplicationError(_("There is already a road map number %(number)d.") % {"number": number},
                               field="number")


def next_roadmap_number() -> int:
    return (RoadMap.objects.aggregate(m=Max("number"))["m"] or 0) + 1


def next_action_number(road_map: RoadMap) -> int:
    return (road_map.actions.aggregate(m=Max("number"))["m"] or 0) + 1


@transaction.atomic
def roadmap_create(
    *, actor: User, number: int, title: str, lead_agency: Organization, theme: Theme | None = None,
    description: str = "", recommendations: Iterable[Recommendation] = (),
) -> RoadMap:
    _check_secretariat(actor)
    _check_roadmap_number(number)
    road_map = RoadMap.objects.create(number=number, title=title.strip(), lead_agency=lead_agency, theme=theme,
                                      description=description.strip())
    road_map.recommendations.set(list(recommendations))
    return road_map


@transaction.atomic
def roadmap_update(
    *, actor: User, road_map: RoadMap, number: int, title: str, lead_agency: Organization, theme: Theme | None,
    description: str, recommendations: Iterable[Recommendation],
) -> RoadMap:
    _check_secretariat(actor)
    road_map = RoadMap.objects.select_for_update().get(pk=road_map.pk)
    _check_roadmap_number(number, exclude_pk=road_map.pk)
    road_map.number, road_map.title, road_map.lead_agency = number, title.strip(), lead_agency
    road_map.theme, road_map.description = theme, description.strip()
    road_map.save()
    road_map.recommendations.set(list(recommendations))
    return road_map


def _check_action(*, road_map: RoadMap, number: int, responsible_agencies: list[Organization],
                  exclude_pk: int | None = None) -> None:
    if not responsible_agencies:
        raise ApplicationError(_("Name at least one responsible agency."), field="responsible_agencies")
    if Action.objects.filter(road_map=road_map, number=number).exclude(pk=exclude_pk).exists():
        raise ApplicationError(
            _("This road map already has an action number %(number)d.") % {"number": number}, field="number"
        )


@transaction.atomic
def action_create(
    *, actor: User, road_map: RoadMap, description: str, responsible_agencies: Iterable[Organization],
    partners: Iterable[Organization] = (), deadline: datetime.date | None = None, indicator: str = "",
    number: int | None = None,
) -> Action:
    _check_secretariat(actor)
    responsible = list(responsible_agencies)
    number = number or next_action_number(road_map)
    _check_action(road_map=road_map, number=number, responsible_agencies=responsible)
    action = Action(road_map=road_map, number=number, description=description.strip(), deadline=deadline,
                    indicator=indicator.strip(), status=Action.Status.NOT_STARTED)
    action._history_user = actor  # type: ignore[attr-defined]
    action.save()
    action.responsible_agencies.set(responsible)
    action.partners.set(list(partners))
    return action


@transaction.atomic
def action_update(
    *, actor: User, action: Action, number: int, description: str, responsible_agencies: Iterable[Organization],
    partners: Iterable[Organization], deadline: datetime.date | None, indicator: str,
) -> Action:
    """The action's text, number, deadline, indicator and agencies; never its status (see the module)."""
    _check_secretariat(actor)
    action = Action.objects.select_for_update().select_related("road_map").get(pk=action.pk)
    responsible = list(responsible_agencies)
    _check_action(road_map=action.road_map, number=number, responsible_agencies=responsible, exclude_pk=action.pk)
    action.number, action.description, action.deadline = number, description.strip(), deadline
    action.indicator = indicator.strip()
    action._history_user = actor  # type: ignore[attr-defined]
    action.save()
    action.responsible_agencies.set(responsible)
    action.partners.set(list(partners))
    return action
