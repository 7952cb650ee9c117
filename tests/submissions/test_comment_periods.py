from __future__ import annotations

import datetime as dt

import pytest
from django.db import IntegrityError
from django.utils import timezone

from core.exceptions import ApplicationError
from submissions import selectors, services
from submissions.models import CommentPeriod
from tests.recommendations.factories import RoadMapFactory
from tests.submissions.factories import CommentPeriodFactory, pdf_upload, secretariat_user

pytestmark = pytest.mark.django_db


def test_comment_period_open_on_a_road_map_is_listed_as_open() -> None:
    road_map = RoadMapFactory()
    now = timezone.now()
    period = services.comment_period_open(
        actor=secretariat_user(), road_map=road_map, opens_at=now - dt.timedelta(hours=1),
        closes_at=now + dt.timedelta(days=7),
    )
    assert period.subject_title == str(road_map)
    assert list(selectors.comment_periods_open()) == [period]


def test_comment_period_open_on_a_draft_document_keeps_titles_file_and_link() -> None:
    now = timezone.now()
    period = services.comment_period_open(
        actor=None, title="Draft national report", title_ru="Проект национального доклада",
        title_kk="Ұлттық баяндаманың жобасы", url="https://example.kz/draft", document=pdf_upload("draft.pdf"),
        opens_at=now, closes_at=now + dt.timedelta(days=30),
    )
    period.refresh_from_db()
    assert period.road_map is None
    # Stored under a random name (core.uploads.random_name); the download is named after the period's title.
    assert period.document.name.endswith(".pdf") and "draft" not in period.document.name.rsplit("/", 1)[-1]
    assert period.url == "https://example.kz/draft"


def test_comment_period_open_rejects_closing_before_opening() -> None:
    now = timezone.now()
    with pytest.raises(ApplicationError) as error:
        services.comment_period_open(actor=None, title="Draft", opens_at=now, closes_at=now - dt.timedelta(days=1))
    assert error.value.field == "closes_at"
    assert not CommentPeriod.objects.exists()


def test_comment_period_open_needs_a_subject() -> None:
    now = timezone.now()
    with pytest.raises(ApplicationError) as error:
        services.comment_period_open(actor=None, opens_at=now, closes_at=now + dt.timedelta(days=1))
    assert error.value.field == "title"


def test_database_refuses_a_period_that_closes_before_it_opens() -> None:
    now = timezone.now()
    with pytest.raises(IntegrityError):
        CommentPeriod.objects.create(title="Draft", opens_at=now, closes_at=now - dt.timedelta(hours=1))


def test_comment_period_close_ends_it_now_and_it_leaves_the_open_list() -> None:
    period = CommentPeriodFactory()
    services.comment_period_close(actor=secretariat_user(), period=period)
    period.refresh_from_db()
    assert not period.is_open
    assert period.closed_early_at is not None
    assert not selectors.comment_periods_open().exists()


def test_comment_period_close_of_a_future_period_cancels_it() -> None:
    period = CommentPeriodFactory(opens_at=timezone.now() + dt.timedelta(days=3),
                                  closes_at=timezone.now() + dt.timedelta(days=10))
    services.comment_period_close(actor=secretariat_user(), period=period)
    period.refresh_from_db()
    assert period.closes_at > period.opens_at
    assert not period.is_open_at(timezone.now() + dt.timedelta(days=5))


def test_comment_period_close_twice_is_refused() -> None:
    period = CommentPeriodFactory(closed=True)
    with pytest.raises(ApplicationError):
        services.comment_period_close(actor=secretariat_user(), period=period)
