"""A page of each kind of content, in each language (issue 15, "Done when"): the text in the page's language where
it exists, else the best other language's text marked with its lang attribute and a visible note.

Each record here is written in Russian and translated into Kazakh, with no English: /kk/ and /ru/ show their own
text unmarked, /en/ the Russian one, marked "In Russian". (Locale date formats are the `formats` branch's.)"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation

from core.multilingual import Status, TranslatableModel, fallback_note
from meetings.models import Topic
from recommendations.models import PlanMeasure
from tests.meetings.factories import FollowUpActionFactory, MeetingFactory, PublishedMinutesFactory, SubgroupFactory
from tests.pages import page_in
from tests.recommendations.factories import (
    ActionFactory,
    NationalPlanFactory,
    RecommendationFactory,
    RoadMapFactory,
)
from tests.reports.factories import ReportFactory, ReportVersionFactory

pytestmark = pytest.mark.django_db

T = TypeVar("T", bound=TranslatableModel)


def _written_in_russian(obj: T, field: str, ru: str, kk: str) -> T:
    """`obj`'s `field` written in Russian with a Kazakh translation and no English."""
    obj.original_language = "ru"
    for other in obj.translatable_fields():
        # The record's other fields follow it into Russian, so its status is about `field`'s languages.
        text = obj.text_in(other, "en") or obj.text_in(other, "ru")
        obj.set_text(other, "ru", obj.text_in(other, "ru") or text)
        obj.set_text(other, "en", "")
    obj.set_text(field, "ru", ru)
    obj.set_text(field, "kk", kk)
    obj.save()
    return obj


def _subgroup(ru: str, kk: str) -> str:
    subgroup = _written_in_russian(SubgroupFactory(), "name", ru, kk)
    return reverse("meetings:subgroup-detail", args=[subgroup.pk])


def _topic(ru: str, kk: str) -> str:
    meeting = MeetingFactory()
    topic = _written_in_russian(Topic(name_ru=ru, original_language="ru"), "name", ru, kk)
    meeting.topics.add(topic)
    return reverse("meetings:meeting-detail", args=[meeting.pk])


def _follow_up(ru: str, kk: str) -> str:
    # Follow-up actions show beside published minutes.
    minutes = PublishedMinutesFactory()
    _written_in_russian(FollowUpActionFactory(meeting=minutes.meeting), "description", ru, kk)
    return reverse("meetings:meeting-detail", args=[minutes.meeting_id])


def _road_map(ru: str, kk: str) -> str:
    road_map = _written_in_russian(RoadMapFactory(), "title", ru, kk)
    return reverse("recommendations:roadmap-detail", args=[road_map.number])


def _road_map_list(ru: str, kk: str) -> str:
    _written_in_russian(RoadMapFactory(), "title", ru, kk)
    return reverse("recommendations:roadmap-list")


def _action(ru: str, kk: str) -> str:
    action = _written_in_russian(ActionFactory(), "description", ru, kk)
    return reverse("recommendations:roadmap-detail", args=[action.road_map.number])


def _plan(ru: str, kk: str) -> str:
    plan = _written_in_russian(NationalPlanFactory(), "title", ru, kk)
    return reverse("recommendations:plan-detail", args=[plan.slug])


def _plan_list(ru: str, kk: str) -> str:
    _written_in_russian(NationalPlanFactory(), "title", ru, kk)
    return reverse("recommendations:plan-list")


def _measure(ru: str, kk: str) -> str:
    plan = NationalPlanFactory()
    _written_in_russian(PlanMeasure.objects.create(plan=plan, number="1", text=ru), "text", ru, kk)
    return reverse("recommendations:plan-detail", args=[plan.slug])


def _cycle(ru: str, kk: str) -> str:
    recommendation = RecommendationFactory()
    _written_in_russian(recommendation.review, "title", ru, kk)
    return reverse("recommendations:recommendation-detail", args=[recommendation.pk])


