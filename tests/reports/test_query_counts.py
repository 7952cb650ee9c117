"""Query-count guards: the registry and the digest page cost the same however much data they show."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.test import Client
from django.urls import reverse
from pytest_django.fixtures import DjangoAssertNumQueries

from reports.models import Report
from reports.services import digest_build
from tests.meetings.factories import FollowUpActionFactory, MeetingFactory
from tests.participants.factories import OrganizationFactory
from tests.recommendations.factories import ActionFactory, mechanism
from tests.reports.factories import ReportDocumentFactory, ReportFactory, ReportVersionFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("role", ["anonymous", "secretariat"])
def test_registry_list_queries_do_not_grow_with_reports(
    role: str, client_as: Callable[[str], Client], django_assert_max_num_queries: DjangoAssertNumQueries,
) -> None:
    for index in range(30):
        ReportFactory(mechanism=mechanism("upr"), author_organization=OrganizationFactory(), year=2000 + index % 5)
    client = client_as(role)
    client.get(reverse("reports:report-list"))  # warm the session
    with django_assert_max_num_queries(8):
        response = client.get(reverse("reports:report-list"), {"kind": "upr_national"})
    assert len(response.context["page"].object_list) == 20


def test_report_page_queries_do_not_grow_with_versions(
    client: Client, django_assert_max_num_queries: DjangoAssertNumQueries,
) -> None:
    report = ReportFactory()
    for number in range(1, 6):
        version = ReportVersionFactory(report=report, number=number)
        for _ in range(3):
            ReportDocumentFactory(version=version)
    with django_assert_max_num_queries(6):
        response = client.get(reverse("reports:report-detail", args=[report.pk]))
    assert response.content.decode().count("reports/documents/") == 15


def test_digest_page_reads_the_stored_snapshot(
    client: Client, django_assert_max_num_queries: DjangoAssertNumQueries,
) -> None:
    import datetime

    from django.utils import timezone

    for index in range(10):
        meeting = MeetingFactory(starts_at=timezone.make_aware(datetime.datetime(2025, 5, 1 + index, 10)),
                                 status="held")
        FollowUpActionFactory(meeting=meeting)
        ActionFactory(deadline=datetime.date(2025, 4, 1 + index))
    report = digest_build(kind=Report.Kind.QUARTERLY_DIGEST, year=2025, quarter=2)
    with django_assert_max_num_queries(6):
        response = client.get(reverse("reports:report-detail", args=[report.pk]))
    assert response.context["totals"]["meetings_held"] == 10
    assert response.context["totals"]["actions_overdue"] == 10
