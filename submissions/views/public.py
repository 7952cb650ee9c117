"""Public pages: accepted submissions, open comment periods, statistics, and report files."""

from __future__ import annotations

from typing import cast

from django.db.models.fields.files import FieldFile
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from core.views import paginate
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


def _stream(file_field: FieldFile, filename: str, content_type: str) -> FileResponse:
    try:
        handle = file_field.open("rb")
    except FileNotFoundError as exc:
        raise Http404 from exc
    response = FileResponse(handle, as_attachment=True, filename=filename, content_type=content_type)
    response["Cache-Control"] = "private, no-store"
    return response


def document_download(request: HttpRequest, pk: int) -> FileResponse:
    """Report files are private media: each download passes selectors.document_get_for_user."""
    submission = selectors.document_get_for_user(user=request.user, pk=pk)
    return _stream(submission.document, submission.document_name or "report",
                   submission.document_content_type or "application/octet-stream")


def period_document(request: HttpRequest, pk: int) -> FileResponse:
    period = selectors.comment_period_get(pk=pk)
    if not period.document:
        raise Http404
    stored_name = cast(str, period.document.name)  # not empty: checked above
    return _stream(period.document, stored_name.rsplit("/", 1)[-1], "application/octet-stream")
