"""Database-level guards for migrations: PostgreSQL refuses to delete rows that were public.

Withdrawal (core.withdrawal) is how the portal takes a published record down; the services, the administration
and `on_delete=PROTECT` already refuse deletion. This is the floor under them: a `DELETE` from a shell, a script or
a cascade we did not foresee fails with a restrict violation (Django raises IntegrityError). Row triggers do not
fire on TRUNCATE, so test databases are still flushed. On SQLite (development, `make run`) nothing is installed:
Django's flush deletes row by row there.

Use in a migration: `operations = [refuse_delete("meetings_meeting", "OLD.status <> 'draft'")]`; the condition is
SQL over the row (`OLD`) and may query other tables.
"""

from __future__ import annotations

from django.db import migrations

_FUNCTION = """
CREATE OR REPLACE FUNCTION {name}() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF {condition} THEN
    RAISE EXCEPTION 'A row of % that was public cannot be deleted: withdraw it instead (docs/security.md)',
      TG_TABLE_NAME USING ERRCODE = 'restrict_violation';
  END IF;
  RETURN OLD;
END
$$;
DROP TRIGGER IF EXISTS {name} ON {table};
CREATE TRIGGER {name} BEFORE DELETE ON {table} FOR EACH ROW EXECUTE FUNCTION {name}();
"""

_DROP = """
DROP TRIGGER IF EXISTS {name} ON {table};
DROP FUNCTION IF EXISTS {name}();
"""


def refuse_delete(table: str, condition: str = "TRUE") -> migrations.RunPython:
    """A migration operation installing (on PostgreSQL) a trigger refusing DELETE of `table`'s rows where
    `condition` holds; reversible."""
    name = f"{table}_refuse_delete"

    def forwards(apps: object, schema_editor: object) -> None:
        if schema_editor.connection.vendor == "postgresql":  # type: ignore[attr-defined]
            schema_editor.execute(  # type: ignore[attr-defined]
                _FUNCTION.format(name=name, table=table, condition=condition), params=None
            )

    def backwards(apps: object, schema_editor: object) -> None:
        if schema_editor.connection.vendor == "postgresql":  # type: ignore[attr-defined]
            schema_editor.execute(_DROP.format(name=name, table=table), params=None)  # type: ignore[attr-defined]

    return migrations.RunPython(forwards, backwards, elidable=False)
