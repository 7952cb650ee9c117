from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RecommendationsConfig(AppConfig):
    name = "recommendations"
    verbose_name = _("Recommendations and road maps")

    def ready(self) -> None:
        # Registers the overdue-action reminder and its weekly due-notice checker with the notifications app.
        from recommendations import notices  # noqa: F401
