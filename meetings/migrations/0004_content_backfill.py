"""The English texts move to their _en columns (the minutes' history included)."""

from django.db import migrations

from core.multilingual import backfill

FIELDS = {
    "Topic": ("name",),
    "Subgroup": ("name", "mandate"),
    "Meeting": ("title", "description", "venue"),
    "AgendaItem": ("title", "description"),
    "Minutes": ("body", "decisions"),
    "HistoricalMinutes": ("body", "decisions"),
    "FollowUpAction": ("description",),
    "MeetingDocument": ("title",),
}


class Migration(migrations.Migration):

    dependencies = [
        ("meetings", "0003_content_in_three_languages"),
    ]

    operations = [
        migrations.RunPython(backfill("meetings", FIELDS), migrations.RunPython.noop),
    ]
