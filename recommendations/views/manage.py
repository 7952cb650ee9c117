from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from core import tabular
from core.concurrency import Refused, form_initial, save_form
from core.views import is_htmx, run_service
from participants.permissions import AuthenticatedHttpRequest, secretariat_required
from recommendations import selectors, services
from recommendations.forms import BulkClassifyForm, ImportUploadForm, RecommendationForm, ReturnUpdateForm
from recommendations.importers import generic


@require_http_methods(["GET", "POST"])
@secretariat_required
def recommendation_edit(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    recommendation = selectors.recommendation_get(pk=pk)
    if recommendation.withdrawn_at is not None:
        messages.error(request, _("A withdrawn recommendation can no longer be edited."))
        return redirect("recommendations:recommendation-detail", pk=pk)
    form = RecommendationForm(request.POST or None, instance=recommendation)
    conflict = None
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        version = data.pop("version")
        saved = save_form(
            form, lambda: services.recommendation_update(actor=request.user, recommendation=recommendation, data=data,
                                                         version=version),
            theirs=lambda _conflict: form_initial(RecommendationForm, instance=selectors.recommendation_get(pk=pk)),
        )
        if not isinstance(saved, Refused):
            messages.success(request, _("The recommendation was saved."))
            return redirect("recommendations:recommendation-detail", pk=recommendation.pk)
        conflict = saved.conflict
    return render(request, "recommendations/recommendation_form.html", {"form": form, "recommendation": recommendation,
                                                                         "conflict": conflict})


@require_POST
@secretariat_required
def bulk_classify(request: AuthenticatedHttpRequest) -> HttpResponse:
    form = BulkClassifyForm(request.POST)
    target = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}) or not target.startswith("/"):
        target = ""
    if form.is_valid():
        data = form.cleaned_data
        run_service(request, lambda: services.recommendation_bulk_classify(
            actor=request.user, recommendation_ids=[r.pk for r in data["recommendations"]], theme=data["theme"],
            agency=data["agency"], road_map=data["road_map"], status=data["status"],
        ), success=lambda count: _("%(count)s recommendations were classified.") % {"count": count})
    else:
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)  # type: ignore[arg-type]  # an ErrorList yields its messages
    return redirect(target or "recommendations:tracker")


@require_http_methods(["GET", "POST"])
@secretariat_required
def import_upload(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Upload -> the check runs as a job (the preview) -> confirm -> the import runs as a job. See import_job."""
    form = ImportUploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        job = save_form(form, lambda: services.import_job_create(
            actor=request.user, file=form.cleaned_data["file"], format=form.cleaned_data["format"],
            encoding=form.cleaned_data["encoding"], cycle=form.cleaned_data["cycle"],
        ))
        if not isinstance(job, Refused):
            return redirect("recommendations:import-job", token=job.token)
    return render(request, "recommendations/import_upload.html", {
        "form": form, "jobs": selectors.import_job_list_for_user(user=request.user),
    })


@require_http_methods(["GET", "POST"])
@secretariat_required
def import_job(request: AuthenticatedHttpRequest, token: str) -> HttpResponse:
    """One import: its progress while a task works on it, then the preview to confirm, then the outcome.

    With htmx the progress part polls this URL; without JavaScript the person reloads the page (a link says so).
    POST queues the import of a checked file (or again, after a failure); repeating it changes nothing.
    """
    job = selectors.import_job_get_for_user(user=request.user, token=token)
    if request.method == "POST":
        run_service(request, lambda: services.import_job_confirm(actor=request.user, job=job))
        return redirect("recommendations:import-job", token=job.token)
    stale = services.import_job_is_stale(job)
    context = {"job": job, "stale": stale, "progress": services.import_job_progress(job=job)}
    if is_htmx(request):
        response = render(request, "recommendations/partials/import_progress.html", context)
        if not job.is_running or stale:
            # Finished: the whole page shows the outcome (tables, buttons), not the polling part.
            response["HX-Refresh"] = "true"
        return response
    return render(request, "recommendations/import_job.html", context)


@secretariat_required
def import_template(request: AuthenticatedHttpRequest, fmt: str) -> HttpResponse:
    """The generic import template (docs/import-format.md) with two example rows."""
    if fmt not in ("csv", "xlsx"):
        raise Http404
    rows = generic.template_rows()
    if fmt == "csv":
        # No byte order mark: the template is read back by our importer and by scripts, which do not expect one.
        body = "".join(tabular.csv_chunks(None, rows, bom=False)).encode("utf-8")
        response = HttpResponse(body, content_type=tabular.CSV_CONTENT_TYPE)
    else:
        workbook = tabular.XlsxWriter()
        workbook.sheet("recommendations")
        for row in rows:
            workbook.write(row)
        response = HttpResponse(workbook.to_bytes(), content_type=tabular.XLSX_CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="recommendations-template.{fmt}"'
    return response


@secretariat_required
def progress_queue(request: AuthenticatedHttpRequest) -> HttpResponse:
    return render(request, "recommendations/progress_queue.html", {
        "updates": selectors.progress_update_queue(), "return_form": ReturnUpdateForm(),
    })


@require_POST
@secretariat_required
def progress_approve(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    update = selectors.progress_update_get_pending(pk=pk)
    run_service(request, lambda: services.progress_update_approve(actor=request.user, update=update),
                success=_("The update is approved and now public."))
    return redirect("recommendations:progress-queue")


@require_POST
@secretariat_required
def progress_reject(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    update = selectors.progress_update_get_pending(pk=pk)
    form = ReturnUpdateForm(request.POST)
    if form.is_valid():
        run_service(request, lambda: services.progress_update_reject(actor=request.user, update=update,
                                                                     note=form.cleaned_data["note"]),
                    success=_("The update was returned to its author."))
    else:
        messages.error(request, _("Tell the focal point why the update is returned."))
    return redirect("recommendations:progress-queue")
