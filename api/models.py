"""Personal API tokens of focal points, and the bulk download files of the open data page."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from core.models import TimeStampedModel


class ApiToken(TimeStampedModel):
    """A focal point's key for the write API. Only a SHA-256 digest is stored: the key is shown once."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens", verbose_name=_("person")
    )
    label = models.CharField(_("label"), max_length=100, help_text=_("What the token is for, e.g. the ministry's reporting script."))
    # The first characters of the key, so the person can tell tokens apart without the key itself.
    prefix = models.CharField(_("starts with"), max_length=12)
    digest = models.CharField(max_length=64, unique=True, editable=False)
    last_used_at = models.DateTimeField(_("last used"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
        verbose_name=_("revoked by"),
    )

    class Meta:
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")
        indexes = [
            # A person's own token page and the secretariat's list of active tokens.
            models.Index(fields=["user", "revoked_at"], name="api_apitoken_user_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.prefix}… ({self.pk})"

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None


class DataExport(TimeStampedModel):
    """One generated bulk file: a dataset in one format, replaced whenever the data it was built from changes."""

    class Dataset(models.TextChoices):
        TRACKER = "recommendations", _("Recommendations tracker")
        ROADMAPS = "roadmaps", _("Road maps and actions")

    class Format(models.TextChoices):
        CSV = "csv", "CSV"
        XLSX = "xlsx", "XLSX"
        JSON = "json", "JSON"

    dataset = models.CharField(_("dataset"), max_length=32, choices=Dataset.choices)
    format = models.CharField(_("format"), max_length=8, choices=Format.choices)
    file = models.FileField(_("file"), upload_to="open-data/", max_length=255)
    generated_at = models.DateTimeField(_("generated at"))
    row_count = models.PositiveIntegerField(_("rows"), default=0)
    size = models.PositiveBigIntegerField(_("size in bytes"), default=0)
    # Counts and latest change times of the source tables when the file was built; a new file is built only
    # when they differ (see services.exports_fingerprint).
    fingerprint = models.CharField(max_length=64)

    class Meta:
        verbose_name = _("bulk download")
        verbose_name_plural = _("bulk downloads")
        constraints = [
            models.UniqueConstraint(fields=["dataset", "format"], name="api_dataexport_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.dataset}.{self.format}"
