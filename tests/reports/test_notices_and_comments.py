"""A published digest is e-mailed once to subscribers; a draft report version can be put to NGO comment."""

from __future__ import annotations

import datetime
from collections.abc import Callable

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from notifications.models import OptOut
from reports.models import Report
from reports.notices import DIGEST_PUBLISHED
from reports.services import digest_build
from submissions.models import CommentPeriod
from tests.participants.factories import UserFactory
from tests.reports.factories import ReportDocumentFactory, ReportFactory, ReportVersionFactory

pytestmark = pytest.mark.django_db


def test_digest_is_emailed_once_to_each_subscriber_in_their_language(
    django_capture_on_commit_callbacks: Callable[..., object],
) -> None:
    UserFactory(role="focal_point", email="ru@example.kz", preferred_language="ru")
    UserFactory(role="observer", email="en@example.org", preferred_language="en")
    UserFactory(role="ngo", email="gone@example.org", is_active=False)
    quitter = UserFactory(role="secretariat", email="quit@example.org")
    OptOut.objects.create(user=quitter, topic=DIGEST_PUBLISHED)

    with django_capture_on_commit_callbacks(execute=True):  # type: ignore[attr-defined]
        report = digest_build(kind=Report.Kind.QUARTERLY_DIGEST, year=2025, quarter=2)
    recipients = sorted(message.to[0] for message in mail.outbox)
    assert recipients == ["en@example.org", "ru@example.kz"]
    russian = next(m for m in mail.outbox if m.to == ["ru@example.kz"])
    assert f"/ru/reports/{report.pk}/" in russian.body
    assert report.title_ru in russian.subject  # type: ignore[attr-defined]  # a sent message's subject is a str
    assert "List-Unsubscribe" in russian.extra_headers

    with django_capture_on_commit_callbacks(execute=True):  # type: ignore[attr-defined]
        digest_build(kind=Report.Kind.QUARTERLY_DIGEST, year=2025, quarter=2)
    assert len(mail.outbox) == 2  # a rebuild tells nobody twice


def _period_post(days: int = 30) -> dict[str, str]:
    now = timezone.localtime().replace(second=0, microsecond=0)
    return {"opens_at": (now - datetime.timedelta(minutes=5)).strftime("%Y-%m-%dT%H:%M"),
            "closes_at": (now + datetime.timedelta(days=days)).strftime("%Y-%m-%dT%H:%M"),
            "description": "Comment on chapter III."}


def test_secretariat_opens_a_comment_period_on_a_draft_version(client_as: Callable[[str], Client]) -> None:
    report = ReportFactory(status=Report.Status.DRAFT, title="Draft fourth national report",
                           title_ru="Проект четвёртого доклада")
    version = ReportVersionFactory(report=report, number=1)
    document = ReportDocumentFactory(version=version, title="Draft text")
    ngo = client_as("ngo")
    assert ngo.get(reverse("reports:report-detail", args=[report.pk])).status_code == 404

    response = client_as("secretariat").post(reverse("reports:comment-period-open", args=[version.pk]),
                                             _period_post())
    assert response["Location"] == reverse("reports:report-detail", args=[report.pk])
    version.refresh_from_db()
    period = CommentPeriod.objects.get()
    assert version.comment_period == period
    assert period.title == "Draft fourth national report — v1"
    assert period.title_ru == "Проект четвёртого доклада — v1"
    assert period.url.endswith(reverse("reports:report-detail", args=[report.pk]))
    assert period.is_open

    # While the period is open, participants read the draft they are asked to comment on.
    page = ngo.get(reverse("reports:report-detail", args=[report.pk]))
    assert page.status_code == 200 and "Draft text" in page.content.decode()
    assert ngo.get(reverse("reports:document-download", args=[document.pk])).status_code == 200
    assert client_as("anonymous").get(reverse("reports:report-detail", args=[report.pk])).status_code == 404

    CommentPeriod.objects.filter(pk=period.pk).update(closes_at=timezone.now() - datetime.timedelta(minutes=1))
    assert ngo.get(reverse("reports:report-detail", args=[report.pk])).status_code == 404
    assert ngo.get(reverse("reports:document-download", args=[document.pk])).status_code == 404


def test_comment_period_is_refused_on_a_published_report(client_as: Callable[[str], Client]) -> None:
    version = ReportVersionFactory(report=ReportFactory(status=Report.Status.PUBLISHED))
    response = client_as("secretariat").post(reverse("reports:comment-period-open", args=[version.pk]),
                                             _period_post())
    assert response.status_code == 200
    assert response.context["form"].non_field_errors() == [
        "Only a draft report is put to comment; set the report back to draft first."]
    assert not CommentPeriod.objects.exists()


def test_comment_period_must_close_after_it_opens(client_as: Callable[[str], Client]) -> None:
    version = ReportVersionFactory(report=ReportFactory(status=Report.Status.DRAFT))
    data = _period_post()
    data["closes_at"] = data["opens_at"]
    response = client_as("secretariat").post(reverse("reports:comment-period-open", args=[version.pk]), data)
    assert response.context["form"].errors["closes_at"] == ["The comment period must close after it opens."]
    assert response.context["form"]["description"].value() == "Comment on chapter III."
    assert not CommentPeriod.objects.exists()


def test_a_version_gets_one_comment_period(client_as: Callable[[str], Client]) -> None:
    version = ReportVersionFactory(report=ReportFactory(status=Report.Status.DRAFT))
    client = client_as("secretariat")
    client.post(reverse("reports:comment-period-open", args=[version.pk]), _period_post())
    response = client.post(reverse("reports:comment-period-open", args=[version.pk]), _period_post())
    assert response.context["form"].non_field_errors() == ["This version already has a comment period."]
    assert CommentPeriod.objects.count() == 1
