"""Invitations, answers and attendance."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from core.exceptions import ApplicationError
from core.views import is_htmx, paginate
from meetings import selectors, services
from meetings.forms import (
    InviteForm,
)
from meetings.models import Invitation
from meetings.views.secretariat._common import _attempt, _choice, _meeting, _url
from participants.permissions import AuthenticatedHttpRequest, secretariat_required


@require_http_methods(["GET", "POST"])
@secretariat_required
def invitations(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    meeting = _meeting(pk)
    form = InviteForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        people = selectors.people_to_invite(
            kinds=form.cleaned_data["kinds"], standings=form.cleaned_data["standings"],
            people=[p.pk for p in form.cleaned_data["people"]],
            organizations=[o.pk for o in form.cleaned_data["organizations"]],
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
def invitation_remove(request: AuthenticatedHttpRequest, pk: int, invitation_pk: int) -> HttpResponse:
    invitation = get_object_or_404(Invitation.objects.select_related("meeting"), pk=invitation_pk, meeting_id=pk)
    _attempt(request, lambda: services.invitation_delete(actor=request.user, invitation=invitation),
             success=_("The invitation was withdrawn."))
    return redirect("meetings:invitations", pk=pk)


@secretariat_required
def rsvp_summary(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
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
def attendance(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
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
        "closed_reason": services.attendance_closed_reason(meeting),
        "posted": set(ids) if ids is not None else None, "response_filter": response_filter,
        "responses": Invitation.Response.choices, "tab": "attendance",
    })
