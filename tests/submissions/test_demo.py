from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command

from submissions.models import CommentPeriod, Submission

pytestmark = pytest.mark.django_db


def test_seed_demo_adds_submissions_in_every_status_and_an_open_comment_period_once(settings) -> None:  # noqa: ANN001
    settings.DEBUG = True
    call_command("seed_demo", stdout=StringIO())
    statuses = set(Submission.objects.values_list("status", flat=True))
    assert statuses == set(Submission.Status.values)
    assert set(Submission.objects.values_list("kind", flat=True)) == set(Submission.Kind.values)
    assert CommentPeriod.objects.open_at().filter(road_map__isnull=False).exists()
    accepted = Submission.objects.get(status=Submission.Status.ACCEPTED)
    assert accepted.recommendation is not None
    assert Submission.objects.get(kind="shadow_report").document.read().startswith(b"%PDF")
    count = Submission.objects.count()
    call_command("seed_demo", stdout=StringIO())
    assert Submission.objects.count() == count
    assert CommentPeriod.objects.count() == 1
