from __future__ import annotations

from api import services
from api.models import ApiToken
from participants.models import User


def make_token(user: User, label: str = "Reporting script") -> tuple[ApiToken, str]:
    """A token through the service, the only way the key is ever known."""
    return services.api_token_create(actor=user, label=label)
