"""The catch-up sweep in the beat schedule: every minute, so notices held up by a broker outage go out within a
minute of its end (docs/operations.md). A data migration like notifications/0002: the row then belongs to the
secretariat's administration."""

from django.db import migrations

CATCH_UP = "Catch up after a broker outage"


def create_schedule(apps, schema_editor):
    IntervalSchedule = apps.get_model("django_celery_beat", "IntervalSchedule")
    PeriodicTask = apps.get_model("django_celery_beat", "PeriodicTask")
    PeriodicTasks = apps.get_model("django_celery_beat", "PeriodicTasks")

    every_minute, _ = IntervalSchedule.objects.get_or_create(every=1, period="minutes")
    PeriodicTask.objects.get_or_create(
        name=CATCH_UP,
        defaults={
            "task": "dialogue_platform.catch_up",
            "interval": every_minute,
            "description": "Queues the tasks the broker refused during an outage and e-mails no task holds.",
        },
    )
    from django.utils import timezone

    PeriodicTasks.objects.update_or_create(ident=1, defaults={"last_update": timezone.now()})


def remove_schedule(apps, schema_editor):
    apps.get_model("django_celery_beat", "PeriodicTask").objects.filter(name=CATCH_UP).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0001_initial"),
        ("django_celery_beat", "0019_alter_periodictasks_options"),
    ]

    operations = [migrations.RunPython(create_schedule, remove_schedule)]
