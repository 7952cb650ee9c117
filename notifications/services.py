"""Publishing notices and delivering them exactly once (docs/notifications.md).

A Delivery moves pending -> sending -> sent, or -> retrying (transient SMTP error, with backoff) -> sending ...,
or -> failed (permanent error, or out of attempts). Only a conditional UPDATE moves a row into "sending", so of
two workers holding the same delivery id only one sends; a row left in "sending" by a killed worker is
claimed again after NOTIFICATIONS_SENDING_TIMEOUT.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import logging
import smtplib
import uuid
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from celery import current_app
from celery.exceptions import SoftTimeLimitExceeded
from django.conf import settings
from django.core import signing
from django.core.mail import EmailMultiAlternatives, get_connection
from django.core.mail.backends.base import BaseEmailBackend
from django.db import DatabaseError, transaction
from django.db import connection as db_connection
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext

from core.broker import enqueue
from core.language import in_language, supported_language
from notifications import registry
from notifications.models import Delivery, Notice, OptOut

if TYPE_CHECKING:
    from participants.models import User

logger = logging.getLogger(__name__)

# Deliveries per task: one SMTP connection serves a chunk, and a chunk is short enough that a killed
# worker leaves little to reclaim.
CHUNK_SIZE = 100
UNSUBSCRIBE_SALT = "notifications.unsubscribe"
Status = Delivery.Status


def _sending_timeout() -> dt.timedelta:
    return dt.timedelta(seconds=settings.NOTIFICATIONS_SENDING_TIMEOUT)


def _max_attempts() -> int:
    return settings.NOTIFICATIONS_MAX_ATTEMPTS


def retry_delay(attempts: int) -> dt.timedelta:
    """Exponential backoff after the n-th failed attempt: base, 2x base, 4x base ... capped at 30 minutes.

    The cap stays under the Redis broker's visibility timeout (one hour), past which a waiting task is redelivered.
    """
    seconds = settings.NOTIFICATIONS_RETRY_BASE * 2 ** max(attempts - 1, 0)
    return dt.timedelta(seconds=min(seconds, 30 * 60))


# --- publishing --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Recipient:
    """Someone to write to, with or without an account."""

    email: str
    language: str = ""
    user: User | None = None


def _normalise(recipients: Iterable[User | Recipient]) -> dict[str, tuple[int | None, str]]:
    """email -> (user id, language); the first mention of an address wins."""
    out: dict[str, tuple[int | None, str]] = {}
    for recipient in recipients:
        if isinstance(recipient, Recipient):
            user = recipient.user
            email = recipient.email
            language = recipient.language or (user.preferred_language if user else "")
        else:
            user = recipient
            if not user.is_active:
                continue
            email = user.email
            language = user.preferred_language
        email = (email or "").strip().lower()
        if email and email not in out:
            out[email] = (user.pk if user else None, supported_language(language))
    return out


def _message_id_domain() -> str:
    return urlsplit(settings.SITE_URL).hostname or "dialogue-platform.kz"


@transaction.atomic
def notice_publish(
    *,
    kind: str,
    key: str,
    recipients: Iterable[User | Recipient],
    payload: dict[str, object] | None = None,
) -> Notice:
    """Make (or find) the notice (kind, key) and a Delivery for each recipient who has none yet.

    Idempotent: publishing again adds only new recipients. People who opted out of an optional kind's topic
    get no Delivery. Sending starts when the surrounding transaction commits.
    """
    spec = registry.get(kind)
    notice, _created = Notice.objects.get_or_create(kind=kind, key=key, defaults={"payload": payload or {}})
    wanted = _normalise(recipients)
    if spec.optional:
        user_ids = [user_id for user_id, _lang in wanted.values() if user_id is not None]
        opted_out = set(OptOut.objects.filter(topic=spec.topic, user_id__in=user_ids).values_list("user_id", flat=True))
        wanted = {email: v for email, v in wanted.items() if v[0] not in opted_out}
    existing = set(notice.deliveries.filter(email__in=list(wanted)).values_list("email", flat=True))
    domain = _message_id_domain()
    new = [
        Delivery(
            notice=notice,
            user_id=user_id,
            email=email,
            language=language,
            message_id=f"<{uuid.uuid4().hex}.{notice.pk}@{domain}>",
        )
        for email, (user_id, language) in wanted.items()
        if email not in existing
    ]
    # ignore_conflicts: a concurrent publish of the same notice may have added the same address meanwhile.
    Delivery.objects.bulk_create(new, batch_size=1000, ignore_conflicts=True)
    if new:
        notice_id = notice.pk
        transaction.on_commit(lambda: _enqueue_fan_out(notice_id))
    return notice


def _enqueue_fan_out(notice_id: int) -> None:
    from notifications.tasks import notice_fan_out

    enqueue(notice_fan_out, args=[notice_id], queue=settings.NOTIFICATIONS_QUEUE)


def _enqueue_send(delivery_ids: Sequence[int], *, countdown: float | None = None) -> None:
    from notifications.tasks import deliveries_send

    for start in range(0, len(delivery_ids), CHUNK_SIZE):
        chunk = list(delivery_ids[start : start + CHUNK_SIZE])
        enqueue(deliveries_send, args=[chunk], countdown=countdown, queue=settings.NOTIFICATIONS_QUEUE)


def notice_fan_out(*, notice_id: int) -> int:
    """Queue the notice's pending deliveries in chunks; returns how many were queued."""
    ids = list(
        Delivery.objects.filter(notice_id=notice_id, status=Status.PENDING).order_by("pk").values_list("pk", flat=True)
    )
    _enqueue_send(ids)
    return len(ids)


