"""drf-spectacular: our token scheme (imported by ApiConfig.ready), and the error answers of every operation
(ApiAutoSchema, DEFAULT_SCHEMA_CLASS in settings)."""

from __future__ import annotations

from typing import Any

from drf_spectacular.extensions import OpenApiAuthenticationExtension
from drf_spectacular.openapi import AutoSchema
from drf_spectacular.utils import OpenApiResponse
from rest_framework import serializers


class ApiTokenScheme(OpenApiAuthenticationExtension):
    target_class = "api.authentication.ApiTokenAuthentication"
    name = "apiToken"

    def get_security_definition(self, auto_schema: Any) -> dict[str, str]:
        return {
            "type": "http",
            "scheme": "bearer",
            "description": "A personal token of a government focal point, created on the portal's "
            "“API tokens” page (My account). Needed only to submit progress updates.",
        }


class ErrorSerializer(serializers.Serializer):
    detail = serializers.CharField(help_text="What went wrong, in the language of the request.")


# DRF's shape for invalid input: a list of messages per parameter or field; {"detail": "..."} for a request the
# site refuses as a whole (a NUL character anywhere).
VALIDATION_ERROR = {
    "type": "object",
    "description": "Messages per parameter or field, or one `detail` message.",
    "additionalProperties": {
        "oneOf": [{"type": "array", "items": {"type": "string"}}, {"type": "string"}],
    },
}


class ApiAutoSchema(AutoSchema):
    def _get_response_bodies(self, direction: Any = "response") -> dict[str, Any]:
        responses = super()._get_response_bodies(direction)
        if direction != "response":
            return responses
        for code, response in self._error_responses().items():
            if code not in responses:
                responses[code] = self._get_response_for_code(response, code, direction=direction)
        return responses

    def _error_responses(self) -> dict[str, OpenApiResponse]:
        is_list = self._is_list_view() and self.method == "GET"
        errors = {
            "400": OpenApiResponse(VALIDATION_ERROR, description="Invalid parameters or body (a message for each), "
                                   "or a NUL character anywhere in the request."),
            "401": OpenApiResponse(ErrorSerializer, description="An Authorization header with a malformed, unknown "
                                   "or revoked token. Public reads need no token at all."),
        }
        if self.method != "GET":
            errors["403"] = OpenApiResponse(ErrorSerializer, description="No token, or the token's owner may not "
                                            "do this (only focal points submit progress updates).")
        errors["404"] = OpenApiResponse(
            ErrorSerializer,
            description="An invalid `cursor` (not one this API gave out)." if is_list else "No such record.",
        )
        errors["429"] = OpenApiResponse(ErrorSerializer, description="Too many requests from this address or "
                                        "token; the Retry-After header says when to try again.")
        return errors
