"""The default beat schedule of due notices. A data migration, not a post_migrate hook: once created, the rows belong
to the secretariat (edited or switched off in the administration), and a later migrate must not bring them back.

The apps above schedule their own tasks in their own migrations (reports/0004, api/0002): this app names none of them.
"""

from django.db import migrations

DUE_NOTICES = "Check for due notices"


def create_schedule(apps, schema_editor):
    IntervalSchedule = apps.get_model("django_celery_beat", "IntervalSchedule")
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
    # Tell a running beat that the schedule changed (what the admin does on save).
    from django.utils import timezone

    PeriodicTasks.objects.update_or_create(ident=1, defaults={"last_update": timezone.now()})


def remove_schedule(apps, schema_editor):
    PeriodicTask = apps.get_model("django_celery_beat", "PeriodicTask")
    PeriodicTask.objects.filter(name=DUE_NOTICES).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("notifications", "0001_initial"),
        ("django_celery_beat", "0019_alter_periodictasks_options"),
    ]

    operations = [migrations.RunPython(create_schedule, remove_schedule)]
