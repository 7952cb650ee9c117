"""Saves of the records the administration still edits (no screen of ours does): reference lists, road maps,
actions, national plans. Called by the admin's save_model (core.admin.ServiceAdminMixin), each in one transaction,
with the version the form was opened with (core.concurrency), statuses kept as stored."""

from __future__ import annotations

from django.db import models, transaction
from django.utils.translation import gettext as _

from core.concurrency import save_edited
from core.exceptions import ApplicationError
from participants.models import User
from recommendations.models import Action, NationalPlan, PlanMeasure, RoadMap


@transaction.atomic
def reference_save(*, actor: User, instance: models.Model, version: int | None, change: bool) -> models.Model:
    """A mechanism, review, recommending state, theme, affected group or SDG target: no rules beyond the model's."""
    return save_edited(instance, version=version, change=change)


@transaction.atomic
def roadmap_save(*, actor: User, instance: RoadMap, version: int | None, change: bool) -> RoadMap:
    clash = RoadMap.all_objects.filter(number=instance.number).exclude(pk=instance.pk)
    if clash.exists():
        # all_objects: a withdrawn road map keeps its number.
        raise ApplicationError(_("There is already a road map number %(number)d.") % {"number": instance.number},
                               field="number")
    return save_edited(instance, version=version, change=change)


@transaction.atomic
def action_save(*, actor: User, instance: Action, version: int | None, change: bool) -> Action:
    """An action's text, deadline and indicator. Its status is kept as stored: it changes through approved
    progress updates (progress_update_approve -> action_set_status), which say why in public."""
    if instance.road_map_id is not None:
        road_map = RoadMap.all_objects.get(pk=instance.road_map_id)
        if road_map.withdrawn_at is not None:
            raise ApplicationError(_("This road map was withdrawn: its actions can no longer change."),
                                   field="road_map")
    clash = Action.all_objects.filter(road_map_id=instance.road_map_id, number=instance.number).exclude(pk=instance.pk)
    if clash.exists():
        raise ApplicationError(_("This road map already has an action number %(number)d.")
                               % {"number": instance.number}, field="number")
    if not change:
        instance.status, instance.completed_on = Action.Status.NOT_STARTED, None
    instance._history_user = actor
    return save_edited(instance, version=version, change=change, keep=("status", "completed_on"))


@transaction.atomic
def plan_save(*, actor: User, instance: NationalPlan, version: int | None, change: bool) -> NationalPlan:
    return save_edited(instance, version=version, change=change)


@transaction.atomic
def plan_measure_save(*, actor: User, instance: PlanMeasure, version: int | None, change: bool) -> PlanMeasure:
    return save_edited(instance, version=version, change=change)
