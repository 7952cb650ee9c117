from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SubmissionsConfig(AppConfig):
    name = "submissions"
    verbose_name = _("NGO submissions")

    def ready(self) -> None:
        # meetings cannot import this app: it asks its agenda-source registry, which we fill here.
        from meetings import agenda_sources
        from submissions.selectors import agenda_suggestions_from_submissions

        agenda_sources.register("submissions", agenda_suggestions_from_submissions)
