"""The English texts move to their _en columns; comment periods' title_ru/title_kk (hand-written columns until now)
are the same columns under modeltranslation, kept as they were."""

from django.db import migrations

from core.multilingual import backfill


class Migration(migrations.Migration):

    dependencies = [
        ("submissions", "0003_content_in_three_languages"),
    ]

    operations = [
        migrations.RunPython(
            backfill("submissions", {"CommentPeriod": ("title", "description"), "Submission": ("public_answer",)}),
            migrations.RunPython.noop,
        ),
    ]
