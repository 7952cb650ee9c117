"""Human-rights recommendations, the road maps that answer them, and the national plans behind them."""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING, ClassVar

from django.conf import settings
from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from core.concurrency import VersionedModel
from core.hooks import Link
from core.models import LocalizedNameMixin, TimeStampedModel
from core.multilingual import TranslatableModel
from core.uploads import private_storage, random_name
from core.withdrawal import WithdrawableAllManager, WithdrawableLiveManager, WithdrawableModel
from participants.models import Organization, User


class Mechanism(VersionedModel, TranslatableModel, TimeStampedModel):
    """Where recommendations come from: the UPR, one treaty body, special procedures, NGOs, the platform."""

    class Kind(models.TextChoices):
        UPR = "upr", _("Universal Periodic Review")
        TREATY_BODY = "treaty_body", _("UN treaty body")
        SPECIAL_PROCEDURES = "special_procedures", _("Special procedures")
        NGO = "ngo", _("NGO alternative report")
        PLATFORM = "platform", _("Dialogue Platform")

    code = models.SlugField(_("code"), max_length=32, unique=True, help_text=_("Short code, e.g. upr or cedaw."))
    acronym = models.CharField(_("acronym"), max_length=32)
    name = models.CharField(_("name"), max_length=255)
    kind = models.CharField(_("kind"), max_length=32, choices=Kind.choices)
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0)

    if TYPE_CHECKING:  # the columns django-modeltranslation adds per language (translation.py)
        name_en: str | None
        name_ru: str | None
        name_kk: str | None

    class Meta:
        verbose_name = _("mechanism")
        verbose_name_plural = _("mechanisms")

    def __str__(self) -> str:
        return self.acronym


