"""The English texts move to their _en columns; themes' and affected groups' name_ru/name_kk (hand-written columns
until now) are the same columns under modeltranslation, kept as they were."""

from django.db import migrations

from core.multilingual import backfill

FIELDS = {
    "Mechanism": ("name",),
    "Review": ("title", "description"),
    "Theme": ("name",),
    "AffectedGroup": ("name",),
    "RoadMap": ("title", "description"),
    "Action": ("description", "indicator"),
    "HistoricalAction": ("description", "indicator"),
    "NationalPlan": ("title", "description"),
    "PlanMeasure": ("text",),
}


class Migration(migrations.Migration):

    dependencies = [
        ("recommendations", "0003_content_in_three_languages"),
    ]

    operations = [
        migrations.RunPython(backfill("recommendations", FIELDS), migrations.RunPython.noop),
    ]
