"""The beat schedule lives in the database, with defaults, and only the secretariat edits it."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from django.conf import settings
from django.urls import reverse
from django_celery_beat.models import PeriodicTask

pytestmark = pytest.mark.django_db


def test_default_schedule_checks_due_notices_every_15_minutes() -> None:
    task = PeriodicTask.objects.get(name="Check for due notices")

    assert task.task == "notifications.tasks.run_due_notices"
    assert (task.interval.every, task.interval.period) == (15, "minutes")
    assert task.enabled


def test_beat_reads_its_schedule_from_the_database_in_settings_and_in_compose() -> None:
    assert settings.CELERY_BEAT_SCHEDULER == "django_celery_beat.schedulers:DatabaseScheduler"
    compose = yaml.safe_load((Path(settings.BASE_DIR) / "docker-compose.yml").read_text(encoding="utf-8"))
    command = " ".join(compose["services"]["beat"]["command"])
    assert "--scheduler=django_celery_beat.schedulers:DatabaseScheduler" in command


def test_secretariat_edits_a_periodic_task_in_the_administration_without_inline_scripts(client_as) -> None:  # noqa: ANN001
    task = PeriodicTask.objects.get(name="Check for due notices")

    response = client_as("secretariat").get(reverse("admin:django_celery_beat_periodictask_change", args=[task.pk]))

    assert response.status_code == 200
    assert b"periodic-task-overrides" not in response.content  # the CSP would block that inline script


@pytest.mark.parametrize("role", ["focal_point", "ngo", "observer"])
def test_other_roles_cannot_open_the_schedule(client_as, role: str) -> None:  # noqa: ANN001
    response = client_as(role).get(reverse("admin:django_celery_beat_periodictask_changelist"))

    assert response.status_code == 403


def test_the_periodic_task_form_names_its_date_and_time_inputs(client_as) -> None:  # noqa: ANN001
    task = PeriodicTask.objects.get(name="Check for due notices")

    response = client_as("secretariat").get(reverse("admin:django_celery_beat_periodictask_change", args=[task.pk]))

    content = response.content.decode()
    assert 'name="start_time_0"' in content
    assert 'aria-label="Start date"' in content and 'aria-label="Start time"' in content


def test_the_crontab_form_has_no_hidden_input_with_aria_attributes(client_as) -> None:  # noqa: ANN001
    response = client_as("secretariat").get(reverse("admin:django_celery_beat_crontabschedule_add"))

    assert response.status_code == 200
    assert b'name="initial-timezone"' not in response.content