class Review(VersionedModel, TranslatableModel, TimeStampedModel):
    """One review of one state by one mechanism: a UPR cycle, or a treaty body's periodic report."""

    mechanism = models.ForeignKey(Mechanism, on_delete=models.PROTECT, related_name="reviews", verbose_name=_("mechanism"))
    state_under_review = models.CharField(_("state under review"), max_length=100, default="Kazakhstan")
    number = models.PositiveSmallIntegerField(
        _("cycle or report number"), help_text=_("UPR cycle (1-4) or the number of the periodic report.")
    )
    session = models.PositiveSmallIntegerField(_("session"), null=True, blank=True)
    year = models.PositiveSmallIntegerField(_("year"), null=True, blank=True)
    title = models.CharField(_("title"), max_length=255)
    document_symbol = models.CharField(
        _("document symbol"), max_length=64, blank=True,
        help_text=_("Report of the Working Group or concluding observations, e.g. A/HRC/43/10."),
    )
    description = models.TextField(_("description"), blank=True)

    if TYPE_CHECKING:  # the columns django-modeltranslation adds per language (translation.py)
        title_en: str | None
        title_ru: str | None
        title_kk: str | None
        description_en: str | None
        description_ru: str | None
        description_kk: str | None

    class Meta:
        verbose_name = _("review cycle or report")
        verbose_name_plural = _("review cycles and reports")
        constraints = [
            # One UPR cycle (or one periodic report) per state and mechanism; importers look it up by these.
            models.UniqueConstraint(
                fields=["mechanism", "state_under_review", "number"], name="recommendations_review_unique"
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def year_not_in_title(self) -> bool:
        """Whether a page should add the year after the title (it is not there already)."""
        return bool(self.year) and str(self.year) not in (self.title or "")

    @property
    def title_with_year(self) -> str:
        """The title, followed by the year unless the title already says it ("UPR cycle 3 (session 34, 2019)")."""
        if self.year and str(self.year) not in self.title:
            return f"{self.title} ({self.year})"
        return self.title


class RecommendingState(VersionedModel, models.Model):
    """A state that made a UPR recommendation, with its UN regional group."""

    class RegionalGroup(models.TextChoices):
        AFRICA = "Africa", _("African Group")
        ASIA = "Asia", _("Asia-Pacific Group")
        EEG = "EEG", _("Eastern European Group")
        GRULAC = "GRULAC", _("Latin American and Caribbean Group")
        WEOG = "WEOG", _("Western European and Others Group")
        OBSERVER = "Observer", _("Observer")
        OTHER = "", _("Not known")

    name = models.CharField(_("name"), max_length=100, unique=True)
    regional_group = models.CharField(
        _("regional group"), max_length=16, choices=RegionalGroup.choices, blank=True
    )

    class Meta:
        verbose_name = _("recommending state")
        verbose_name_plural = _("recommending states")

    def __str__(self) -> str:
        return self.name


class Theme(LocalizedNameMixin, VersionedModel, TranslatableModel, TimeStampedModel):
    """The secretariat's taxonomy of human-rights themes."""

    name = models.CharField(_("name"), max_length=255)
    slug = models.SlugField(_("slug"), max_length=80, unique=True)

    if TYPE_CHECKING:  # the columns django-modeltranslation adds per language (translation.py)
        name_en: str | None
        name_ru: str | None
        name_kk: str | None

    class Meta:
        verbose_name = _("theme")
        verbose_name_plural = _("themes")

    def __str__(self) -> str:
        return self.name


class AffectedGroup(LocalizedNameMixin, VersionedModel, TranslatableModel, TimeStampedModel):
    name = models.CharField(_("name"), max_length=255)
    slug = models.SlugField(_("slug"), max_length=80, unique=True)

    if TYPE_CHECKING:  # the columns django-modeltranslation adds per language (translation.py)
        name_en: str | None
        name_ru: str | None
        name_kk: str | None

    class Meta:
        verbose_name = _("affected group")
        verbose_name_plural = _("affected groups")

    def __str__(self) -> str:
        return self.name


class SdgTarget(VersionedModel, models.Model):
    code = models.CharField(_("code"), max_length=8, unique=True, help_text=_("For example 16.3."))
    title = models.CharField(_("title"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("SDG target")
        verbose_name_plural = _("SDG targets")

    def __str__(self) -> str:
        return f"SDG {self.code}"


class Recommendation(WithdrawableModel, VersionedModel, TranslatableModel, TimeStampedModel):
    class Kind(models.TextChoices):
        RECOMMENDATION = "recommendation", _("Recommendation")
        # UPR Info lists the state's own commitments ("Voluntary Pledge") among recommendations.
        VOLUNTARY_PLEDGE = "voluntary_pledge", _("Voluntary pledge")

    class Response(models.TextChoices):
        SUPPORTED = "supported", _("Supported")
        NOTED = "noted", _("Noted")
        PENDING = "pending", _("Pending")
        # A voluntary pledge is the state's own commitment: nobody responds to it.
        NONE = "", _("No response (voluntary pledge)")

    class Status(models.TextChoices):
        NOT_STARTED = "not_started", _("Not started")
        IN_PROGRESS = "in_progress", _("In progress")
        PARTIALLY_IMPLEMENTED = "partially_implemented", _("Partially implemented")
        IMPLEMENTED = "implemented", _("Implemented")

    class ActionCategory(models.IntegerChoices):
        MINIMAL = 1, _("1 — minimal action")
        CONTINUING = 2, _("2 — continuing action")
        CONSIDERING = 3, _("3 — considering action")
        GENERAL = 4, _("4 — general action")
        SPECIFIC = 5, _("5 — specific action")

    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.RECOMMENDATION)
    mechanism = models.ForeignKey(
        Mechanism, on_delete=models.PROTECT, related_name="recommendations", verbose_name=_("mechanism")
    )
    review = models.ForeignKey(
        Review, on_delete=models.PROTECT, related_name="recommendations", verbose_name=_("cycle or report")
    )
    document_symbol = models.CharField(_("document symbol"), max_length=64, blank=True)
    paragraph = models.CharField(_("paragraph"), max_length=32, blank=True, help_text=_("For example 141.23."))
    text = models.TextField(_("text"))
    recommending_states = models.ManyToManyField(
        RecommendingState, blank=True, related_name="recommendations", verbose_name=_("recommending states")
    )
    action_category = models.PositiveSmallIntegerField(
        _("UPR Info action category"), choices=ActionCategory.choices, null=True, blank=True
    )
    source_organization = models.ForeignKey(
        Organization, on_delete=models.SET_NULL, null=True, blank=True, related_name="sourced_recommendations",
        verbose_name=_("source organisation"), help_text=_("For NGO recommendations."),
    )
    response = models.CharField(
        _("response"), max_length=16, choices=Response.choices, default=Response.PENDING, blank=True
    )
    themes = models.ManyToManyField(Theme, blank=True, related_name="recommendations", verbose_name=_("themes"))
    affected_groups = models.ManyToManyField(
        AffectedGroup, blank=True, related_name="recommendations", verbose_name=_("affected groups")
    )
    sdg_targets = models.ManyToManyField(
        SdgTarget, blank=True, related_name="recommendations", verbose_name=_("SDG targets")
    )
    responsible_agencies = models.ManyToManyField(
        Organization, blank=True, related_name="responsible_for_recommendations",
        verbose_name=_("responsible agencies"),
    )
    status = models.CharField(
        _("implementation status"), max_length=24, choices=Status.choices, default=Status.NOT_STARTED
    )
    # sha256 of (mechanism, review, recommending states, whitespace-normalised text): importing a file twice adds nothing.
    natural_key = models.CharField(_("natural key"), max_length=64, unique=True, editable=False)
    # One search vector per language (core.search), filled by a database trigger on PostgreSQL (migration 0005)
    # from the text in that language or the one the reader sees instead; GIN-indexed; unused on SQLite.
    search_kk = SearchVectorField(null=True, editable=False)
    search_ru = SearchVectorField(null=True, editable=False)
    search_en = SearchVectorField(null=True, editable=False)

    history = HistoricalRecords(excluded_fields=["search_kk", "search_ru", "search_en", "natural_key"])

    # Not columns: set on the rows that selectors return (Prefetch to_attr), and by services for the history row.
    state_list: list[RecommendingState]
    theme_list: list[Theme]
    agency_list: list[Organization]
    snippet: str  # a search result's passage with the words marked (selectors.recommendation_snippets)
    _history_user: User | None

    if TYPE_CHECKING:  # django-modeltranslation replaces the managers' class at run time (core.withdrawal)
        objects: ClassVar[WithdrawableLiveManager[Recommendation]]
        all_objects: ClassVar[WithdrawableAllManager[Recommendation]]
        # django-stubs types the many-to-many managers from it (README "Type checking").
        _default_manager: ClassVar[WithdrawableLiveManager[Recommendation]]

    if TYPE_CHECKING:  # the columns django-modeltranslation adds per language (translation.py)
        text_en: str | None
        text_ru: str | None
        text_kk: str | None

    class Meta:
        verbose_name = _("recommendation")
        verbose_name_plural = _("recommendations")
        constraints = [
            # Only a voluntary pledge goes without a response.
            models.CheckConstraint(
                condition=Q(kind="voluntary_pledge", response="")
                | (Q(kind="recommendation") & ~Q(response="")),
                name="recommendations_recommendation_response_matches_kind",
            ),
        ]
        indexes = [
            # The tracker's default order (newest cycle first) and its "cycle" filter.
            models.Index(fields=["review", "id"], name="recommendations_rec_review_idx"),
            # Tracker filters on mechanism, response and status, each combined with the default order.
            models.Index(fields=["mechanism", "id"], name="recommendations_rec_mech_idx"),
            models.Index(fields=["response", "id"], name="recommendations_rec_resp_idx"),
            models.Index(fields=["status", "id"], name="recommendations_rec_status_idx"),
            # Dashboard counts group by mechanism/response/status.
            models.Index(fields=["mechanism", "response", "status"], name="recommendations_rec_dash_idx"),
            # The "To translate" queue, per language (core.multilingual.queue and queue_counts): the keys of the
            # recommendations whose translation is missing or out of date, newest first, and their capped count.
            *(
                models.Index(
                    fields=["id"], name=f"recommendations_rec_to_{language}",
                    condition=Q(**{f"translation_status__{language}__in": ["missing", "outdated"]}),
                )
                for language in ("kk", "ru", "en")
            ),
        ]

    def __str__(self) -> str:
        return f"{self.document_symbol} {self.paragraph}".strip() or f"#{self.pk}"

    @property
    def reference(self) -> str:
        """The citation as data (API, exports, feeds): the same in every language."""
        if self.document_symbol and self.paragraph:
            return f"{self.document_symbol} para {self.paragraph}"
        return self.document_symbol or f"#{self.pk}"

    @property
    def reference_label(self) -> str:
        """The reference as a reader of the page's language cites it ("A/HRC/43/10, п. 141.7"). A recommendation with
        no UN document (an NGO's, the Platform's own) is named by where it comes from, never by a bare database
        number. Lists that show it load `mechanism` and `source_organization` with the rows."""
        from django.utils.translation import gettext

        if self.document_symbol and self.paragraph:
            return gettext("%(symbol)s para %(paragraph)s") % {
                "symbol": self.document_symbol, "paragraph": self.paragraph,
            }
        if self.document_symbol:
            return self.document_symbol
        organization = self.source_organization if self.source_organization_id else None
        source = organization.localized_name if organization is not None else self.mechanism.name
        return gettext("%(source)s, recommendation %(number)s") % {"source": source, "number": self.pk}


class RoadMap(WithdrawableModel, VersionedModel, TranslatableModel, TimeStampedModel):
    number = models.PositiveSmallIntegerField(_("number"), unique=True)
    title = models.CharField(_("title"), max_length=500)
    description = models.TextField(_("description"), blank=True)
    theme = models.ForeignKey(
        Theme, on_delete=models.SET_NULL, null=True, blank=True, related_name="road_maps", verbose_name=_("theme")
    )
    lead_agency = models.ForeignKey(
        Organization, on_delete=models.PROTECT, related_name="led_road_maps", verbose_name=_("lead agency")
    )
    recommendations = models.ManyToManyField(
        Recommendation, blank=True, related_name="road_maps", verbose_name=_("recommendations answered")
    )

    # Not columns: set on the rows that selectors return (annotations, Prefetch to_attr, higher apps' hooks).
    action_count: int
    done_count: int
    overdue_count: int
    progress: int
    discussed_at: list[Link]
    recommendation_list: list[Recommendation]
    withdrawn_actions: list[Action]
    withdrawn_updates: list[ProgressUpdate]

    if TYPE_CHECKING:  # django-modeltranslation replaces the managers' class at run time (core.withdrawal)
        objects: ClassVar[WithdrawableLiveManager[RoadMap]]
        all_objects: ClassVar[WithdrawableAllManager[RoadMap]]
        # django-stubs types the many-to-many managers from it (README "Type checking").
        _default_manager: ClassVar[WithdrawableLiveManager[RoadMap]]

    if TYPE_CHECKING:  # the columns django-modeltranslation adds per language (translation.py)
        title_en: str | None
        title_ru: str | None
        title_kk: str | None
        description_en: str | None
        description_ru: str | None
        description_kk: str | None

    class Meta:
        verbose_name = _("road map")
        verbose_name_plural = _("road maps")

    def __str__(self) -> str:
        return f"{self.number}. {self.title}"


class Action(WithdrawableModel, VersionedModel, TranslatableModel, TimeStampedModel):
    class Status(models.TextChoices):
        NOT_STARTED = "not_started", _("Not started")
        IN_PROGRESS = "in_progress", _("In progress")
        DONE = "done", _("Done")

    # PROTECT: a road map is withdrawn, never deleted, and its actions are never deleted with it.
    road_map = models.ForeignKey(RoadMap, on_delete=models.PROTECT, related_name="actions", verbose_name=_("road map"))
    number = models.PositiveSmallIntegerField(_("number"), default=1)
    description = models.TextField(_("description"))
    responsible_agencies = models.ManyToManyField(
        Organization, related_name="responsible_actions", verbose_name=_("responsible agencies")
    )
    partners = models.ManyToManyField(
        Organization, blank=True, related_name="partner_actions", verbose_name=_("partner organisations"),
        help_text=_("NGOs and international organisations may be partners."),
    )
    deadline = models.DateField(_("deadline"), null=True, blank=True)
    indicator = models.CharField(_("indicator"), max_length=500, blank=True)
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.NOT_STARTED)
    completed_on = models.DateField(_("completed on"), null=True, blank=True)

    history = HistoricalRecords()

    _history_user: User | None  # set by services for the history row, not a column

    if TYPE_CHECKING:  # django-modeltranslation replaces the managers' class at run time (core.withdrawal)
        objects: ClassVar[WithdrawableLiveManager[Action]]
        all_objects: ClassVar[WithdrawableAllManager[Action]]
        # django-stubs types the many-to-many managers from it (README "Type checking").
        _default_manager: ClassVar[WithdrawableLiveManager[Action]]

    if TYPE_CHECKING:  # the columns django-modeltranslation adds per language (translation.py)
        description_en: str | None
        description_ru: str | None
        description_kk: str | None
        indicator_en: str | None
        indicator_ru: str | None
        indicator_kk: str | None

    class Meta:
        verbose_name = _("action")
        verbose_name_plural = _("actions")
        constraints = [
            models.UniqueConstraint(fields=["road_map", "number"], name="recommendations_action_number_unique"),
        ]
        indexes = [
            # Overdue actions: deadline passed and not done (road-map pages, dashboard).
            models.Index(fields=["status", "deadline"], name="recommendations_action_due_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.road_map_id}.{self.number}"

    def is_overdue_on(self, day: datetime.date | None = None) -> bool:
        day = day or timezone.localdate()
        return self.status != self.Status.DONE and self.deadline is not None and self.deadline < day

    @property
    def is_overdue(self) -> bool:
        return self.is_overdue_on()


def evidence_upload_to(instance: ProgressUpdate, filename: str) -> str:
    # Random, never the uploader's name (kept in evidence_name): nobody can guess an unapproved update's file.
    return random_name("recommendations/evidence", content_type=instance.evidence_content_type, filename=filename)


class ProgressUpdate(WithdrawableModel, TimeStampedModel):
    """A focal point's report on an action; public once the secretariat approves it."""

    class State(models.TextChoices):
        SUBMITTED = "submitted", _("Awaiting approval")
        APPROVED = "approved", _("Approved")
        REJECTED = "rejected", _("Returned")

    action = models.ForeignKey(Action, on_delete=models.PROTECT, related_name="updates", verbose_name=_("action"))
    date = models.DateField(_("date"))
    text = models.TextField(_("progress"))
    evidence_url = models.URLField(_("evidence link"), blank=True)
    # Private: served by views.progress_evidence, to everyone once approved, before that to the reporting agency
    # and the secretariat only.
    evidence_file = models.FileField(
        _("evidence file"), upload_to=evidence_upload_to, storage=private_storage, max_length=255, blank=True
    )
    evidence_name = models.CharField(_("evidence file name"), max_length=255, blank=True)
    evidence_content_type = models.CharField(_("evidence file type"), max_length=120, blank=True)
    proposed_status = models.CharField(
        _("new status of the action"), max_length=16, choices=Action.Status.choices, blank=True
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="progress_updates", verbose_name=_("author")
    )
    state = models.CharField(_("state"), max_length=16, choices=State.choices, default=State.SUBMITTED)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
        verbose_name=_("reviewed by"),
    )
    reviewed_at = models.DateTimeField(_("reviewed at"), null=True, blank=True)
    review_note = models.TextField(_("note from the secretariat"), blank=True)

    class Meta:
        verbose_name = _("progress update")
        verbose_name_plural = _("progress updates")
        indexes = [
            # The secretariat's approval queue and the public list of approved updates per action.
            models.Index(fields=["state", "created_at"], name="recommendations_upd_state_idx"),
        ]
        constraints = [
            # A reviewed update records who reviewed it.
            models.CheckConstraint(
                condition=Q(state="submitted") | Q(reviewed_at__isnull=False),
                name="recommendations_progressupdate_reviewed_has_time",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.action_id} @ {self.date}"


class NationalPlan(VersionedModel, TranslatableModel, TimeStampedModel):
    title = models.CharField(_("title"), max_length=500)
    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    adopted_by = models.CharField(_("adopted by"), max_length=255, blank=True)
    adopted_on = models.DateField(_("adopted on"), null=True, blank=True)
    start_year = models.PositiveSmallIntegerField(_("from year"), null=True, blank=True)
    end_year = models.PositiveSmallIntegerField(_("to year"), null=True, blank=True)
    description = models.TextField(_("description"), blank=True)

    if TYPE_CHECKING:  # the columns django-modeltranslation adds per language (translation.py)
        title_en: str | None
        title_ru: str | None
        title_kk: str | None
        description_en: str | None
        description_ru: str | None
        description_kk: str | None

    class Meta:
        verbose_name = _("national plan")
        verbose_name_plural = _("national plans")
        constraints = [
            models.CheckConstraint(
                condition=Q(start_year__isnull=True) | Q(end_year__isnull=True) | Q(start_year__lte=F("end_year")),
                name="recommendations_nationalplan_years_ordered",
            ),
        ]

    def __str__(self) -> str:
        return self.title


class PlanMeasure(VersionedModel, TranslatableModel, TimeStampedModel):
    plan = models.ForeignKey(NationalPlan, on_delete=models.CASCADE, related_name="measures", verbose_name=_("plan"))
    number = models.CharField(_("number"), max_length=16)
    text = models.TextField(_("measure"))
    responsible_agencies = models.ManyToManyField(
        Organization, blank=True, related_name="plan_measures", verbose_name=_("responsible agencies")
    )
    deadline = models.DateField(_("deadline"), null=True, blank=True)
    recommendations = models.ManyToManyField(
        Recommendation, blank=True, related_name="plan_measures", verbose_name=_("recommendations")
    )
    road_maps = models.ManyToManyField(RoadMap, blank=True, related_name="plan_measures", verbose_name=_("road maps"))

    if TYPE_CHECKING:  # the columns django-modeltranslation adds per language (translation.py)
        text_en: str | None
        text_ru: str | None
        text_kk: str | None

    class Meta:
        verbose_name = _("plan measure")
        verbose_name_plural = _("plan measures")
        constraints = [
            models.UniqueConstraint(fields=["plan", "number"], name="recommendations_planmeasure_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.plan_id}/{self.number}"


def import_upload_to(instance: ImportJob, filename: str) -> str:
    return random_name("recommendations/imports", content_type=instance.content_type, filename=filename)


class ImportJob(TimeStampedModel):
    """An uploaded file on its way into the tracker: checked (the preview), then imported, each by a Celery task.

    The page polls the job; the tasks claim it by a conditional update of `status`, so running one twice does the
    work once (STYLE.md section 7.11). Progress while a task runs is in the cache (services.import_job_progress):
    the import itself is one transaction, so a row written inside it would stay invisible until the end.
    """

    class Format(models.TextChoices):
        UPR_INFO = "upr-info", _("UPR Info database export (CSV)")
        GENERIC = "generic", _("Portal template (CSV or XLSX)")

    class Status(models.TextChoices):
        CHECK_QUEUED = "check_queued", _("Waiting to be checked")
        CHECKING = "checking", _("Checking the file")
        READY = "ready", _("Checked: ready to import")
        INVALID = "invalid", _("Cannot be imported")
        IMPORT_QUEUED = "import_queued", _("Waiting to be imported")
        IMPORTING = "importing", _("Importing")
        DONE = "done", _("Imported")
        FAILED = "failed", _("Import failed: nothing was imported")

    RUNNING = (Status.CHECK_QUEUED, Status.CHECKING, Status.IMPORT_QUEUED, Status.IMPORTING)

    token = models.CharField(max_length=43, unique=True, editable=False)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    filename = models.CharField(_("file name"), max_length=255)
    format = models.CharField(_("format"), max_length=16, choices=Format.choices)
    encoding = models.CharField(_("encoding"), max_length=32, blank=True)
    cycle = models.PositiveSmallIntegerField(_("cycle"), null=True, blank=True)
    # The uploader's language: the worker writes the preview's messages in it.
    language = models.CharField(_("language"), max_length=8, default="en")
    file = models.FileField(_("file"), upload_to=import_upload_to, storage=private_storage, max_length=255, blank=True)
    content_type = models.CharField(_("content type"), max_length=120, blank=True)
    size = models.PositiveBigIntegerField(_("size in bytes"), default=0)
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.CHECK_QUEUED)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    started_at = models.DateTimeField(_("started at"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)
    # What the check found: counts, the table per review and the first new rows (services.import_job_check).
    preview = models.JSONField(_("preview"), default=dict, blank=True)
    error = models.TextField(_("why it stopped"), blank=True)
    created_count = models.PositiveIntegerField(_("recommendations added"), default=0)

    class Meta:
        verbose_name = _("import")
        verbose_name_plural = _("imports")
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=["check_queued", "checking", "ready", "invalid", "import_queued", "importing",
                                        "done", "failed"]),
                name="recommendations_importjob_status_valid",
            ),
        ]
        indexes = [
            # The import page lists a person's recent imports, newest first.
            models.Index(fields=["uploaded_by", "-created_at"], name="recommendations_importjob_mine"),
        ]

    def __str__(self) -> str:
        return f"{self.filename} ({self.pk})"

    @property
    def is_running(self) -> bool:
        return self.status in self.RUNNING
