"""The secretariat's delivery log and everyone's e-mail choices."""

from __future__ import annotations

import pytest
from django.core import mail
from django.urls import reverse

from notifications.models import Delivery, OptOut
from tests.auth import force_login
from tests.notifications.factories import DeliveryFactory, NoticeFactory
from tests.notifications.kinds import OPTIONAL

pytestmark = pytest.mark.django_db
Status = Delivery.Status


def _notice_with(statuses: list[str], **notice: object):  # noqa: ANN202
    n = NoticeFactory(**notice)
    for status in statuses:
        DeliveryFactory(
            notice=n, status=status, last_error="550 5.1.1 no such mailbox" if status == Status.FAILED else ""
        )
    return n


def test_the_log_counts_each_notices_deliveries_by_status(client_as) -> None:  # noqa: ANN001
    _notice_with([Status.SENT, Status.SENT, Status.FAILED, Status.RETRYING, Status.PENDING, Status.SENDING], key="a")

    response = client_as("secretariat").get(reverse("notifications:notice-list"))

    assert response.status_code == 200
    (row,) = response.context["page"].object_list
    assert (row.total, row.sent, row.failed, row.retrying, row.pending) == (6, 2, 1, 1, 2)
    assert b"Test topic" not in response.content  # the required test kind has no label: its name is shown
    assert b"tests.required" in response.content


def test_the_log_filters_by_problem_kind_and_recipient(client_as) -> None:  # noqa: ANN001
    broken = _notice_with([Status.SENT, Status.FAILED], key="broken")
    fine = _notice_with([Status.SENT], key="fine")
    optional = _notice_with([Status.RETRYING], key="opt", kind=OPTIONAL)
    client = client_as("secretariat")
    url = reverse("notifications:notice-list")

    def keys(**query: str) -> set[str]:
        return {n.key for n in client.get(url, query).context["page"].object_list}

    assert keys() == {"broken", "fine", "opt"}
    assert keys(problem="failed") == {"broken"}
    assert keys(problem="retrying") == {"opt"}
    assert keys(kind=OPTIONAL) == {"opt"}
    assert keys(email=fine.deliveries.get().email.upper()) == {"fine"}
    assert broken.pk and optional.pk


def test_a_bad_filter_value_is_explained_not_a_500(client_as) -> None:  # noqa: ANN001
    response = client_as("secretariat").get(reverse("notifications:notice-list"), {"email": "not an address"})

    assert response.status_code == 200
    assert response.context["form"].errors["email"]
    assert b'value="not an address"' in response.content


def test_the_log_paginates(client_as) -> None:  # noqa: ANN001
    for i in range(30):
        NoticeFactory(key=f"p{i}")
    client = client_as("secretariat")

    first = client.get(reverse("notifications:notice-list"))
    second = client.get(reverse("notifications:notice-list"), {"page": 2})

    assert len(first.context["page"].object_list) == 25
    assert len(second.context["page"].object_list) == 5


def test_the_log_page_queries_do_not_grow_with_notices(client_as, django_assert_max_num_queries) -> None:  # noqa: ANN001
    client = client_as("secretariat")
    for i in range(25):
        _notice_with([Status.SENT, Status.FAILED], key=f"q{i}")

    with django_assert_max_num_queries(8):
        response = client.get(reverse("notifications:notice-list"))
    assert len(response.context["page"].object_list) == 25


def test_a_notice_page_lists_recipients_with_status_and_reason_problems_first(client_as) -> None:  # noqa: ANN001
    notice = _notice_with([Status.SENT, Status.FAILED, Status.RETRYING])

    response = client_as("secretariat").get(reverse("notifications:notice-detail", args=[notice.pk]))

    assert response.status_code == 200
    statuses = [d.status for d in response.context["page"].object_list]
    assert statuses == [Status.FAILED, Status.RETRYING, Status.SENT]
    assert b"550 5.1.1 no such mailbox" in response.content
    assert response.context["counts"]["failed"] == 1


def test_a_notice_page_filters_by_status(client_as) -> None:  # noqa: ANN001
    notice = _notice_with([Status.SENT, Status.FAILED])

    response = client_as("secretariat").get(
        reverse("notifications:notice-detail", args=[notice.pk]), {"status": "failed"}
    )

    assert [d.status for d in response.context["page"].object_list] == [Status.FAILED]


def test_the_notice_page_queries_do_not_grow_with_recipients(client_as, django_assert_max_num_queries) -> None:  # noqa: ANN001
    from tests.participants.factories import UserFactory

    client = client_as("secretariat")
    notice = NoticeFactory()
    for _ in range(50):
        DeliveryFactory(notice=notice, user=UserFactory())

    with django_assert_max_num_queries(9):
        response = client.get(reverse("notifications:notice-detail", args=[notice.pk]))
    assert len(response.context["page"].object_list) == 50


def test_resend_failed_sends_the_failed_emails_again(client_as, django_capture_on_commit_callbacks) -> None:  # noqa: ANN001
    notice = _notice_with([Status.SENT, Status.FAILED, Status.FAILED])
    client = client_as("secretariat")

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("notifications:notice-resend-failed", args=[notice.pk]), follow=True)

    assert response.redirect_chain[-1][0] == reverse("notifications:notice-detail", args=[notice.pk])
    assert b"2 failed e-mails are queued to be sent again." in response.content
    assert len(mail.outbox) == 2
    assert notice.deliveries.filter(status=Status.SENT).count() == 3


def test_resend_failed_refuses_get(client_as) -> None:  # noqa: ANN001
    notice = _notice_with([Status.FAILED])

    response = client_as("secretariat").get(reverse("notifications:notice-resend-failed", args=[notice.pk]))

    assert response.status_code == 405
    assert notice.deliveries.get().status == Status.FAILED


def test_only_the_secretariat_sees_the_notifications_link(client_as) -> None:  # noqa: ANN001
    link = f'href="{reverse("notifications:notice-list")}"'.encode()

    assert link in client_as("secretariat").get(reverse("participants:profile")).content
    assert link not in client_as("ngo").get(reverse("participants:profile")).content


# --- e-mail choices --------------------------------------------------------------------------


def test_the_profile_links_to_the_email_choices(client_as) -> None:  # noqa: ANN001
    response = client_as("observer").get(reverse("participants:profile"))

    assert reverse("notifications:preferences").encode() in response.content


def test_a_person_switches_an_optional_topic_off_and_on_again(client_as, observer) -> None:  # noqa: ANN001
    from django.test import Client

    client = Client()
    force_login(client, observer)
    url = reverse("notifications:preferences")
    page = client.get(url)
    assert ("tests.topic", "Test topic", True) in page.context["choices"]

    client.post(url, {})  # nothing checked: every optional topic off
    assert OptOut.objects.filter(user=observer, topic="tests.topic").exists()
    assert ("tests.topic", "Test topic", False) in client.get(url).context["choices"]

    response = client.post(url, {"topics": ["tests.topic"]}, follow=True)
    assert not OptOut.objects.filter(user=observer, topic="tests.topic").exists()
    assert b"Your e-mail choices are saved." in response.content


def test_unknown_topics_posted_to_the_choices_page_are_ignored(client_as, observer) -> None:  # noqa: ANN001
    from django.test import Client

    client = Client()
    force_login(client, observer)

    client.post(reverse("notifications:preferences"), {"topics": ["made.up", "tests.topic"]})

    # Other apps' optional topics (meetings.minutes_published), left unchecked here, are switched off: not asserted.
    assert not OptOut.objects.filter(user=observer, topic__in=["made.up", "tests.topic"]).exists()
