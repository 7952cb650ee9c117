"""Helpers every page of the secretariat shares: loading a meeting, list filters, one service call per POST."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import messages
from django.http import HttpRequest
from django.shortcuts import get_object_or_404

from core.concurrency import EditConflict
from core.exceptions import ApplicationError
from core.views import form_error
from meetings.models import Meeting


def _meeting(pk: int) -> Meeting:
    return get_object_or_404(Meeting.objects.select_related("subgroup"), pk=pk)


def _choice(request: HttpRequest, name: str, allowed: list[str]) -> str:
    """A list filter from the query string; an unknown value means "no filter", never an error page."""
    value = request.GET.get(name, "")
    return value if value in allowed else ""


def _attempt(
    request: HttpRequest, call: Callable[[], Any], *, success: str | Callable[[Any], str],
    form: forms.BaseForm | None = None,
) -> tuple[bool, Any]:
    """Run one service call. A refusal (ApplicationError) is shown next to the form's field, or as a page
    message when there is no form; a success flashes `success` (a text, or built from the call's result).
    Returns (succeeded, result): the caller redirects on success and re-renders the form otherwise. An
    EditConflict on a form propagates: a form that edits a versioned record saves through
    core.concurrency.save_form instead, which shows the merge screen."""
    try:
        result = call()
    except ApplicationError as exc:
        if isinstance(exc, EditConflict) and form is not None:
            raise
        if form is not None:
            form_error(form, exc)
        else:
            messages.error(request, exc.message)
        return False, None
    messages.success(request, success(result) if callable(success) else success)
    return True, result


def _url(name: str, *args: object) -> str:
    from django.urls import reverse

    return reverse(name, args=args)
