"""Issue 13 items 9-10: submission texts stored before the sanitising field are cleaned once; PostgreSQL refuses
to delete a submission once it was sent to the secretariat (core.dbguards)."""

from django.db import migrations

from core.dbguards import refuse_delete
from core.richtext import sanitize_rich_text


def sanitise_stored_submissions(apps, schema_editor):
    Submission = apps.get_model("submissions", "Submission")
    for row in Submission.objects.only("pk", "text", "justification").iterator():
        text = sanitize_rich_text(row.text, profile="submission") if row.text else row.text
        justification = (
            sanitize_rich_text(row.justification, profile="submission") if row.justification else row.justification
        )
        if (text, justification) != (row.text, row.justification):
            Submission.objects.filter(pk=row.pk).update(text=text, justification=justification)


class Migration(migrations.Migration):

    dependencies = [
        ("submissions", "0005_integrity_versions_withdrawal"),
    ]

    operations = [
        migrations.RunPython(sanitise_stored_submissions, migrations.RunPython.noop, elidable=True),
        refuse_delete("submissions_submission", "OLD.submitted_at IS NOT NULL OR OLD.withdrawn_at IS NOT NULL"),
    ]
