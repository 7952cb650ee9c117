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
        # The participants app's e-mails: its kinds, and the receivers of its signals that publish them.
        from notifications import notices

        notices.connect()
        # Kinds register once, from the ready() of the app that owns them (each imports its own notices module:
        # a worker and a shell run ready() too), never by discovery from here: this app names none of the others.
