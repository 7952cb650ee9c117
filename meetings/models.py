from __future__ import annotations

import secrets
from collections.abc import Callable
from typing import TYPE_CHECKING, ClassVar

from django.conf import settings
from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from core.concurrency import VersionedModel
from core.dates import default_time_zone, validate_zone
from core.models import TimeStampedModel
from core.multilingual import TranslatableModel
from core.richtext import SanitizedHTMLField
from core.uploads import PrivateStorage, private_storage, random_name  # noqa: F401 - PrivateStorage: see below
from core.withdrawal import (
    LiveManager,
    WithdrawableAllManager,
    WithdrawableLiveManager,
    WithdrawableModel,
    WithdrawableQuerySet,
)
from participants.models import Organization, User

# The first migrations of meetings, submissions and reports name meetings.models.PrivateStorage (now core's).


def _label_of(choices: type[models.TextChoices], field: str) -> Callable[[models.Model], str]:
    """A get_<field>_display for list pages: Django's generic one rebuilds a hashable dict of the choices on
    every call, a measurable share of a 20-row page. Defined on the class, it replaces Django's."""
    labels = dict(choices.choices)

    def display(self: models.Model) -> str:
        value = getattr(self, field)
        return str(labels.get(value, value))

    return display




class Topic(VersionedModel, TranslatableModel):
    """A keyword a meeting or an agenda item is about (e.g. "UPR", "children's rights")."""

    name = models.CharField(_("name"), max_length=100, unique=True)

    if TYPE_CHECKING:  # the columns django-modeltranslation adds per language (translation.py)
        name_en: str | None
        name_ru: str | None
        name_kk: str | None

    class Meta:
        verbose_name = _("topic")
        verbose_name_plural = _("topics")

    def __str__(self) -> str:
        return self.name


class Subgroup(VersionedModel, TranslatableModel, TimeStampedModel):
    """A working group that meets between plenary sessions."""

    name = models.CharField(_("name"), max_length=255, unique=True)
    mandate = models.TextField(_("mandate"), blank=True)
    co_chair_people = models.ManyToManyField(
        User, blank=True, related_name="co_chaired_subgroups", verbose_name=_("co-chairs (people)")
    )
    co_chair_organizations = models.ManyToManyField(
        Organization, blank=True, related_name="co_chaired_subgroups", verbose_name=_("co-chairs (organisations)")
    )
    members = models.ManyToManyField(User, blank=True, related_name="subgroups", verbose_name=_("members"))
    is_active = models.BooleanField(_("active"), default=True)

    if TYPE_CHECKING:  # the columns django-modeltranslation adds per language (translation.py)
        name_en: str | None
        name_ru: str | None
        name_kk: str | None
        mandate_en: str | None
        mandate_ru: str | None
        mandate_kk: str | None

    class Meta:
        verbose_name = _("working subgroup")
        verbose_name_plural = _("working subgroups")

    def __str__(self) -> str:
        return self.name


# Lead times of the meeting notices (meetings/notices.py). The defaults come from settings so a deployment can
# change them without a migration; each meeting keeps its own copy, editable in the secretariat's form.
def default_invitation_lead_days() -> int:
    return int(getattr(settings, "MEETINGS_INVITATION_LEAD_DAYS", 21))


def default_reminder_pending_days() -> int:
    return int(getattr(settings, "MEETINGS_REMINDER_PENDING_DAYS", 7))


def default_reminder_accepted_days() -> int:
    return int(getattr(settings, "MEETINGS_REMINDER_ACCEPTED_DAYS", 1))


def default_minutes_overdue_first_days() -> int:
    return int(getattr(settings, "MEETINGS_MINUTES_OVERDUE_DAYS", (3, 7))[0])


def default_minutes_overdue_second_days() -> int:
    return int(getattr(settings, "MEETINGS_MINUTES_OVERDUE_DAYS", (3, 7))[1])


# The rules of which meetings and minutes people may see, written once: every selector (this app's, the API's, the
# road map's "discussed at" through recommendations.hooks) goes through these.


