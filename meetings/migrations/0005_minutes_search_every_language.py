"""The minutes' search vector covers the text in every language (body_kk, body_ru, body_en and the decisions):
a word of the Russian minutes finds the meeting from any page. Still one 'simple' vector with its GIN index
(migration 0002); a per-language configuration is a later step (issue 15, item 4)."""

from __future__ import annotations

from django.db import migrations

TEXT = " || ' ' || ".join(
    f"coalesce({{row}}{field}_{lang}, '')" for field in ("body", "decisions") for lang in ("kk", "ru", "en")
)
COLUMNS = ", ".join(f"{field}_{lang}" for field in ("body", "decisions") for lang in ("kk", "ru", "en"))

FORWARD = [
    f"""
    CREATE OR REPLACE FUNCTION meetings_minutes_search_vector() RETURNS trigger AS $$
    BEGIN
      NEW.search_vector := to_tsvector('simple', {TEXT.format(row="NEW.")});
      RETURN NEW;
    END
    $$ LANGUAGE plpgsql;
    """,
    "DROP TRIGGER IF EXISTS meetings_minutes_search_vector_trg ON meetings_minutes;",
    f"""
    CREATE TRIGGER meetings_minutes_search_vector_trg
    BEFORE INSERT OR UPDATE OF body, decisions, {COLUMNS} ON meetings_minutes
    FOR EACH ROW EXECUTE FUNCTION meetings_minutes_search_vector();
    """,
    f"UPDATE meetings_minutes SET search_vector = to_tsvector('simple', {TEXT.format(row='')});",
]
BACKWARD = [
    """
    CREATE OR REPLACE FUNCTION meetings_minutes_search_vector() RETURNS trigger AS $$
    BEGIN
      NEW.search_vector := to_tsvector('simple', coalesce(NEW.body, '') || ' ' || coalesce(NEW.decisions, ''));
      RETURN NEW;
    END
    $$ LANGUAGE plpgsql;
    """,
    "DROP TRIGGER IF EXISTS meetings_minutes_search_vector_trg ON meetings_minutes;",
    """
    CREATE TRIGGER meetings_minutes_search_vector_trg
    BEFORE INSERT OR UPDATE OF body, decisions ON meetings_minutes
    FOR EACH ROW EXECUTE FUNCTION meetings_minutes_search_vector();
    """,
]


def forward(apps, schema_editor):  # noqa: ANN001, ANN201
    if schema_editor.connection.vendor == "postgresql":
        for sql in FORWARD:
            schema_editor.execute(sql)


def backward(apps, schema_editor):  # noqa: ANN001, ANN201
    if schema_editor.connection.vendor == "postgresql":
        for sql in BACKWARD:
            schema_editor.execute(sql)


class Migration(migrations.Migration):
    dependencies = [("meetings", "0004_content_backfill")]

    operations = [migrations.RunPython(forward, backward)]
