"""Full-text search over minutes (PostgreSQL only; SQLite falls back to icontains): a trigger keeps the stored
Minutes.search_vector current on every write path (services, the admin, raw SQL), as recommendations.search_vector
does, and a GIN index serves the search.

A stored vector rather than an index on the to_tsvector() expression: with the expression index, a word found in
most minutes made PostgreSQL choose a seq scan that re-ran to_tsvector() over every body (the planner underrates
that function): ~260 ms on 150 minutes.

The statements are idempotent (OR REPLACE, IF NOT EXISTS): a development database migrated before the meetings
migrations were squashed already has them.
"""

from __future__ import annotations

from django.db import migrations

POSTGRES_FORWARD = [
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
    "UPDATE meetings_minutes SET search_vector = "
    "to_tsvector('simple', coalesce(body, '') || ' ' || coalesce(decisions, ''));",
    "CREATE INDEX IF NOT EXISTS meetings_minutes_search_idx ON meetings_minutes USING gin (search_vector);",
]
POSTGRES_BACKWARD = [
    "DROP INDEX IF EXISTS meetings_minutes_search_idx;",
    "DROP TRIGGER IF EXISTS meetings_minutes_search_vector_trg ON meetings_minutes;",
    "DROP FUNCTION IF EXISTS meetings_minutes_search_vector();",
]


def search_forward(apps, schema_editor):  # noqa: ANN001, ANN201
    if schema_editor.connection.vendor == "postgresql":
        for sql in POSTGRES_FORWARD:
            schema_editor.execute(sql)


def search_backward(apps, schema_editor):  # noqa: ANN001, ANN201
    if schema_editor.connection.vendor == "postgresql":
        for sql in POSTGRES_BACKWARD:
            schema_editor.execute(sql)


class Migration(migrations.Migration):
    dependencies = [("meetings", "0001_initial")]

    operations = [migrations.RunPython(search_forward, search_backward)]
