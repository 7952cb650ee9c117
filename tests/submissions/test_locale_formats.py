"""Public submissions and comment periods: dates in the page language, a closing time with its zone."""

from __future__ import annotations

import datetime as dt
import zoneinfo

import pytest
from django.test import Client

from submissions.models import Submission
from tests.submissions.factories import CommentPeriodFactory, SubmissionFactory

pytestmark = pytest.mark.django_db

ALMATY = zoneinfo.ZoneInfo("Asia/Almaty")


@pytest.mark.parametrize(("language", "decided", "closes"), [
    ("kk", "05.03.2026", "20.06.2027, 18:00 (Алматы, UTC+5)"),
    ("ru", "05.03.2026", "20.06.2027, 18:00 (Алматы, UTC+5)"),
    ("en", "5 March 2026", "20 June 2027, 18:00 (Almaty, UTC+5)"),
])
def test_public_submissions_and_comment_periods_are_dated_in_the_page_language(
    client: Client, language: str, decided: str, closes: str,
) -> None:
    SubmissionFactory(accepted=True, title="Named proposal")
    Submission.objects.update(decided_at=dt.datetime(2026, 3, 5, 12, 0, tzinfo=ALMATY))
    CommentPeriodFactory(closes_at=dt.datetime(2027, 6, 20, 18, 0, tzinfo=ALMATY))

    listing = client.get(f"/{language}/submissions/").content.decode()
    periods = client.get(f"/{language}/submissions/comment-periods/").content.decode()

    assert decided in listing
    assert closes in periods
