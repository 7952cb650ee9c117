"""The translation workspace in a real browser (issue 15): the queue and the side-by-side editor pass the quality
gates (axe-core, CSP, no sideways scroll at 390 and 1280 px, keyboard) in Kazakh, Russian and English, and the
journey of a meeting written in Russian, translated side by side and read on /kk/ and /en/.

Screenshots go to artifacts/screenshots/ (or $SCREENSHOT_DIR) for people to look at."""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable
from pathlib import Path

import pytest
from django.utils import timezone, translation
from playwright.sync_api import Page, expect

from conftest import make_role_user
from core import multilingual
from meetings.models import Meeting
from tests.meetings.factories import AgendaItemFactory, MeetingFactory, PublishedMinutesFactory
from tests.quality.axe import blocking, run_axe
from tests.quality.browser import csp_violations, focus_is_visible, focused, horizontal_overflow
from tests.recommendations.factories import NationalPlanFactory

pytestmark = [
    pytest.mark.quality_gate("browser journeys"),
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

ROOT = Path(__file__).resolve().parents[2]
SCREENSHOT_DIR = Path(os.environ.get("SCREENSHOT_DIR") or ROOT / "artifacts" / "screenshots")
LANGUAGES = ("kk", "ru", "en")
WIDTHS = (1280, 390)
# A long unbroken Russian title: the queue's rows must wrap it, not scroll the page sideways.
LONG_TITLE = ("Заседание № 46 Диалоговой платформы по человеческому измерению: межведомственное взаимодействие "
              "по выполнению рекомендаций договорных органов ООН и Универсального периодического обзора")


def _workspace() -> dict[str, str]:
    """Content waiting for translation, of several kinds: a meeting, its agenda, minutes, a plan measure."""
    with translation.override("ru"):
        # No chair: the keyboard journey below translates the title and the venue.
        meeting = MeetingFactory(title=LONG_TITLE, venue="МИД, Астана", chair="", original_language="ru")
        for position in range(1, 4):
            AgendaItemFactory(meeting=meeting, title=f"Пункт повестки дня № {position}", position=position,
                              original_language="ru")
        minutes = PublishedMinutesFactory(body="<p>Участники обсудили <strong>дорожные карты</strong>.</p>",
                                          decisions="<p>Одобрить план.</p>", original_language="ru")
    plan = NationalPlanFactory()
    return {
        "meeting": f"meetings.meeting/{meeting.pk}", "minutes": f"meetings.minutes/{minutes.pk}",
        "plan": f"recommendations.nationalplan/{plan.pk}",
    }


def _check(page: Page, url: str, name: str, width: int) -> list[str]:
    problems = []
    overflow = horizontal_overflow(page)
    if overflow > 0:
        problems.append(f"{url} at {width} px scrolls sideways by {overflow} px")
    problems += [f"{url}: {v.describe()}" for v in blocking(run_axe(page), url)]
    problems += [f"{url}: CSP violation: {v}" for v in csp_violations(page)]
    SCREENSHOT_DIR.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOT_DIR / f"translations-{name}-{width}.png"), full_page=True)
    return problems


def test_queue_and_editor_pass_axe_csp_and_fit_390_and_1280_px_in_each_language(
    page_as: Callable[..., Page],
) -> None:
    records = _workspace()
    secretariat = make_role_user("secretariat")
    problems = []
    for width in WIDTHS:
        tab = page_as("secretariat", user=secretariat, width=width)
        for language in LANGUAGES:
            target = "kk" if language != "kk" else "en"
            pages = {
                "queue": f"/{language}/translations/?lang={target}&kind=meetings.agendaitem",
                "editor": f"/{language}/translations/{records['meeting']}/{target}/",
                "minutes-editor": f"/{language}/translations/{records['minutes']}/{target}/",
                "plan-editor": f"/{language}/translations/{records['plan']}/{target}/",
            }
            for name, url in pages.items():
                response = tab.goto(url)
                assert response is not None and response.ok, f"{url}: HTTP {response and response.status}"
                assert tab.locator("html").get_attribute("lang") == language
                problems += _check(tab, url, f"{name}-{language}", width)
        tab.context.close()
    assert problems == []


def test_queue_rows_are_stacked_on_a_phone(page_as: Callable[..., Page]) -> None:
    _workspace()
    tab = page_as("secretariat", width=390)
    tab.goto("/ru/translations/?lang=kk&kind=meetings.meeting")
    row = tab.locator(".translation-queue-table tbody tr").first
    link = row.get_by_role("link")
    expect(link).to_be_visible()
    # Each row is one card: its title above its button, the whole within the window.
    box, title_box = row.bounding_box(), row.locator("td").first.bounding_box()
    assert box is not None and title_box is not None and box["x"] >= 0 and box["x"] + box["width"] <= 390
    assert link.bounding_box()["y"] > title_box["y"]
    assert horizontal_overflow(tab) <= 0


