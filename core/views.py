"""Helpers every app's views share: pagination of a list, a service's refusal on a form or as the page's message,
HTMX requests, private files.

No views live here (core has no URLs).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from django import forms
from django.contrib import messages
from django.core.paginator import Page, Paginator
from django.db.models import QuerySet
from django.db.models.fields.files import FieldFile
from django.http import FileResponse, Http404, HttpRequest

from core.exceptions import ApplicationError

PAGE_SIZE = 20
R = TypeVar("R")


def paginate(
    request: HttpRequest, qs: QuerySet[Any] | list[Any], per_page: int = PAGE_SIZE, param: str = "page"
) -> tuple[Page[Any], str]:
    """The requested page and the query string of the filters, for templates/includes/pagination.html.

    `param` names the page parameter when one page shows several lists; the others' pages stay put.
    """
    page = Paginator(qs, per_page).get_page(request.GET.get(param))
    query = request.GET.copy()
    query.pop(param, None)
    return page, query.urlencode()


def form_error(form: forms.BaseForm, exc: ApplicationError) -> None:
    """Show a service's refusal next to the field it concerns, or above the form."""
    if exc.field and exc.field in form.fields:
        form.add_error(exc.field, exc.message)
    else:
        form.add_error(None, exc.message)


def run_service(
    request: HttpRequest, call: Callable[[], R], *, success: str | Callable[[R], str] | None = None,
) -> bool:
    """One service call behind a button, with no form to show a refusal on: the refusal (ApplicationError) is the
    page's error message, and on success `success` (a text, or made from what the service returned) its success
    message. True when the service succeeded; the view redirects either way."""
    try:
        result = call()
    except ApplicationError as exc:
        messages.error(request, exc.message)
        return False
    if success is not None:
        messages.success(request, success(result) if callable(success) else success)
    return True


def is_htmx(request: HttpRequest) -> bool:
    return bool(request.headers.get("HX-Request"))


def private_file_response(file: FieldFile, *, filename: str, content_type: str) -> FileResponse:
    """Stream a file of the private store (core.uploads) once the view has checked who may have it.

    Always an attachment of the type the upload checker detected: a browser never renders it as a page.
    """
    try:
        handle = file.open("rb")
    except (FileNotFoundError, ValueError) as exc:
        # The row outlived its file (a restore without the private folder): "not found", not a 500.
        raise Http404 from exc
    response = FileResponse(
        handle, as_attachment=True, filename=filename, content_type=content_type or "application/octet-stream"
    )
    response["Cache-Control"] = "private, no-store"
    return response
