"""notifications/0003: the participants app's ApplicationEmail rows become deliveries; nothing lost or sent twice."""

from __future__ import annotations

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = [("participants", "0002_onboarding"), ("notifications", "0002_default_schedule")]


def _migrate(targets: list[tuple[str, str]]) -> MigrationExecutor:
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor


@pytest.mark.django_db(transaction=True)
def test_sent_application_e_mails_become_sent_deliveries_and_unsent_ones_are_queued() -> None:
    leaves = MigrationExecutor(connection).loader.graph.leaf_nodes()
    old = _migrate(BEFORE).loader.project_state(BEFORE).apps
    try:
        Application = old.get_model("participants", "OrganizationApplication")
        ApplicationEmail = old.get_model("participants", "ApplicationEmail")
        common = {"region": "astana", "focus_areas": [], "contact_name": "A", "contact_position": "B",
                  "contact_phone": "+7 700 000 00 00", "consent_at": "2026-01-05T10:00:00+00:00"}
        mailed = Application.objects.create(name_ru="Право", bin="000000000018", contact_email="a@pravo.kz",
                                            language="kk", status="declined", decision_reason="No", **common)
        ApplicationEmail.objects.create(application=mailed, kind="received")
        ApplicationEmail.objects.create(application=mailed, kind="declined")
        waiting = Application.objects.create(name_ru="Свет", bin="000000000026", contact_email="b@svet.kz",
                                             language="ru", **common)

        new = _migrate(leaves).loader.project_state(leaves).apps
        Delivery = new.get_model("notifications", "Delivery")
        rows = sorted(Delivery.objects.values_list("notice__kind", "notice__key", "email", "language", "status"))
        assert rows == [
            ("participants.application_declined", f"application:{mailed.pk}:declined", "a@pravo.kz", "kk", "sent"),
            ("participants.application_received", f"application:{mailed.pk}:received", "a@pravo.kz", "kk", "sent"),
            ("participants.application_received", f"application:{waiting.pk}:received", "b@svet.kz", "ru", "pending"),
        ]
        assert "participants_applicationemail" not in connection.introspection.table_names()
    finally:
        _migrate(leaves)
