"""Writing, approving and publishing minutes; their versions and follow-up actions."""

from __future__ import annotations

from collections.abc import Callable
from typing import cast

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from core import search
from core.concurrency import EditConflict
from core.exceptions import ApplicationError
from core.views import form_error, paginate
from core.withdrawal import withdraw_page
from meetings import selectors, services
from meetings.forms import (
    FollowUpActionForm,
    MinutesForm,
)
from meetings.models import FollowUpAction, Meeting, Minutes
from meetings.views.secretariat._common import _attempt, _choice, _meeting, _url
from participants.permissions import AuthenticatedHttpRequest, secretariat_required


@require_http_methods(["GET", "POST"])
@secretariat_required
def minutes_edit(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    meeting = _meeting(pk)
    # Withdrawn minutes too: the page then says so and offers no editor.
    minutes = Minutes.all_objects.filter(meeting=meeting).first()
    conflict = None
    form = MinutesForm(request.POST or None, initial=_minutes_initial(meeting, minutes))
    if request.method == "POST" and form.is_valid():
        try:
            services.minutes_save(actor=request.user, meeting=meeting, **form.cleaned_data)
        except EditConflict as exc:
            conflict = cast(Minutes, exc.current)  # minutes_save claims the meeting's Minutes
            # Keep the user's text, but base the next save on the version now stored, so merging then
            # saving again succeeds (core.concurrency).
            form.data = form.data.copy()  # type: ignore[attr-defined]  # a bound form's data: a QueryDict
            form.data["version"] = conflict.version  # type: ignore[index]  # the copy is mutable
            form_error(form, exc)
        except ApplicationError as exc:
            form_error(form, exc)
        else:
            messages.success(request, _("The minutes were saved."))
            return redirect("meetings:minutes", pk=pk)
    return _render_minutes(request, meeting, minutes, form=form, conflict=conflict)


def _minutes_initial(meeting: Meeting, minutes: Minutes | None) -> dict[str, object]:
    """The form starts from the minutes' original text (translations are edited side by side elsewhere)."""
    if minutes is None:
        return {"version": 1, "original_language": meeting.original_language}
    return {"body": minutes.original_text("body"), "decisions": minutes.original_text("decisions"),
            "version": minutes.version, "original_language": minutes.original_language}


def _render_minutes(
    request: HttpRequest, meeting: Meeting, minutes: Minutes | None, *, form: MinutesForm,
    conflict: Minutes | None = None, action_form: FollowUpActionForm | None = None,
) -> HttpResponse:
    # simple_history puts a HistoryManager where the model class shows a HistoricalRecords.
    history = (
        minutes.history.select_related("history_user").order_by("-history_date")[:20]  # type: ignore[attr-defined]
        if minutes else []
    )
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
def minutes_approve(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    return _minutes_step(request, pk, services.minutes_approve, _("The minutes were approved."))


@require_http_methods(["GET", "POST"])
@secretariat_required
def minutes_publish(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """GET: what publishing does and who is told, with a button to confirm; POST: publish."""
    if request.method == "POST":
        return _minutes_step(request, pk, services.minutes_publish, _("The minutes were published."))
    meeting = _meeting(pk)
    minutes = Minutes.objects.filter(meeting=meeting).defer(*search.vector_fields()).first()
    if minutes is None or minutes.status != Minutes.Status.APPROVED or meeting.status != Meeting.Status.HELD:
        messages.error(request, _("Only approved minutes of a held meeting can be published."))
        return redirect("meetings:minutes", pk=pk)
    return render(request, "meetings/manage/minutes_publish.html", {
        "meeting": meeting, "minutes": minutes, "tab": "minutes",
        "audience": selectors.minutes_published_audience(meeting=meeting),
    })


def _minutes_step(
    request: AuthenticatedHttpRequest, pk: int, step: Callable[..., object], success: str
) -> HttpResponse:
    meeting = _meeting(pk)
    _attempt(request, lambda: step(actor=request.user, meeting=meeting), success=success)
    return redirect("meetings:minutes", pk=pk)


@secretariat_required
def minutes_version(request: AuthenticatedHttpRequest, pk: int, history_id: int) -> HttpResponse:
    meeting = _meeting(pk)
    minutes = get_object_or_404(Minutes, meeting=meeting)
    version = get_object_or_404(
        minutes.history.select_related("history_user"), history_id=history_id  # type: ignore[attr-defined]  # see above
    )
    return render(request, "meetings/manage/minutes_version.html",
                  {"meeting": meeting, "version": version, "tab": "minutes"})


@require_POST
@secretariat_required
def follow_up_create(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    meeting = _meeting(pk)
    form = FollowUpActionForm(request.POST)
    if form.is_valid():
        services.follow_up_action_create(actor=request.user, meeting=meeting, **form.cleaned_data)
        messages.success(request, _("The follow-up action was added."))
        return redirect("meetings:minutes", pk=pk)
    # Show the errors next to what was typed, with the minutes as they are.
    minutes = Minutes.objects.filter(meeting=meeting).first()
    return _render_minutes(request, meeting, minutes, form=MinutesForm(initial=_minutes_initial(meeting, minutes)),
                           action_form=form)


@require_POST
@secretariat_required
def follow_up_status(request: AuthenticatedHttpRequest, pk: int, action_pk: int) -> HttpResponse:
    action = get_object_or_404(FollowUpAction, pk=action_pk, meeting_id=pk)
    version = request.POST.get("version", "")
    _attempt(request, lambda: services.follow_up_action_set_status(
        actor=request.user, action=action, status=request.POST.get("status", ""),
        version=int(version) if version.isdigit() else None,
    ), success=_("The follow-up action was updated."))
    return redirect("meetings:minutes", pk=pk)


@require_http_methods(["GET", "POST"])
@secretariat_required
def minutes_withdraw(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """Withdraw published minutes, with a required reason (core.withdrawal)."""
    meeting = _meeting(pk)
    minutes = get_object_or_404(Minutes.all_objects, meeting=meeting, published_at__isnull=False)
    return withdraw_page(
        request, record=minutes, title=_("Minutes of %(meeting)s") % {"meeting": meeting.title},
        withdraw=lambda reason: services.minutes_withdraw(actor=request.user, meeting=meeting, reason=reason),
        done_url=_url("meetings:meeting-detail", pk), cancel_url=_url("meetings:minutes", pk),
        consequences=[_("the meeting stays public; its page says that the minutes were withdrawn, when and why;"),
                      _("withdrawn minutes cannot be written again;")],
    )
