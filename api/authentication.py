"""Personal API tokens in the Authorization header: `Bearer <key>` (or `Token <key>`)."""

from __future__ import annotations

from django.utils.translation import gettext as _
from rest_framework.authentication import BaseAuthentication, get_authorization_header
from rest_framework.exceptions import AuthenticationFailed
from rest_framework.request import Request

from api import selectors, services
from api.models import ApiToken
from participants.models import User

KEYWORDS = (b"bearer", b"token")


class ApiTokenAuthentication(BaseAuthentication):
    def authenticate(self, request: Request) -> tuple[User, ApiToken] | None:
        parts = get_authorization_header(request).split()
        if not parts or parts[0].lower() not in KEYWORDS:
            # No token: an anonymous reader of the public API.
            return None
        if len(parts) != 2:
            raise AuthenticationFailed(_("Send the token as: Authorization: Bearer <token>."))
        token = selectors.api_token_for_key(key=parts[1].decode("latin-1"))
        if token is None or not token.user.is_active:
            raise AuthenticationFailed(_("This token is not valid or has been revoked."))
        services.api_token_touch(token=token)
        return token.user, token

    def authenticate_header(self, request: Request) -> str:
        # A 401 (not 403) tells a script its token is wrong rather than that it lacks a right.
        return 'Bearer realm="api"'
