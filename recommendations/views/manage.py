from __future__ import annotations

import csv
import io
from typing import TYPE_CHECKING, cast

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from core.exceptions import ApplicationError
from core.views import form_error
from participants.permissions import AuthenticatedHttpRequest, secretariat_required
from recommendations import selectors, services
from recommendations.forms import BulkClassifyForm, ImportUploadForm, RecommendationForm, ReturnUpdateForm
from recommendations.importers import generic
from recommendations.models import ImportUpload

if TYPE_CHECKING:
    from openpyxl.worksheet.worksheet import Worksheet

PREVIEW_ROWS = 10


@require_http_methods(["GET", "POST"])
@secretariat_required
def recommendation_edit(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    recommendation = selectors.recommendation_get(pk=pk)
    form = RecommendationForm(request.POST or None, instance=recommendation)
    if request.method == "POST" and form.is_valid():
        try:
            services.recommendation_update(actor=request.user, recommendation=recommendation, data=form.cleaned_data)
        except ApplicationError as exc:
            form_error(form, exc)
        else:
            messages.success(request, _("The recommendation was saved."))
            return redirect("recommendations:recommendation-detail", pk=recommendation.pk)
    return render(request, "recommendations/recommendation_form.html", {"form": form, "recommendation": recommendation})


@require_POST
@secretariat_required
def bulk_classify(request: AuthenticatedHttpRequest) -> HttpResponse:
    form = BulkClassifyForm(request.POST)
    target = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}) or not target.startswith("/"):
        target = ""
    if form.is_valid():
        data = form.cleaned_data
        try:
            count = services.recommendation_bulk_classify(
                actor=request.user, recommendation_ids=[r.pk for r in data["recommendations"]], theme=data["theme"],
                agency=data["agency"], road_map=data["road_map"], status=data["status"],
            )
        except ApplicationError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, _("%(count)s recommendations were classified.") % {"count": count})
    else:
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)  # type: ignore[arg-type]  # an ErrorList yields its messages
    return redirect(target or "recommendations:tracker")


@require_http_methods(["GET", "POST"])
@secretariat_required
def import_upload(request: AuthenticatedHttpRequest) -> HttpResponse:
    form = ImportUploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = services.import_upload_create(
            actor=request.user, file=form.cleaned_data["file"], format=form.cleaned_data["format"],
            encoding=form.cleaned_data["encoding"], cycle=form.cleaned_data["cycle"],
        )
        return redirect("recommendations:import-preview", token=upload.token)
    return render(request, "recommendations/import_upload.html", {"form": form})


def _upload_for(request: AuthenticatedHttpRequest, token: str) -> ImportUpload:
    upload = ImportUpload.objects.filter(token=token, uploaded_by=request.user).first()
    if upload is None:
        raise Http404
    return upload


@require_http_methods(["GET", "POST"])
@secretariat_required
def import_preview(request: AuthenticatedHttpRequest, token: str) -> HttpResponse:
    """Upload -> preview (counts, first rows, or the first error) -> confirm. Nothing is written before confirm."""
    summary: services.ImportSummary | None
    upload = _upload_for(request, token)
    if upload.imported_at is not None:
        messages.info(request, _("This file has already been imported."))
        return redirect("recommendations:tracker")
    if request.method == "POST":
        try:
            summary = services.import_upload_confirm(actor=request.user, upload=upload)
        except ApplicationError as exc:
            messages.error(request, exc.message)
            return redirect("recommendations:import-preview", token=token)
        messages.success(request, _("%(created)s recommendations were imported; %(existing)s were already there.")
                         % {"created": summary.created, "existing": summary.existing})
        return redirect("recommendations:tracker")
    summary, error = None, None
    try:
        summary = services.recommendation_import(
            raw=bytes(upload.content), format=upload.format, actor=request.user, filename=upload.filename,
            encoding=upload.encoding or None, cycle=upload.cycle, dry_run=True,
        )
    except ApplicationError as exc:
        error = exc.message
    return render(request, "recommendations/import_preview.html", {
        "upload": upload, "summary": summary, "error": error,
        "first_rows": summary.new_rows[:PREVIEW_ROWS] if summary else [],
    })


@secretariat_required
def import_template(request: AuthenticatedHttpRequest, fmt: str) -> HttpResponse:
    """The generic import template (docs/import-format.md) with two example rows."""
    if fmt not in ("csv", "xlsx"):
        raise Http404
    rows = generic.template_rows()
    if fmt == "csv":
        buffer = io.StringIO()
        csv.writer(buffer).writerows(rows)
        response = HttpResponse(buffer.getvalue().encode("utf-8"), content_type="text/csv; charset=utf-8")
    else:
        from openpyxl import Workbook

        workbook = Workbook()
        sheet = cast("Worksheet", workbook.active)  # a new workbook has its one sheet
        sheet.title = "recommendations"
        for row in rows:
            sheet.append(row)
        out = io.BytesIO()
        workbook.save(out)
        response = HttpResponse(
            out.getvalue(), content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        )
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
    try:
        services.progress_update_approve(actor=request.user, update=update)
    except ApplicationError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("The update is approved and now public."))
    return redirect("recommendations:progress-queue")


@require_POST
@secretariat_required
def progress_reject(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    update = selectors.progress_update_get_pending(pk=pk)
    form = ReturnUpdateForm(request.POST)
    try:
        if not form.is_valid():
            raise ApplicationError(_("Tell the focal point why the update is returned."))
        services.progress_update_reject(actor=request.user, update=update, note=form.cleaned_data["note"])
    except ApplicationError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("The update was returned to its author."))
    return redirect("recommendations:progress-queue")