def visible_to_public_q(prefix: str = "") -> Q:
    """Meetings the public may see, everything but drafts and withdrawn meetings, as a condition through `prefix`
    ("meeting__" from an agenda item, an invitation, a document). Meeting.is_public says the same of one meeting
    (a withdrawn meeting's own page still answers, with the notice)."""
    return ~Q(**{f"{prefix}status": Meeting.Status.DRAFT}) & Q(**{f"{prefix}withdrawn_at__isnull": True})


class MeetingQuerySet(WithdrawableQuerySet["Meeting"]):
    def visible_to_public(self) -> MeetingQuerySet:
        return self.filter(visible_to_public_q())

    def upcoming(self) -> MeetingQuerySet:
        """Not ended yet (a meeting under way is still upcoming)."""
        return self.filter(ends_at__gte=timezone.now())

    def held(self) -> MeetingQuerySet:
        """Meetings that took place: held, whether or not their minutes are published yet (the archive)."""
        return self.filter(status__in=Meeting.HELD_STATUSES)


MeetingManager = LiveManager.from_queryset(MeetingQuerySet)
MeetingAllManager = models.Manager.from_queryset(MeetingQuerySet)


class MinutesQuerySet(WithdrawableQuerySet["Minutes"]):
    def published(self) -> MinutesQuerySet:
        """Published minutes (a meeting page shows them to everyone)."""
        return self.filter(status=Minutes.Status.PUBLISHED)

    def public(self) -> MinutesQuerySet:
        """Published minutes of a meeting marked as having them: the feed, the API and the open data files."""
        return self.published().filter(meeting__status=Meeting.Status.MINUTES_PUBLISHED,
                                       meeting__withdrawn_at__isnull=True)


MinutesManager = LiveManager.from_queryset(MinutesQuerySet)
MinutesAllManager = models.Manager.from_queryset(MinutesQuerySet)


