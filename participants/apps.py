from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ParticipantsConfig(AppConfig):
    name = "participants"
    verbose_name = _("Participants")

    def ready(self) -> None:
        from django.contrib.auth.signals import user_logged_in

        from participants.middleware import start_idle_clock

        # At sign-in, so the first request after it does not have to write the session again.
        user_logged_in.connect(start_idle_clock, dispatch_uid="participants.start_idle_clock")