def test_keyboard_reaches_a_translation_from_the_queue_and_saves_it(page_as: Callable[..., Page]) -> None:
    records = _workspace()
    tab = page_as("secretariat")
    tab.goto("/en/translations/?lang=kk&kind=meetings.meeting")
    link = tab.get_by_role("link", name="Translate").first
    link.focus()
    assert focus_is_visible(tab), "the focused Translate link shows no focus indicator"
    tab.keyboard.press("Enter")
    expect(tab).to_have_url(f"{tab.context.pages[0].url.split('/en/')[0]}/en/translations/{records['meeting']}/kk/")
    # Tab from the top of the main content: the Kazakh title field, then the venue, then the save button.
    tab.locator("#main").focus()
    stops = []
    for _ in range(12):
        tab.keyboard.press("Tab")
        info = focused(tab)
        stops.append(info)
        assert focus_is_visible(tab), f"no visible focus on {info}"
        if info and info["id"] == "id_title":
            break
    assert stops[-1]["id"] == "id_title", stops
    tab.keyboard.type("Диалог алаңының № 46 отырысы")
    tab.keyboard.press("Tab")
    assert focused(tab)["id"] == "id_description"
    tab.keyboard.press("Tab")
    tab.keyboard.type("СІМ, Астана")
    tab.keyboard.press("Enter")
    expect(tab.get_by_text("The translation was saved.")).to_be_visible()
    meeting = Meeting.objects.get(pk=int(records["meeting"].rsplit("/", 1)[1]))
    assert (meeting.title_kk, meeting.venue_kk) == ("Диалог алаңының № 46 отырысы", "СІМ, Астана")
    assert meeting.status_of("kk") == multilingual.Status.COMPLETE


def _queue_count(tab: Page, language: str) -> int:
    badge = tab.locator(f'nav a[href^="?lang={language}"] .badge')
    return int(badge.inner_text())


def test_journey_meeting_written_in_russian_translated_side_by_side_read_in_kazakh_and_english(
    page_as: Callable[..., Page], page: Page,
) -> None:
    """The secretariat writes a meeting in Russian on /ru/, sees it in the queue, adds the Kazakh translation beside
    the original, sees the queue change, publishes (schedules) it; a reader on /kk/ sees it in Kazakh and one on
    /en/ the Russian, marked; after the English translation, /en/ shows English."""
    ru_title, kk_title, en_title = ("Заседание № 47 Диалоговой платформы", "Диалог алаңының № 47 отырысы",
                                    "Meeting No. 47 of the Dialogue Platform")
    tab = page_as("secretariat")
    tab.goto("/ru/translations/?lang=kk")
    before = _queue_count(tab, "kk")

    tab.goto("/ru/meetings/manage/new/")
    tab.locator("#id_original_language").select_option("ru")
    tab.locator("#id_title").fill(ru_title)
    tab.locator("#id_number").fill("47")
    start = timezone.localtime() + dt.timedelta(days=30)
    tab.locator("#id_starts_at").fill(start.strftime("%Y-%m-%dT%H:%M"))
    tab.locator("#id_ends_at").fill((start + dt.timedelta(hours=3)).strftime("%Y-%m-%dT%H:%M"))
    tab.locator("#id_venue").fill("Министерство иностранных дел, Астана")
    tab.locator("#id_description").fill("Обсуждение дорожных карт по правам человека.")
    tab.locator("form button[type=submit]").last.click()
    meeting = Meeting.objects.get(number=47)
    assert (meeting.original_language, meeting.title_ru, meeting.title_kk) == ("ru", ru_title, "")

    tab.goto("/ru/translations/?lang=kk")
    assert _queue_count(tab, "kk") == before + 1
    tab.goto("/ru/translations/?lang=kk&kind=meetings.meeting")
    tab.locator("tr", has_text=ru_title).get_by_role("link").click()
    # Side by side: the Russian original beside the Kazakh field.
    expect(tab.locator('.translation-original[lang="ru"]').first).to_contain_text(ru_title)
    tab.locator("#id_title").fill(kk_title)
    tab.locator("#id_description").fill("Адам құқықтары жөніндегі жол карталарын талқылау.")
    tab.locator("#id_venue").fill("Сыртқы істер министрлігі, Астана")
    tab.locator("form.translation-form button[type=submit]").click()
    expect(tab.locator(".alert-success")).to_be_visible()
    assert _queue_count(tab, "kk") == before
    assert Meeting.objects.get(pk=meeting.pk).status_of("kk") == multilingual.Status.COMPLETE

    tab.goto(f"/ru/meetings/manage/{meeting.pk}/")
    tab.locator("#id_status").select_option("scheduled")
    tab.locator("form[action$='/status/'] button[type=submit]").click()
    expect(tab.locator(".alert-success")).to_be_visible()
    assert Meeting.objects.get(pk=meeting.pk).status == Meeting.Status.SCHEDULED

    page.goto(f"/kk/meetings/{meeting.pk}/")
    expect(page.get_by_role("heading", level=1)).to_have_text(kk_title)
    expect(page.get_by_text("Адам құқықтары жөніндегі жол карталарын талқылау.")).to_be_visible()
    expect(page.locator(".translation-note")).to_have_count(0)
    page.goto(f"/en/meetings/{meeting.pk}/")
    heading = page.get_by_role("heading", level=1)
    expect(heading.locator('[lang="ru"]')).to_have_text(ru_title)
    # Kazakh exists too, so the note says "In Russian", not "only".
    expect(heading.locator(".translation-note")).to_have_text("In Russian")

    tab.goto(f"/en/translations/meetings.meeting/{meeting.pk}/en/")
    tab.locator("#id_title").fill(en_title)
    tab.locator("#id_description").fill("Human-rights road maps discussed.")
    tab.locator("#id_venue").fill("Ministry of Foreign Affairs, Astana")
    tab.locator("form.translation-form button[type=submit]").click()
    expect(tab.get_by_text("The translation was saved.")).to_be_visible()
    page.goto(f"/en/meetings/{meeting.pk}/")
    expect(page.get_by_role("heading", level=1)).to_have_text(en_title)
    expect(page.locator(".translation-note")).to_have_count(0)
