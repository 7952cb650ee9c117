"""The list of meetings, a meeting's management page, its status, cancelling, moving, planning a year; subgroups."""

from __future__ import annotations

from typing import cast

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from core.concurrency import Refused, form_initial, save_form
from core.views import paginate
from core.withdrawal import withdraw_page
from meetings import selectors, services
from meetings.forms import (
    CancelForm,
    ManageFilterForm,
    MeetingForm,
    PlanYearForm,
    RescheduleForm,
    StatusForm,
    SubgroupForm,
)
from meetings.models import Meeting, Subgroup
from meetings.views.secretariat._common import _attempt, _meeting, _url
from participants.permissions import AuthenticatedHttpRequest, secretariat_required


@secretariat_required
def manage_list(request: AuthenticatedHttpRequest) -> HttpResponse:
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
def meeting_create(request: AuthenticatedHttpRequest) -> HttpResponse:
    form = MeetingForm(request.POST or None, initial={"number": services.next_plenary_number()})
    if request.method == "POST" and form.is_valid():
        ok, meeting = _attempt(request, lambda: services.meeting_create(actor=request.user, **form.service_kwargs()),
                               success=_("The meeting was created as a draft."), form=form)
        if ok:
            return redirect("meetings:manage-detail", pk=meeting.pk)
    return render(request, "meetings/manage/meeting_form.html", {"form": form, "meeting": None})


@require_http_methods(["GET", "POST"])
@secretariat_required
def meeting_edit(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    meeting = _meeting(pk)
    form = MeetingForm(request.POST or None, instance=meeting)
    conflict = None
    if request.method == "POST" and form.is_valid():
        saved = save_form(
            form, lambda: services.meeting_update(actor=request.user, meeting=meeting,
                                                  version=form.cleaned_data["version"], **form.service_kwargs()),
            theirs=lambda exc: form_initial(MeetingForm, instance=exc.current),
        )
        if not isinstance(saved, Refused):
            messages.success(request, _("The meeting was saved."))
            return redirect("meetings:manage-detail", pk=meeting.pk)
        conflict = saved.conflict
    return render(request, "meetings/manage/meeting_form.html", {"form": form, "meeting": meeting,
                                                                 "conflict": conflict})


@require_http_methods(["GET", "POST"])
@secretariat_required
def meeting_plan_year(request: AuthenticatedHttpRequest) -> HttpResponse:
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


@secretariat_required
def manage_detail(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    meeting = _meeting(pk)
    allowed = services.next_statuses(meeting)
    return render(
        request,
        "meetings/manage/detail.html",
        {
            "meeting": meeting,
            "counts": selectors.rsvp_counts(meeting=meeting),
            "next_statuses": [(s, Meeting.Status(s).label) for s in allowed],
            "held_later": (Meeting.Status.HELD in services.ALLOWED_TRANSITIONS[meeting.status]
                           and Meeting.Status.HELD not in allowed),
            "can_cancel": Meeting.Status.CANCELLED in services.ALLOWED_TRANSITIONS[meeting.status],
            "changes": meeting.changes.order_by("-created_at")[:10],
            "tab": "overview",
        },
    )


@require_POST
@secretariat_required
def meeting_status(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
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
def meeting_cancel(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
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
def meeting_reschedule(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    meeting = _meeting(pk)
    form = RescheduleForm(
        request.POST or None, initial={"starts_at": meeting.starts_at, "ends_at": meeting.ends_at},
        zone=meeting.time_zone,
    )
    if request.method == "POST" and form.is_valid():
        ok, _result = _attempt(
            request, lambda: services.meeting_reschedule(actor=request.user, meeting=meeting, **form.cleaned_data),
            success=_("The meeting was moved; invitees are being told by e-mail."), form=form,
        )
        if ok:
            return redirect("meetings:manage-detail", pk=pk)
    return render(request, "meetings/manage/reschedule.html", {"form": form, "meeting": meeting, "tab": "overview"})


@require_http_methods(["GET", "POST"])
@secretariat_required
def subgroup_edit(request: AuthenticatedHttpRequest, pk: int | None = None) -> HttpResponse:
    subgroup = get_object_or_404(Subgroup, pk=pk) if pk else None
    form = SubgroupForm(request.POST or None, initial=_subgroup_initial(subgroup) if subgroup else {"is_active": True})
    conflict = None
    if request.method == "POST" and form.is_valid():
        saved = save_form(
            form, lambda: services.subgroup_save(actor=request.user, subgroup=subgroup, **form.cleaned_data),
            theirs=lambda exc: _subgroup_initial(cast(Subgroup, exc.current)),  # the claimed subgroup
        )
        if not isinstance(saved, Refused):
            messages.success(request, _("The working subgroup was saved."))
            return redirect("meetings:subgroup-detail", pk=saved.pk)
        conflict = saved.conflict
    return render(request, "meetings/manage/subgroup_form.html", {"form": form, "subgroup": subgroup,
                                                                  "conflict": conflict})


def _subgroup_initial(subgroup: Subgroup) -> dict[str, object]:
    return {
        "name": subgroup.name, "mandate": subgroup.mandate, "is_active": subgroup.is_active,
        "co_chair_people": subgroup.co_chair_people.all(),
        "co_chair_organizations": subgroup.co_chair_organizations.all(), "members": subgroup.members.all(),
        "version": subgroup.version,
    }


@require_http_methods(["GET", "POST"])
@secretariat_required
def meeting_withdraw(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """Withdraw a meeting the public saw, with a required reason (core.withdrawal); drafts are cancelled instead."""
    meeting = _meeting(pk)
    if not meeting.is_public:
        messages.error(request, _("A draft meeting was never public: cancel it instead."))
        return redirect("meetings:manage-detail", pk=pk)
    return withdraw_page(
        request, record=meeting, title=meeting.title,
        withdraw=lambda reason: services.meeting_withdraw(actor=request.user, meeting=meeting, reason=reason),
        done_url=_url("meetings:meeting-detail", pk), cancel_url=_url("meetings:manage-detail", pk),
        consequences=[_("its minutes and documents are withdrawn with it, for the same reason;"),
                      _("invitees are not e-mailed: tell them yourself if they need to know;")],
    )
