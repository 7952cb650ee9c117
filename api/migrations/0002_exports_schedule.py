"""The open data files' refresh in the database beat schedule, like the other periodic work
(notifications/migrations/0002): the secretariat can change or pause it in the administration, and a
later migrate or a beat restart does not undo that, as a settings entry would."""

from django.db import migrations

NAME = "Refresh open data files"


def create_schedule(apps, schema_editor):
    IntervalSchedule = apps.get_model("django_celery_beat", "IntervalSchedule")
    PeriodicTask = apps.get_model("django_celery_beat", "PeriodicTask")
    PeriodicTasks = apps.get_model("django_celery_beat", "PeriodicTasks")

    every_15_minutes, _ = IntervalSchedule.objects.get_or_create(every=15, period="minutes")
    PeriodicTask.objects.get_or_create(
        name=NAME,
        defaults={
            "task": "api.tasks.exports_refresh",
            "interval": every_15_minutes,
            "description": "Rebuilds the bulk CSV, XLSX and JSON files when the tracker or road maps changed.",
        },
    )
    from django.utils import timezone

    PeriodicTasks.objects.update_or_create(ident=1, defaults={"last_update": timezone.now()})


def remove_schedule(apps, schema_editor):
    apps.get_model("django_celery_beat", "PeriodicTask").objects.filter(name=NAME).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("api", "0001_initial"),
        ("notifications", "0002_default_schedule"),
    ]

    operations = [migrations.RunPython(create_schedule, remove_schedule)]