class Meeting(WithdrawableModel, VersionedModel, TranslatableModel, TimeStampedModel):
    class Format(models.TextChoices):
        IN_PERSON = "in_person", _("In person")
        ONLINE = "online", _("Online")
        HYBRID = "hybrid", _("Hybrid")

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SCHEDULED = "scheduled", _("Scheduled")
        HELD = "held", _("Held")
        MINUTES_PUBLISHED = "minutes_published", _("Minutes published")
        CANCELLED = "cancelled", _("Cancelled")

    # Meetings that took place (MeetingQuerySet.held(), Meeting.is_held).
    HELD_STATUSES = (Status.HELD, Status.MINUTES_PUBLISHED)

    number = models.PositiveIntegerField(
        _("number"),
        null=True,
        blank=True,
        help_text=_("Sequence number of a plenary meeting (the 43rd meeting, ...). Left empty for subgroup meetings."),
    )
    title = models.CharField(_("title"), max_length=255)
    description = models.TextField(_("description"), blank=True)
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))
    # Where the meeting's clocks are (a session at the UN in Geneva, an online one run from New York): its times are
    # typed and shown in this zone, with Almaty's time beside them where the clocks differ (core.dates).
    time_zone = models.CharField(
        _("time zone"), max_length=64, default=default_time_zone, validators=[validate_zone],
        help_text=_("Where the meeting's clocks are: its start and end are typed and shown in this zone."),
    )
    format = models.CharField(_("format"), max_length=16, choices=Format.choices, default=Format.IN_PERSON)
    venue = models.CharField(_("venue"), max_length=255, blank=True)
    online_link = models.URLField(
        _("online link"), blank=True, max_length=500, help_text=_("Shown only to invitees and the secretariat.")
    )
    chair = models.CharField(
        _("chair or moderator"), max_length=255, blank=True, help_text=_("Name and title, as it should be shown.")
    )
    subgroup = models.ForeignKey(
        Subgroup,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="meetings",
        verbose_name=_("working subgroup"),
    )
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.DRAFT)
    topics = models.ManyToManyField(Topic, blank=True, related_name="meetings", verbose_name=_("topics"))
    created_by = models.ForeignKey(
        User, on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("created by")
    )

    invitation_lead_days = models.PositiveSmallIntegerField(
        _("invitation: days before the meeting"),
        default=default_invitation_lead_days,
        help_text=_("The invitation e-mail goes to every invitee this many days before the start."),
    )
    reminder_pending_days = models.PositiveSmallIntegerField(
        _("reminder to those who have not answered: days before"),
        default=default_reminder_pending_days,
    )
    reminder_accepted_days = models.PositiveSmallIntegerField(
        _("reminder to those who accepted: days before"),
        default=default_reminder_accepted_days,
    )
    minutes_overdue_first_days = models.PositiveSmallIntegerField(
        _("first reminder of unpublished minutes: days after"),
        default=default_minutes_overdue_first_days,
        help_text=_("Sent to the secretariat if the minutes of a held meeting are not yet published."),
    )
    minutes_overdue_second_days = models.PositiveSmallIntegerField(
        _("second reminder of unpublished minutes: days after"),
        default=default_minutes_overdue_second_days,
    )

    # Not a column: set on a page of search results (selectors.minutes_snippets).
    snippet: str

    # Withdrawn meetings are left out everywhere but their own page and the administration (core.withdrawal).
    if TYPE_CHECKING:  # django-modeltranslation replaces the managers' class at run time (core.withdrawal)
        # A manager over MeetingQuerySet, a WithdrawableQuerySet: not a subclass of the base's manager class.
        objects: ClassVar[MeetingManager[Meeting]]  # type: ignore[assignment]
        all_objects: ClassVar[MeetingAllManager[Meeting]]
        # django-stubs types the many-to-many managers from it (README "Type checking").
        _default_manager: ClassVar[MeetingManager[Meeting]]  # type: ignore[assignment]  # as `objects`
    else:
        objects = MeetingManager()
        all_objects = MeetingAllManager()

    get_status_display = _label_of(Status, "status")
    get_format_display = _label_of(Format, "format")

    if TYPE_CHECKING:  # the columns django-modeltranslation adds per language (translation.py)
        title_en: str | None
        title_ru: str | None
        title_kk: str | None
        description_en: str | None
        description_ru: str | None
        description_kk: str | None
        venue_en: str | None
        venue_ru: str | None
        venue_kk: str | None
        chair_en: str | None
        chair_ru: str | None
        chair_kk: str | None

    class Meta:
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        constraints = [
            # Notice lead times (meetings/notices.py): reminders come after the invitation, and a day 0 would
            # send a "reminder" as the meeting starts.
            models.CheckConstraint(
                condition=Q(
                    reminder_accepted_days__gt=0,
                    reminder_pending_days__gt=0,
                    invitation_lead_days__gt=F("reminder_pending_days"),
                )
                & Q(invitation_lead_days__gt=F("reminder_accepted_days")),
                name="meetings_meeting_reminders_after_invitation",
            ),
            # The second reminder of unpublished minutes follows the first.
            models.CheckConstraint(
                condition=Q(minutes_overdue_first_days__gt=0, minutes_overdue_second_days__gt=F("minutes_overdue_first_days")),
                name="meetings_meeting_minutes_reminders_ordered",
            ),
            # A meeting cannot end before it begins.
            models.CheckConstraint(condition=Q(ends_at__gt=F("starts_at")), name="meetings_meeting_end_after_start"),
            # "The 43rd meeting" names one plenary meeting; subgroup meetings are not numbered in that series.
            models.UniqueConstraint(
                fields=["number"],
                condition=Q(subgroup__isnull=True, number__isnull=False),
                name="meetings_meeting_plenary_number_unique",
            ),
        ]
        indexes = [
            # Public upcoming list and archive: filter by status, order by start.
            models.Index(fields=["status", "starts_at"], name="meetings_meeting_status_start"),
            # Subgroup pages and the per-subgroup iCalendar feed.
            models.Index(fields=["subgroup", "starts_at"], name="meetings_meeting_subgroup"),
        ]

    def __str__(self) -> str:
        return f"{self.title} ({self.pk})"

    @property
    def is_public(self) -> bool:
        """visible_to_public_q() for one meeting."""
        return self.status != self.Status.DRAFT

    @property
    def is_held(self) -> bool:
        return self.status in self.HELD_STATUSES

    @property
    def is_open_for_rsvp(self) -> bool:
        return self.status == self.Status.SCHEDULED and self.ends_at > timezone.now()

    @property
    def has_online_part(self) -> bool:
        return self.format in (self.Format.ONLINE, self.Format.HYBRID)


