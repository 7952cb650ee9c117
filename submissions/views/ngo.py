"""The NGO representative's pages: new submissions of each kind, drafts, "my submissions" and the timeline."""

from __future__ import annotations

from typing import cast

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from core.concurrency import Refused, save_form
from core.exceptions import ApplicationError
from core.views import paginate, run_service
from participants.models import Organization, User
from participants.permissions import AuthenticatedHttpRequest, role_required
from submissions import selectors, services
from submissions.forms import FORMS, ShadowReportForm, SubmissionForm
from submissions.models import Submission
from submissions.views.common import submitting_too_fast

ngo_required = role_required(User.Role.NGO)


def _organization(user: User) -> Organization:
    try:
        return services.organization_for_submitter(user)
    except ApplicationError as exc:
        # Signed in but speaking for no NGO (e.g. a superuser): nothing here is theirs.
        raise PermissionDenied(exc.message) from exc


def _keep_upload(form: SubmissionForm) -> None:
    if isinstance(form, ShadowReportForm):
        form.keep_valid_upload()


def _render_form(request: HttpRequest, form: SubmissionForm, kind: str, submission: Submission | None = None,
                 status: int = 200, conflict: object = None) -> HttpResponse:
    return render(request, "submissions/submission_form.html", {
        "form": form, "kind": kind, "kind_label": Submission.Kind(kind).label, "submission": submission,
        "kept_upload": getattr(form, "kept_upload", None), "conflict": conflict,
    }, status=status)


def _after_save(request: AuthenticatedHttpRequest, submission: Submission, *, created: bool = True) -> HttpResponse:
    """Send on if the person asked to submit; otherwise the draft is saved."""
    if not created and submission.status != Submission.Status.DRAFT:
        # The second click of a double-click: the first one already did the work.
        messages.info(request, _("This submission was already sent; nothing was added."))
        return redirect("submissions:detail", pk=submission.pk)
    if request.POST.get("intent") != "submit":
        messages.success(request, _("Your draft is saved. You can come back to it until you submit it."))
        return redirect("submissions:detail", pk=submission.pk)
    if selectors.possible_duplicates(submission=submission):
        return redirect("submissions:confirm", pk=submission.pk)
    return _submit(request, submission)


def _submit(request: AuthenticatedHttpRequest, submission: Submission) -> HttpResponse:
    if not run_service(
        request, lambda: services.submission_submit(actor=request.user, submission=submission),
        success=_("Your submission was sent to the secretariat. You will be told of each step by e-mail."),
    ):
        return redirect("submissions:edit", pk=submission.pk)
    return redirect("submissions:detail", pk=submission.pk)


@ngo_required
def submission_new(request: AuthenticatedHttpRequest) -> HttpResponse:
    _organization(request.user)
    return render(request, "submissions/submission_new.html", {
        "kinds": Submission.Kind.choices, "open_periods": selectors.comment_periods_open()[:10],
    })


@require_http_methods(["GET", "POST"])
@ngo_required
def submission_create(request: AuthenticatedHttpRequest, kind: str) -> HttpResponse:
    form_class = FORMS.get(kind)
    if form_class is None:
        raise Http404
    _organization(request.user)
    initial = {}
    if kind == Submission.Kind.COMMENT and request.GET.get("period", "").isdigit():
        initial["comment_period"] = int(request.GET["period"])
    form = form_class(request.POST or None, request.FILES or None, user=request.user, initial=initial)
    if request.method == "POST":
        if submitting_too_fast(request):
            form.is_valid()
            _keep_upload(form)
            form.add_error(None, _("You have sent many submissions in a short time. Please wait an hour and try "
                                   "again; what you typed is still here."))
            return _render_form(request, form, kind, status=429)
        if form.is_valid():
            outcome = save_form(form, lambda: services.submission_create(
                actor=request.user, kind=kind, data=form.to_data(), form_token=form.cleaned_data.get("form_token"),
            ))
            if not isinstance(outcome, Refused):
                submission, created = outcome
                return _after_save(request, submission, created=created)
        _keep_upload(form)
    return _render_form(request, form, kind)


@require_http_methods(["GET", "POST"])
@ngo_required
def submission_edit(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    submission = selectors.submission_get_for_submitter(user=request.user, pk=pk)
    if not submission.is_editable:
        messages.error(request, _("This submission can no longer be edited: its review has started."))
        return redirect("submissions:detail", pk=pk)
    form = FORMS[submission.kind](request.POST or None, request.FILES or None, user=request.user,
                                  submission=submission)
    conflict = None
    if request.method == "POST":
        if form.is_valid():
            # A colleague's save meanwhile is a conflict: what was typed is kept, theirs is shown beside it.
            saved = save_form(form, lambda: services.submission_update(
                actor=request.user, submission=submission, data=form.to_data(),
                version=form.cleaned_data.get("version"),
            ), theirs=lambda exc: form.initial_from(cast(Submission, exc.current)))  # submission_update claims it
            if not isinstance(saved, Refused):
                submission.refresh_from_db()
                if submission.status == Submission.Status.SUBMITTED:
                    messages.success(request, _("Your changes are saved."))
                    return redirect("submissions:detail", pk=pk)
                return _after_save(request, submission)
            conflict = saved.conflict
        _keep_upload(form)
    return _render_form(request, form, submission.kind, submission, conflict=conflict)


@require_http_methods(["GET"])
@ngo_required
def submission_confirm(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    submission = selectors.submission_get_for_submitter(user=request.user, pk=pk)
    if submission.status != Submission.Status.DRAFT:
        return redirect("submissions:detail", pk=pk)
    return render(request, "submissions/submission_confirm.html", {
        "submission": submission, "duplicates": selectors.possible_duplicates(submission=submission),
    })


@require_POST
@ngo_required
def submission_submit(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    submission = selectors.submission_get_for_submitter(user=request.user, pk=pk)
    if submission.status != Submission.Status.DRAFT:
        messages.info(request, _("This submission was already sent; nothing was added."))
        return redirect("submissions:detail", pk=pk)
    if submitting_too_fast(request):
        messages.error(request, _("You have sent many submissions in a short time. Please wait an hour and try "
                                  "again; your draft is kept."))
        return redirect("submissions:detail", pk=pk)
    if not request.POST.get("confirm_duplicate") and selectors.possible_duplicates(submission=submission):
        return redirect("submissions:confirm", pk=pk)
    return _submit(request, submission)


@require_POST
@ngo_required
def submission_withdraw(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    submission = selectors.submission_get_for_submitter(user=request.user, pk=pk)
    run_service(request, lambda: services.submission_withdraw(actor=request.user, submission=submission),
                success=_("The submission was withdrawn."))
    return redirect("submissions:detail", pk=pk)


@ngo_required
def my_submissions(request: AuthenticatedHttpRequest) -> HttpResponse:
    organization = _organization(request.user)
    status = request.GET.get("status", "")
    if status not in Submission.Status.values:
        status = ""
    page, querystring = paginate(
        request, selectors.submission_list_for_organization(organization=organization, status=status), per_page=10
    )
    return render(request, "submissions/my_submissions.html", {
        "page": page, "querystring": querystring, "organization": organization, "status": status,
        "statuses": Submission.Status.choices,
    })


@ngo_required
def submission_detail(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    submission = selectors.submission_get_for_submitter(user=request.user, pk=pk)
    return render(request, "submissions/submission_detail.html", {"submission": submission})
