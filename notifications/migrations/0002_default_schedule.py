"""The default beat schedule. A data migration, not a post_migrate hook: once created, the rows belong to the
secretariat (edited or switched off in the administration), and a later migrate must not bring them back."""

from django.db import migrations

DUE_NOTICES = "Check for due notices"
QUARTERLY_DIGEST = "Quarterly digest"


def create_schedule(apps, schema_editor):
    IntervalSchedule = apps.get_model("django_celery_beat", "IntervalSchedule")
    CrontabSchedule = apps.get_model("django_celery_beat", "CrontabSchedule")
    PeriodicTask = apps.get_model("django_celery_beat", "PeriodicTask")
    PeriodicTasks = apps.get_model("django_celery_beat", "PeriodicTasks")

    every_15_minutes, _ = IntervalSchedule.objects.get_or_create(every=15, period="minutes")
    PeriodicTask.objects.get_or_create(
        name=DUE_NOTICES,
        defaults={
            "task": "notifications.tasks.run_due_notices",
            "interval": every_15_minutes,
            "description": "Publishes notices that have come due (invitations, reminders) and resends stalled e-mails.",
        },
    )
    # 06:00 Almaty time on the first day of each quarter, for the quarter just ended.
    quarterly, _ = CrontabSchedule.objects.get_or_create(
        minute="0", hour="6", day_of_week="*", day_of_month="1", month_of_year="1,4,7,10", timezone="Asia/Almaty"
    )
    PeriodicTask.objects.get_or_create(
        name=QUARTERLY_DIGEST,
        defaults={
            "task": "reports.tasks.build_quarterly_digest",
            "crontab": quarterly,
            "description": "Builds the digest of the quarter just ended and e-mails it to subscribers.",
        },
    )
    # Tell a running beat that the schedule changed (what the admin does on save).
    from django.utils import timezone

    PeriodicTasks.objects.update_or_create(ident=1, defaults={"last_update": timezone.now()})


def remove_schedule(apps, schema_editor):
    PeriodicTask = apps.get_model("django_celery_beat", "PeriodicTask")
    PeriodicTask.objects.filter(name__in=[DUE_NOTICES, QUARTERLY_DIGEST]).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("notifications", "0001_initial"),
        ("django_celery_beat", "0019_alter_periodictasks_options"),
    ]

    operations = [migrations.RunPython(create_schedule, remove_schedule)]
