from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SubmissionsConfig(AppConfig):
    name = "submissions"
    verbose_name = _("NGO submissions")

    def ready(self) -> None:
        # meetings and recommendations cannot import this app: they ask their hooks, which we fill here.
        from meetings import agenda_sources
        from meetings.hooks import AGENDA_ITEM_LINKS
        from recommendations.hooks import ACTION_LINKS, RECOMMENDATION_LINKS
        from submissions import (
            hooks,
            notices,  # noqa: F401  (registers the "submissions.status" notice kind)
        )
        from submissions.selectors import agenda_suggestions_from_submissions

        agenda_sources.register("submissions", agenda_suggestions_from_submissions)
        AGENDA_ITEM_LINKS.register("submissions", hooks.agenda_item_links)
        RECOMMENDATION_LINKS.register("submissions", hooks.recommendation_links)
        ACTION_LINKS.register("submissions", hooks.action_links)
