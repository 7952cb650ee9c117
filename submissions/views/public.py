"""Public pages: accepted submissions, open comment periods, statistics, and report files."""

from __future__ import annotations

from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from core.uploads import download_name, type_for_name
from core.views import paginate, private_file_response
from participants.permissions import sign_in_or_not_found
from submissions import selectors
from submissions.models import Submission


def public_list(request: HttpRequest) -> HttpResponse:
    kind = request.GET.get("kind", "")
    if kind not in Submission.Kind.values:
        kind = ""
    page, querystring = paginate(request, selectors.public_accepted_list(kind=kind), per_page=20)
    return render(request, "submissions/public_list.html", {
        "page": page, "querystring": querystring, "counts": selectors.public_counts(), "kind": kind,
        "kinds": Submission.Kind.choices, "open_periods": selectors.comment_periods_open()[:5],
    })


def public_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return render(request, "submissions/public_detail.html", {
        "submission": selectors.public_submission_get(pk=pk),
    })


def comment_periods(request: HttpRequest) -> HttpResponse:
    return render(request, "submissions/comment_periods.html", {"periods": selectors.comment_periods_open()})


def statistics(request: HttpRequest) -> HttpResponse:
    secretariat = bool(request.user.is_authenticated and request.user.is_secretariat)
    return render(request, "submissions/statistics.html", {
        "stats": selectors.statistics(public=not secretariat), "secretariat_view": secretariat,
    })


def document_download(request: HttpRequest, pk: int) -> HttpResponse | FileResponse:
    """Report files are private media: each download passes selectors.document_get_for_user (signed out: sign in
    first)."""
    try:
        submission = selectors.document_get_for_user(user=request.user, pk=pk)
    except Http404:
        return sign_in_or_not_found(request)
    content_type = submission.document_content_type or "application/octet-stream"
    filename = download_name(submission.document_name, content_type=content_type, fallback="report")
    return private_file_response(submission.document, filename=filename, content_type=content_type)


def period_document(request: HttpRequest, pk: int) -> FileResponse:
    period = selectors.comment_period_get(pk=pk)
    if not period.document:
        raise Http404
    document_type = type_for_name(period.document.name)  # type: ignore[arg-type]  # checked above: there is one
    content_type = document_type.content_type if document_type else "application/octet-stream"
    filename = download_name(period.subject_title, content_type=content_type, fallback="draft")
    return private_file_response(period.document, filename=filename, content_type=content_type)
