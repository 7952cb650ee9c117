from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NotificationsConfig(AppConfig):
    name = "notifications"
    verbose_name = _("Notifications")

    def ready(self) -> None:
        from notifications.hooks import account_links
        from participants.hooks import ACCOUNT_LINKS

        ACCOUNT_LINKS.register("notifications", account_links)

        # Every app's notices.py registers its kinds and due-notice checkers. Apps also import their own from
        # their ready(); discovering them here as well means a worker or shell never misses a kind.
        from django.utils.module_loading import autodiscover_modules

        autodiscover_modules("notices")
