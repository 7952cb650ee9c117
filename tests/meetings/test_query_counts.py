"""List, archive and detail pages run a bounded number of queries, whatever the amount of data."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.test import Client
from django.urls import reverse
from pytest_django.fixtures import DjangoAssertNumQueries

from tests.meetings.factories import (
    AgendaItemFactory,
    InvitationFactory,
    MeetingDocumentFactory,
    MeetingFactory,
    PublishedMinutesFactory,
    TopicFactory,
)
from tests.participants.factories import OrganizationFactory, UserFactory

pytestmark = pytest.mark.django_db

SIZES = [2, 12]
# Session and user for a signed-in client, plus the page's own queries; the same for both sizes.
# 13 + 2: the meeting page prefetches its agenda items' road maps and recommendations (test_links.py).
MAX_QUERIES = 15


def build(size: int) -> list[int]:
    topic = TopicFactory(name="UPR")
    org = OrganizationFactory()
    pks = []
    for n in range(size):
        upcoming = MeetingFactory()
        upcoming.topics.add(topic)
        held = PublishedMinutesFactory(body=f"<p>Minutes {n} on the UPR</p>").meeting
        held.topics.add(topic)
        for meeting in (upcoming, held):
            for _ in range(size):
                item = AgendaItemFactory(meeting=meeting)
                item.presenter_organizations.add(org)
                item.presenter_people.add(UserFactory())
                item.topics.add(topic)
            InvitationFactory.create_batch(size, meeting=meeting, organization=org)
            MeetingDocumentFactory.create_batch(2, meeting=meeting)
        pks += [upcoming.pk, held.pk]
    return pks


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("role", ["anonymous", "ngo", "secretariat"])
def test_public_pages_run_bounded_queries(
    size: int, role: str, client_as: Callable[[str], Client], django_assert_max_num_queries: DjangoAssertNumQueries
) -> None:
    pks = build(size)
    client = client_as(role)
    client.get(reverse("meetings:meeting-list"))  # warm the session
    urls = [
        reverse("meetings:meeting-list"),
        reverse("meetings:meeting-archive"),
        reverse("meetings:meeting-archive") + "?q=UPR&topic=1",
        reverse("meetings:meeting-detail", args=[pks[0]]),
        reverse("meetings:meeting-detail", args=[pks[1]]),
        reverse("meetings:meeting-ics", args=[pks[0]]),
        reverse("meetings:statistics"),
        reverse("meetings_feeds:schedule-ics"),
        reverse("meetings_feeds:minutes-atom"),
    ]
    for url in urls:
        with django_assert_max_num_queries(MAX_QUERIES):
            response = client.get(url)
        assert response.status_code == 200, url


@pytest.mark.parametrize("size", SIZES)
def test_secretariat_pages_run_bounded_queries(
    size: int, client_as: Callable[[str], Client], django_assert_max_num_queries: DjangoAssertNumQueries
) -> None:
    pks = build(size)
    client = client_as("secretariat")
    client.get(reverse("meetings:manage-list"))
    for url in [
        reverse("meetings:manage-list"),
        reverse("meetings:manage-detail", args=[pks[0]]),
        reverse("meetings:agenda", args=[pks[0]]),
        reverse("meetings:invitations", args=[pks[0]]),
        reverse("meetings:attendance", args=[pks[1]]),
        reverse("meetings:minutes", args=[pks[1]]),
        reverse("meetings:documents", args=[pks[0]]),
    ]:
        with django_assert_max_num_queries(MAX_QUERIES + 2):
            response = client.get(url)
        assert response.status_code == 200, url


def test_my_meetings_runs_bounded_queries(
    client_as: Callable[[str], Client], django_assert_max_num_queries: DjangoAssertNumQueries
) -> None:
    from participants.models import User

    client = client_as("ngo")
    me = User.objects.get(email="ngo@example.org")
    for size in SIZES:
        for _ in range(size):
            meeting = MeetingFactory()
            InvitationFactory(meeting=meeting, person=me)
            MeetingDocumentFactory.create_batch(2, meeting=meeting)
            InvitationFactory(meeting=MeetingFactory(past=True), person=me)
        with django_assert_max_num_queries(MAX_QUERIES):
            assert client.get(reverse("meetings:my-meetings")).status_code == 200


@pytest.mark.parametrize("size", SIZES)
def test_meeting_page_reads_minutes_with_the_meeting_and_stays_at_eleven_queries(
    size: int, client: Client, django_assert_max_num_queries: DjangoAssertNumQueries
) -> None:
    # meeting+subgroup+minutes, topics, agenda items and their 5 relations, the NGO submissions they came
    # from, documents, follow-up actions.
    held = build(size)[1]
    with django_assert_max_num_queries(11):
        response = client.get(reverse("meetings:meeting-detail", args=[held]))
    assert response.context["minutes"].body.startswith("<p>Minutes")
    assert len(response.context["agenda_items"]) == size
