"""The reports registry: national, treaty-body and alternative reports, and the platform's own digests."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from core.concurrency import VersionedModel
from core.models import TimeStampedModel
from core.multilingual import TranslatableModel
from core.uploads import private_storage, random_name
from core.withdrawal import WithdrawableAllManager, WithdrawableLiveManager, WithdrawableModel
from participants.models import Organization, User
from recommendations.models import Mechanism, Review


class Report(VersionedModel, TranslatableModel, TimeStampedModel):
    class Kind(models.TextChoices):
        UPR_NATIONAL = "upr_national", _("UPR national report")
        TREATY_BODY = "treaty_body", _("Treaty-body report")
        ALTERNATIVE = "alternative", _("Alternative (NGO) report")
        PLATFORM = "platform", _("Platform report")
        QUARTERLY_DIGEST = "quarterly_digest", _("Quarterly digest")
        ANNUAL_REPORT = "annual_report", _("Annual report")

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        PUBLISHED = "published", _("Published")

    # Built by reports.digests from the portal's own data; people do not upload or edit them.
    GENERATED_KINDS = (Kind.QUARTERLY_DIGEST, Kind.ANNUAL_REPORT)

    kind = models.CharField(_("kind"), max_length=24, choices=Kind.choices)
    # title and summary in each language: reports/translation.py.
    title = models.CharField(_("title"), max_length=500)
    document_symbol = models.CharField(
        _("document symbol"), max_length=64, blank=True, help_text=_("For UN documents, e.g. A/HRC/WG.6/34/KAZ/1.")
    )
    year = models.PositiveSmallIntegerField(_("year"))
    mechanism = models.ForeignKey(
        Mechanism, on_delete=models.PROTECT, null=True, blank=True, related_name="reports",
        verbose_name=_("mechanism"), help_text=_("The UN mechanism the report is submitted to, if any."),
    )
    review = models.ForeignKey(
        Review, on_delete=models.PROTECT, null=True, blank=True, related_name="reports",
        verbose_name=_("review cycle or report"),
    )
    author_organization = models.ForeignKey(
        Organization, on_delete=models.PROTECT, null=True, blank=True, related_name="authored_reports",
        verbose_name=_("author organisation"),
    )
    summary = models.TextField(_("summary"), blank=True)
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.DRAFT)
    published_at = models.DateTimeField(_("published"), null=True, blank=True)
    # Digests only: the period covered (both days included) and the figures the HTML page, PDF and XLSX show.
    period_start = models.DateField(_("period from"), null=True, blank=True)
    period_end = models.DateField(_("period to"), null=True, blank=True)
    data = models.JSONField(_("figures"), default=dict, blank=True, editable=False)
    built_at = models.DateTimeField(_("built"), null=True, blank=True)
    created_by = models.ForeignKey(
        User, on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("created by")
    )

    if TYPE_CHECKING:  # the columns django-modeltranslation adds per language (translation.py)
        title_en: str | None
        title_ru: str | None
        title_kk: str | None
        summary_en: str | None
        summary_ru: str | None
        summary_kk: str | None

    class Meta:
        verbose_name = _("report")
        verbose_name_plural = _("reports")
        constraints = [
            # Building the digest of a period again replaces its files; it never makes a second report.
            models.UniqueConstraint(
                fields=["kind", "period_start"], condition=Q(period_start__isnull=False),
                name="reports_report_one_per_period",
            ),
            models.CheckConstraint(
                condition=Q(period_start__isnull=True) | Q(period_end__gte=F("period_start")),
                name="reports_report_period_ordered",
            ),
            # A published report says when it was published (the registry sorts and the e-mail links by it).
            models.CheckConstraint(
                condition=Q(status="draft") | Q(published_at__isnull=False),
                name="reports_report_published_has_time",
            ),
        ]
        indexes = [
            # The public registry: published reports filtered by kind and year, newest first.
            models.Index(fields=["status", "kind", "year"], name="reports_report_registry_idx"),
            # The registry's mechanism filter.
            models.Index(fields=["mechanism", "year"], name="reports_report_mechanism_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.title} ({self.pk})"

    @property
    def localized_title(self) -> str:
        """The title in the page's language or its fallback (modeltranslation); kept for older callers."""
        return self.title

    @property
    def is_generated(self) -> bool:
        return self.kind in self.GENERATED_KINDS

    @property
    def is_published(self) -> bool:
        return self.status == self.Status.PUBLISHED