class AgendaItem(VersionedModel, TranslatableModel, TimeStampedModel):
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="agenda_items")
    position = models.PositiveSmallIntegerField(_("position"))
    title = models.CharField(_("title"), max_length=255)
    description = models.TextField(_("description"), blank=True)
    presenter_people = models.ManyToManyField(
        User, blank=True, related_name="agenda_presentations", verbose_name=_("presenters (people)")
    )
    presenter_organizations = models.ManyToManyField(
        Organization, blank=True, related_name="agenda_presentations", verbose_name=_("presenters (organisations)")
    )
    minutes_allotted = models.PositiveSmallIntegerField(_("time allotted (minutes)"), null=True, blank=True)
    topics = models.ManyToManyField(Topic, blank=True, related_name="agenda_items", verbose_name=_("topics"))
    follow_up_of = models.ForeignKey(
        "FollowUpAction",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="agenda_items",
        verbose_name=_("follows up on"),
    )
    road_maps = models.ManyToManyField(
        "recommendations.RoadMap", blank=True, related_name="agenda_items", verbose_name=_("road maps")
    )
    recommendations = models.ManyToManyField(
        "recommendations.Recommendation", blank=True, related_name="agenda_items", verbose_name=_("recommendations")
    )

    if TYPE_CHECKING:  # the columns django-modeltranslation adds per language (translation.py)
        title_en: str | None
        title_ru: str | None
        title_kk: str | None
        description_en: str | None
        description_ru: str | None
        description_kk: str | None

    class Meta:
        verbose_name = _("agenda item")
        verbose_name_plural = _("agenda items")
        constraints = [
            models.UniqueConstraint(fields=["meeting", "position"], name="meetings_agendaitem_position_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.position}. {self.title}"


class Invitation(TimeStampedModel):
    class Response(models.TextChoices):
        INVITED = "invited", _("Invited (no answer yet)")
        ACCEPTED = "accepted", _("Accepted")
        DECLINED = "declined", _("Declined")
        TENTATIVE = "tentative", _("Tentative")

    class AttendanceMode(models.TextChoices):
        IN_PERSON = "in_person", _("In person")
        ONLINE = "online", _("Online")

    # PROTECT: who was invited and who attended is part of a meeting's record; neither deleting the meeting nor the
    # person may take it with them (a person leaving is deactivated).
    meeting = models.ForeignKey(Meeting, on_delete=models.PROTECT, related_name="invitations")
    person = models.ForeignKey(User, on_delete=models.PROTECT, related_name="invitations", verbose_name=_("person"))
    # The organisation the person spoke for when invited: statistics by kind must not shift when they change jobs.
    organization = models.ForeignKey(
        Organization,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="meeting_invitations",
        verbose_name=_("organisation"),
    )
    response = models.CharField(_("response"), max_length=16, choices=Response.choices, default=Response.INVITED)
    attendance_mode = models.CharField(
        _("attendance mode"), max_length=16, choices=AttendanceMode.choices, blank=True
    )
    responded_at = models.DateTimeField(_("responded"), null=True, blank=True)
    attended = models.BooleanField(_("attended"), null=True, blank=True)

    get_response_display = _label_of(Response, "response")
    get_attendance_mode_display = _label_of(AttendanceMode, "attendance_mode")

    class Meta:
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        constraints = [
            models.UniqueConstraint(fields=["meeting", "person"], name="meetings_invitation_unique"),
        ]
        indexes = [
            # "My meetings" and every "is this person invited?" check look invitations up by person.
            models.Index(fields=["person", "meeting"], name="meetings_invitation_person"),
        ]

    def __str__(self) -> str:
        return f"{self.person_id} @ {self.meeting_id}"


class Minutes(WithdrawableModel, VersionedModel, TranslatableModel, TimeStampedModel):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        APPROVED = "approved", _("Approved")
        PUBLISHED = "published", _("Published")

    meeting = models.OneToOneField(Meeting, on_delete=models.PROTECT, related_name="minutes")
    # Sanitised on every save, whatever the path (core.richtext.SanitizedHTMLField); pages render them as HTML.
    body = SanitizedHTMLField(_("minutes"), blank=True, profile="minutes")
    decisions = SanitizedHTMLField(_("decisions"), blank=True, profile="minutes")
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.DRAFT)
    # `version` (core.concurrency.VersionedModel): every save must name the version it was based on.
    updated_by = models.ForeignKey(
        User, on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("last edited by")
    )
    approved_at = models.DateTimeField(_("approved"), null=True, blank=True)
    published_at = models.DateTimeField(_("published"), null=True, blank=True)
    # Filled by a database trigger on PostgreSQL (migration 0002) and GIN-indexed; unused on SQLite. Stored
    # rather than an index on the to_tsvector() expression: the planner underrates that function's cost and
    # re-parsed every body on a seq scan (260 ms for a word found in all minutes).
    # One per language since migration 0006 (core.search): the reader's language, its own configuration.
    search_kk = SearchVectorField(null=True, editable=False)
    search_ru = SearchVectorField(null=True, editable=False)
    search_en = SearchVectorField(null=True, editable=False)

    if TYPE_CHECKING:  # django-modeltranslation replaces the managers' class at run time (core.withdrawal)
        # A manager over MinutesQuerySet, a WithdrawableQuerySet: not a subclass of the base's manager class.
        objects: ClassVar[MinutesManager[Minutes]]  # type: ignore[assignment]
        all_objects: ClassVar[MinutesAllManager[Minutes]]
        # django-stubs types the many-to-many managers from it (README "Type checking").
        _default_manager: ClassVar[MinutesManager[Minutes]]  # type: ignore[assignment]  # as `objects`
    else:
        objects = MinutesManager()
        all_objects = MinutesAllManager()
    history = HistoricalRecords(excluded_fields=["search_kk", "search_ru", "search_en"])

    if TYPE_CHECKING:  # the columns django-modeltranslation adds per language (translation.py)
        body_en: str | None
        body_ru: str | None
        body_kk: str | None
        decisions_en: str | None
        decisions_ru: str | None
        decisions_kk: str | None

    class Meta:
        verbose_name = _("minutes")
        verbose_name_plural = _("minutes")
        indexes = [
            # The Atom feed and the archive order published minutes by publication date.
            models.Index(fields=["status", "published_at"], name="meetings_minutes_published"),
        ]

    def __str__(self) -> str:
        return f"minutes {self.pk} (meeting {self.meeting_id})"


class FollowUpAction(VersionedModel, TranslatableModel, TimeStampedModel):
    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        IN_PROGRESS = "in_progress", _("In progress")
        DONE = "done", _("Done")
        DROPPED = "dropped", _("Dropped")

    OPEN_STATUSES = (Status.OPEN, Status.IN_PROGRESS)

    meeting = models.ForeignKey(Meeting, on_delete=models.PROTECT, related_name="follow_up_actions")
    description = models.TextField(_("action"))
    owner_organization = models.ForeignKey(
        Organization,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="meeting_follow_up_actions",
        verbose_name=_("owner organisation"),
    )
    due_date = models.DateField(_("due date"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.OPEN)
    get_status_display = _label_of(Status, "status")
    # Decisions feed the recommendations tracker: the road map this action advances.
    road_map = models.ForeignKey(
        "recommendations.RoadMap",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="meeting_follow_ups",
        verbose_name=_("road map"),
    )

    if TYPE_CHECKING:  # the columns django-modeltranslation adds per language (translation.py)
        description_en: str | None
        description_ru: str | None
        description_kk: str | None

    class Meta:
        verbose_name = _("follow-up action")
        verbose_name_plural = _("follow-up actions")
        indexes = [
            # Agenda suggestions list the open actions of earlier meetings.
            models.Index(fields=["status", "due_date"], name="meetings_followup_open"),
        ]

    def __str__(self) -> str:
        return f"follow-up {self.pk}"


def _document_path(instance: MeetingDocument, filename: str) -> str:
    # A random name: unguessable, and two uploads may share a file name (the title names the download).
    return random_name(f"meetings/{instance.meeting_id}", content_type=instance.content_type, filename=filename)


class MeetingDocument(WithdrawableModel, TranslatableModel, TimeStampedModel):
    class Visibility(models.TextChoices):
        PUBLIC = "public", _("Public")
        PARTICIPANTS = "participants", _("Participants only")

    meeting = models.ForeignKey(Meeting, on_delete=models.PROTECT, related_name="documents")
    # Removing an agenda item keeps its documents on the meeting.
    agenda_item = models.ForeignKey(
        AgendaItem,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="documents",
        verbose_name=_("agenda item"),
    )
    title = models.CharField(_("title"), max_length=255)
    file = models.FileField(_("file"), upload_to=_document_path, storage=private_storage, max_length=255)
    content_type = models.CharField(_("content type"), max_length=120)
    size = models.PositiveBigIntegerField(_("size in bytes"), default=0)
    visibility = models.CharField(
        _("visibility"), max_length=16, choices=Visibility.choices, default=Visibility.PARTICIPANTS
    )
    uploaded_by = models.ForeignKey(
        User, on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("uploaded by")
    )

    if TYPE_CHECKING:  # django-modeltranslation replaces the managers' class at run time (core.withdrawal)
        objects: ClassVar[WithdrawableLiveManager[MeetingDocument]]
        all_objects: ClassVar[WithdrawableAllManager[MeetingDocument]]
        # django-stubs types the many-to-many managers from it (README "Type checking").
        _default_manager: ClassVar[WithdrawableLiveManager[MeetingDocument]]

    if TYPE_CHECKING:  # the columns django-modeltranslation adds per language (translation.py)
        title_en: str | None
        title_ru: str | None
        title_kk: str | None

    class Meta:
        verbose_name = _("document")
        verbose_name_plural = _("documents")

    def __str__(self) -> str:
        return f"{self.title} ({self.pk})"


class MeetingChange(TimeStampedModel):
    """A cancellation or a new date that invitees must be told about."""

    class Kind(models.TextChoices):
        CANCELLED = "cancelled", _("Cancelled")
        RESCHEDULED = "rescheduled", _("Rescheduled")

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="changes")
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    previous_starts_at = models.DateTimeField(_("previous start"))
    previous_ends_at = models.DateTimeField(_("previous end"))
    reason = models.TextField(_("reason"), blank=True)
    made_by = models.ForeignKey(User, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")

    class Meta:
        verbose_name = _("meeting change")
        verbose_name_plural = _("meeting changes")

    def __str__(self) -> str:
        return f"{self.kind} {self.meeting_id} ({self.pk})"


def _new_token() -> str:
    return secrets.token_urlsafe(24)


class CalendarToken(TimeStampedModel):
    """The secret in a person's calendar subscription URL; calendar apps fetch it without a session."""

    user = models.OneToOneField(User, on_delete=models.CASCADE, related_name="meetings_calendar_token")
    token = models.CharField(_("token"), max_length=64, unique=True, default=_new_token)

    class Meta:
        verbose_name = _("calendar token")
        verbose_name_plural = _("calendar tokens")

    def __str__(self) -> str:
        return f"calendar token of {self.user_id}"
