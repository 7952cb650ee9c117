"""Issue 13 item 10: PostgreSQL refuses to delete a document of a published report, or a withdrawn one: they are
withdrawn (core.dbguards)."""

from django.db import migrations

from core.dbguards import refuse_delete


class Migration(migrations.Migration):

    dependencies = [
        ("reports", "0007_integrity_versions_withdrawal"),
    ]

    operations = [
        refuse_delete(
            "reports_reportdocument",
            "OLD.withdrawn_at IS NOT NULL OR EXISTS (SELECT 1 FROM reports_reportversion v "
            "JOIN reports_report r ON r.id = v.report_id WHERE v.id = OLD.version_id AND r.status = 'published')",
        ),
    ]
