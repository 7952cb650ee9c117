"""The quarterly digest in the database beat schedule: 06:00 Almaty time on the first day of each quarter, for the
quarter just ended. It used to be created by notifications/migrations/0002, which must not name a task of this
higher app; on a database where that migration already made it, get_or_create leaves it (and any edit) as it is."""

from django.db import migrations

NAME = "Quarterly digest"


def create_schedule(apps, schema_editor):
    CrontabSchedule = apps.get_model("django_celery_beat", "CrontabSchedule")
    PeriodicTask = apps.get_model("django_celery_beat", "PeriodicTask")
    PeriodicTasks = apps.get_model("django_celery_beat", "PeriodicTasks")

    quarterly, _ = CrontabSchedule.objects.get_or_create(
        minute="0", hour="6", day_of_week="*", day_of_month="1", month_of_year="1,4,7,10", timezone="Asia/Almaty"
    )
    PeriodicTask.objects.get_or_create(
        name=NAME,
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
    apps.get_model("django_celery_beat", "PeriodicTask").objects.filter(name=NAME).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("reports", "0003_annual_schedule"),
        ("django_celery_beat", "0019_alter_periodictasks_options"),
    ]

    operations = [migrations.RunPython(create_schedule, remove_schedule)]