class ReportVersion(VersionedModel, TranslatableModel, TimeStampedModel):
    """One edition of a report: a draft put to comment, the submitted text, a corrigendum."""

    report = models.ForeignKey(Report, on_delete=models.PROTECT, related_name="versions", verbose_name=_("report"))
    number = models.PositiveSmallIntegerField(_("version"))
    date = models.DateField(_("date"))
    notes = models.TextField(_("notes"), blank=True)
    # NGOs comment on a draft version through a comment period of the submissions app.
    comment_period = models.OneToOneField(
        "submissions.CommentPeriod", on_delete=models.SET_NULL, null=True, blank=True,
        related_name="report_version", verbose_name=_("comment period"),
    )
    created_by = models.ForeignKey(
        User, on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("created by")
    )

    if TYPE_CHECKING:  # the columns django-modeltranslation adds per language (translation.py)
        notes_en: str | None
        notes_ru: str | None
        notes_kk: str | None

    class Meta:
        verbose_name = _("report version")
        verbose_name_plural = _("report versions")
        constraints = [
            models.UniqueConstraint(fields=["report", "number"], name="reports_reportversion_number_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.report_id} v{self.number}"


def _document_path(instance: ReportDocument, filename: str) -> str:
    # A random name: unguessable, and two uploads may share a file name (the title names the download).
    return random_name(f"reports/{instance.version.report_id}", content_type=instance.content_type, filename=filename)


class ReportDocument(WithdrawableModel, TranslatableModel, TimeStampedModel):
    class Visibility(models.TextChoices):
        PUBLIC = "public", _("Public")
        PARTICIPANTS = "participants", _("Participants only")

    class Language(models.TextChoices):
        ANY = "", _("Not stated")
        KK = "kk", _("Kazakh")
        RU = "ru", _("Russian")
        EN = "en", _("English")

    version = models.ForeignKey(
        ReportVersion, on_delete=models.PROTECT, related_name="documents", verbose_name=_("version")
    )
    title = models.CharField(_("title"), max_length=255)
    language = models.CharField(_("language"), max_length=2, choices=Language.choices, blank=True, default="")
    file = models.FileField(_("file"), upload_to=_document_path, storage=private_storage, max_length=255)
    content_type = models.CharField(_("content type"), max_length=120)
    size = models.PositiveBigIntegerField(_("size in bytes"), default=0)
    visibility = models.CharField(
        _("visibility"), max_length=16, choices=Visibility.choices, default=Visibility.PUBLIC
    )
    # Set on the files a digest build makes, so a rebuild replaces exactly those (e.g. "pdf:ru").
    generated_key = models.CharField(max_length=16, blank=True, editable=False)
    uploaded_by = models.ForeignKey(
        User, on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("uploaded by")
    )

    if TYPE_CHECKING:  # django-modeltranslation replaces the managers' class at run time (core.withdrawal)
        objects: ClassVar[WithdrawableLiveManager[ReportDocument]]
        all_objects: ClassVar[WithdrawableAllManager[ReportDocument]]
        # django-stubs types the many-to-many managers from it (README "Type checking").
        _default_manager: ClassVar[WithdrawableLiveManager[ReportDocument]]

    if TYPE_CHECKING:  # the columns django-modeltranslation adds per language (translation.py)
        title_en: str | None
        title_ru: str | None
        title_kk: str | None

    class Meta:
        verbose_name = _("report document")
        verbose_name_plural = _("report documents")
        constraints = [
            # One generated PDF and one XLSX per language and version: a rebuild replaces, never adds.
            models.UniqueConstraint(
                fields=["version", "generated_key"], condition=~Q(generated_key=""),
                name="reports_reportdocument_generated_unique",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.title} ({self.pk})"

    @property
    def extension(self) -> str:
        name = self.file.name or ""
        return name.rsplit(".", 1)[-1].lower() if "." in name else ""
