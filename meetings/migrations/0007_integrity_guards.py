"""Issue 13 items 9-10: HTML stored before the sanitising field is cleaned once; PostgreSQL refuses to delete
meetings, minutes, documents and attendance that were public (core.dbguards)."""

from django.db import migrations

from core.dbguards import refuse_delete
from core.richtext import sanitize_rich_text


def sanitise_stored_minutes(apps, schema_editor):
    # The administration used to save minutes without the services' sanitising: clean every stored copy,
    # history included (the secretariat's version pages render them as HTML).
    for model_name in ("Minutes", "HistoricalMinutes"):
        model = apps.get_model("meetings", model_name)
        key = "history_id" if model_name.startswith("Historical") else "pk"
        for row in model.objects.only(key, "body", "decisions").iterator():
            body = sanitize_rich_text(row.body, profile="minutes") if row.body else row.body
            decisions = sanitize_rich_text(row.decisions, profile="minutes") if row.decisions else row.decisions
            if (body, decisions) != (row.body, row.decisions):
                model.objects.filter(**{key: getattr(row, key)}).update(body=body, decisions=decisions)


class Migration(migrations.Migration):

    dependencies = [
        ("meetings", "0006_integrity_versions_withdrawal"),
    ]

    operations = [
        migrations.RunPython(sanitise_stored_minutes, migrations.RunPython.noop, elidable=True),
        refuse_delete("meetings_meeting", "OLD.status <> 'draft' OR OLD.withdrawn_at IS NOT NULL"),
        refuse_delete("meetings_minutes", "OLD.published_at IS NOT NULL OR OLD.withdrawn_at IS NOT NULL"),
        refuse_delete(
            "meetings_meetingdocument",
            "OLD.withdrawn_at IS NOT NULL OR EXISTS (SELECT 1 FROM meetings_meeting m "
            "WHERE m.id = OLD.meeting_id AND m.status <> 'draft')",
        ),
        refuse_delete("meetings_invitation", "OLD.attended IS NOT NULL"),
    ]
