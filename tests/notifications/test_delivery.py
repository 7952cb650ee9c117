"""Publishing and delivering notices: exactly once per (notice, address), in each reader's language."""

from __future__ import annotations

import datetime as dt
import email

import pytest
from django.core import mail
from django.utils import timezone

from notifications import registry, services, tasks
from notifications.models import Delivery, Notice, OptOut
from notifications.services import Recipient, notice_publish
from participants.models import User
from tests.notifications.factories import DeliveryFactory, NoticeFactory
from tests.notifications.kinds import OBSOLETE, OPTIONAL, REQUIRED
from tests.participants.factories import UserFactory

pytestmark = pytest.mark.django_db
Status = Delivery.Status


def _publish(kind: str, key: str, recipients: list, capture) -> Notice:  # noqa: ANN001
    with capture(execute=True):
        return notice_publish(kind=kind, key=key, recipients=recipients, payload={"n": 7})


def test_publishing_sends_each_recipient_one_email_in_their_own_language(django_capture_on_commit_callbacks) -> None:
    kk = UserFactory(email="kk@example.org", preferred_language="kk")
    ru = UserFactory(email="ru@example.org", preferred_language="ru")

    notice = _publish(
        REQUIRED, "k:1", [kk, ru, Recipient(email="Guest@NGO.kz", language="en")], django_capture_on_commit_callbacks
    )

    by_address = {m.to[0]: m for m in mail.outbox}
    assert sorted(by_address) == ["guest@ngo.kz", "kk@example.org", "ru@example.org"]
    assert by_address["kk@example.org"].subject == "Required 7 [kk]"
    assert by_address["ru@example.org"].subject == "Required 7 [ru]"
    assert by_address["guest@ngo.kz"].body.endswith("[en]")
    assert set(notice.deliveries.values_list("status", flat=True)) == {Status.SENT}
    assert notice.deliveries.get(email="guest@ngo.kz").user is None


def test_message_has_html_text_attachment_and_the_delivery_message_id(django_capture_on_commit_callbacks) -> None:
    user = UserFactory(preferred_language="en")

    notice = _publish(REQUIRED, "k:2", [user], django_capture_on_commit_callbacks)

    (sent,) = mail.outbox
    delivery = notice.deliveries.get()
    parsed = email.message_from_bytes(sent.message().as_bytes())
    assert parsed["Message-ID"] == delivery.message_id
    assert sent.alternatives[0].mimetype == "text/html"
    assert "<p>Hello" in sent.alternatives[0].content
    assert sent.attachments[0][0] == "meeting.ics"
    assert parsed["List-Unsubscribe"] is None  # required notices cannot be switched off


def test_publishing_the_same_notice_again_adds_only_new_recipients(django_capture_on_commit_callbacks) -> None:
    first, second = UserFactory(), UserFactory()
    _publish(REQUIRED, "k:3", [first], django_capture_on_commit_callbacks)

    notice = _publish(REQUIRED, "k:3", [first, second, first], django_capture_on_commit_callbacks)

    assert Notice.objects.filter(kind=REQUIRED, key="k:3").count() == 1
    assert notice.deliveries.count() == 2
    assert sorted(m.to[0] for m in mail.outbox) == sorted([first.email, second.email])


def test_inactive_users_and_blank_addresses_get_nothing(django_capture_on_commit_callbacks) -> None:
    gone = UserFactory(is_active=False)

    notice = _publish(REQUIRED, "k:4", [gone, Recipient(email="  ")], django_capture_on_commit_callbacks)

    assert notice.deliveries.count() == 0
    assert mail.outbox == []


def test_unknown_kind_is_refused() -> None:
    with pytest.raises(registry.UnknownKind):
        notice_publish(kind="nobody.registered.this", key="x", recipients=[])


def test_opted_out_users_get_no_optional_notice_but_still_get_required_ones(django_capture_on_commit_callbacks) -> None:
    keen, tired = UserFactory(), UserFactory()
    OptOut.objects.create(user=tired, topic="tests.topic")

    optional = _publish(OPTIONAL, "o:1", [keen, tired], django_capture_on_commit_callbacks)
    required = _publish(REQUIRED, "r:1", [keen, tired], django_capture_on_commit_callbacks)

    assert list(optional.deliveries.values_list("email", flat=True)) == [keen.email]
    assert required.deliveries.count() == 2


