"""What notifications adds to the pages of lower apps (their hooks, core.hooks), registered in NotificationsConfig.ready()."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext as _

from core.hooks import Link
from participants.models import User


def account_links(user: User) -> list[Link]:
    """Provider of participants.hooks.ACCOUNT_LINKS: everyone chooses their own e-mail notices."""
    return [Link(text=_("Choose your e-mail notices"), url=reverse("notifications:preferences"))]
