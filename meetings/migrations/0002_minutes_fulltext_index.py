"""A GIN index for full-text search over minutes, on PostgreSQL only (SQLite falls back to icontains).

Serves meetings.selectors._full_text, which builds the same expression with minutes_search_vector().
"""

from __future__ import annotations

from django.db import migrations

INDEX_NAME = "meetings_minutes_fts"


def _index():  # noqa: ANN202
    from django.contrib.postgres.indexes import GinIndex

    from meetings.search import minutes_search_vector

    return GinIndex(minutes_search_vector(), name=INDEX_NAME)


def create_index(apps, schema_editor):  # noqa: ANN001, ANN201
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.add_index(apps.get_model("meetings", "Minutes"), _index())


def drop_index(apps, schema_editor):  # noqa: ANN001, ANN201
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.remove_index(apps.get_model("meetings", "Minutes"), _index())


class Migration(migrations.Migration):
    dependencies = [("meetings", "0001_initial")]

    operations = [migrations.RunPython(create_index, drop_index)]
