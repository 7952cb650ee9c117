"""The secretariat's own pages for running meetings (not the Django admin)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from dialogue_platform.exceptions import ApplicationError
from meetings import agenda_sources, selectors, services
from meetings.forms import (
    AgendaItemForm,
    CancelForm,
    DocumentForm,
    FollowUpActionForm,
    InviteForm,
    ManageFilterForm,
    MeetingForm,
    MinutesForm,
    PlanYearForm,
    RescheduleForm,
    StatusForm,
    SubgroupForm,
)
from meetings.models import AgendaItem, FollowUpAction, Invitation, Meeting, MeetingDocument, Minutes, Subgroup
from meetings.views.common import form_error, is_htmx, paginate
from participants.permissions import secretariat_required
from recommendations.models import Action as RoadMapAction


def _meeting(pk: int) -> Meeting:
    return get_object_or_404(Meeting.objects.select_related("subgroup"), pk=pk)


def _choice(request: HttpRequest, name: str, allowed: list[str]) -> str:
    """A list filter from the query string; an unknown value means "no filter", never an error page."""
    value = request.GET.get(name, "")
    return value if value in allowed else ""


def _attempt(
    request: HttpRequest, call: Callable[[], Any], *, success: str | Callable[[Any], str],
    form: forms.Form | None = None,
) -> tuple[bool, Any]:
    """Run one service call. A refusal (ApplicationError) is shown next to the form's field, or as a page
    message when there is no form; a success flashes `success` (a text, or built from the call's result).
    Returns (succeeded, result): the caller redirects on success and re-renders the form otherwise."""
    try:
        result = call()
    except ApplicationError as exc:
        if form is not None:
            form_error(form, exc)
        else:
            messages.error(request, exc.message)
        return False, None
    messages.success(request, success(result) if callable(success) else success)
    return True, result


@secretariat_required
def manage_list(request: HttpRequest) -> HttpResponse:
    years = sorted({d.year for d in Meeting.objects.dates("starts_at", "year")}, reverse=True)
    form = ManageFilterForm(request.GET or None, years=years)
    filters = form.cleaned_data if form.is_valid() else {}
    meetings = selectors.meeting_manage_list(
        status=filters.get("status", ""), year=filters.get("year"), subgroup=filters.get("subgroup"),
        query=filters.get("q", ""),
    )
    page, querystring = paginate(request, meetings)
    return render(request, "meetings/manage/list.html", {"form": form, "page": page, "querystring": querystring})


@require_http_methods(["GET", "POST"])
@secretariat_required
def meeting_create(request: HttpRequest) -> HttpResponse:
    form = MeetingForm(request.POST or None, initial={"number": services.next_plenary_number()})
    if request.method == "POST" and form.is_valid():
        ok, meeting = _attempt(request, lambda: services.meeting_create(actor=request.user, **form.service_kwargs()),
                               success=_("The meeting was created as a draft."), form=form)
        if ok:
            return redirect("meetings:manage-detail", pk=meeting.pk)
    return render(request, "meetings/manage/meeting_form.html", {"form": form, "meeting": None})


@require_http_methods(["GET", "POST"])
@secretariat_required
def meeting_edit(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = _meeting(pk)
    form = MeetingForm(request.POST or None, instance=meeting)
    if request.method == "POST" and form.is_valid():
        ok, _result = _attempt(
            request, lambda: services.meeting_update(actor=request.user, meeting=meeting, **form.service_kwargs()),
            success=_("The meeting was saved."), form=form,
        )
        if ok:
            return redirect("meetings:manage-detail", pk=meeting.pk)
    return render(request, "meetings/manage/meeting_form.html", {"form": form, "meeting": meeting})


@require_http_methods(["GET", "POST"])
@secretariat_required
def meeting_plan_year(request: HttpRequest) -> HttpResponse:
    from meetings.forms import current_year

    form = PlanYearForm(request.POST or None, initial={"year": current_year() + 1})
    if request.method == "POST" and form.is_valid():
        ok, _created = _attempt(
            request, lambda: services.meeting_plan_year(actor=request.user, **form.cleaned_data),
            success=lambda created: _("%(count)d draft meetings were planned.") % {"count": len(created)}, form=form,
        )
        if ok:
            return redirect(f"{_url('meetings:manage-list')}?year={form.cleaned_data['year']}")
    return render(request, "meetings/manage/plan_year.html", {"form": form})


def _url(name: str, *args: object) -> str:
    from django.urls import reverse

    return reverse(name, args=args)


@secretariat_required
def manage_detail(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = _meeting(pk)
    allowed = [s for s in services.ALLOWED_TRANSITIONS[meeting.status] if s not in (Meeting.Status.MINUTES_PUBLISHED,
                                                                                 Meeting.Status.CANCELLED)]
    return render(
        request,
        "meetings/manage/detail.html",
        {
            "meeting": meeting,
            "counts": selectors.rsvp_counts(meeting=meeting),
            "next_statuses": [(s, Meeting.Status(s).label) for s in allowed],
            "can_cancel": Meeting.Status.CANCELLED in services.ALLOWED_TRANSITIONS[meeting.status],
            "changes": meeting.changes.order_by("-created_at")[:10],
            "tab": "overview",
        },
    )


@require_POST
@secretariat_required
def meeting_status(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = _meeting(pk)
    form = StatusForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose a valid status."))
    else:
        _attempt(request, lambda: services.meeting_transition(actor=request.user, meeting=meeting,
                                                              to=form.cleaned_data["status"]),
                 success=_("The status was changed."))
    return redirect("meetings:manage-detail", pk=pk)


@require_http_methods(["GET", "POST"])
@secretariat_required
def meeting_cancel(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = _meeting(pk)
    form = CancelForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        ok, _result = _attempt(
            request, lambda: services.meeting_cancel(actor=request.user, meeting=meeting,
                                                     reason=form.cleaned_data["reason"]),
            success=_("The meeting was cancelled; invitees are being told by e-mail."), form=form,
        )
        if ok:
            return redirect("meetings:manage-detail", pk=pk)
    return render(request, "meetings/manage/cancel.html", {"form": form, "meeting": meeting, "tab": "overview"})


@require_http_methods(["GET", "POST"])
@secretariat_required
def meeting_reschedule(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = _meeting(pk)
    form = RescheduleForm(request.POST or None, initial={"starts_at": meeting.starts_at, "ends_at": meeting.ends_at})
    if request.method == "POST" and form.is_valid():
        ok, _result = _attempt(
            request, lambda: services.meeting_reschedule(actor=request.user, meeting=meeting, **form.cleaned_data),
            success=_("The meeting was moved; invitees are being told by e-mail."), form=form,
        )
        if ok:
            return redirect("meetings:manage-detail", pk=pk)
    return render(request, "meetings/manage/reschedule.html", {"form": form, "meeting": meeting, "tab": "overview"})


# --- Agenda ---------------------------------------------------------------------------------


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
def agenda(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = _meeting(pk)
    form = AgendaItemForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
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
def agenda_suggestion_add(request: HttpRequest, pk: int, action_pk: int) -> HttpResponse:
    meeting = _meeting(pk)
    action = get_object_or_404(FollowUpAction.objects.select_related("meeting"), pk=action_pk)
    _attempt(request, lambda: services.agenda_item_create(
        actor=request.user, meeting=meeting, title=action.description[:255], follow_up_of=action,
        presenter_organizations=[action.owner_organization] if action.owner_organization else [],
    ), success=_("The follow-up action was put on the agenda."))
    return redirect("meetings:agenda", pk=pk)


@require_POST
@secretariat_required
def agenda_road_map_action_add(request: HttpRequest, pk: int, action_pk: int) -> HttpResponse:
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
def agenda_item_edit(request: HttpRequest, pk: int, item_pk: int) -> HttpResponse:
    meeting = _meeting(pk)
    item = get_object_or_404(AgendaItem, pk=item_pk, meeting=meeting)
    initial = {
        "title": item.title, "description": item.description, "minutes_allotted": item.minutes_allotted,
        "presenter_people": item.presenter_people.all(), "presenter_organizations": item.presenter_organizations.all(),
        "topics": ", ".join(t.name for t in item.topics.all()),
        "road_maps": item.road_maps.all(), "recommendations": list(item.recommendations.only("pk", "document_symbol", "paragraph").order_by("pk")),
    }
    form = AgendaItemForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        data.pop("follow_up_of")
        ok, _item = _attempt(request, lambda: services.agenda_item_update(actor=request.user, item=item, **data),
                             success=_("The agenda item was saved."), form=form)
        if ok:
            return redirect("meetings:agenda", pk=pk)
    return render(request, "meetings/manage/agenda_item_form.html", {"meeting": meeting, "item": item, "form": form,
                                                                     "tab": "agenda"})


@require_POST
@secretariat_required
def agenda_item_delete(request: HttpRequest, pk: int, item_pk: int) -> HttpResponse:
    item = get_object_or_404(AgendaItem, pk=item_pk, meeting_id=pk)
    _attempt(request, lambda: services.agenda_item_delete(actor=request.user, item=item),
             success=_("The agenda item was removed."))
    return redirect("meetings:agenda", pk=pk)


@require_POST
@secretariat_required
def agenda_item_move(request: HttpRequest, pk: int, item_pk: int) -> HttpResponse:
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


# --- Invitations, RSVPs, attendance ---------------------------------------------------------


@require_http_methods(["GET", "POST"])
@secretariat_required
def invitations(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = _meeting(pk)
    form = InviteForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        people = selectors.people_to_invite(
            kinds=form.cleaned_data["kinds"], standings=form.cleaned_data["standings"],
            people=[p.pk for p in form.cleaned_data["people"]],
        )
        ok, _added = _attempt(
            request, lambda: services.invitations_create(actor=request.user, meeting=meeting, people=people),
            success=lambda added: _("%(count)d people were invited.") % {"count": added}, form=form,
        )
        if ok:
            return redirect("meetings:invitations", pk=pk)
    response_filter = _choice(request, "response", Invitation.Response.values)
    page, querystring = paginate(request, selectors.invitations_for_meeting(meeting=meeting, response=response_filter),
                                 per_page=50)
    return render(request, "meetings/manage/invitations.html", {
        "meeting": meeting, "form": form, "page": page, "querystring": querystring, "tab": "invitations",
        "counts": selectors.rsvp_counts(meeting=meeting), "responses": Invitation.Response.choices,
        "response_filter": response_filter,
    })


@require_POST
@secretariat_required
def invitation_remove(request: HttpRequest, pk: int, invitation_pk: int) -> HttpResponse:
    invitation = get_object_or_404(Invitation.objects.select_related("meeting"), pk=invitation_pk, meeting_id=pk)
    _attempt(request, lambda: services.invitation_delete(actor=request.user, invitation=invitation),
             success=_("The invitation was withdrawn."))
    return redirect("meetings:invitations", pk=pk)


@secretariat_required
def rsvp_summary(request: HttpRequest, pk: int) -> HttpResponse:
    """The live counts block; htmx polls it every few seconds."""
    meeting = _meeting(pk)
    context = {"meeting": meeting, "counts": selectors.rsvp_counts(meeting=meeting), "tab": "invitations"}
    if is_htmx(request):
        return render(request, "meetings/partials/rsvp_counts.html", context)
    return render(request, "meetings/manage/rsvp_counts.html", context)


ATTENDANCE_PER_PAGE = 50


def _ids(values: list[str]) -> list[int]:
    return [int(v) for v in values if v.isdigit()]


@require_http_methods(["GET", "POST"])
@secretariat_required
def attendance(request: HttpRequest, pk: int) -> HttpResponse:
    """One page of invitees at a time: saving a page records the people shown on it and leaves the others."""
    meeting = _meeting(pk)
    error = ""
    ids: list[int] | None = None
    response_filter = _choice(request, "response", Invitation.Response.values)
    if request.method == "POST":
        ids = _ids(request.POST.getlist("attended"))
        # The form names the invitees it showed; a post without them (an older form) covers the whole list.
        shown = _ids(request.POST.getlist("shown")) or None
        try:
            present = services.attendance_record(
                actor=request.user, meeting=meeting, attended_person_ids=ids, person_ids=shown
            )
        except ApplicationError as exc:
            error = exc.message
        else:
            messages.success(request, _("Attendance was saved: %(count)d present.") % {"count": present})
            # Back to the same page and filter, so the secretariat can go on with the next page.
            query = request.GET.urlencode()
            return redirect(_url("meetings:attendance", pk) + (f"?{query}" if query else ""))
    page, querystring = paginate(
        request, selectors.invitations_for_meeting(meeting=meeting, response=response_filter), ATTENDANCE_PER_PAGE
    )
    return render(request, "meetings/manage/attendance.html", {
        "meeting": meeting, "page": page, "querystring": querystring, "error": error,
        "posted": set(ids) if ids is not None else None, "response_filter": response_filter,
        "responses": Invitation.Response.choices, "tab": "attendance",
    })


# --- Minutes --------------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
@secretariat_required
def minutes_edit(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = _meeting(pk)
    minutes = Minutes.objects.filter(meeting=meeting).first()
    conflict = None
    initial = {"body": minutes.body, "decisions": minutes.decisions, "version": minutes.version} if minutes else {
        "version": 1}
    form = MinutesForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.minutes_save(actor=request.user, meeting=meeting, **form.cleaned_data)
        except services.MinutesConflict as exc:
            conflict = exc.current
            # Keep the user's text, but base the next save on the version now stored, so merging then
            # saving again succeeds.
            form.data = form.data.copy()
            form.data["version"] = conflict.version
            form_error(form, exc)
        except ApplicationError as exc:
            form_error(form, exc)
        else:
            messages.success(request, _("The minutes were saved."))
            return redirect("meetings:minutes", pk=pk)
    return _render_minutes(request, meeting, minutes, form=form, conflict=conflict)


def _render_minutes(
    request: HttpRequest, meeting: Meeting, minutes: Minutes | None, *, form: MinutesForm,
    conflict: Minutes | None = None, action_form: FollowUpActionForm | None = None,
) -> HttpResponse:
    history = minutes.history.select_related("history_user").order_by("-history_date")[:20] if minutes else []
    status = _choice(request, "action_status", FollowUpAction.Status.values)
    actions, actions_querystring = paginate(
        request, selectors.follow_up_action_list(meeting=meeting, status=status), param="actions_page"
    )
    return render(request, "meetings/manage/minutes.html", {
        "meeting": meeting, "minutes": minutes, "form": form, "conflict": conflict, "history": history,
        "actions": actions, "actions_querystring": actions_querystring, "action_status": status,
        "action_statuses": FollowUpAction.Status.choices,
        "action_form": action_form or FollowUpActionForm(), "tab": "minutes",
    })


@require_POST
@secretariat_required
def minutes_approve(request: HttpRequest, pk: int) -> HttpResponse:
    return _minutes_step(request, pk, services.minutes_approve, _("The minutes were approved."))


@require_http_methods(["GET", "POST"])
@secretariat_required
def minutes_publish(request: HttpRequest, pk: int) -> HttpResponse:
    """GET: what publishing does and who is told, with a button to confirm; POST: publish."""
    if request.method == "POST":
        return _minutes_step(request, pk, services.minutes_publish, _("The minutes were published."))
    meeting = _meeting(pk)
    minutes = Minutes.objects.filter(meeting=meeting).defer("search_vector").first()
    if minutes is None or minutes.status != Minutes.Status.APPROVED or meeting.status != Meeting.Status.HELD:
        messages.error(request, _("Only approved minutes of a held meeting can be published."))
        return redirect("meetings:minutes", pk=pk)
    return render(request, "meetings/manage/minutes_publish.html", {
        "meeting": meeting, "minutes": minutes, "tab": "minutes",
        "audience": selectors.minutes_published_audience(meeting=meeting),
    })


def _minutes_step(request: HttpRequest, pk: int, step: object, success: str) -> HttpResponse:
    meeting = _meeting(pk)
    _attempt(request, lambda: step(actor=request.user, meeting=meeting), success=success)  # type: ignore[operator]
    return redirect("meetings:minutes", pk=pk)


@secretariat_required
def minutes_version(request: HttpRequest, pk: int, history_id: int) -> HttpResponse:
    meeting = _meeting(pk)
    minutes = get_object_or_404(Minutes, meeting=meeting)
    version = get_object_or_404(minutes.history.select_related("history_user"), history_id=history_id)
    return render(request, "meetings/manage/minutes_version.html",
                  {"meeting": meeting, "version": version, "tab": "minutes"})


@require_POST
@secretariat_required
def follow_up_create(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = _meeting(pk)
    form = FollowUpActionForm(request.POST)
    if form.is_valid():
        services.follow_up_action_create(actor=request.user, meeting=meeting, **form.cleaned_data)
        messages.success(request, _("The follow-up action was added."))
        return redirect("meetings:minutes", pk=pk)
    # Show the errors next to what was typed, with the minutes as they are.
    minutes = Minutes.objects.filter(meeting=meeting).first()
    initial = {"body": minutes.body, "decisions": minutes.decisions, "version": minutes.version} if minutes else {
        "version": 1}
    return _render_minutes(request, meeting, minutes, form=MinutesForm(initial=initial), action_form=form)


@require_POST
@secretariat_required
def follow_up_status(request: HttpRequest, pk: int, action_pk: int) -> HttpResponse:
    action = get_object_or_404(FollowUpAction, pk=action_pk, meeting_id=pk)
    _attempt(request, lambda: services.follow_up_action_set_status(actor=request.user, action=action,
                                                                   status=request.POST.get("status", "")),
             success=_("The follow-up action was updated."))
    return redirect("meetings:minutes", pk=pk)


# --- Documents ------------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
@secretariat_required
def documents(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = _meeting(pk)
    form = DocumentForm(request.POST or None, request.FILES or None, meeting=meeting)
    if request.method == "POST" and form.is_valid():
        ok, _document = _attempt(
            request, lambda: services.document_create(actor=request.user, meeting=meeting, **form.cleaned_data),
            success=_("The document was uploaded."), form=form,
        )
        if ok:
            return redirect("meetings:documents", pk=pk)
    visibility = _choice(request, "visibility", MeetingDocument.Visibility.values)
    page, querystring = paginate(request, selectors.document_list(meeting=meeting, visibility=visibility))
    return render(request, "meetings/manage/documents.html", {
        "meeting": meeting, "form": form, "tab": "documents", "page": page, "querystring": querystring,
        "visibility": visibility, "visibilities": MeetingDocument.Visibility.choices,
    })


@require_POST
@secretariat_required
def document_delete(request: HttpRequest, pk: int, document_pk: int) -> HttpResponse:
    document = get_object_or_404(MeetingDocument, pk=document_pk, meeting_id=pk)
    services.document_delete(actor=request.user, document=document)
    messages.success(request, _("The document was deleted."))
    return redirect("meetings:documents", pk=pk)


# --- Subgroups ------------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
@secretariat_required
def subgroup_edit(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    subgroup = get_object_or_404(Subgroup, pk=pk) if pk else None
    initial = {}
    if subgroup:
        initial = {
            "name": subgroup.name, "mandate": subgroup.mandate, "is_active": subgroup.is_active,
            "co_chair_people": subgroup.co_chair_people.all(),
            "co_chair_organizations": subgroup.co_chair_organizations.all(), "members": subgroup.members.all(),
        }
    form = SubgroupForm(request.POST or None, initial=initial or {"is_active": True})
    if request.method == "POST" and form.is_valid():
        ok, saved = _attempt(
            request, lambda: services.subgroup_save(actor=request.user, subgroup=subgroup, **form.cleaned_data),
            success=_("The working subgroup was saved."), form=form,
        )
        if ok:
            return redirect("meetings:subgroup-detail", pk=saved.pk)
    return render(request, "meetings/manage/subgroup_form.html", {"form": form, "subgroup": subgroup})
