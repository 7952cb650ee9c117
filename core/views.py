"""Helpers every app's views share: pagination of a list, a service's refusal on a form, HTMX requests.

No views live here (core has no URLs).
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.paginator import Page, Paginator
from django.db.models import QuerySet
from django.http import HttpRequest

from core.exceptions import ApplicationError

PAGE_SIZE = 20


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


def is_htmx(request: HttpRequest) -> bool:
    return bool(request.headers.get("HX-Request"))