# --- delivering --------------------------------------------------------------------------------


# Deliveries claimed together: one short transaction instead of one commit per e-mail, while a claim stays
# seconds old (not minutes) by the time its e-mail is sent.
CLAIM_BATCH = 10


def _claimable(now: dt.datetime) -> Q:
    return Q(status__in=[Status.PENDING, Status.RETRYING]) & (
        Q(next_attempt_at__isnull=True) | Q(next_attempt_at__lte=now)
    ) | Q(status=Status.SENDING, claimed_at__lt=now - _sending_timeout())


def deliveries_claim(*, delivery_ids: Sequence[int], now: dt.datetime | None = None) -> set[int]:
    """Move the deliveries nobody else holds into "sending"; returns the ids this caller now owns.

    SELECT ... FOR UPDATE SKIP LOCKED then UPDATE, in one transaction committed before anything is sent: two
    workers racing for the same rows cannot both win (the loser skips the locked rows, or finds them no longer
    claimable once the winner commits). A row stuck in "sending" past the timeout belonged to a worker that died.
    """
    now = now or timezone.now()
    with transaction.atomic():
        ids = set(
            Delivery.objects.select_for_update(skip_locked=True)
            .filter(_claimable(now), pk__in=list(delivery_ids))
            .values_list("pk", flat=True)
        )
        if ids:
            Delivery.objects.filter(pk__in=ids).update(
                status=Status.SENDING, claimed_at=now, attempts=F("attempts") + 1
            )
    return ids


def unsubscribe_token(*, user_id: int, topic: str) -> str:
    return signing.dumps({"u": user_id, "t": topic}, salt=UNSUBSCRIBE_SALT, compress=True)


def unsubscribe_token_read(token: str) -> tuple[int, str] | None:
    try:
        data = signing.loads(token, salt=UNSUBSCRIBE_SALT)
    except signing.BadSignature:
        return None
    if not isinstance(data, dict) or not isinstance(data.get("u"), int) or not isinstance(data.get("t"), str):
        return None
    return data["u"], data["t"]


def unsubscribe_url(*, user_id: int, topic: str) -> str:
    return settings.SITE_URL + reverse(
        "notifications:unsubscribe", args=[unsubscribe_token(user_id=user_id, topic=topic)]
    )


