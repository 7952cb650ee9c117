"""The secretariat withdraws what the tracker published (core.withdrawal): a required reason, then the record's
page says when and why."""

from __future__ import annotations

from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from core.withdrawal import withdraw_page
from participants.permissions import AuthenticatedHttpRequest, secretariat_required
from recommendations import services
from recommendations.models import Action, ProgressUpdate, Recommendation, RoadMap


@require_http_methods(["GET", "POST"])
@secretariat_required
def recommendation_withdraw(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    recommendation = get_object_or_404(Recommendation.all_objects, pk=pk)
    url = reverse("recommendations:recommendation-detail", args=[pk])
    return withdraw_page(
        request, record=recommendation, title=recommendation.reference,
        withdraw=lambda reason: services.recommendation_withdraw(actor=request.user, recommendation=recommendation,
                                                                 reason=reason),
        done_url=url, cancel_url=url,
        consequences=[_("its history on its page records the withdrawal;")],
    )


@require_http_methods(["GET", "POST"])
@secretariat_required
def roadmap_withdraw(request: AuthenticatedHttpRequest, number: int) -> HttpResponse:
    road_map = get_object_or_404(RoadMap.all_objects, number=number)
    url = reverse("recommendations:roadmap-detail", args=[number])
    return withdraw_page(
        request, record=road_map, title=str(road_map),
        withdraw=lambda reason: services.roadmap_withdraw(actor=request.user, road_map=road_map, reason=reason),
        done_url=url, cancel_url=url,
        consequences=[_("its actions and their progress updates are withdrawn with it, for the same reason;"),
                      _("focal points can no longer report on its actions;")],
    )


@require_http_methods(["GET", "POST"])
@secretariat_required
def action_withdraw(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    action = get_object_or_404(Action.all_objects.select_related("road_map"), pk=pk)
    url = reverse("recommendations:roadmap-detail", args=[action.road_map.number])
    return withdraw_page(
        request, record=action,
        title=_("Action %(number)s") % {"number": f"{action.road_map.number}.{action.number}"},
        withdraw=lambda reason: services.action_withdraw(actor=request.user, action=action, reason=reason),
        done_url=url, cancel_url=url,
        consequences=[_("its road map's page lists it among the withdrawn actions, with the reason;"),
                      _("its progress updates are withdrawn with it;")],
    )


@require_http_methods(["GET", "POST"])
@secretariat_required
def progress_update_withdraw(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    update = get_object_or_404(ProgressUpdate.all_objects.select_related("action__road_map"), pk=pk,
                               state=ProgressUpdate.State.APPROVED)
    url = reverse("recommendations:roadmap-detail", args=[update.action.road_map.number])
    return withdraw_page(
        request, record=update,
        title=_("Progress update of %(date)s on action %(number)s") % {
            "date": update.date.isoformat(), "number": f"{update.action.road_map.number}.{update.action.number}"},
        withdraw=lambda reason: services.progress_update_withdraw(actor=request.user, update=update, reason=reason),
        done_url=url, cancel_url=url,
        consequences=[_("the action keeps its status; report a new update to correct it;")],
    )
