"""The secretariat's moderation queue, one submission's review page, and comment periods."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods, require_POST

from core.concurrency import Refused, save_form
from core.exceptions import ApplicationError
from core.views import form_error, paginate, run_service
from participants.permissions import AuthenticatedHttpRequest, secretariat_required
from submissions import selectors, services
from submissions.forms import (
    AssignForm,
    BulkForm,
    CommentPeriodForm,
    ConvertActionForm,
    ConvertAgendaForm,
    DecisionForm,
    NoteForm,
    QueueFilterForm,
)
from submissions.models import Submission

# The moderation queue and the comment periods list.
PAGE_SIZE = 25


@secretariat_required
def queue(request: AuthenticatedHttpRequest) -> HttpResponse:
    form = QueueFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    submissions = selectors.moderation_queue(
        kind=filters.get("kind", ""), status=filters.get("status", ""), theme=filters.get("theme"),
        organization=filters.get("organization"), reviewer=filters.get("reviewer"), month=filters.get("month"),
    )
    page, querystring = paginate(request, submissions, per_page=PAGE_SIZE)
    counts = selectors.queue_counts()
    return render(request, "submissions/moderation/queue.html", {
        "form": form, "page": page, "querystring": querystring, "bulk_form": BulkForm(),
        "waiting": counts.get("submitted", 0), "reviewing": counts.get("under_review", 0),
        "back": request.get_full_path(),
    })


@require_POST
@secretariat_required
def bulk(request: AuthenticatedHttpRequest) -> HttpResponse:
    form = BulkForm(request.POST)
    back = request.POST.get("next", "")
    target = back if back.startswith(reverse("submissions:queue")) else reverse("submissions:queue")
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)  # type: ignore[arg-type]  # an ErrorList yields its messages
        return redirect(target)
    result = services.submission_bulk(
        actor=request.user, submissions=form.cleaned_data["ids"], action=form.cleaned_data["action"],
        reviewer=form.cleaned_data.get("reviewer"), reason=form.cleaned_data.get("reason", ""),
    )
    if result.done:
        messages.success(request, ngettext("%(count)d submission done.", "%(count)d submissions done.", result.done)
                         % {"count": result.done})
    for submission, reason in result.refused:
        messages.warning(request, _("“%(title)s”: %(reason)s") % {"title": submission.title, "reason": reason})
    return redirect(target)


def _moderate_context(pk: int, **forms: object) -> dict[str, object]:
    submission = selectors.submission_get_for_moderation(pk=pk)
    return {
        "submission": submission,
        "duplicates": selectors.possible_duplicates(submission=submission),
        "assign_form": forms.get("assign_form") or AssignForm(initial={"reviewer": submission.reviewer_id}),
        "note_form": forms.get("note_form") or NoteForm(),
        "decision_form": forms.get("decision_form") or DecisionForm(),
        "agenda_form": forms.get("agenda_form") or ConvertAgendaForm(initial={"meeting": submission.meeting_id}),
        "action_form": forms.get("action_form") or ConvertActionForm(initial={"road_map": submission.road_map_id}),
    }


@secretariat_required
def moderate(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    return render(request, "submissions/moderation/moderate.html", _moderate_context(pk))


def _step(
    request: HttpRequest, pk: int, form_class: type[forms.Form] | None, form_name: str,
    call: Callable[[Submission, dict[str, Any]], object], done: str,
) -> HttpResponse:
    """Validate one moderation form, call its service; on refusal show the page with the message by the field."""
    form = form_class(request.POST) if form_class else None
    submission = selectors.submission_get_for_moderation(pk=pk)
    if form is None or form.is_valid():
        try:
            call(submission, form.cleaned_data if form else {})
        except ApplicationError as exc:
            if form is None:
                messages.error(request, exc.message)
                return redirect("submissions:moderate", pk=pk)
            if exc.field and exc.field in form.fields:
                form_error(form, exc)
            else:
                # A refusal about the submission's state (withdrawn meanwhile, decided by a colleague): the page
                # is shown in its new state, where this form may no longer be, so the message heads the page.
                messages.error(request, exc.message)
        else:
            messages.success(request, done)
            return redirect("submissions:moderate", pk=pk)
    return render(request, "submissions/moderation/moderate.html", _moderate_context(pk, **{form_name: form}),
                  status=400)


@require_POST
@secretariat_required
def assign(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    return _step(request, pk, AssignForm, "assign_form", lambda s, d: services.submission_assign(
        actor=request.user, submission=s, reviewer=d["reviewer"]), _("The reviewer is assigned."))


@require_POST
@secretariat_required
def start_review(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    return _step(request, pk, None, "", lambda s, d: services.submission_start_review(
        actor=request.user, submission=s), _("The review has started; the NGO can no longer edit it."))


@require_POST
@secretariat_required
def note(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    return _step(request, pk, NoteForm, "note_form", lambda s, d: services.submission_note_add(
        actor=request.user, submission=s, note=d["note"]), _("The internal note is saved."))


@require_POST
@secretariat_required
def decide(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    return _step(request, pk, DecisionForm, "decision_form", lambda s, d: services.submission_decide(
        actor=request.user, submission=s, status=d["status"], public_answer=d["public_answer"],
        internal_note=d.get("internal_note", "")), _("The decision is recorded and the NGO is told by e-mail."))


@require_POST
@secretariat_required
def convert_agenda(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    return _step(request, pk, ConvertAgendaForm, "agenda_form", lambda s, d: services.submission_convert_to_agenda_item(
        actor=request.user, submission=s, meeting=d["meeting"]), _("The submission is on the meeting's agenda."))


@require_POST
@secretariat_required
def convert_recommendation(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    return _step(request, pk, None, "", lambda s, d: services.submission_convert_to_recommendation(
        actor=request.user, submission=s), _("The submission is now a recommendation in the tracker."))


@require_POST
@secretariat_required
def convert_action(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    return _step(request, pk, ConvertActionForm, "action_form", lambda s, d: services.submission_convert_to_action(
        actor=request.user, submission=s, road_map=d["road_map"], deadline=d.get("deadline")),
        _("The submission is now a road-map action."))


# --- Comment periods ----------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
@secretariat_required
def period_manage(request: AuthenticatedHttpRequest) -> HttpResponse:
    form = CommentPeriodForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        period = save_form(form, lambda: services.comment_period_open(actor=request.user, **form.cleaned_data))
        if not isinstance(period, Refused):
            messages.success(request, _("The comment period is saved."))
            return redirect("submissions:period-manage")
    page, querystring = paginate(request, selectors.comment_period_manage_list(), per_page=PAGE_SIZE)
    return render(request, "submissions/moderation/periods.html", {
        "form": form, "page": page, "querystring": querystring,
    }, status=400 if form.errors else 200)


@require_POST
@secretariat_required
def period_close(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    period = selectors.comment_period_get(pk=pk)
    run_service(request, lambda: services.comment_period_close(actor=request.user, period=period),
                success=_("The comment period is closed."))
    return redirect("submissions:period-manage")
