"""The annual report in the database beat schedule, beside the quarterly digest (reports/migrations/0004):
06:00 Almaty on 2 January, for the year just ended, after the fourth quarter's digest of 1 January."""

from django.db import migrations

NAME = "Annual report"


def create_schedule(apps, schema_editor):
    CrontabSchedule = apps.get_model("django_celery_beat", "CrontabSchedule")
    PeriodicTask = apps.get_model("django_celery_beat", "PeriodicTask")
    PeriodicTasks = apps.get_model("django_celery_beat", "PeriodicTasks")

    yearly, _ = CrontabSchedule.objects.get_or_create(
        minute="0", hour="6", day_of_week="*", day_of_month="2", month_of_year="1", timezone="Asia/Almaty"
    )
    PeriodicTask.objects.get_or_create(
        name=NAME,
        defaults={
            "task": "reports.tasks.build_annual_report",
            "crontab": yearly,
            "description": "Builds the annual report of the year just ended and e-mails it to subscribers.",
        },
    )
    from django.utils import timezone

    PeriodicTasks.objects.update_or_create(ident=1, defaults={"last_update": timezone.now()})


def remove_schedule(apps, schema_editor):
    apps.get_model("django_celery_beat", "PeriodicTask").objects.filter(name=NAME).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("reports", "0002_version_comment_period"),
        ("notifications", "0002_default_schedule"),
    ]

    operations = [migrations.RunPython(create_schedule, remove_schedule)]
