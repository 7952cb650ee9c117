"""The demo in three languages (issue 15, item 8): the tracker's road maps, actions, plans and measures, review
cycles and reports have real Russian and Kazakh, a few translations are missing on purpose so the marked fallback
and the queue show, and running the seed again changes no text, status or timestamp."""

from __future__ import annotations

import io
import re
from typing import Any

import pytest
from django.core.management import call_command
from django.db.models import QuerySet
from django.test import Client
from django.utils import translation

from core import multilingual
from core.multilingual import Status, fallback_note
from recommendations.models import Action, NationalPlan, PlanMeasure, Review, RoadMap
from reports.models import Report, ReportVersion

pytestmark = pytest.mark.django_db

KAZAKH_LETTERS = re.compile("[әғқңөұүһі]")
MODELS = (RoadMap, Action, NationalPlan, PlanMeasure, Review, Report, ReportVersion)


def _state() -> dict[str, list[tuple]]:
    """Every translatable record's texts in every language, status and last change (except the quarterly digest,
    which each run rebuilds from the data by design: reports.digests)."""
    state = {}
    for model in MODELS:
        columns = ["pk", *model.translation_columns(), "translation_status", "translation_sources", "updated_at"]
        rows: QuerySet[Any] = model.objects.order_by("pk")
        if model is Report:
            rows = rows.exclude(kind__in=Report.GENERATED_KINDS)
        elif model is ReportVersion:
            rows = rows.exclude(report__kind__in=Report.GENERATED_KINDS)
        state[model.__name__] = list(rows.values_list(*columns))
    return state


@pytest.fixture
def demo(settings) -> None:  # noqa: ANN001
    settings.DEBUG = True
    call_command("seed_demo", stdout=io.StringIO())


def test_demo_tracker_content_has_real_russian_and_kazakh(demo: None) -> None:
    torture = RoadMap.objects.get(number=1)
    assert torture.title_ru == "Предупреждение пыток и жестокого обращения"
    assert KAZAKH_LETTERS.search(torture.title_kk or "")
    assert torture.status_of("kk") == torture.status_of("ru") == Status.COMPLETE
    for model, field in ((Action, "description"), (NationalPlan, "title"), (PlanMeasure, "text"), (Review, "title"),
                         (Report, "summary")):
        kazakh = [getattr(obj, f"{field}_kk") for obj in model.objects.all() if getattr(obj, f"{field}_kk")]
        # Cyrillic Kazakh, with its own letters (a short title such as "ЖМШ, 1-цикл" may need none of them).
        assert kazakh and all(re.search("[а-яА-Я]", text) for text in kazakh), (model, kazakh)
        assert any(KAZAKH_LETTERS.search(text) for text in kazakh), (model, kazakh)
        assert model.objects.exclude(**{f"{field}_ru": ""}).exists(), model
    cycle = Review.objects.get(mechanism__code="upr", number=3)
    assert "245" in cycle.description_ru and "214" in cycle.description_kk
    decree = NationalPlan.objects.get(slug="human-rights-action-plan-2023")
    assert "8 декабря 2023" in decree.title_ru and "8 желтоқсандағы" in decree.title_kk


def test_demo_leaves_some_translations_out_for_the_queue_and_the_fallback(demo: None, client: Client) -> None:
    counts = multilingual.queue_counts("kk")
    for kind in ("recommendations.roadmap", "recommendations.action", "recommendations.nationalplan",
                 "recommendations.planmeasure", "recommendations.review", "reports.report"):
        assert counts.get((kind, "kk"), 0) >= 1, kind
    assert RoadMap.objects.get(number=9).status_of("kk") == Status.MISSING
    with translation.override("kk"):
        html = client.get("/kk/roadmaps/9/").content.decode()
        note = fallback_note("ru", only=False)
    assert '<span lang="ru">Свобода выражения мнений и СМИ</span>' in html
    assert note in html


def test_seeding_the_demo_again_changes_no_translation(demo: None) -> None:
    before = _state()
    call_command("seed_demo", stdout=io.StringIO())
    assert _state() == before
