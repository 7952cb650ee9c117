"""Signed-in participants: my meetings, RSVP, the personal calendar subscription."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core.exceptions import ApplicationError
from core.views import is_htmx, paginate
from meetings import selectors, services
from meetings.forms import RsvpForm
from participants.permissions import AuthenticatedHttpRequest, signed_in_required

UPCOMING_PER_PAGE = 10


@signed_in_required
def my_meetings(request: AuthenticatedHttpRequest) -> HttpResponse:
    token = selectors.calendar_token_for(user=request.user)
    upcoming, upcoming_querystring = paginate(
        request, selectors.my_invitations(user=request.user), UPCOMING_PER_PAGE, param="upcoming_page"
    )
    past_page, querystring = paginate(request, selectors.my_invitations(user=request.user, past=True))
    subscription_url = (
        request.build_absolute_uri(reverse("meetings_feeds:personal-ics", args=[token.token])) if token else ""
    )
    return render(
        request,
        "meetings/my_meetings.html",
        {
            "upcoming": upcoming,
            "upcoming_querystring": upcoming_querystring,
            "page": past_page,
            "querystring": querystring,
            "subscription_url": subscription_url,
        },
    )


@require_POST
@signed_in_required
def invitation_rsvp(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """One-click answer. With htmx the answer block is swapped in place; without, back to the page."""
    invitation = selectors.invitation_get_for_user(user=request.user, pk=pk)
    form = RsvpForm(request.POST)
    error = ""
    if form.is_valid():
        try:
            invitation = services.invitation_respond(
                actor=request.user,
                invitation=invitation,
                response=form.cleaned_data["response"],
                attendance_mode=form.cleaned_data["attendance_mode"],
            )
        except ApplicationError as exc:
            error = exc.message
    else:
        error = _("Please choose accept, decline or tentative.")
    if is_htmx(request):
        return render(
            request,
            "meetings/partials/rsvp.html",
            {"invitation": invitation, "meeting": invitation.meeting, "rsvp_error": error, "saved": not error},
        )
    if error:
        messages.error(request, error)
    else:
        messages.success(request, _("Your answer has been recorded: %(answer)s.") % {
            "answer": invitation.get_response_display()})
    next_url = request.POST.get("next", "")
    if next_url == "detail":
        return redirect("meetings:meeting-detail", pk=invitation.meeting_id)
    return redirect("meetings:my-meetings")


@require_POST
@signed_in_required
def calendar_token_reset(request: AuthenticatedHttpRequest) -> HttpResponse:
    had_token = selectors.calendar_token_for(user=request.user) is not None
    services.calendar_token_reset(user=request.user)
    if had_token:
        messages.success(request, _("A new subscription address was made. The old one no longer works."))
    else:
        messages.success(request, _("Your calendar subscription address is ready."))
    return redirect("meetings:my-meetings")
