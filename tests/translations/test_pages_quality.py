"""The translation workspace's pages are valid HTML (vnu.jar) with nothing the CSP would block, in each language,
including the merge screen; every kind of text can be translated through the editor (a plan measure, whose own
field is named `text`, included)."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest
from django.test import Client
from django.urls import reverse, translate_url
from django.utils import translation

from core import multilingual
from dialogue_platform.translations import TranslationForm
from meetings.models import Meeting
from recommendations.models import PlanMeasure
from tests.meetings.factories import MeetingFactory, PublishedMinutesFactory
from tests.pages import page_in
from tests.quality import vnu
from tests.quality.csp import inline_code
from tests.recommendations.factories import NationalPlanFactory

pytestmark = pytest.mark.django_db

LANGUAGES = ("kk", "ru", "en")


def _merge_screen(client: Client, meeting: Meeting, language: str) -> str:
    """The editor after a save over a newer original."""
    url = translate_url(reverse("translation-edit", args=["meetings.meeting", meeting.pk, "kk"]), language)
    with translation.override(language):
        response = client.post(url, {"base": "0" * 16, "title": "Диалог алаңының отырысы", "venue": "СІМ"})
    assert response.status_code == 200
    return response.content.decode()


@pytest.mark.quality_gate("valid HTML (Nu HTML Checker)")
def test_queue_editor_and_merge_screen_are_valid_html_with_no_inline_code(
    client_as: Callable[[str], Client], tmp_path: Path,
) -> None:
    client = client_as("secretariat")
    with translation.override("ru"):
        meeting = MeetingFactory(title="Заседание № 48", venue="МИД, Астана", original_language="ru")
        minutes = PublishedMinutesFactory(body="<p>Обсудили <em>дорожные карты</em>.</p>", original_language="ru")
    measure = PlanMeasure.objects.create(plan=NationalPlanFactory(), number="1", text="Implement the road map.")
    pages: dict[str, str] = {}
    for language in LANGUAGES:
        pages[f"queue-{language}"] = page_in(client, reverse("translation-queue") + "?lang=en", language)
        pages[f"queue-phone-kinds-{language}"] = page_in(client, reverse("translation-queue") + "?lang=kk&kind=x",
                                                     language)
        for name, kind, pk in (("meeting", "meetings.meeting", meeting.pk), ("minutes", "meetings.minutes", minutes.pk),
                               ("measure", "recommendations.planmeasure", measure.pk)):
            # Into Kazakh: none of these was written in it (the editor sends the original's language elsewhere).
            pages[f"{name}-{language}"] = page_in(client, reverse("translation-edit", args=[kind, pk, "kk"]), language)
        pages[f"merge-{language}"] = _merge_screen(client, meeting, language)
    assert "The original changed while you were translating" in pages["merge-en"]
    files = {}
    problems = []
    for name, html in pages.items():
        problems += [f"{name}: {problem}" for problem in inline_code(html)]
        path = tmp_path / f"{name}.html"
        path.write_text(html, encoding="utf-8")
        files[path.name] = name
    errors = vnu.validate([tmp_path / name for name in files])
    assert problems == []
    assert errors == [], vnu.summarize(errors, files)


def test_a_plan_measure_is_translated_through_the_editor(client_as: Callable[[str], Client]) -> None:
    """A plan measure's field is named `text`: the editor must still read and write its translations."""
    client = client_as("secretariat")
    measure = PlanMeasure.objects.create(plan=NationalPlanFactory(), number="1",
                                         text="Implement the road map on the prevention of torture.")
    url = reverse("translation-edit", args=["recommendations.planmeasure", measure.pk, "kk"])
    html = page_in(client, url, "kk")
    assert "Implement the road map on the prevention of torture." in html
    base = re.search(r'name="base" value="([0-9a-f]+)"', html).group(1)
    with translation.override("kk"):
        response = client.post(translate_url(url, "kk"),
                               {"base": base, "text": "Азаптаудың алдын алу жөніндегі жол картасын орындау."})
    assert response.status_code == 302
    measure.refresh_from_db()
    assert measure.text_kk == "Азаптаудың алдын алу жөніндегі жол картасын орындау."
    assert measure.status_of("kk") == multilingual.Status.COMPLETE


