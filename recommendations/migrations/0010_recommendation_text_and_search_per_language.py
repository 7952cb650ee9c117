"""Recommendations in three languages (the UN publishes them in Russian too) and one search vector per language.

The text becomes translatable (text_kk, text_ru, text_en; the existing text is the English original); the single
English search vector of migration 0002 gives way to search_kk ('simple'), search_ru ('russian') and search_en
('english'), each filled by one trigger from the text in that language or, where it has none, the text the reader
sees instead (settings.CONTENT_FALLBACK_LANGUAGES at the time of writing), and GIN-indexed (core.search).
The text is lower-cased with an ICU collation where the server has one: under the C locale PostgreSQL's parser
leaves Cyrillic capitals as they are.
"""

from __future__ import annotations

import core.multilingual
import django.contrib.postgres.search
from django.db import migrations, models


CONFIGS = {"kk": "simple", "ru": "russian", "en": "english"}
FALLBACK = {"kk": ("kk", "ru", "en"), "ru": ("ru", "en", "kk"), "en": ("en", "ru", "kk")}
TEXT_COLUMNS = ("text", "text_kk", "text_ru", "text_en", "document_symbol", "paragraph")


def _lower(schema_editor, expression: str) -> str:
    with schema_editor.connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_collation WHERE collname = 'und-x-icu'")
        icu = cursor.fetchone() is not None
    return f'lower(({expression}) COLLATE "und-x-icu")' if icu else f"lower({expression})"


def search_forward(apps, schema_editor):  # noqa: ANN001, ANN201
    if schema_editor.connection.vendor != "postgresql":
        return
    table = "recommendations_recommendation"
    assignments = []
    for lang, config in CONFIGS.items():
        text = "coalesce(" + ", ".join(f"nullif(NEW.text_{code}, '')" for code in FALLBACK[lang]) + ", NEW.text, '')"
        reference = "coalesce(NEW.document_symbol, '') || ' ' || coalesce(NEW.paragraph, '')"
        assignments.append(
            f"NEW.search_{lang} := setweight(to_tsvector('{config}', {_lower(schema_editor, reference)}), 'A')"
            f" || setweight(to_tsvector('{config}', {_lower(schema_editor, text)}), 'B');"
        )
    body = "\n      ".join(assignments)
    schema_editor.execute(f"""
    CREATE OR REPLACE FUNCTION recommendations_rec_search() RETURNS trigger AS $$
    BEGIN
      {body}
      RETURN NEW;
    END
    $$ LANGUAGE plpgsql;
    """)
    schema_editor.execute(f"""
    CREATE TRIGGER recommendations_rec_search_trg
    BEFORE INSERT OR UPDATE OF {", ".join(TEXT_COLUMNS)} ON {table}
    FOR EACH ROW EXECUTE FUNCTION recommendations_rec_search();
    """)
    schema_editor.execute(f"UPDATE {table} SET text = text;")  # nosec B608: the migration's own constants
    for lang in CONFIGS:
        schema_editor.execute(f"CREATE INDEX recommendations_rec_{lang}_idx ON {table} USING gin (search_{lang});")


def search_backward(apps, schema_editor):  # noqa: ANN001, ANN201
    if schema_editor.connection.vendor != "postgresql":
        return
    for lang in CONFIGS:
        schema_editor.execute(f"DROP INDEX IF EXISTS recommendations_rec_{lang}_idx;")
    schema_editor.execute("DROP TRIGGER IF EXISTS recommendations_rec_search_trg ON recommendations_recommendation;")
    schema_editor.execute("DROP FUNCTION IF EXISTS recommendations_rec_search();")


def drop_english_trigger(apps, schema_editor):  # noqa: ANN001, ANN201
    # Before its column goes: the trigger of migration 0002 writes search_vector.
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            "DROP TRIGGER IF EXISTS recommendations_rec_search_vector_trg ON recommendations_recommendation;"
        )
        schema_editor.execute("DROP FUNCTION IF EXISTS recommendations_rec_search_vector();")


