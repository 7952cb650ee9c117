"""The data migrations that fold the hand-written name_ru/name_kk and title_ru/title_kk columns into
modeltranslation's scheme keep every value (issue 15, item 1)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

BEFORE = [
    ("participants", "0003_remove_applicationemail"),
    ("recommendations", "0002_mechanisms_and_search"),
    ("meetings", "0002_minutes_search_vector"),
    ("submissions", "0002_event_target"),
    ("reports", "0004_quarterly_schedule"),
]


@pytest.mark.django_db(transaction=True)
def test_backfill_keeps_every_name_and_title_and_marks_translations_complete() -> None:
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    old = executor.loader.project_state(BEFORE).apps
    org = old.get_model("participants", "Organization").objects.create(
        name="Ministry of Justice", name_ru="Министерство юстиции", name_kk="Әділет министрлігі",
        kind="ministry", standing="member")
    for name in ("OSCE Programme Office", "UNDP Kazakhstan"):  # two empty names must not collide
        old.get_model("participants", "Organization").objects.create(
            name=name, name_ru="", name_kk="", kind="international", standing="observer")
    old.get_model("recommendations", "Theme").objects.create(
        slug="torture", name="Prevention of torture", name_ru="Предупреждение пыток", name_kk="")
    old.get_model("reports", "Report").objects.create(
        kind="upr_national", title="Fourth national report", title_ru="Четвёртый национальный доклад",
        title_kk="Төртінші ұлттық баяндама", year=2024)
    now = timezone.now()
    old.get_model("meetings", "Meeting").objects.create(
        title="Meeting No. 40", venue="MFA, Astana", starts_at=now, ends_at=now + dt.timedelta(hours=2))

    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(executor.loader.graph.leaf_nodes())
    new = executor.loader.project_state(executor.loader.graph.leaf_nodes()).apps

    Organization = new.get_model("participants", "Organization")  # noqa: N806
    justice = Organization.objects.get(pk=org.pk)
    assert (justice.name_en, justice.name_ru, justice.name_kk) == (
        "Ministry of Justice", "Министерство юстиции", "Әділет министрлігі")
    assert justice.original_language == "en"
    assert justice.translation_status == {"en": "original", "ru": "complete", "kk": "complete"}
    osce = Organization.objects.get(name_en="OSCE Programme Office")
    # Empty names become NULL: each language's name is unique, and NULLs never collide.
    assert (osce.name_ru, osce.name_kk) == (None, None)
    assert osce.translation_status == {"en": "original", "ru": "missing", "kk": "missing"}
    theme = new.get_model("recommendations", "Theme").objects.get(slug="torture")
    assert (theme.name_en, theme.name_ru, theme.name_kk) == ("Prevention of torture", "Предупреждение пыток", "")
    assert theme.translation_status["kk"] == "missing" and theme.translation_status["ru"] == "complete"
    report = new.get_model("reports", "Report").objects.get()
    assert (report.title_en, report.title_ru, report.title_kk) == (
        "Fourth national report", "Четвёртый национальный доклад", "Төртінші ұлттық баяндама")
    meeting = new.get_model("meetings", "Meeting").objects.get()
    assert (meeting.title_en, meeting.venue_en, meeting.title_ru) == ("Meeting No. 40", "MFA, Astana", "")
    # The seeded mechanisms got their Russian and Kazakh names.
    cat = new.get_model("recommendations", "Mechanism").objects.get(code="cat")
    assert (cat.name_en, cat.name_ru, cat.name_kk) == (
        "Committee against Torture", "Комитет против пыток", "Азаптауларға қарсы комитет")
