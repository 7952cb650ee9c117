"""Refuse input that no page accepts before it reaches a view or the database (docs/operations.md, "Bad input")."""

from __future__ import annotations

from collections.abc import Callable

from django.core.exceptions import BadRequest
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _


class RejectNulCharactersMiddleware:
    """A NUL character (%00) in the address, a query parameter or a form field is never valid input: PostgreSQL
    refuses it in any text (500 before), and no browser sends one from a form. Answered 400 with a message."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if self._has_nul(request):
            from dialogue_platform.views import bad_request

            return bad_request(request, BadRequest(_("The request contains a NUL character (%00), which is never "
                                                     "valid here.")))
        return self.get_response(request)

    @staticmethod
    def _has_nul(request: HttpRequest) -> bool:
        if "\x00" in request.path_info:
            return True
        for data in (request.GET, request.POST if request.method == "POST" else None):
            if data is None:
                continue
            for key, values in data.lists():
                if "\x00" in key or any("\x00" in value for value in values if isinstance(value, str)):
                    return True
        return False
