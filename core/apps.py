from __future__ import annotations

from django.apps import AppConfig


class CoreConfig(AppConfig):
    """What every app shares and no domain owns (docs/architecture.md). It imports no app of ours."""

    name = "core"
