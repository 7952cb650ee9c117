"""Withdrawing what the tracker published (core.withdrawal): recommendations, road maps, their actions and the
approved progress updates. A withdrawn road map takes its actions and their updates with it, for the same reason."""

from __future__ import annotations

from django.db import transaction
from django.utils.translation import gettext as _

from core.exceptions import ApplicationError
from core.withdrawal import withdraw, withdraw_many
from participants.models import User
from recommendations.models import Action, ProgressUpdate, Recommendation, RoadMap


@transaction.atomic
def recommendation_withdraw(*, actor: User, recommendation: Recommendation, reason: str) -> Recommendation:
    """E.g. an imported duplicate or a wrong paragraph: gone from the tracker, the API and the feeds; its page
    and history say when and why."""
    recommendation = Recommendation.all_objects.select_for_update().get(pk=recommendation.pk)
    return withdraw(recommendation, actor=actor, reason=reason)


def _withdraw_actions(actions: object, *, actor: User, reason: str, when: object) -> None:
    for action in actions:  # type: ignore[attr-defined]
        if action.withdrawn_at is None:
            withdraw(action, actor=actor, reason=reason, when=when)
        withdraw_many(ProgressUpdate.all_objects.select_for_update().filter(action=action), actor=actor,
                      reason=reason, when=when)


@transaction.atomic
def roadmap_withdraw(*, actor: User, road_map: RoadMap, reason: str) -> RoadMap:
    road_map = RoadMap.all_objects.select_for_update().get(pk=road_map.pk)
    withdraw(road_map, actor=actor, reason=reason)
    _withdraw_actions(Action.all_objects.select_for_update().filter(road_map=road_map), actor=actor, reason=reason,
                      when=road_map.withdrawn_at)
    return road_map


@transaction.atomic
def action_withdraw(*, actor: User, action: Action, reason: str) -> Action:
    action = Action.all_objects.select_for_update().get(pk=action.pk)
    if action.withdrawn_at is not None:
        raise ApplicationError(_("This was already withdrawn."))
    withdraw(action, actor=actor, reason=reason)
    _withdraw_actions([action], actor=actor, reason=reason, when=action.withdrawn_at)
    return action


@transaction.atomic
def progress_update_withdraw(*, actor: User, update: ProgressUpdate, reason: str) -> ProgressUpdate:
    """An approved update taken down (the action keeps its status: a later update or the secretariat's own
    report corrects it, in public). Updates never approved were never public: they are returned, not withdrawn."""
    update = ProgressUpdate.all_objects.select_for_update().get(pk=update.pk)
    if update.state != ProgressUpdate.State.APPROVED:
        raise ApplicationError(_("Only approved updates were public; return the others to their author instead."))
    return withdraw(update, actor=actor, reason=reason)
