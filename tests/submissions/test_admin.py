from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from tests.auth import force_login
from tests.participants.factories import UserFactory
from tests.submissions.factories import CommentPeriodFactory, SubmissionEventFactory

pytestmark = pytest.mark.django_db


def test_admin_shows_submissions_and_periods_read_only() -> None:
    event = SubmissionEventFactory(internal_note="Check the figures")
    period = CommentPeriodFactory()
    client = Client()
    force_login(client, UserFactory(is_staff=True, is_superuser=True, role="secretariat"))
    for url in (reverse("admin:submissions_submission_changelist"),
                reverse("admin:submissions_submission_change", args=[event.submission_id]),
                reverse("admin:submissions_commentperiod_changelist"),
                reverse("admin:submissions_commentperiod_change", args=[period.pk])):
        assert client.get(url).status_code == 200, url
    assert client.get(reverse("admin:submissions_submission_add")).status_code == 403
    response = client.post(reverse("admin:submissions_submission_change", args=[event.submission_id]),
                           {"title": "Changed"})
    assert response.status_code == 403
