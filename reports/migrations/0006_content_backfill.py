"""The English texts move to their _en columns; reports' title_ru/title_kk (hand-written columns until now) are the
same columns under modeltranslation, kept as they were."""

from django.db import migrations

from core.multilingual import backfill


class Migration(migrations.Migration):

    dependencies = [
        ("reports", "0005_content_in_three_languages"),
    ]

    operations = [
        migrations.RunPython(
            backfill("reports", {"Report": ("title", "summary"), "ReportVersion": ("notes",),
                                 "ReportDocument": ("title",)}),
            migrations.RunPython.noop,
        ),
    ]
