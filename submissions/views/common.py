from __future__ import annotations

from django import forms
from django.conf import settings
from django.core.paginator import Page, Paginator
from django.db.models import QuerySet
from django.http import HttpRequest
from django_ratelimit.core import is_ratelimited

from core.exceptions import ApplicationError

PAGE_SIZE = 25


def paginate(request: HttpRequest, qs: QuerySet | list, per_page: int = PAGE_SIZE) -> tuple[Page, str]:
    """The requested page and the query string of the filters, for templates/includes/pagination.html."""
    page = Paginator(qs, per_page).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return page, query.urlencode()


def form_error(form: forms.Form, exc: ApplicationError) -> None:
    """Show a service's refusal next to the field it concerns, or above the form."""
    if exc.field and exc.field in form.fields:
        form.add_error(exc.field, exc.message)
    else:
        form.add_error(None, exc.message)


def submitting_too_fast(request: HttpRequest) -> bool:
    """Per-person and per-address limits on new submissions (django-ratelimit counters in the shared cache).

    Both counters advance on every attempt, so one person cannot dodge the address limit from many accounts,
    nor the person limit from many addresses.
    """
    by_user = is_ratelimited(request, group="submissions.submit", key="user", rate=settings.SUBMISSIONS_RATE_PER_USER,
                             method="POST", increment=True)
    by_ip = is_ratelimited(request, group="submissions.submit", key="ip", rate=settings.SUBMISSIONS_RATE_PER_IP,
                           method="POST", increment=True)
    return by_user or by_ip
