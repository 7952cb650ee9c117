"""Abstract bases every app's models share. Abstract: moving them changed no table (makemigrations says so)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _


class TimeStampedModel(models.Model):
    created_at = models.DateTimeField(_("created"), auto_now_add=True, db_index=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        abstract = True


class LocalizedNameMixin:
    """`localized_name`: the name in the active language (name_ru, name_kk), falling back to English `name`."""

    name: str
    name_ru: str
    name_kk: str

    @property
    def localized_name(self) -> str:
        language = (get_language() or "en")[:2]
        return {"ru": self.name_ru, "kk": self.name_kk}.get(language) or self.name


# --- Operational records of the site itself (docs/operations.md) ---------------------------------------


class DeferredTask(models.Model):
    """A Celery task the broker refused (Redis down) after its change had committed.

    The catch-up sweep (beat, every minute; and each worker when it starts) sends it again and deletes the row,
    so no e-mail of a saved change is lost to an outage. Every task of ours is safe to run twice.
    """

    name = models.CharField(_("task"), max_length=200)
    args = models.JSONField(_("arguments"), default=list)
    queue = models.CharField(_("queue"), max_length=100, blank=True)
    # Wanted start for a task queued with a countdown (a retry's backoff); none: as soon as possible.
    eta = models.DateTimeField(_("not before"), null=True, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    attempts = models.PositiveIntegerField(_("attempts to queue again"), default=0)
    last_error = models.TextField(_("last error"), blank=True)

    class Meta:
        verbose_name = _("task waiting for the broker")
        verbose_name_plural = _("tasks waiting for the broker")

    def __str__(self) -> str:
        return f"{self.name} #{self.pk}"


class WorkerHeartbeat(models.Model):
    """The last time each Celery worker process said it was alive; /healthz reads the newest."""

    hostname = models.CharField(_("worker"), max_length=255, unique=True)
    seen_at = models.DateTimeField(_("last seen"))

    class Meta:
        verbose_name = _("worker heartbeat")
        verbose_name_plural = _("worker heartbeats")

    def __str__(self) -> str:
        return self.hostname