def test_a_translation_posted_without_its_base_keeps_the_text_and_says_why(client_as: Callable[[str], Client]) -> None:
    """A form that lost its hidden fingerprint (an old tab, a script) is refused with a message, nothing saved."""
    client = client_as("secretariat")
    with translation.override("ru"):
        meeting = MeetingFactory(title="Заседание № 49", venue="МИД", original_language="ru")
    url = translate_url(reverse("translation-edit", args=["meetings.meeting", meeting.pk, "kk"]), "kk")
    with translation.override("kk"):
        response = client.post(url, {"title": "Диалог алаңының № 49 отырысы 🇰🇿\u200f", "venue": "СІМ"})
        message = str(TranslationForm.base_fields["base"].error_messages["required"])
    html = response.content.decode()
    assert response.status_code == 200
    assert message in html
    assert "Диалог алаңының № 49 отырысы 🇰🇿\u200f" in html
    meeting.refresh_from_db()
    assert meeting.title_kk == ""
    # The page now carries the original's fingerprint: saving again from it works.
    assert f'name="base" value="{meeting.current_fingerprint()}"' in html


def test_mixed_scripts_emoji_and_rtl_marks_survive_the_editor(client_as: Callable[[str], Client]) -> None:
    client = client_as("secretariat")
    with translation.override("ru"):
        meeting = MeetingFactory(title="Заседание № 50", venue="МИД", original_language="ru")
    text = "Қазақстан · Kazakhstan · \u200fمرحبا\u200f · 🤝"
    url = translate_url(reverse("translation-edit", args=["meetings.meeting", meeting.pk, "kk"]), "kk")
    with translation.override("kk"):
        client.post(url, {"base": meeting.current_fingerprint(), "title": text, "venue": "СІМ"})
    meeting.refresh_from_db()
    assert meeting.title_kk == text


def test_minutes_translated_over_a_newer_original_show_the_merge_screen(client_as: Callable[[str], Client]) -> None:
    """The optimistic check on rich text: the new original beside the translator's kept text; nothing saved."""
    from meetings.models import Minutes

    client = client_as("secretariat")
    with translation.override("ru"):
        minutes = PublishedMinutesFactory(original_language="ru")
    minutes.body_ru = "<p>Первая редакция.</p>"
    minutes.save()
    kazakh_before = minutes.body_kk
    base = Minutes.objects.get(pk=minutes.pk).current_fingerprint()
    minutes.body_ru = "<p>Исправленная редакция.</p>"
    minutes.save()
    url = translate_url(reverse("translation-edit", args=["meetings.minutes", minutes.pk, "kk"]), "kk")
    with translation.override("kk"):
        response = client.post(url, {"base": base, "body": "<p>Бірінші редакция.</p>", "decisions": ""})
    html = response.content.decode()
    assert response.status_code == 200
    assert "Исправленная редакция." in html and "&lt;p&gt;Бірінші редакция.&lt;/p&gt;" in html
    assert 'id="merge-heading"' in html
    assert Minutes.objects.get(pk=minutes.pk).body_kk == kazakh_before  # nothing saved


def test_admin_forms_carry_no_hidden_copy_of_the_original_language(client_as: Callable[[str], Client]) -> None:
    """Django adds a hidden "initial" input for a callable default, and the admin gives it aria-describedby, which
    HTML forbids on hidden inputs: the original-language field does without it."""
    # Topics are edited in the administration (meetings themselves on our own screens: read-only there).
    html = page_in(client_as("secretariat"), reverse("admin:meetings_topic_add"), "en")
    assert 'name="original_language"' in html
    assert 'name="initial-original_language"' not in html
