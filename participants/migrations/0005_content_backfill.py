"""Organisation names: the English name moves to name_en; name_ru and name_kk (hand-written columns until now) are
the same columns under modeltranslation, kept as they were. Empty names become NULL before each language's name is
made unique (NULLs never collide)."""

from django.db import migrations, models

from core.multilingual import backfill


class Migration(migrations.Migration):

    dependencies = [
        ("participants", "0004_content_in_three_languages"),
    ]

    operations = [
        migrations.RunPython(
            backfill("participants", {"Organization": ("name",)}, null_when_empty=("name",)), migrations.RunPython.noop
        ),
        migrations.AlterField(
            model_name="organization",
            name="name_kk",
            field=models.CharField(max_length=255, null=True, unique=True, verbose_name="name"),
        ),
        migrations.AlterField(
            model_name="organization",
            name="name_ru",
            field=models.CharField(max_length=255, null=True, unique=True, verbose_name="name"),
        ),
    ]