def test_optional_notice_carries_one_click_unsubscribe_header_and_link(
    client,
    django_capture_on_commit_callbacks,  # noqa: ANN001
) -> None:
    user = UserFactory(preferred_language="ru")
    _publish(OPTIONAL, "o:2", [user], django_capture_on_commit_callbacks)

    (sent,) = mail.outbox
    parsed = email.message_from_bytes(sent.message().as_bytes())
    url = "".join(parsed["List-Unsubscribe"].split()).strip("<>")  # long headers are folded
    assert parsed["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert url.startswith("https://dialogue.example.kz/ru/notifications/unsubscribe/")
    assert url in sent.body
    assert url in sent.alternatives[0].content  # type: ignore[attr-defined]  # the message is an EmailMultiAlternatives

    path = url.removeprefix("https://dialogue.example.kz")
    assert client.get(path).status_code == 200
    assert not OptOut.objects.filter(user=user).exists(), "a link scanner's GET must not unsubscribe"
    # RFC 8058: the mail client POSTs "List-Unsubscribe=One-Click" without session or CSRF token.
    csrf_client = client.__class__(enforce_csrf_checks=True)
    response = csrf_client.post(path, {"List-Unsubscribe": "One-Click"})
    assert response.status_code == 200
    assert OptOut.objects.filter(user=user, topic="tests.topic").exists()


def test_a_tampered_unsubscribe_token_is_refused(client) -> None:  # noqa: ANN001
    user = UserFactory()
    token = services.unsubscribe_token(user_id=user.pk, topic="tests.topic")

    response = client.post(f"/en/notifications/unsubscribe/{token[:-2]}xx/")

    assert response.status_code == 404
    assert not OptOut.objects.exists()


# --- exactly once ----------------------------------------------------------------------------


def test_a_delivery_can_be_claimed_only_once() -> None:
    delivery = DeliveryFactory()

    assert services.deliveries_claim(delivery_ids=[delivery.pk]) == {delivery.pk}
    assert services.deliveries_claim(delivery_ids=[delivery.pk]) == set()
    delivery.refresh_from_db()
    assert (delivery.status, delivery.attempts) == (Status.SENDING, 1)


def test_a_delivery_stuck_in_sending_past_the_timeout_is_claimed_again(settings) -> None:  # noqa: ANN001
    now = timezone.now()
    timeout = dt.timedelta(seconds=settings.NOTIFICATIONS_SENDING_TIMEOUT)
    fresh = DeliveryFactory(status=Status.SENDING, claimed_at=now - timeout + dt.timedelta(seconds=5), attempts=1)
    stuck = DeliveryFactory(status=Status.SENDING, claimed_at=now - timeout - dt.timedelta(seconds=5), attempts=1)

    assert services.deliveries_claim(delivery_ids=[fresh.pk], now=now) == set()
    assert services.deliveries_claim(delivery_ids=[stuck.pk], now=now) == {stuck.pk}


def test_a_sent_or_failed_delivery_is_never_claimed() -> None:
    sent = DeliveryFactory(status=Status.SENT)
    failed = DeliveryFactory(status=Status.FAILED)

    assert services.deliveries_claim(delivery_ids=[sent.pk]) == set()
    assert services.deliveries_claim(delivery_ids=[failed.pk]) == set()


def test_running_the_send_task_twice_sends_each_message_once() -> None:
    notice = NoticeFactory()
    deliveries = [DeliveryFactory(notice=notice) for _ in range(3)]
    ids = [d.pk for d in deliveries]

    first = tasks.deliveries_send.run(ids)
    second = tasks.deliveries_send.run(ids)

    assert first == {"sent": 3}
    assert second == {"skipped": 3}
    assert len(mail.outbox) == 3


def test_the_sweep_resends_a_delivery_left_sending_by_a_dead_worker_with_the_same_message_id(settings) -> None:  # noqa: ANN001
    old = timezone.now() - dt.timedelta(seconds=settings.NOTIFICATIONS_SENDING_TIMEOUT + 60)
    stuck = DeliveryFactory(status=Status.SENDING, claimed_at=old, attempts=1)
    DeliveryFactory(status=Status.SENDING, claimed_at=timezone.now(), attempts=1)  # alive: left alone

    assert services.deliveries_requeue_stalled() == 1

    (sent,) = mail.outbox
    assert sent.extra_headers["Message-ID"] == stuck.message_id
    stuck.refresh_from_db()
    assert (stuck.status, stuck.attempts) == (Status.SENT, 2)


def test_the_sweep_sends_pending_deliveries_whose_task_was_lost(settings) -> None:  # noqa: ANN001
    lost = DeliveryFactory()
    Delivery.objects.filter(pk=lost.pk).update(
        created_at=timezone.now() - dt.timedelta(seconds=settings.NOTIFICATIONS_SENDING_TIMEOUT + 60)
    )
    recent = DeliveryFactory()

    services.deliveries_requeue_stalled()

    assert [m.to[0] for m in mail.outbox] == [lost.email]
    recent.refresh_from_db()
    assert recent.status == Status.PENDING


# --- failures ---------------------------------------------------------------------------------


def test_a_refused_address_fails_with_its_reason_and_the_others_are_still_sent(
    flaky_mail,
    django_capture_on_commit_callbacks,  # noqa: ANN001
) -> None:
    users = [UserFactory(email=f"r{i}@example.org") for i in range(5)]
    flaky_mail.REPLIES["r1@example.org"] = [550]

    notice = _publish(REQUIRED, "f:1", users, django_capture_on_commit_callbacks)

    bad = notice.deliveries.get(email="r1@example.org")
    assert bad.status == Status.FAILED
    assert bad.last_error.startswith("550 ")
    assert sorted(m.to[0] for m in mail.outbox) == [
        "r0@example.org",
        "r2@example.org",
        "r3@example.org",
        "r4@example.org",
    ]
    assert notice.deliveries.filter(status=Status.SENT).count() == 4


def test_a_temporary_failure_is_retried_with_backoff_and_then_sent(
    flaky_mail,
    settings,
    django_capture_on_commit_callbacks,  # noqa: ANN001
) -> None:
    settings.NOTIFICATIONS_RETRY_BASE = 60
    user = UserFactory(email="later@example.org")
    flaky_mail.REPLIES["later@example.org"] = [451]

    notice = _publish(REQUIRED, "f:2", [user], django_capture_on_commit_callbacks)

    delivery = notice.deliveries.get()
    assert (delivery.status, delivery.attempts) == (Status.RETRYING, 1)
    assert delivery.last_error.startswith("451 ")
    assert dt.timedelta(seconds=55) < delivery.next_attempt_at - timezone.now() <= dt.timedelta(seconds=60)
    assert services.deliveries_requeue_stalled() == 0, "not due yet"

    Delivery.objects.filter(pk=delivery.pk).update(next_attempt_at=timezone.now() - dt.timedelta(seconds=1))
    assert services.deliveries_requeue_stalled() == 1

    delivery.refresh_from_db()
    assert (delivery.status, delivery.attempts, delivery.last_error) == (Status.SENT, 2, "")
    assert len(mail.outbox) == 1


def test_retry_delays_double_each_time_and_are_capped(settings) -> None:  # noqa: ANN001
    settings.NOTIFICATIONS_RETRY_BASE = 60

    delays = [services.retry_delay(n).total_seconds() for n in (1, 2, 3, 4, 10)]

    assert delays == [60, 120, 240, 480, 1800]


def test_a_delivery_out_of_attempts_is_failed(flaky_mail, settings) -> None:  # noqa: ANN001
    settings.NOTIFICATIONS_MAX_ATTEMPTS = 2
    delivery = DeliveryFactory(email="down@example.org", status=Status.RETRYING, attempts=1)
    flaky_mail.DISCONNECT.add("down@example.org")

    tasks.deliveries_send.run([delivery.pk])

    delivery.refresh_from_db()
    assert (delivery.status, delivery.attempts) == (Status.FAILED, 2)
    assert "SMTPServerDisconnected" in delivery.last_error


def test_a_dropped_connection_is_retried_and_the_next_message_reconnects(flaky_mail) -> None:  # noqa: ANN001
    dropped = DeliveryFactory(email="drop@example.org")
    fine = DeliveryFactory(email="fine@example.org")
    flaky_mail.DISCONNECT.add("drop@example.org")

    tasks.deliveries_send.run([dropped.pk, fine.pk])

    dropped.refresh_from_db()
    fine.refresh_from_db()
    assert dropped.status == Status.RETRYING
    assert fine.status == Status.SENT


def test_an_obsolete_notice_fails_without_retrying() -> None:
    delivery = DeliveryFactory(notice__kind=OBSOLETE)

    tasks.deliveries_send.run([delivery.pk])

    delivery.refresh_from_db()
    assert delivery.status == Status.FAILED
    assert "the meeting was deleted" in delivery.last_error
    assert mail.outbox == []


def test_resend_failed_gives_failed_deliveries_new_attempts(django_capture_on_commit_callbacks) -> None:
    failed = DeliveryFactory(status=Status.FAILED, attempts=6, last_error="550 no such user")
    sent = DeliveryFactory(notice=failed.notice, status=Status.SENT)

    with django_capture_on_commit_callbacks(execute=True):
        assert services.notice_resend_failed(notice=failed.notice) == 1

    failed.refresh_from_db()
    sent.refresh_from_db()
    assert (failed.status, failed.attempts) == (Status.SENT, 1)
    assert sent.status == Status.SENT
    assert [m.to[0] for m in mail.outbox] == [failed.email]


# --- due notices ------------------------------------------------------------------------------


def test_run_due_notices_calls_every_checker_even_after_one_fails(monkeypatch) -> None:  # noqa: ANN001
    calls: list[str] = []

    def broken(now: dt.datetime) -> None:
        calls.append("broken")
        raise RuntimeError("boom")

    def working(now: dt.datetime) -> None:
        calls.append("working")

    monkeypatch.setattr(registry, "_due_checkers", [])
    registry.register_due(broken)
    registry.register_due(working)
    registry.register_due(working)  # registering twice (module imported twice) runs it once

    assert tasks.run_due_notices.run() == 1
    assert calls == ["broken", "working"]


def test_fan_out_splits_a_large_notice_into_chunks(monkeypatch, django_capture_on_commit_callbacks) -> None:  # noqa: ANN001
    chunks: list[list[int]] = []
    monkeypatch.setattr(tasks.deliveries_send, "apply_async", lambda args, **kw: chunks.append(args[0]))
    users = User.objects.bulk_create([User(email=f"bulk{i}@example.org") for i in range(250)])

    notice = _publish(REQUIRED, "big:1", users, django_capture_on_commit_callbacks)

    assert [len(c) for c in chunks] == [100, 100, 50]
    assert sorted(sum(chunks, [])) == sorted(notice.deliveries.values_list("pk", flat=True))
