"""Every URL of the notifications app against every role (tests/test_access_matrix.py walks these)."""

from __future__ import annotations

from django.urls import reverse

from tests.access import PUBLIC, SIGNED_IN, Rule


def _unsubscribe_url() -> str:
    from notifications import services
    from tests.notifications import kinds  # noqa: F401 - registers the optional test kind
    from tests.participants.factories import UserFactory

    token = services.unsubscribe_token(user_id=UserFactory().pk, topic="tests.topic")
    return reverse("notifications:unsubscribe", args=[token])


SECRETARIAT = ("secretariat",)


def _periodic_task() -> str:
    from django_celery_beat.models import PeriodicTask

    # The default rows come from a data migration, which a transactional test's flush empties.
    task = PeriodicTask.objects.order_by("pk").first()
    if task is None:
        from django_celery_beat.models import IntervalSchedule

        every, _ = IntervalSchedule.objects.get_or_create(every=15, period="minutes")
        task = PeriodicTask.objects.create(name="Access rule", task="dialogue_platform.ping", interval=every)
    return reverse("admin:django_celery_beat_periodictask_change", args=[task.pk])


def _notice() -> int:
    from tests.notifications.factories import DeliveryFactory

    return DeliveryFactory(status="failed", last_error="550 no such mailbox").notice_id


ACCESS_RULES = [
    Rule("notifications:notice-list", lambda: reverse("notifications:notice-list"), SECRETARIAT),
    Rule("notifications:notice-detail", lambda: reverse("notifications:notice-detail", args=[_notice()]), SECRETARIAT),
    Rule(
        "notifications:notice-resend-failed",
        lambda: reverse("notifications:notice-resend-failed", args=[_notice()]),
        SECRETARIAT,
        method="post",
        ok_status=(302,),
    ),
    Rule(
        "administration: periodic tasks",
        lambda: reverse("admin:django_celery_beat_periodictask_changelist"),
        SECRETARIAT,
    ),
    Rule("administration: a periodic task", _periodic_task, SECRETARIAT),
    Rule(
        "administration: crontab schedules",
        lambda: reverse("admin:django_celery_beat_crontabschedule_changelist"),
        SECRETARIAT,
    ),
    # The signed token is the credential: it works from any mail client, signed in or not.
    Rule("notifications:unsubscribe", _unsubscribe_url, PUBLIC),
    Rule("notifications:unsubscribe (POST)", _unsubscribe_url, PUBLIC, method="post"),
    Rule("notifications:preferences", lambda: reverse("notifications:preferences"), SIGNED_IN),
    Rule(
        "notifications:preferences (POST)",
        lambda: reverse("notifications:preferences"),
        SIGNED_IN,
        method="post",
        ok_status=(302,),
    ),
]
