"""The shared cache of public pages (core/pagecache.py): an anonymous crowd gets one rendering per page and
language, a change to the data shows at once, a repeated request gets 304, a signed-in person never gets the
shared copy (nor leaves theirs in it), and a broken cache never breaks a page."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator

import pytest
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.middleware.csrf import get_token
from django.test import Client, RequestFactory
from django.urls import reverse
from django.utils import timezone, translation
from pytest_django.fixtures import Settings

from core import pagecache
from dialogue_platform.apps import page_scopes
from meetings import services as meeting_services
from meetings.models import AgendaItem, Invitation, Meeting
from notifications.models import Delivery
from participants.models import User
from recommendations import services as recommendation_services
from recommendations.models import Recommendation
from submissions.models import Submission
from tests.meetings.factories import AgendaItemFactory, InvitationFactory, MeetingFactory
from tests.participants.factories import UserFactory
from tests.recommendations.factories import RecommendationFactory, ThemeFactory

pytestmark = pytest.mark.django_db

SECRET_LINK = "https://meet.example.org/secret-room-42"


@pytest.fixture(autouse=True)
def page_cache(settings: Settings) -> Iterator[None]:
    settings.PAGE_CACHE_SECONDS = 60
    cache.clear()
    pagecache._broken_until = 0.0
    yield
    cache.clear()
    pagecache._broken_until = 0.0


@pytest.fixture
def meeting() -> Meeting:
    meeting = MeetingFactory(title="Meeting No. 45 on torture prevention", starts_at=timezone.now() + dt.timedelta(days=3))
    AgendaItemFactory(meeting=meeting, position=1, title="Opening")
    AgendaItemFactory(meeting=meeting, position=2, title="Road map on torture prevention")
    return meeting


def url_of(meeting: Meeting, language: str = "en") -> str:
    with translation.override(language):
        return reverse("meetings:meeting-detail", args=[meeting.pk])


def test_a_crowd_gets_one_rendering_and_the_rest_from_the_cache_without_a_query(
    client: Client, meeting: Meeting, django_assert_num_queries: Callable, django_assert_max_num_queries: Callable
) -> None:
    with django_assert_max_num_queries(12):
        first = client.get(url_of(meeting))
    with django_assert_num_queries(0):
        others = [Client().get(url_of(meeting)) for _ in range(5)]

    assert first.status_code == 200 and first["X-Page-Cache"] == "miss"
    assert all(r.status_code == 200 and r["X-Page-Cache"] == "hit" for r in others)
    assert {r.content for r in others} == {first.content}
    assert "Meeting No. 45 on torture prevention" in first.content.decode()
    assert {r["ETag"] for r in others} == {first["ETag"]}
    assert "public" in first["Cache-Control"] and "must-revalidate" in first["Cache-Control"]


def test_each_language_has_its_own_copy(client: Client, meeting: Meeting) -> None:
    pages = {language: client.get(url_of(meeting, language)) for language in ("kk", "ru", "en")}
    again = {language: Client().get(url_of(meeting, language)) for language in ("kk", "ru", "en")}

    for language, response in pages.items():
        assert f'<html lang="{language}">' in response.content.decode()
        assert again[language]["X-Page-Cache"] == "hit" and again[language].content == response.content


def test_a_change_to_the_meeting_or_its_agenda_shows_at_once(client: Client, meeting: Meeting) -> None:
    secretariat = UserFactory(role=User.Role.SECRETARIAT)
    assert "Opening" in client.get(url_of(meeting)).content.decode()

    meeting.title = "Meeting No. 45, renamed"
    meeting.save()
    assert "Meeting No. 45, renamed" in client.get(url_of(meeting)).content.decode()

    # Positions are swapped with QuerySet.update(), which sends no signal: the service says so itself.
    opening = AgendaItem.objects.get(meeting=meeting, position=1)
    meeting_services.agenda_item_move(actor=secretariat, item=opening, direction="down")
    page = client.get(url_of(meeting))
    assert page["X-Page-Cache"] == "miss"
    html = page.content.decode()
    assert html.index("Road map on torture prevention") < html.index("Opening")

    AgendaItem.objects.filter(meeting=meeting, title="Opening").first().delete()
    assert "Opening" not in client.get(url_of(meeting)).content.decode()


def test_the_change_is_applied_again_when_the_transaction_commits(
    client: Client, django_capture_on_commit_callbacks: Callable
) -> None:
    """A page rendered from the old rows between the save and the commit must not outlive the commit."""
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        meeting = MeetingFactory(title="Meeting No. 46")
        client.get(url_of(meeting))
        meeting.title = "Renamed inside a transaction"
        meeting.save()
        AgendaItemFactory(meeting=meeting, position=1, title="Opening")
        version_after_save = pagecache.versions(["meetings"])

    ours = [c for c in callbacks if c.__qualname__.startswith("_schedule")]
    for callback in ours:
        callback()

    assert pagecache.versions(["meetings"]) != version_after_save
    # One callback per scope and transaction, however many rows changed in it.
    assert len(ours) == len(page_scopes(Meeting, None))


def test_a_bulk_classification_of_recommendations_refreshes_the_tracker(client: Client) -> None:
    recommendation = RecommendationFactory(text="Criminalise domestic violence")
    theme = ThemeFactory(name="Domestic violence")
    tracker = reverse("recommendations:tracker")
    before = client.get(tracker)
    assert Client().get(tracker)["X-Page-Cache"] == "hit"

    recommendation_services.recommendation_bulk_classify(
        actor=UserFactory(role=User.Role.SECRETARIAT), recommendation_ids=[recommendation.pk], theme=theme
    )

    after = client.get(tracker)
    assert after["X-Page-Cache"] == "miss" and after.content != before.content


def test_a_repeated_request_gets_304_until_the_page_changes(client: Client, meeting: Meeting) -> None:
    first = client.get(url_of(meeting))

    by_etag = client.get(url_of(meeting), HTTP_IF_NONE_MATCH=first["ETag"])
    by_date = client.get(url_of(meeting), HTTP_IF_MODIFIED_SINCE=first["Last-Modified"])
    meeting.title = "Meeting No. 45, moved to the Senate hall"
    meeting.save()
    changed = client.get(url_of(meeting), HTTP_IF_NONE_MATCH=first["ETag"])

    assert by_etag.status_code == 304 and by_etag.content == b""
    assert by_date.status_code == 304
    assert changed.status_code == 200 and changed["ETag"] != first["ETag"]
    assert "Senate hall" in changed.content.decode()


def test_a_signed_in_invitee_never_gets_the_shared_copy_nor_leaves_theirs_in_it(meeting: Meeting) -> None:
    invitee = InvitationFactory(meeting=meeting, person__first_name="Aigerim", person__last_name="Nurlanova").person
    other = InvitationFactory(meeting=meeting, person__first_name="Yerlan", person__last_name="Seitkali").person
    anonymous = Client()
    public = anonymous.get(url_of(meeting))
    assert SECRET_LINK not in public.content.decode()

    signed_in, colleague = Client(), Client()
    signed_in.force_login(invitee)
    colleague.force_login(other)
    mine = signed_in.get(url_of(meeting))
    theirs = colleague.get(url_of(meeting))
    public_again = Client().get(url_of(meeting))

    assert "X-Page-Cache" not in mine and "X-Page-Cache" not in theirs
    assert "private" in mine["Cache-Control"] and "public" not in mine["Cache-Control"]
    assert SECRET_LINK in mine.content.decode() and "Aigerim Nurlanova" in mine.content.decode()
    assert "Aigerim Nurlanova" not in theirs.content.decode() and "Yerlan Seitkali" in theirs.content.decode()
    assert public_again["X-Page-Cache"] == "hit" and public_again.content == public.content
    assert SECRET_LINK not in public_again.content.decode() and "Aigerim" not in public_again.content.decode()


def test_a_signed_in_visit_first_stores_nothing_for_the_public(meeting: Meeting) -> None:
    invitee = InvitationFactory(meeting=meeting, person__first_name="Aigerim", person__last_name="Nurlanova").person
    signed_in = Client()
    signed_in.force_login(invitee)
    signed_in.get(url_of(meeting))

    public = Client().get(url_of(meeting))

    assert public["X-Page-Cache"] == "miss"
    assert SECRET_LINK not in public.content.decode() and "Aigerim" not in public.content.decode()


def test_a_visitor_with_a_session_or_a_message_gets_a_fresh_page(meeting: Meeting) -> None:
    Client().get(url_of(meeting))
    with_session, with_message = Client(), Client()
    with_session.cookies["sessionid"] = "not-a-session"
    with_message.cookies["messages"] = "anything"

    assert "X-Page-Cache" not in with_session.get(url_of(meeting))
    assert "X-Page-Cache" not in with_message.get(url_of(meeting))


def test_a_page_with_a_csrf_token_or_a_message_is_never_stored(rf: RequestFactory) -> None:
    from django.contrib.auth.models import AnonymousUser

    @pagecache.public_page("meetings")
    def with_form(request: HttpRequest) -> HttpResponse:
        return HttpResponse(f"<form>{get_token(request)}</form>")

    def anonymous_get() -> HttpRequest:
        request = rf.get("/en/form/")
        request.user = AnonymousUser()
        return request

    first, second = with_form(anonymous_get()), with_form(anonymous_get())

    assert "X-Page-Cache" not in first and "X-Page-Cache" not in second
    assert first.content != second.content  # each visitor's own token


def test_a_broken_cache_never_breaks_a_page_and_is_then_left_alone(
    client: Client, meeting: Meeting, settings: Settings, caplog: pytest.LogCaptureFixture
) -> None:
    # Nothing listens on port 1: every cache call fails at once.
    settings.CACHES = {**settings.CACHES, "down": {"BACKEND": "django.core.cache.backends.redis.RedisCache",
                                                   "LOCATION": "redis://127.0.0.1:1/0"}}
    settings.PAGE_CACHE_ALIAS = "down"

    page = client.get(url_of(meeting))
    meeting.title = "Saved while the cache is down"
    meeting.save()
    again = client.get(url_of(meeting))

    assert page.status_code == 200 and "X-Page-Cache" not in page
    assert again.status_code == 200 and "Saved while the cache is down" in again.content.decode()
    assert "Page cache unavailable" in caplog.text
    assert pagecache._broken_until > 0  # backing off: the next requests do not even try


def test_pages_are_not_cached_when_the_cache_is_switched_off(
    client: Client, meeting: Meeting, settings: Settings
) -> None:
    settings.PAGE_CACHE_SECONDS = 0
    responses = [client.get(url_of(meeting)) for _ in range(2)]
    assert all("X-Page-Cache" not in r for r in responses)
    assert all(r.status_code == 200 and r.has_header("ETag") for r in responses)  # 304 still works


def test_a_change_makes_its_own_apps_pages_stale_and_those_below_it_never_above_or_private() -> None:
    assert list(page_scopes(Submission, None)) == ["participants", "recommendations", "meetings", "submissions"]
    assert list(page_scopes(Meeting, None)) == ["participants", "recommendations", "meetings"]
    assert list(page_scopes(Recommendation, None)) == ["participants", "recommendations"]
    assert list(page_scopes(Invitation, frozenset({"response"}))) == ["participants", "recommendations", "meetings"]
    assert list(page_scopes(Delivery, None)) == []  # notices being sent show on no public page
    assert list(page_scopes(User, frozenset({"last_login"}))) == []  # a sign-in changes nothing public
    assert list(page_scopes(User, None)) == ["participants"]


def test_the_api_answers_anonymous_clients_from_the_cache_until_the_data_changes_and_throttles_them_still(
    client: Client, settings: Settings, django_assert_num_queries: Callable
) -> None:
    settings.API_ANON_RATE = "4/hour"
    RecommendationFactory(text="Ratify the Optional Protocol to the Convention against Torture")
    url = "/api/v1/recommendations/?page_size=50"

    first = client.get(url)
    with django_assert_num_queries(0):
        second = client.get(url)
    RecommendationFactory(text="Criminalise domestic violence")
    third = client.get(url)
    fourth = client.get(url)
    over_the_limit = client.get(url)

    assert first.status_code == second.status_code == third.status_code == fourth.status_code == 200
    assert first.json() == second.json() and len(first.json()["results"]) == 1
    assert [r["text"] for r in third.json()["results"]][0] == "Criminalise domestic violence"
    assert over_the_limit.status_code == 429  # a cached answer does not bypass the rate limit


def test_tracker_filter_options_are_read_once_per_language_and_a_new_theme_shows_at_once(
    client: Client, django_assert_max_num_queries: Callable
) -> None:
    ThemeFactory(name="Rights of the child")
    RecommendationFactory()
    tracker = reverse("recommendations:tracker")
    # Different searches miss the page cache but share the filters' options: seven reference lists are read by
    # the first request only.
    first = client.get(tracker, {"q": "first"})
    with django_assert_max_num_queries(7):
        second = Client().get(tracker, {"q": "second"})
    assert first.status_code == second.status_code == 200
    assert "Rights of the child" in second.content.decode()

    ThemeFactory(name="Freedom of assembly")
    third = Client().get(tracker, {"q": "third"})
    assert "Freedom of assembly" in third.content.decode()


def test_tracker_rows_are_rendered_once_and_a_renamed_theme_shows_at_once(
    client: Client, django_assert_max_num_queries: Callable
) -> None:
    theme = ThemeFactory(name="Rights of the child")
    for _ in range(3):
        recommendation = RecommendationFactory()
        recommendation.themes.add(theme)
    tracker = reverse("recommendations:tracker")
    first = client.get(tracker, {"page": "1"})
    # Another URL (not the cached page) showing the same rows: their themes, states and agencies are not read
    # again, their rendering comes from the cache.
    with django_assert_max_num_queries(3):
        second = Client().get(tracker, {"sort": "newest"})
    assert first.status_code == second.status_code == 200
    assert second.content.decode().count("Rights of the child") >= 3

    theme.name = "Children's rights"
    theme.save()
    third = Client().get(tracker, {"sort": "oldest"})
    assert third.content.decode().count("Children&#x27;s rights") >= 3
    assert "Rights of the child</" not in third.content.decode()
