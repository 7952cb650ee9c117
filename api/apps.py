from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ApiConfig(AppConfig):
    name = "api"
    verbose_name = _("Open data")

    def ready(self) -> None:
        from api import schema  # noqa: F401  (registers the token scheme with drf-spectacular)
        from api.hooks import account_links
        from participants.hooks import ACCOUNT_LINKS

        ACCOUNT_LINKS.register("api", account_links)
