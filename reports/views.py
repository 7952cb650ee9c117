"""Views of the reports app: the public registry and the secretariat's tools (not the admin)."""

from __future__ import annotations

from django.contrib import messages
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from core.concurrency import Refused, save_form
from core.uploads import download_name
from core.views import paginate, private_file_response, run_service
from core.withdrawal import withdraw_page
from participants.permissions import AuthenticatedHttpRequest, secretariat_required, sign_in_or_not_found
from reports import selectors, services
from reports.forms import (
    CommentPeriodForm,
    DigestBuildForm,
    DocumentForm,
    ReportFilterForm,
    ReportForm,
    VersionForm,
)
from reports.models import ReportDocument
from reports.rendering import digest_context

# --- Public -------------------------------------------------------------------------------------


@require_http_methods(["GET"])
def report_list(request: HttpRequest) -> HttpResponse:
    form = ReportFilterForm(request.GET or None, years=selectors.report_years())
    filters = form.cleaned_data if form.is_valid() else {}
    mechanism = filters.get("mechanism")
    reports = selectors.report_list_for_user(
        user=request.user, kind=filters.get("kind") or "", mechanism=mechanism.pk if mechanism else None,
        year=filters.get("year"),
    )
    page, querystring = paginate(request, reports)
    return render(request, "reports/report_list.html", {"form": form, "page": page, "querystring": querystring})


@require_http_methods(["GET"])
def report_detail(request: HttpRequest, pk: int) -> HttpResponse:
    report = selectors.report_get_for_user(user=request.user, pk=pk)
    versions = selectors.report_versions_for_user(user=request.user, report=report)
    return render(request, "reports/report_detail.html",
                  {"report": report, "versions": versions, **digest_context(report)})


@require_http_methods(["GET"])
def document_download(request: HttpRequest, pk: int) -> HttpResponse | FileResponse:
    """Report files are never public media: each download passes this permission check (signed out: sign in first)."""
    try:
        document = selectors.document_get_for_user(user=request.user, pk=pk)
    except Http404:
        return sign_in_or_not_found(request)
    if document.withdrawn_at is not None and not getattr(request.user, "is_secretariat", False):
        # 410 Gone, saying when and why (core.withdrawal); the secretariat keeps the file for the record.
        return render(request, "core/withdrawn.html", {
            "record": document, "title": document.title,
            "back_url": reverse("reports:report-detail", args=[document.version.report_id]),
        }, status=410)
    filename = download_name(document.title, content_type=document.content_type)
    return private_file_response(document.file, filename=filename, content_type=document.content_type)


# --- Secretariat --------------------------------------------------------------------------------


def _report_initial(report: object) -> dict[str, object]:
    return {name: getattr(report, name) for name in ReportForm.base_fields}


@require_http_methods(["GET", "POST"])
@secretariat_required
def report_edit(request: AuthenticatedHttpRequest, pk: int | None = None) -> HttpResponse:
    report = selectors.report_get_for_edit(pk=pk) if pk else None
    if report is not None and report.is_generated:
        messages.info(request, _("Digests and annual reports are built by the portal, not edited by hand."))
        return redirect("reports:report-detail", pk=report.pk)
    form = ReportForm(request.POST or None, initial=_report_initial(report) if report else None)
    conflict = None
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        version = data.pop("version")
        saved = save_form(
            form, lambda: services.report_create(actor=request.user, **data) if report is None
            else services.report_update(actor=request.user, report=report, version=version, **data),
            theirs=lambda exc: _report_initial(exc.current),
        )
        if not isinstance(saved, Refused):
            messages.success(request, _("The report was saved."))
            return redirect("reports:report-detail", pk=saved.pk)
        conflict = saved.conflict
    return render(request, "reports/report_form.html", {"form": form, "report": report, "conflict": conflict})


@require_POST
@secretariat_required
def report_publish(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    report = selectors.report_get_for_edit(pk=pk)
    if request.POST.get("action") == "unpublish":
        run_service(request, lambda: services.report_unpublish(actor=request.user, report=report),
                    success=_("The report is a draft again: only the secretariat sees it."))
    else:
        run_service(request, lambda: services.report_publish(actor=request.user, report=report),
                    success=_("The report is published."))
    return redirect("reports:report-detail", pk=pk)


@require_http_methods(["GET", "POST"])
@secretariat_required
def version_create(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    report = selectors.report_get_for_edit(pk=pk)
    form = VersionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        version = save_form(form, lambda: services.version_create(actor=request.user, report=report,
                                                                  **form.cleaned_data))
        if not isinstance(version, Refused):
            messages.success(request, _("Version %(number)d was added. Now upload its documents.")
                             % {"number": version.number})
            return redirect("reports:document-upload", pk=version.pk)
    return render(request, "reports/version_form.html", {"form": form, "report": report})


@require_http_methods(["GET", "POST"])
@secretariat_required
def document_upload(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    version = selectors.version_get(pk=pk)
    form = DocumentForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        saved = save_form(form, lambda: services.document_create(actor=request.user, version=version,
                                                                 **form.cleaned_data))
        if not isinstance(saved, Refused):
            messages.success(request, _("The document was uploaded."))
            return redirect("reports:document-upload", pk=pk)
    return render(request, "reports/document_form.html", {
        "form": form, "version": version, "report": version.report,
        # Withdrawn ones too, with who, when and why: nothing published leaves without a trace.
        "documents": ReportDocument.all_objects.filter(version=version).select_related("withdrawn_by").order_by("pk"),
    })


@require_POST
@secretariat_required
def document_delete(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    document = selectors.document_get_for_user(user=request.user, pk=pk)
    run_service(request, lambda: services.document_delete(actor=request.user, document=document),
                success=_("The document was deleted."))
    return redirect("reports:document-upload", pk=document.version_id)


@require_http_methods(["GET", "POST"])
@secretariat_required
def document_withdraw(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """Withdraw a document of a published report, with a required reason (core.withdrawal)."""
    document = get_object_or_404(ReportDocument.all_objects.select_related("version"), pk=pk)
    url = reverse("reports:document-upload", args=[document.version_id])
    return withdraw_page(
        request, record=document, title=document.title,
        withdraw=lambda reason: services.document_withdraw(actor=request.user, document=document, reason=reason),
        done_url=url, cancel_url=url,
        consequences=[_("its link answers that the document was withdrawn, when and why; the file is kept;")],
    )


@require_http_methods(["GET", "POST"])
@secretariat_required
def digest_build(request: AuthenticatedHttpRequest) -> HttpResponse:
    """"Build now": the same service the quarterly task runs, in this request, so errors show on the form."""
    form = DigestBuildForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        report = save_form(form, lambda: services.digest_build(actor=request.user, **form.cleaned_data))
        if not isinstance(report, Refused):
            messages.success(request, _("The report was built and published."))
            return redirect("reports:report-detail", pk=report.pk)
    return render(request, "reports/digest_build.html", {"form": form})


@require_http_methods(["GET", "POST"])
@secretariat_required
def comment_period_open(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """Open NGO commenting on a draft version (a comment period of the submissions app)."""
    version = selectors.version_get(pk=pk)
    form = CommentPeriodForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        period = save_form(form, lambda: services.version_comment_period_open(actor=request.user, version=version,
                                                                              **form.cleaned_data))
        if not isinstance(period, Refused):
            messages.success(request, _("The comment period is set: NGOs can comment while it is open."))
            return redirect("reports:report-detail", pk=version.report_id)
    return render(request, "reports/comment_period_form.html", {"form": form, "version": version,
                                                                "report": version.report})