def _road_map_of_recommendation(ru: str, kk: str) -> str:
    recommendation = RecommendationFactory()
    road_map = _written_in_russian(RoadMapFactory(), "title", ru, kk)
    road_map.recommendations.add(recommendation)
    return reverse("recommendations:recommendation-detail", args=[recommendation.pk])


def _report(ru: str, kk: str) -> str:
    report = _written_in_russian(ReportFactory(), "title", ru, kk)
    return reverse("reports:report-detail", args=[report.pk])


def _report_summary(ru: str, kk: str) -> str:
    report = _written_in_russian(ReportFactory(summary="-"), "summary", ru, kk)
    return reverse("reports:report-detail", args=[report.pk])


def _report_list(ru: str, kk: str) -> str:
    _written_in_russian(ReportFactory(), "title", ru, kk)
    return reverse("reports:report-list")


def _version_notes(ru: str, kk: str) -> str:
    version = _written_in_russian(ReportVersionFactory(notes="-"), "notes", ru, kk)
    return reverse("reports:report-detail", args=[version.report_id])


KINDS: dict[str, Callable[[str, str], str]] = {
    "subgroup": _subgroup,
    "meeting topic": _topic,
    "follow-up action": _follow_up,
    "road map": _road_map,
    "road-map list": _road_map_list,
    "road-map action": _action,
    "national plan": _plan,
    "national plans list": _plan_list,
    "plan measure": _measure,
    "review cycle": _cycle,
    "road map of a recommendation": _road_map_of_recommendation,
    "report": _report,
    "report summary": _report_summary,
    "reports list": _report_list,
    "report version notes": _version_notes,
}


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("language", ["kk", "ru", "en"])
def test_content_in_the_page_language_or_marked_fallback(client: Client, kind: str, language: str) -> None:
    ru, kk = f"Русский текст: {kind}", f"Қазақша мәтін (ә ғ қ ң ө ұ ү һ і): {kind}"
    html = page_in(client, KINDS[kind](ru, kk), language)
    if language == "en":
        assert f'<span lang="ru">{ru}</span>' in html
        with translation.override("en"):
            assert f'<small class="translation-note">{fallback_note("ru", only=False)}</small>' in html
        assert kk not in html
    else:
        expected, other = (kk, ru) if language == "kk" else (ru, kk)
        assert expected in html
        assert other not in html
        assert f'lang="{language}">{expected}' not in html  # the page's own language needs no mark


def test_every_kind_of_record_reports_its_missing_english() -> None:
    """The records these pages show are listed by the queue: Kazakh complete, English missing."""
    _written_in_russian(SubgroupFactory(), "name", "Подгруппа", "Кіші топ")
    subgroup = SubgroupFactory._meta.model.objects.get()
    assert subgroup.translation_status == {"ru": Status.ORIGINAL, "kk": Status.MISSING, "en": Status.MISSING}
    subgroup.mandate_kk = "Баяндаманы дайындау."
    subgroup.save()
    assert subgroup.status_of("kk") == Status.COMPLETE


@pytest.mark.parametrize("page", ["recommendation", "tracker"])
def test_a_recommendation_written_in_russian_is_marked_on_english_pages_and_shown_on_russian_ones(
    client: Client, page: str
) -> None:
    ru, kk = "Русский текст рекомендации", "Ұсынымның қазақша мәтіні"
    recommendation = _written_in_russian(RecommendationFactory(), "text", ru, kk)
    url = (reverse("recommendations:recommendation-detail", args=[recommendation.pk]) if page == "recommendation"
           else reverse("recommendations:tracker"))

    english = page_in(client, url, "en")
    assert f'lang="ru">{ru}' in english
    with translation.override("en"):
        assert f'<small class="translation-note">{fallback_note("ru", only=False)}</small>' in english
    assert ru in page_in(client, url, "ru") and kk not in page_in(client, url, "ru")
    assert kk in page_in(client, url, "kk")
