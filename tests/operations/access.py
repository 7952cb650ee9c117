"""Access rules of the operational pages (tests/access.py): health is public, the records are the secretariat's."""

from __future__ import annotations

from django.urls import reverse

from tests.access import PUBLIC, Rule

SECRETARIAT = ("secretariat",)

ACCESS_RULES = [
    Rule("health check", lambda: "/healthz", PUBLIC),
    Rule("administration: tasks waiting for the broker",
         lambda: reverse("admin:core_deferredtask_changelist"), SECRETARIAT),
    Rule("administration: worker heartbeats",
         lambda: reverse("admin:core_workerheartbeat_changelist"), SECRETARIAT),
]
