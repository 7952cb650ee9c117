"""The Celery application. Tasks live in each app's tasks.py; this only wires them."""

from __future__ import annotations

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "dialogue_platform.settings")

app = Celery("dialogue_platform")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
