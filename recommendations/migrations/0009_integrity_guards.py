"""Issue 13 item 10: PostgreSQL refuses to delete recommendations, road maps, actions and approved progress
updates: they are withdrawn (core.dbguards)."""

from django.db import migrations

from core.dbguards import refuse_delete


class Migration(migrations.Migration):

    dependencies = [
        ("recommendations", "0008_integrity_versions_withdrawal"),
    ]

    operations = [
        refuse_delete("recommendations_recommendation"),
        refuse_delete("recommendations_roadmap"),
        refuse_delete("recommendations_action"),
        refuse_delete("recommendations_progressupdate", "OLD.state = 'approved' OR OLD.withdrawn_at IS NOT NULL"),
    ]