def _build_email(*, delivery: Delivery, connection: BaseEmailBackend) -> EmailMultiAlternatives:
    spec = registry.get(delivery.notice.kind)
    # Subject, body, attachments and the footer, wholly in the recipient's language (core.language).
    with in_language(delivery.language):
        message = spec.render(notice=delivery.notice, delivery=delivery)
        headers = {"Message-ID": delivery.message_id, "Auto-Submitted": "auto-generated"}
        text, html = message.text, message.html
        if spec.optional and delivery.user_id is not None:
            url = unsubscribe_url(user_id=delivery.user_id, topic=spec.topic)
            # RFC 2369 and RFC 8058: mail clients show an "unsubscribe" button that POSTs to the URL.
            headers["List-Unsubscribe"] = f"<{url}>"
            headers["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click"
            footer = gettext("You receive this optional notice from the Dialogue Platform. To stop it, open:")
            text = f"{text.rstrip()}\n\n-- \n{footer}\n{url}\n"
            if html:
                from django.utils.html import format_html

                link = format_html('<p><small>{} <a href="{}">{}</a></small></p>', footer, url, gettext("Unsubscribe"))
                html = html.replace("</body>", f"{link}</body>") if "</body>" in html else html + link
    subject = " ".join(str(message.subject).split())
    email = EmailMultiAlternatives(
        subject=subject, body=text, to=[delivery.email], headers=headers, connection=connection
    )
    if html:
        email.attach_alternative(html, "text/html")
    for filename, content, mimetype in message.attachments:
        email.attach(filename, content, mimetype)
    return email


def _classify(exc: BaseException) -> tuple[bool, str]:
    """(permanent?, reason). 5xx SMTP replies are permanent, 4xx and network trouble are worth retrying."""
    if isinstance(exc, smtplib.SMTPRecipientsRefused):
        replies = list(exc.recipients.values())
        reason = "; ".join(
            f"{code} {msg.decode(errors='replace') if isinstance(msg, bytes) else msg}" for code, msg in replies
        )
        return bool(replies) and all(500 <= code < 600 for code, _msg in replies), reason
    if isinstance(exc, smtplib.SMTPResponseException):
        error = exc.smtp_error.decode(errors="replace") if isinstance(exc.smtp_error, bytes) else exc.smtp_error
        return 500 <= exc.smtp_code < 600, f"{exc.smtp_code} {error}"
    if isinstance(exc, registry.Obsolete):
        return True, gettext("Not sent: %(reason)s") % {"reason": exc}
    return False, f"{type(exc).__name__}: {exc}"[:2000]


def _record_failure(*, delivery_id: int, attempts: int, exc: BaseException, now: dt.datetime) -> str:
    permanent, reason = _classify(exc)
    if permanent or attempts >= _max_attempts():
        Delivery.objects.filter(pk=delivery_id, status=Status.SENDING).update(
            status=Status.FAILED, last_error=reason, next_attempt_at=None
        )
        return Status.FAILED
    delay = retry_delay(attempts)
    Delivery.objects.filter(pk=delivery_id, status=Status.SENDING).update(
        status=Status.RETRYING, last_error=reason, next_attempt_at=now + delay
    )
    # A worker holds the retry until it is due. Without one (eager mode) the periodic sweep picks it up.
    if not current_app.conf.task_always_eager:
        _enqueue_send([delivery_id], countdown=delay.total_seconds())
    return Status.RETRYING


def _send_claimed(*, delivery: Delivery, connection: BaseEmailBackend, now: dt.datetime) -> str:
    """Render and send a delivery this worker has claimed; record the outcome. Returns the new status."""
    try:
        email = _build_email(delivery=delivery, connection=connection)
        # Opening is a no-op on an open connection; without it send() would open and close one per message.
        connection.open()
        email.send()
    except SoftTimeLimitExceeded:
        _record_failure(
            delivery_id=delivery.pk, attempts=delivery.attempts, exc=TimeoutError("task time limit"), now=now
        )
        raise
    except Exception as exc:  # noqa: BLE001 - every failure is recorded on its delivery; one never stops the rest
        logger.warning("Delivery %s to %s failed: %s", delivery.pk, delivery.email, exc)
        if not isinstance(exc, smtplib.SMTPRecipientsRefused | smtplib.SMTPResponseException | registry.Obsolete):
            # The connection may be broken (disconnect, timeout): the next message opens a new one.
            with contextlib.suppress(Exception):  # closing a dead connection may fail too
                connection.close()
        return _record_failure(delivery_id=delivery.pk, attempts=delivery.attempts, exc=exc, now=now)
    # At-least-once boundary: a crash between the SMTP server's "250 OK" and this UPDATE sends the message again
    # after the timeout, with the same Message-ID (docs/notifications.md). One commit per e-mail keeps that
    # window to one message per worker process.
    Delivery.objects.filter(pk=delivery.pk, status=Status.SENDING).update(
        status=Status.SENT, sent_at=timezone.now(), last_error="", next_attempt_at=None
    )
    return Status.SENT


@contextlib.contextmanager
def _fast_commits() -> Iterator[None]:
    """PostgreSQL: do not wait for the disk on each status commit of this chunk (about 8 ms each on a busy disk).

    Safe for exactly-once: if the database server itself crashes, it may lose the last fraction of a second of
    commits, so a few deliveries fall back to "pending" or "sending" and are sent again with the same Message-ID:
    the same at-least-once boundary as a worker crash, never a skipped recipient.
    """
    if db_connection.vendor != "postgresql" or db_connection.in_atomic_block:
        yield
        return
    with db_connection.cursor() as cursor:
        cursor.execute("SET synchronous_commit TO off")
    try:
        yield
    finally:
        # A dropped connection cannot be reset (nor does it need to be): keep the error that dropped it.
        with contextlib.suppress(DatabaseError), db_connection.cursor() as cursor:
            cursor.execute("RESET synchronous_commit")


def _load(delivery_ids: Sequence[int]) -> list[Delivery]:
    """The chunk's deliveries in one query; deliveries of one notice share one Notice object (and its cache)."""
    deliveries = {d.pk: d for d in Delivery.objects.filter(pk__in=list(delivery_ids)).select_related("user")}
    notices = {n.pk: n for n in Notice.objects.filter(pk__in={d.notice_id for d in deliveries.values()})}
    ordered = []
    for delivery_id in delivery_ids:
        delivery = deliveries.get(delivery_id)
        if delivery is not None:
            delivery.notice = notices[delivery.notice_id]
            ordered.append(delivery)
    return ordered


def deliveries_send(*, delivery_ids: Sequence[int]) -> dict[str, int]:
    """Send a chunk over one SMTP connection; each delivery is claimed, succeeds or fails on its own."""
    counts: dict[str, int] = {}
    connection = get_connection(timeout=settings.NOTIFICATIONS_SMTP_TIMEOUT)
    deliveries = _load(delivery_ids)
    try:
        with _fast_commits():
            for start in range(0, len(deliveries), CLAIM_BATCH):
                batch = deliveries[start : start + CLAIM_BATCH]
                now = timezone.now()
                claimed = deliveries_claim(delivery_ids=[d.pk for d in batch], now=now)
                for index, delivery in enumerate(batch):
                    if delivery.pk not in claimed:
                        counts["skipped"] = counts.get("skipped", 0) + 1
                        continue
                    delivery.attempts += 1  # what the claim's UPDATE did in the database
                    try:
                        status = _send_claimed(delivery=delivery, connection=connection, now=now)
                    except SoftTimeLimitExceeded:
                        # Claimed but unsent rows go back to the queue now, not after the sending timeout.
                        rest = [d.pk for d in batch[index + 1 :] if d.pk in claimed]
                        Delivery.objects.filter(pk__in=rest, status=Status.SENDING).update(
                            status=Status.PENDING, attempts=F("attempts") - 1, claimed_at=None
                        )
                        _enqueue_send(rest + [d.pk for d in deliveries[start + CLAIM_BATCH :]])
                        raise
                    counts[status] = counts.get(status, 0) + 1
    finally:
        with contextlib.suppress(Exception):  # a connection already dropped by the server
            connection.close()
    skipped = len(delivery_ids) - len(deliveries)
    if skipped:
        counts["skipped"] = counts.get("skipped", 0) + skipped
    return counts


def deliveries_requeue_stalled(*, now: dt.datetime | None = None) -> int:
    """Queue again what no task is going to send: due retries, stuck "sending" rows, pending rows left behind.

    Run periodically. Queuing a delivery that a task already holds is harmless: the claim lets one through.
    """
    now = now or timezone.now()
    stale = now - _sending_timeout()
    ids = list(
        Delivery.objects.filter(
            Q(status=Status.RETRYING, next_attempt_at__lte=now)
            | Q(status=Status.SENDING, claimed_at__lt=stale)
            | Q(status=Status.PENDING, created_at__lt=stale)
        )
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    _enqueue_send(ids)
    return len(ids)


@transaction.atomic
def notice_resend_failed(*, notice: Notice) -> int:
    """Give the notice's failed deliveries a fresh set of attempts; returns how many."""
    ids = list(notice.deliveries.filter(status=Status.FAILED).values_list("pk", flat=True))
    Delivery.objects.filter(pk__in=ids, status=Status.FAILED).update(
        status=Status.PENDING, attempts=0, next_attempt_at=None, claimed_at=None
    )
    if ids:
        transaction.on_commit(lambda: _enqueue_send(ids))
    return len(ids)


# --- opt-outs ----------------------------------------------------------------------------------


@transaction.atomic
def opt_out_set(*, user: User, topic: str, opted_out: bool) -> None:
    if opted_out:
        OptOut.objects.get_or_create(user=user, topic=topic)
    else:
        OptOut.objects.filter(user=user, topic=topic).delete()


@transaction.atomic
def opt_outs_update(*, user: User, topics: Iterable[str]) -> None:
    """Make `topics` exactly the optional topics the user has switched off."""
    allowed = set(registry.optional_topics())
    wanted = set(topics) & allowed
    OptOut.objects.filter(user=user, topic__in=allowed - wanted).delete()
    for topic in wanted:
        OptOut.objects.get_or_create(user=user, topic=topic)
