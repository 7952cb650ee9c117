"""A meeting's own time zone (existing meetings keep the portal's, Asia/Almaty) and its chair in three languages.

The chair so far was one text in the meeting's original language: it moves to that language's column
(chair_ru for a meeting written in Russian), as migration 0004 moved the other fields. The chair now counts in
the translation status: a translation that was up to date stays up to date for the texts it had, and shows as
missing where the original names a chair the translation does not have yet; one already out of date stays so.
"""

from __future__ import annotations

from typing import Any

import core.dates
from core.multilingual import column, compute_state, fingerprint, languages
from django.db import migrations, models


OLD_FIELDS = ("title", "description", "venue")
NEW_FIELDS = ("title", "description", "venue", "chair")


def chair_to_original_language(apps: Any, schema_editor: Any) -> None:
    Meeting = apps.get_model("meetings", "Meeting")
    batch = []
    for meeting in Meeting.objects.all().iterator(chunk_size=500):
        original = meeting.original_language if meeting.original_language in languages() else "en"
        for lang in languages():
            if getattr(meeting, column("chair", lang)) is None:
                setattr(meeting, column("chair", lang), "")
        if meeting.chair and not getattr(meeting, column("chair", original)):
            setattr(meeting, column("chair", original), meeting.chair)
        values = {column(f, lang): getattr(meeting, column(f, lang)) for f in NEW_FIELDS for lang in languages()}
        old = fingerprint(values.get(column(f, original)) for f in OLD_FIELDS)
        new = fingerprint(values.get(column(f, original)) for f in NEW_FIELDS)
        # A translation made from the original as it was stays made from it; an out-of-date one keeps its stamp.
        sources = {
            lang: (new if stamp == old else stamp) for lang, stamp in (meeting.translation_sources or {}).items()
        }
        meeting.translation_sources, meeting.translation_status = compute_state(
            original=original, fields=NEW_FIELDS, values=values, sources=sources, changed=set(),
        )
        batch.append(meeting)
    if batch:
        Meeting.objects.bulk_update(
            batch, [column("chair", lang) for lang in languages()] + ["translation_sources", "translation_status"],
            batch_size=500,
        )


class Migration(migrations.Migration):

    dependencies = [
        ('meetings', '0009_minutes_search_per_language'),
    ]

    operations = [
        migrations.AddField(
            model_name='meeting',
            name='chair_en',
            field=models.CharField(blank=True, help_text='Name and title, as it should be shown.', max_length=255, null=True, verbose_name='chair or moderator'),
        ),
        migrations.AddField(
            model_name='meeting',
            name='chair_kk',
            field=models.CharField(blank=True, help_text='Name and title, as it should be shown.', max_length=255, null=True, verbose_name='chair or moderator'),
        ),
        migrations.AddField(
            model_name='meeting',
            name='chair_ru',
            field=models.CharField(blank=True, help_text='Name and title, as it should be shown.', max_length=255, null=True, verbose_name='chair or moderator'),
        ),
        migrations.AddField(
            model_name='meeting',
            name='time_zone',
            field=models.CharField(default=core.dates.default_time_zone, help_text="Where the meeting's clocks are: its start and end are typed and shown in this zone.", max_length=64, validators=[core.dates.validate_zone], verbose_name='time zone'),
        ),
        migrations.RunPython(chair_to_original_language, migrations.RunPython.noop),
    ]
