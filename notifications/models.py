"""Notices and their deliveries: one Delivery row per (notice, recipient) is the source of truth for exactly-once.

docs/notifications.md explains the state machine; services.py and tasks.py are the only writers.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class Notice(models.Model):
    """One thing to tell people about, e.g. kind "meetings.change", key "meeting-change:12"."""

    kind = models.CharField(_("kind"), max_length=100)
    key = models.CharField(_("key"), max_length=200)
    # Ids only: the renderer loads the objects when it sends, so a message shows the current state.
    payload = models.JSONField(_("payload"), default=dict, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    # Not columns: the delivery log's label (views.notice_list), a renderer's per-chunk cache (registry.notice_cache).
    kind_label: str | Promise
    _render_cache: dict[str, Any]

    class Meta:
        verbose_name = _("notice")
        verbose_name_plural = _("notices")
        constraints = [
            # Publishing the same event twice (a retried service, a double click) never makes a second notice.
            models.UniqueConstraint(fields=["kind", "key"], name="notifications_notice_unique_kind_key"),
        ]
        indexes = [
            # The delivery log lists notices newest first.
            models.Index(fields=["-created_at"], name="notifications_notice_created"),
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.key}"


class Delivery(models.Model):
    """One e-mail of one notice to one address."""

    class Status(models.TextChoices):
        # "Pending" alone is an invitation's answer elsewhere; here it is a message waiting in the queue.
        PENDING = "pending", pgettext_lazy("delivery status", "Pending")
        SENDING = "sending", _("Sending")
        SENT = "sent", _("Sent")
        RETRYING = "retrying", _("Retrying")
        FAILED = "failed", _("Failed")

    notice = models.ForeignKey(Notice, on_delete=models.CASCADE, related_name="deliveries", verbose_name=_("notice"))
    # Empty for people without an account (e.g. an NGO applicant's contact address).
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="deliveries",
        verbose_name=_("user"),
    )
    email = models.EmailField(_("e-mail address"))
    language = models.CharField(_("language"), max_length=8)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.PENDING)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    last_error = models.TextField(_("last error"), blank=True)
    # Fixed when the row is made, so a message sent again after a crash carries the same Message-ID.
    message_id = models.CharField(_("Message-ID"), max_length=255, unique=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    claimed_at = models.DateTimeField(_("claimed"), null=True, blank=True)
    next_attempt_at = models.DateTimeField(_("next attempt"), null=True, blank=True)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)

    class Meta:
        verbose_name = _("delivery")
        verbose_name_plural = _("deliveries")
        constraints = [
            models.UniqueConstraint(fields=["notice", "email"], name="notifications_delivery_unique_notice_email"),
        ]
        indexes = [
            # Unfinished deliveries only: used by services.deliveries_requeue_stalled (the periodic sweep).
            models.Index(
                fields=["status", "next_attempt_at"],
                name="notifications_delivery_open",
                condition=models.Q(status__in=["pending", "sending", "retrying"]),
            ),
            # Per-notice counts by status in the delivery log.
            models.Index(fields=["notice", "status"], name="notifications_delivery_ns"),
        ]

    def __str__(self) -> str:
        return f"{self.email} ({self.status})"


class OptOut(models.Model):
    """A person who does not want the optional notices of one topic (a kind, or a group of kinds)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notice_opt_outs", verbose_name=_("user")
    )
    topic = models.CharField(_("topic"), max_length=100)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("opt-out")
        verbose_name_plural = _("opt-outs")
        constraints = [
            models.UniqueConstraint(fields=["user", "topic"], name="notifications_optout_unique_user_topic"),
        ]

    def __str__(self) -> str:
        return f"{self.user_id} {self.topic}"
