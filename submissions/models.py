"""NGO submissions: proposals, comments in open comment periods, shadow reports and agenda suggestions.

The app sits above meetings in the import order (STYLE.md section 0): a submission may become an agenda
item, a tracker recommendation or a road-map action, and those apps see it only through reverse relations.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, ClassVar

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from core.concurrency import VersionedModel
from core.models import TimeStampedModel
from core.multilingual import TranslatableModel
from core.richtext import SanitizedHTMLField
from core.uploads import private_storage, random_name
from core.withdrawal import WithdrawableAllManager, WithdrawableLiveManager, WithdrawableModel
from meetings.models import AgendaItem, Meeting
from participants.models import Organization
from recommendations import references
from recommendations.models import Action, Mechanism, Recommendation, Review, RoadMap, Theme


def _draft_document_path(instance: CommentPeriod, filename: str) -> str:
    return random_name("submissions/drafts", filename=filename)


def _upload_path(instance: SubmissionUpload | Submission, filename: str) -> str:
    # A random name per upload: two NGOs sending "report.pdf" never collide or guess each other's path.
    content_type = getattr(instance, "content_type", "") or getattr(instance, "document_content_type", "")
    return random_name("submissions/uploads", content_type=content_type, filename=filename)


class CommentPeriodQuerySet(models.QuerySet["CommentPeriod"]):
    def open_at(self, moment: object | None = None) -> CommentPeriodQuerySet:
        moment = moment or timezone.now()
        return self.filter(opens_at__lte=moment, closes_at__gt=moment)


if TYPE_CHECKING:
    # What CommentPeriodQuerySet.as_manager() makes, named for CommentPeriod.objects' declaration below.
    CommentPeriodManager = models.Manager.from_queryset(CommentPeriodQuerySet)


class CommentPeriod(TranslatableModel, TimeStampedModel):
    """A window in which NGOs may comment on a road map or on a draft document (e.g. a national report).

    Generic on purpose: the reports app opens periods for its drafts through services.comment_period_open.
    """

    road_map = models.ForeignKey(
        RoadMap, on_delete=models.CASCADE, null=True, blank=True, related_name="comment_periods",
        verbose_name=_("road map"),
    )
    # title and description in each language: submissions/translation.py.
    title = models.CharField(_("title"), max_length=500, blank=True)
    description = models.TextField(_("description"), blank=True)
    document = models.FileField(
        _("draft document"), upload_to=_draft_document_path, storage=private_storage, max_length=255, blank=True
    )
    url = models.URLField(_("page of the draft"), max_length=500, blank=True)
    opens_at = models.DateTimeField(_("opens"))
    closes_at = models.DateTimeField(_("closes"))
    closed_early_at = models.DateTimeField(_("closed early at"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
        verbose_name=_("opened by"),
    )

    if TYPE_CHECKING:  # django-modeltranslation replaces the manager's class at run time (core.withdrawal)
        objects: ClassVar[CommentPeriodManager[CommentPeriod]]
        # django-stubs types the many-to-many managers from it (README "Type checking").
        _default_manager: ClassVar[CommentPeriodManager[CommentPeriod]]
    else:
        objects = CommentPeriodQuerySet.as_manager()

    if TYPE_CHECKING:  # the columns django-modeltranslation adds per language (translation.py)
        title_en: str | None
        title_ru: str | None
        title_kk: str | None
        description_en: str | None
        description_ru: str | None
        description_kk: str | None

    class Meta:
        verbose_name = _("comment period")
        verbose_name_plural = _("comment periods")
        constraints = [
            # A period must last: it closes after it opens.
            models.CheckConstraint(
                condition=Q(closes_at__gt=F("opens_at")), name="submissions_commentperiod_closes_after_opens"
            ),
            # Something must be commented on: a road map or a titled draft.
            models.CheckConstraint(
                condition=Q(road_map__isnull=False) | ~Q(title=""), name="submissions_commentperiod_has_subject"
            ),
        ]
        indexes = [
            # The public list of open periods and the comment form's choices: opens_at <= now < closes_at.
            models.Index(fields=["closes_at", "opens_at"], name="submissions_period_open_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.subject_title} ({self.pk})"

    @property
    def subject_title(self) -> str:
        """The draft's title in the active language, or the road map's title."""
        title = self.title
        if title:
            return title
        if self.road_map_id is not None:
            return str(self.road_map)
        return ""

    def is_open_at(self, moment: dt.datetime | None = None) -> bool:
        moment = moment or timezone.now()
        return self.opens_at <= moment < self.closes_at

    @property
    def is_open(self) -> bool:
        return self.is_open_at()

    @property
    def is_closable(self) -> bool:
        """Open now or scheduled: closing it early still means something."""
        return self.closes_at > timezone.now()


class SubmissionUpload(TimeStampedModel):
    """A file kept from the first valid upload, so a form returned with errors need not be re-uploaded.

    The form carries the upload's random token in a hidden field; only the person who uploaded it can
    attach it to a submission. Unattached uploads are deleted after a day (services.upload_purge_stale).
    """

    token = models.CharField(max_length=43, unique=True, editable=False)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+", verbose_name=_("uploaded by")
    )
    file = models.FileField(_("file"), upload_to=_upload_path, storage=private_storage, max_length=255)
    original_name = models.CharField(_("file name"), max_length=255)
    content_type = models.CharField(_("content type"), max_length=120)
    size = models.PositiveBigIntegerField(_("size in bytes"))

    class Meta:
        verbose_name = _("uploaded file")
        verbose_name_plural = _("uploaded files")

    def __str__(self) -> str:
        return f"{self.original_name} ({self.pk})"


class Submission(WithdrawableModel, VersionedModel, TranslatableModel, TimeStampedModel):
    class Kind(models.TextChoices):
        PROPOSAL = "proposal", _("Recommendation or proposal")
        COMMENT = "comment", _("Comment on a draft")
        SHADOW_REPORT = "shadow_report", _("Alternative (shadow) report")
        AGENDA = "agenda", _("Agenda suggestion")

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SUBMITTED = "submitted", _("Submitted")
        UNDER_REVIEW = "under_review", _("Under review")
        ACCEPTED = "accepted", _("Accepted")
        PARTLY_ACCEPTED = "partly_accepted", _("Partly accepted")
        DECLINED = "declined", _("Declined")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    DECIDED = (Status.ACCEPTED, Status.PARTLY_ACCEPTED, Status.DECLINED)
    ACCEPTED_STATUSES = (Status.ACCEPTED, Status.PARTLY_ACCEPTED)

    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.DRAFT)
    organization = models.ForeignKey(
        Organization, on_delete=models.PROTECT, related_name="submissions", verbose_name=_("organisation")
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="submissions", verbose_name=_("author")
    )
    title = models.CharField(_("title"), max_length=255)
    # Sanitised HTML (nh3): the proposal, the comment, the report's summary or the suggested agenda item.
    text = SanitizedHTMLField(_("text"), profile="submission")
    justification = SanitizedHTMLField(_("justification"), blank=True, profile="submission")
    themes = models.ManyToManyField(Theme, blank=True, related_name="submissions", verbose_name=_("themes"))
    un_references = models.CharField(
        _("related UN recommendations"), max_length=500, blank=True,
        help_text=_("Document symbols with paragraph numbers, e.g. A/HRC/43/10 para 141.7."),
    )
    related_recommendations = models.ManyToManyField(
        Recommendation, blank=True, related_name="referencing_submissions",
        verbose_name=_("related recommendations in the tracker"),
    )
    road_map = models.ForeignKey(
        RoadMap, on_delete=models.SET_NULL, null=True, blank=True, related_name="submissions",
        verbose_name=_("related road map"),
    )
    responsible_agency = models.ForeignKey(
        Organization, on_delete=models.SET_NULL, null=True, blank=True, related_name="suggested_submissions",
        verbose_name=_("suggested responsible agency"),
    )
    comment_period = models.ForeignKey(
        CommentPeriod, on_delete=models.PROTECT, null=True, blank=True, related_name="comments",
        verbose_name=_("comment period"),
    )
    mechanism = models.ForeignKey(
        Mechanism, on_delete=models.PROTECT, null=True, blank=True, related_name="submissions",
        verbose_name=_("mechanism"),
    )
    review = models.ForeignKey(
        Review, on_delete=models.PROTECT, null=True, blank=True, related_name="submissions",
        verbose_name=_("cycle or review"),
    )
    document = models.FileField(
        _("report file"), upload_to=_upload_path, storage=private_storage, max_length=255, blank=True
    )
    document_name = models.CharField(_("file name"), max_length=255, blank=True)
    document_content_type = models.CharField(max_length=120, blank=True)
    meeting = models.ForeignKey(
        Meeting, on_delete=models.SET_NULL, null=True, blank=True, related_name="ngo_suggestions",
        verbose_name=_("meeting"),
    )
    anonymous = models.BooleanField(
        _("publish without our organisation's name"), default=False,
        help_text=_("If accepted, the public page shows the submission without naming your organisation."),
    )
    # The form's one-time token: a double-clicked submit finds the row the first click made.
    form_token = models.UUIDField(editable=False, null=True, blank=True)
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
        related_name="submissions_to_review", verbose_name=_("reviewer"),
    )
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    public_answer = models.TextField(_("answer of the secretariat"), blank=True)
    # What the submission became when accepted; the targets show "from an NGO submission" via these.
    agenda_item = models.ForeignKey(
        AgendaItem, on_delete=models.SET_NULL, null=True, blank=True, related_name="ngo_submissions",
        verbose_name=_("agenda item"),
    )
    recommendation = models.ForeignKey(
        Recommendation, on_delete=models.SET_NULL, null=True, blank=True, related_name="ngo_submissions",
        verbose_name=_("recommendation in the tracker"),
    )
    action = models.ForeignKey(
        Action, on_delete=models.SET_NULL, null=True, blank=True, related_name="ngo_submissions",
        verbose_name=_("road-map action"),
    )

    if TYPE_CHECKING:  # django-modeltranslation replaces the managers' class at run time (core.withdrawal)
        objects: ClassVar[WithdrawableLiveManager[Submission]]
        all_objects: ClassVar[WithdrawableAllManager[Submission]]
        # django-stubs types the many-to-many managers from it (README "Type checking").
        _default_manager: ClassVar[WithdrawableLiveManager[Submission]]

    if TYPE_CHECKING:  # the columns django-modeltranslation adds per language (translation.py)
        public_answer_en: str | None
        public_answer_ru: str | None
        public_answer_kk: str | None

    class Meta:
        verbose_name = _("submission")
        verbose_name_plural = _("submissions")
        constraints = [
            # One record per form: the second click of a double-click cannot add a row.
            models.UniqueConstraint(
                fields=["author", "form_token"], condition=Q(form_token__isnull=False),
                name="submissions_submission_form_token_unique",
            ),
            # A comment always belongs to a comment period.
            models.CheckConstraint(
                condition=~Q(kind="comment") | Q(comment_period__isnull=False),
                name="submissions_submission_comment_has_period",
            ),
            # Whatever left the draft state records when it was submitted.
            models.CheckConstraint(
                condition=Q(status__in=["draft", "withdrawn"]) | Q(submitted_at__isnull=False),
                name="submissions_submission_submitted_has_time",
            ),
            # A decision has a date.
            models.CheckConstraint(
                condition=~Q(status__in=["accepted", "partly_accepted", "declined"]) | Q(decided_at__isnull=False),
                name="submissions_submission_decided_has_time",
            ),
        ]
        indexes = [
            # The moderation queue: filter by status, newest submitted first.
            models.Index(fields=["status", "submitted_at"], name="submissions_queue_idx"),
            # "My submissions" of an organisation and the duplicate check on its earlier texts.
            models.Index(fields=["organization", "status"], name="submissions_org_status_idx"),
            # Queue filter by kind, and the public and statistics counts by kind and status.
            models.Index(fields=["kind", "status"], name="submissions_kind_status_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.title} ({self.pk})"

    @property
    def is_editable(self) -> bool:
        return self.status in (self.Status.DRAFT, self.Status.SUBMITTED)

    @property
    def is_withdrawable(self) -> bool:
        return self.status in (self.Status.DRAFT, self.Status.SUBMITTED, self.Status.UNDER_REVIEW)

    @property
    def is_decided(self) -> bool:
        return self.status in self.DECIDED

    @property
    def is_accepted(self) -> bool:
        return self.status in self.ACCEPTED_STATUSES

    @property
    def public_organization_name(self) -> str:
        return "" if self.anonymous else self.organization.localized_name

    @cached_property
    def checked_references(self) -> list[references.Checked]:
        """The UN references the NGO wrote, each checked against the tracker now (one query): pages link the known
        ones and mark the others "not verified", never showing an unknown reference as if it existed."""
        return references.check_text(self.un_references) if self.un_references else []

    @cached_property
    def references_have_other_text(self) -> bool:
        """Whether the NGO wrote more than references (then the page also shows the text as written)."""
        return bool(self.un_references and references.parse(self.un_references)[1])


class SubmissionEvent(models.Model):
    """One step in a submission's life: who, when, from which status to which, and what was said."""

    class Action(models.TextChoices):
        CREATED = "created", _("Draft saved")
        EDITED = "edited", _("Edited")
        SUBMITTED = "submitted", _("Submitted")
        ASSIGNED = "assigned", _("Reviewer assigned")
        REVIEW_STARTED = "review_started", _("Review started")
        NOTE = "note", _("Internal note")
        DECIDED = "decided", _("Decision")
        CONVERTED = "converted", _("Taken up")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    # Steps the submitter sees in their timeline; the others are the secretariat's own business.
    VISIBLE_TO_SUBMITTER = (
        Action.CREATED, Action.EDITED, Action.SUBMITTED, Action.REVIEW_STARTED, Action.DECIDED, Action.CONVERTED,
        Action.WITHDRAWN,
    )

    class Target(models.TextChoices):
        AGENDA_ITEM = "agenda_item", _("an item on a meeting's agenda")
        RECOMMENDATION = "recommendation", _("a recommendation in the tracker")
        ACTION = "action", _("an action of a road map")

    # PROTECT: a submission's history goes with it only if the submission itself may go (a never-sent draft).
    submission = models.ForeignKey(Submission, on_delete=models.PROTECT, related_name="events")
    action = models.CharField(_("step"), max_length=16, choices=Action.choices)
    # What a "taken up" step made of the submission; rendered in the reader's language, unlike typed answers.
    target = models.CharField(_("taken up as"), max_length=16, choices=Target.choices, blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
        verbose_name=_("by"),
    )
    created_at = models.DateTimeField(_("when"), default=timezone.now, db_index=True)
    from_status = models.CharField(_("from"), max_length=16, choices=Submission.Status.choices, blank=True)
    to_status = models.CharField(_("to"), max_length=16, choices=Submission.Status.choices)
    public_answer = models.TextField(_("answer"), blank=True)
    # Never shown to the NGO: selectors leave it out of the submitter's timeline.
    internal_note = models.TextField(_("internal note"), blank=True)

    class Meta:
        verbose_name = _("submission event")
        verbose_name_plural = _("submission events")
        indexes = [
            # The timeline of one submission, oldest first.
            models.Index(fields=["submission", "created_at"], name="submissions_event_timeline_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.submission_id}: {self.action} ({self.pk})"

    @property
    def is_visible_to_submitter(self) -> bool:
        return self.action in self.VISIBLE_TO_SUBMITTER

