"""What the open data app adds to the pages of lower apps (their hooks, core.hooks), registered in ApiConfig.ready()."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext as _

from core.hooks import Link
from participants.models import User


def account_links(user: User) -> list[Link]:
    """Provider of participants.hooks.ACCOUNT_LINKS: focal points report progress through personal API tokens."""
    if not user.is_focal_point:
        return []
    return [Link(text=_("API tokens for reporting progress"), url=reverse("open_data:token-list"))]
