"""Building a meeting's agenda, with suggestions from follow-ups, overdue road-map actions and higher apps."""

from __future__ import annotations

from typing import cast

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from core.concurrency import Refused, save_form
from core.exceptions import ApplicationError
from core.views import is_htmx, paginate
from meetings import agenda_sources, selectors, services
from meetings.forms import (
    AgendaItemForm,
)
from meetings.models import AgendaItem, FollowUpAction, Meeting
from meetings.views.secretariat._common import _attempt, _meeting
from participants.permissions import AuthenticatedHttpRequest, secretariat_required
from recommendations.models import Action as RoadMapAction

SUGGESTIONS_PER_PAGE = 10


def _agenda_context(request: HttpRequest, meeting: Meeting, form: AgendaItemForm) -> dict[str, object]:
    # Two lists on one page, each with its own page parameter so paging one keeps the other where it was.
    suggestions, suggestions_qs = paginate(
        request, selectors.agenda_suggestions(meeting=meeting), SUGGESTIONS_PER_PAGE, param="suggestions_page"
    )
    overdue, overdue_qs = paginate(
        request, selectors.agenda_road_map_suggestions(meeting=meeting), SUGGESTIONS_PER_PAGE, param="overdue_page"
    )
    return {
        "meeting": meeting,
        "items": selectors.agenda_items_for(meeting=meeting),
        "suggestions": suggestions,
        "suggestions_querystring": suggestions_qs,
        "road_map_suggestions": overdue,
        "road_map_suggestions_querystring": overdue_qs,
        "external_suggestions": agenda_sources.suggestions_for(meeting=meeting),
        "form": form,
        "tab": "agenda",
    }


@require_http_methods(["GET", "POST"])
@secretariat_required
def agenda(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    meeting = _meeting(pk)
    form = AgendaItemForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        data.pop("version", None)  # a new item has none
        follow_up_id = data.pop("follow_up_of")
        follow_up = FollowUpAction.objects.filter(pk=follow_up_id).first() if follow_up_id else None
        ok, _item = _attempt(
            request, lambda: services.agenda_item_create(actor=request.user, meeting=meeting, follow_up_of=follow_up,
                                                         **data),
            success=_("The agenda item was added."), form=form,
        )
        if ok:
            return redirect("meetings:agenda", pk=pk)
    return render(request, "meetings/manage/agenda.html", _agenda_context(request, meeting, form))


@require_POST
@secretariat_required
def agenda_suggestion_add(request: AuthenticatedHttpRequest, pk: int, action_pk: int) -> HttpResponse:
    meeting = _meeting(pk)
    action = get_object_or_404(FollowUpAction.objects.select_related("meeting"), pk=action_pk)
    _attempt(request, lambda: services.agenda_item_create(
        actor=request.user, meeting=meeting, title=action.description[:255], follow_up_of=action,
        presenter_organizations=[action.owner_organization] if action.owner_organization else [],
    ), success=_("The follow-up action was put on the agenda."))
    return redirect("meetings:agenda", pk=pk)


@require_POST
@secretariat_required
def agenda_road_map_action_add(request: AuthenticatedHttpRequest, pk: int, action_pk: int) -> HttpResponse:
    """Put an overdue road-map action on the agenda, linked to its road map."""
    meeting = _meeting(pk)
    action = get_object_or_404(RoadMapAction.objects.select_related("road_map"), pk=action_pk)
    title = f"{action.road_map.number}.{action.number} {action.description}"
    _attempt(request, lambda: services.agenda_item_create(
        actor=request.user, meeting=meeting, title=title[:255], road_maps=[action.road_map],
    ), success=_("The overdue road-map action was put on the agenda."))
    return redirect("meetings:agenda", pk=pk)


@require_http_methods(["GET", "POST"])
@secretariat_required
def agenda_item_edit(request: AuthenticatedHttpRequest, pk: int, item_pk: int) -> HttpResponse:
    meeting = _meeting(pk)
    item = get_object_or_404(AgendaItem, pk=item_pk, meeting=meeting)
    form = AgendaItemForm(request.POST or None, initial=_agenda_item_initial(item))
    conflict = None
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        data.pop("follow_up_of")
        saved = save_form(form, lambda: services.agenda_item_update(actor=request.user, item=item, **data),
                          theirs=lambda exc: _agenda_item_initial(cast(AgendaItem, exc.current)))  # the claimed item
        if not isinstance(saved, Refused):
            messages.success(request, _("The agenda item was saved."))
            return redirect("meetings:agenda", pk=pk)
        conflict = saved.conflict
    return render(request, "meetings/manage/agenda_item_form.html", {"meeting": meeting, "item": item, "form": form,
                                                                     "tab": "agenda", "conflict": conflict})


def _agenda_item_initial(item: AgendaItem) -> dict[str, object]:
    return {
        "title": item.title, "description": item.description, "minutes_allotted": item.minutes_allotted,
        "presenter_people": item.presenter_people.all(), "presenter_organizations": item.presenter_organizations.all(),
        "topics": ", ".join(t.name for t in item.topics.all()),
        "road_maps": item.road_maps.all(),
        "recommendations": list(item.recommendations.only("pk", "document_symbol", "paragraph").order_by("pk")),
        "version": item.version,
    }


@require_POST
@secretariat_required
def agenda_item_delete(request: AuthenticatedHttpRequest, pk: int, item_pk: int) -> HttpResponse:
    item = get_object_or_404(AgendaItem, pk=item_pk, meeting_id=pk)
    _attempt(request, lambda: services.agenda_item_delete(actor=request.user, item=item),
             success=_("The agenda item was removed."))
    return redirect("meetings:agenda", pk=pk)


@require_POST
@secretariat_required
def agenda_item_move(request: AuthenticatedHttpRequest, pk: int, item_pk: int) -> HttpResponse:
    """Up/down buttons: htmx swaps the list in place; a plain form post redirects back."""
    meeting = _meeting(pk)
    item = get_object_or_404(AgendaItem, pk=item_pk, meeting=meeting)
    error = ""
    try:
        services.agenda_item_move(actor=request.user, item=item, direction=request.POST.get("direction", ""))
    except ApplicationError as exc:
        error = exc.message
    if is_htmx(request):
        return render(request, "meetings/partials/agenda_items.html",
                      {"meeting": meeting, "items": selectors.agenda_items_for(meeting=meeting), "error": error})
    if error:
        messages.error(request, error)
    return redirect("meetings:agenda", pk=pk)
