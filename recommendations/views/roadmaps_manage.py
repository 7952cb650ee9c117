"""The secretariat's screens for road maps and their actions: create and edit, outside the administration."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from core.concurrency import Refused, save_form
from core.multilingual import original_initial
from participants.permissions import AuthenticatedHttpRequest, secretariat_required
from recommendations import services
from recommendations.forms import ActionForm, RoadMapForm
from recommendations.models import Action, RoadMap


def _road_map(number: int) -> RoadMap:
    road_map = RoadMap.objects.select_related("lead_agency", "theme").filter(number=number).first()
    if road_map is None:
        raise Http404
    return road_map


def _action(pk: int) -> Action:
    action = Action.objects.select_related("road_map").filter(pk=pk).first()
    if action is None:
        raise Http404
    return action


@require_http_methods(["GET", "POST"])
@secretariat_required
def roadmap_create(request: AuthenticatedHttpRequest) -> HttpResponse:
    form = RoadMapForm(request.POST or None, initial={"number": services.next_roadmap_number()})
    if request.method == "POST" and form.is_valid():
        created = save_form(form, lambda: services.roadmap_create(actor=request.user, **form.cleaned_data))
        if not isinstance(created, Refused):
            messages.success(request, _("The road map was created. Add its actions below."))
            return redirect("recommendations:roadmap-detail", number=created.number)
    return render(request, "recommendations/roadmap_form.html", {"form": form, "road_map": None})


def _roadmap_initial(road_map: RoadMap) -> dict[str, object]:
    return {
        "number": road_map.number, "lead_agency": road_map.lead_agency_id, "theme": road_map.theme_id,
        "recommendations": list(road_map.recommendations.order_by("document_symbol", "paragraph", "pk")),
        "version": road_map.version, **original_initial(road_map, ("title", "description")),
    }


@require_http_methods(["GET", "POST"])
@secretariat_required
def roadmap_edit(request: AuthenticatedHttpRequest, number: int) -> HttpResponse:
    road_map = _road_map(number)
    form = RoadMapForm(request.POST or None, initial=_roadmap_initial(road_map))
    conflict = None
    if request.method == "POST" and form.is_valid():
        saved = save_form(form, lambda: services.roadmap_update(actor=request.user, road_map=road_map,
                                                                **form.cleaned_data),
                          theirs=lambda _conflict: _roadmap_initial(_road_map(number)))
        if not isinstance(saved, Refused):
            messages.success(request, _("The road map was saved."))
            return redirect("recommendations:roadmap-detail", number=saved.number)
        conflict = saved.conflict
    return render(request, "recommendations/roadmap_form.html", {"form": form, "road_map": road_map,
                                                                 "conflict": conflict})


@require_http_methods(["GET", "POST"])
@secretariat_required
def action_create(request: AuthenticatedHttpRequest, number: int) -> HttpResponse:
    road_map = _road_map(number)
    form = ActionForm(request.POST or None, initial={"number": services.next_action_number(road_map)})
    if request.method == "POST" and form.is_valid():
        action = save_form(form, lambda: services.action_create(actor=request.user, road_map=road_map,
                                                                **form.cleaned_data))
        if not isinstance(action, Refused):
            messages.success(request, _("Action %(number)s was added.") % {
                "number": f"{road_map.number}.{action.number}"})
            return redirect("recommendations:roadmap-detail", number=road_map.number)
    return render(request, "recommendations/action_form.html", {"form": form, "road_map": road_map, "action": None})


def _action_initial(action: Action) -> dict[str, object]:
    return {
        "number": action.number, "deadline": action.deadline,
        "responsible_agencies": list(action.responsible_agencies.all()), "partners": list(action.partners.all()),
        "version": action.version, **original_initial(action, ("description", "indicator")),
    }


@require_http_methods(["GET", "POST"])
@secretariat_required
def action_edit(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    action = _action(pk)
    form = ActionForm(request.POST or None, initial=_action_initial(action))
    conflict = None
    if request.method == "POST" and form.is_valid():
        saved = save_form(form, lambda: services.action_update(actor=request.user, action=action, **form.cleaned_data),
                          theirs=lambda _conflict: _action_initial(_action(pk)))
        if not isinstance(saved, Refused):
            messages.success(request, _("The action was saved."))
            return redirect("recommendations:roadmap-detail", number=action.road_map.number)
        conflict = saved.conflict
    return render(request, "recommendations/action_form.html", {
        "form": form, "road_map": action.road_map, "action": action, "conflict": conflict,
        "action_label": f"{action.road_map.number}.{action.number}",
    })
