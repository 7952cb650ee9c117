"""Moderation as one step (issue 16, items 2 and 3): a decision on a waiting submission starts its review too,
the queue's organisation filter lists every organisation that sent something, and "Published" is said only of
published submissions."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from notifications.models import Delivery
from submissions import selectors, services
from submissions.models import Submission, SubmissionEvent
from tests.auth import force_login
from tests.submissions.factories import SubmissionFactory, ngo_user, secretariat_user

pytestmark = pytest.mark.django_db

S = Submission.Status
E = SubmissionEvent.Action


def _secretariat_client() -> tuple[Client, object]:
    person = secretariat_user()
    client = Client()
    force_login(client, person)
    return client, person


def test_accepting_a_submitted_submission_starts_its_review_in_the_same_step() -> None:
    submission = SubmissionFactory(sent=True)
    client, person = _secretariat_client()
    response = client.post(reverse("submissions:decide", args=[submission.pk]),
                           {"status": "accepted", "public_answer": "On the next agenda."})
    assert response.status_code == 302
    submission.refresh_from_db()
    assert submission.status == S.ACCEPTED
    assert submission.reviewer == person
    steps = list(submission.events.order_by("pk").values_list("action", "from_status", "to_status"))
    assert steps[-2:] == [(E.REVIEW_STARTED, S.SUBMITTED, S.UNDER_REVIEW), (E.DECIDED, S.UNDER_REVIEW, S.ACCEPTED)]


def test_the_implied_review_step_sends_no_second_email() -> None:
    submission = SubmissionFactory(sent=True)
    services.submission_decide(actor=secretariat_user(), submission=submission, status=S.PARTLY_ACCEPTED,
                               public_answer="Part of it is taken up.")
    deliveries = Delivery.objects.filter(notice__kind="submissions.status", email=submission.author.email)
    assert deliveries.count() == 1
    decided = SubmissionEvent.objects.get(submission=submission, action=E.DECIDED)
    assert deliveries.get().notice.payload["event_id"] == decided.pk


def test_a_decision_keeps_an_assigned_reviewer() -> None:
    reviewer = secretariat_user()
    submission = SubmissionFactory(sent=True, reviewer=reviewer)
    services.submission_decide(actor=secretariat_user(), submission=submission, status=S.ACCEPTED,
                               public_answer="Yes.")
    submission.refresh_from_db()
    assert submission.reviewer == reviewer


def test_declining_a_submitted_submission_needs_no_review_step() -> None:
    submission = SubmissionFactory(sent=True)
    services.submission_decide(actor=secretariat_user(), submission=submission, status=S.DECLINED,
                               public_answer="Outside the mandate.")
    assert not submission.events.filter(action=E.REVIEW_STARTED).exists()


def test_a_withdrawn_submission_is_still_refused_with_a_message_on_the_page() -> None:
    submission = SubmissionFactory(status=S.WITHDRAWN)
    client, _person = _secretariat_client()
    response = client.post(reverse("submissions:decide", args=[submission.pk]),
                           {"status": "accepted", "public_answer": "Yes."})
    assert response.status_code == 400
    assert "cannot become" in response.content.decode()
    assert '<form method="post"' in response.content.decode()
    submission.refresh_from_db()
    assert submission.status == S.WITHDRAWN


def test_the_moderation_page_of_a_waiting_submission_says_the_decision_starts_the_review() -> None:
    submission = SubmissionFactory(sent=True)
    client, _person = _secretariat_client()
    page = client.get(reverse("submissions:moderate", args=[submission.pk])).content.decode()
    assert "Recording a decision also starts the review" in page
    assert page.index('id="decide-heading"') < page.index('id="assign-heading"')


def test_queue_lists_an_organisation_that_also_keeps_a_draft() -> None:
    author = ngo_user()
    for _ in range(4):
        SubmissionFactory(sent=True, author=author)
    SubmissionFactory(author=author)  # a draft
    organisation = author.memberships.get(is_primary=True).organization
    assert organisation in selectors.organizations_with_submissions()
    client, _person = _secretariat_client()
    response = client.get(reverse("submissions:queue"))
    choices = [label for _value, label in response.context["form"].fields["organization"].choices]
    assert organisation.localized_name in choices


def test_queue_does_not_list_an_organisation_with_drafts_only() -> None:
    author = ngo_user()
    SubmissionFactory(author=author)
    assert not selectors.organizations_with_submissions().exists()


@pytest.mark.parametrize(("status", "published"), [(S.SUBMITTED, False), (S.UNDER_REVIEW, False),
                                                   (S.DECLINED, False), (S.ACCEPTED, True)])
def test_published_with_the_name_is_said_only_of_published_submissions(status: str, published: bool) -> None:
    decided = {"decided_at": "2026-01-12T10:00:00Z", "public_answer": "Done."} if status in Submission.DECIDED else {}
    submission = SubmissionFactory(status=status, submitted_at="2026-01-10T10:00:00Z", **decided)
    client, _person = _secretariat_client()
    page = client.get(reverse("submissions:moderate", args=[submission.pk])).content.decode()
    assert ("With the organisation's name" in page) is published


def test_a_wish_to_stay_unnamed_is_shown_before_publication() -> None:
    submission = SubmissionFactory(sent=True, anonymous=True)
    client, _person = _secretariat_client()
    page = client.get(reverse("submissions:moderate", args=[submission.pk])).content.decode()
    assert "published without the organisation's name" in page
