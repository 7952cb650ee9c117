"""Full-text search over minutes on PostgreSQL: CI runs the suite on PostgreSQL too (.ci/run)."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse

from meetings import selectors
from meetings.models import Minutes
from meetings.search import minutes_search_query
from tests.meetings.factories import PublishedMinutesFactory

# Deselected (never skipped) on SQLite by the root conftest; SQLite's search is the icontains fallback.
pytestmark = [pytest.mark.django_db, pytest.mark.postgresql]


def test_minutes_search_vector_follows_every_edit_and_is_gin_indexed() -> None:
    minutes = PublishedMinutesFactory(body="<p>Prevention of torture</p>", decisions="<p>Adopted</p>")
    Minutes.objects.filter(pk=minutes.pk).update(body="<p>Rights of persons with disabilities</p>")

    assert Minutes.objects.filter(pk=minutes.pk, search_vector=minutes_search_query("disabilities")).exists()
    assert Minutes.objects.filter(pk=minutes.pk, search_vector=minutes_search_query("adopted")).exists()
    assert not Minutes.objects.filter(pk=minutes.pk, search_vector=minutes_search_query("torture")).exists()
    with connection.cursor() as cursor:
        cursor.execute("SELECT indexdef FROM pg_indexes WHERE indexname = 'meetings_minutes_search_idx'")
        assert "gin (search_vector)" in cursor.fetchone()[0].lower()


def test_archive_search_reads_the_indexed_vector_and_accepts_web_search_syntax(client: Client) -> None:
    PublishedMinutesFactory(meeting__title="Torture", body="<p>Prevention of torture in detention</p>")
    PublishedMinutesFactory(meeting__title="Children", body="<p>Detention of children</p>")

    sql = str(selectors.meeting_archive_list(query="detention").query)
    assert "search_vector" in sql and "to_tsvector" not in sql
    found = client.get(reverse("meetings:meeting-archive"), {"q": 'detention -children'})
    assert [m.title for m in found.context["page"].object_list] == ["Torture"]
    phrase = client.get(reverse("meetings:meeting-archive"), {"q": '"of children"'})
    assert [m.title for m in phrase.context["page"].object_list] == ["Children"]