def english_originals(apps, schema_editor):  # noqa: ANN001, ANN201
    # Every recommendation so far was entered in English, the language of the UN documents.
    status = '{"kk": "missing", "ru": "missing", "en": "original"}'
    for table in ("recommendations_recommendation", "recommendations_historicalrecommendation"):
        schema_editor.execute(
            f"UPDATE {table} SET text_en = text, original_language = 'en', translation_status = %s",  # nosec B608: the migration's own constants
            [status],
        )



class Migration(migrations.Migration):

    dependencies = [
        ('recommendations', '0009_integrity_guards'),
    ]

    operations = [
        migrations.RunPython(drop_english_trigger, migrations.RunPython.noop),
        migrations.RemoveField(
            model_name='recommendation',
            name='search_vector',
        ),
        migrations.AddField(
            model_name='historicalrecommendation',
            name='original_language',
            field=models.CharField(choices=[('kk', 'Kazakh'), ('ru', 'Russian'), ('en', 'English')], default=core.multilingual.default_original_language, help_text='The language the text was written in; the other languages are translations of it.', max_length=2, verbose_name='original language'),
        ),
        migrations.AddField(
            model_name='historicalrecommendation',
            name='text_en',
            field=models.TextField(null=True, verbose_name='text'),
        ),
        migrations.AddField(
            model_name='historicalrecommendation',
            name='text_kk',
            field=models.TextField(null=True, verbose_name='text'),
        ),
        migrations.AddField(
            model_name='historicalrecommendation',
            name='text_ru',
            field=models.TextField(null=True, verbose_name='text'),
        ),
        migrations.AddField(
            model_name='historicalrecommendation',
            name='translation_sources',
            field=models.JSONField(blank=True, default=dict, editable=False, verbose_name='translation sources'),
        ),
        migrations.AddField(
            model_name='historicalrecommendation',
            name='translation_status',
            field=models.JSONField(blank=True, default=dict, editable=False, verbose_name='translation status'),
        ),
        migrations.AddField(
            model_name='recommendation',
            name='original_language',
            field=models.CharField(choices=[('kk', 'Kazakh'), ('ru', 'Russian'), ('en', 'English')], default=core.multilingual.default_original_language, help_text='The language the text was written in; the other languages are translations of it.', max_length=2, verbose_name='original language'),
        ),
        migrations.AddField(
            model_name='recommendation',
            name='search_en',
            field=django.contrib.postgres.search.SearchVectorField(editable=False, null=True),
        ),
        migrations.AddField(
            model_name='recommendation',
            name='search_kk',
            field=django.contrib.postgres.search.SearchVectorField(editable=False, null=True),
        ),
        migrations.AddField(
            model_name='recommendation',
            name='search_ru',
            field=django.contrib.postgres.search.SearchVectorField(editable=False, null=True),
        ),
        migrations.AddField(
            model_name='recommendation',
            name='text_en',
            field=models.TextField(null=True, verbose_name='text'),
        ),
        migrations.AddField(
            model_name='recommendation',
            name='text_kk',
            field=models.TextField(null=True, verbose_name='text'),
        ),
        migrations.AddField(
            model_name='recommendation',
            name='text_ru',
            field=models.TextField(null=True, verbose_name='text'),
        ),
        migrations.AddField(
            model_name='recommendation',
            name='translation_sources',
            field=models.JSONField(blank=True, default=dict, editable=False, verbose_name='translation sources'),
        ),
        migrations.AddField(
            model_name='recommendation',
            name='translation_status',
            field=models.JSONField(blank=True, default=dict, editable=False, verbose_name='translation status'),
        ),
        migrations.RunPython(english_originals, migrations.RunPython.noop),
        migrations.RunPython(search_forward, search_backward),
    ]
