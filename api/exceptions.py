"""Turn the portal's own errors into DRF's 400 shape: {"field": ["message"]} in the request's language."""

from __future__ import annotations

from typing import Any

from rest_framework.exceptions import ValidationError
from rest_framework.response import Response
from rest_framework.views import exception_handler

from core.exceptions import ApplicationError


def api_exception_handler(exc: Exception, context: dict[str, Any]) -> Response | None:
    if isinstance(exc, ApplicationError):
        exc = ValidationError({exc.field or "non_field_errors": [str(exc.message)]})
    return exception_handler(exc, context)
