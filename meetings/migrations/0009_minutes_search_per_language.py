"""One search vector per language for the minutes (core.search): search_kk ('simple'), search_ru ('russian'),
search_en ('english'), each from the body and decisions in that language or, where a field has none, the text the
reader sees instead (the fallback order of settings.CONTENT_FALLBACK_LANGUAGES when this was written), lower-cased
with an ICU collation where the server has one, GIN-indexed. Replaces migration 0005's one 'simple' vector.
"""

from __future__ import annotations

import django.contrib.postgres.search
from django.db import migrations


CONFIGS = {"kk": "simple", "ru": "russian", "en": "english"}
FALLBACK = {"kk": ("kk", "ru", "en"), "ru": ("ru", "en", "kk"), "en": ("en", "ru", "kk")}
FIELDS = ("body", "decisions")
COLUMNS = ("body", "decisions", *(f"{field}_{lang}" for field in FIELDS for lang in CONFIGS))
TABLE = "meetings_minutes"


def _lower(schema_editor, expression: str) -> str:
    with schema_editor.connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_collation WHERE collname = 'und-x-icu'")
        icu = cursor.fetchone() is not None
    return f'lower(({expression}) COLLATE "und-x-icu")' if icu else f"lower({expression})"


def search_forward(apps, schema_editor):  # noqa: ANN001, ANN201
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(f"DROP TRIGGER IF EXISTS meetings_minutes_search_vector_trg ON {TABLE};")
    schema_editor.execute("DROP FUNCTION IF EXISTS meetings_minutes_search_vector();")
    assignments = []
    for lang, config in CONFIGS.items():
        texts = [
            "coalesce(" + ", ".join(f"nullif(NEW.{field}_{code}, '')" for code in FALLBACK[lang])
            + f", NEW.{field}, '')"
            for field in FIELDS
        ]
        text = " || ' ' || ".join(texts)
        assignments.append(f"NEW.search_{lang} := to_tsvector('{config}', {_lower(schema_editor, text)});")
    body = "\n      ".join(assignments)
    schema_editor.execute(f"""
    CREATE OR REPLACE FUNCTION meetings_minutes_search() RETURNS trigger AS $$
    BEGIN
      {body}
      RETURN NEW;
    END
    $$ LANGUAGE plpgsql;
    """)
    schema_editor.execute(f"""
    CREATE TRIGGER meetings_minutes_search_trg
    BEFORE INSERT OR UPDATE OF {", ".join(COLUMNS)} ON {TABLE}
    FOR EACH ROW EXECUTE FUNCTION meetings_minutes_search();
    """)
    schema_editor.execute(f"UPDATE {TABLE} SET body = body;")  # nosec B608: the migration's own constants
    for lang in CONFIGS:
        schema_editor.execute(f"CREATE INDEX meetings_minutes_{lang}_idx ON {TABLE} USING gin (search_{lang});")


def search_backward_of_0005(apps, schema_editor):  # noqa: ANN001, ANN201
    # Before its column goes: migration 0005's trigger writes search_vector.
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP TRIGGER IF EXISTS meetings_minutes_search_vector_trg ON {TABLE};")
        schema_editor.execute("DROP FUNCTION IF EXISTS meetings_minutes_search_vector();")


def search_backward(apps, schema_editor):  # noqa: ANN001, ANN201
    if schema_editor.connection.vendor != "postgresql":
        return
    for lang in CONFIGS:
        schema_editor.execute(f"DROP INDEX IF EXISTS meetings_minutes_{lang}_idx;")
    schema_editor.execute(f"DROP TRIGGER IF EXISTS meetings_minutes_search_trg ON {TABLE};")
    schema_editor.execute("DROP FUNCTION IF EXISTS meetings_minutes_search();")



class Migration(migrations.Migration):

    dependencies = [
        ('meetings', '0008_minutes_translations_sanitised'),
    ]

    operations = [
        migrations.RunPython(search_backward_of_0005, migrations.RunPython.noop),
        migrations.RemoveField(
            model_name='minutes',
            name='search_vector',
        ),
        migrations.AddField(
            model_name='minutes',
            name='search_en',
            field=django.contrib.postgres.search.SearchVectorField(editable=False, null=True),
        ),
        migrations.AddField(
            model_name='minutes',
            name='search_kk',
            field=django.contrib.postgres.search.SearchVectorField(editable=False, null=True),
        ),
        migrations.AddField(
            model_name='minutes',
            name='search_ru',
            field=django.contrib.postgres.search.SearchVectorField(editable=False, null=True),
        ),
        migrations.RunPython(search_forward, search_backward),
    ]
