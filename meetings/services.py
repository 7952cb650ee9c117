"""Every change to meetings goes through these functions (STYLE.md section 7.2)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

import nh3
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from dialogue_platform.exceptions import ApplicationError
from dialogue_platform.uploads import validate_document_upload
from meetings.models import (
    AgendaItem,
    CalendarToken,
    ChangeNotice,
    FollowUpAction,
    Invitation,
    Meeting,
    MeetingChange,
    MeetingDocument,
    Minutes,
    Subgroup,
    Topic,
)
from participants.models import Membership, Organization, User

S = Meeting.Status

# The life of a meeting. Publishing minutes is the only way into MINUTES_PUBLISHED (minutes_publish).
ALLOWED_TRANSITIONS: dict[str, tuple[str, ...]] = {
    S.DRAFT: (S.SCHEDULED, S.CANCELLED),
    S.SCHEDULED: (S.DRAFT, S.HELD, S.CANCELLED),
    S.HELD: (S.MINUTES_PUBLISHED,),
    S.MINUTES_PUBLISHED: (),
    S.CANCELLED: (S.DRAFT,),
}

RICH_TEXT_TAGS = {
    "p", "br", "strong", "b", "em", "i", "u", "ul", "ol", "li", "h2", "h3", "h4", "blockquote", "a", "table",
    "thead", "tbody", "tr", "th", "td",
}


def sanitize_rich_text(html: str) -> str:
    """Keep the formatting minutes need, drop scripts, styles and event handlers."""
    return nh3.clean(
        html or "",
        tags=RICH_TEXT_TAGS,
        attributes={"a": {"href", "title"}},
        url_schemes={"http", "https", "mailto"},
        link_rel="noopener noreferrer",
    ).strip()


# --- Meetings -------------------------------------------------------------------------------


def _check_dates(starts_at: dt.datetime, ends_at: dt.datetime) -> None:
    if ends_at <= starts_at:
        raise ApplicationError(_("The meeting must end after it starts."), field="ends_at")


def _check_number(number: int | None, subgroup: Subgroup | None, exclude_pk: int | None = None) -> None:
    if number is None or subgroup is not None:
        return
    clash = Meeting.objects.filter(number=number, subgroup__isnull=True).exclude(pk=exclude_pk)
    if clash.exists():
        raise ApplicationError(
            _("There is already a plenary meeting number %(number)d.") % {"number": number}, field="number"
        )


def _set_topics(obj: Meeting | AgendaItem, topics: Iterable[str] | None) -> None:
    if topics is None:
        return
    names = {t.strip() for t in topics if t and t.strip()}
    objs = []
    for name in sorted(names):
        topic = Topic.objects.filter(name__iexact=name).first() or Topic.objects.create(name=name[:100])
        objs.append(topic)
    obj.topics.set(objs)


def next_plenary_number() -> int:
    return (Meeting.objects.filter(subgroup__isnull=True).aggregate(m=Max("number"))["m"] or 0) + 1


@transaction.atomic
def meeting_create(
    *,
    actor: User | None,
    title: str,
    starts_at: dt.datetime,
    ends_at: dt.datetime,
    format: str = Meeting.Format.IN_PERSON,  # noqa: A002
    number: int | None = None,
    venue: str = "",
    online_link: str = "",
    chair: str = "",
    description: str = "",
    subgroup: Subgroup | None = None,
    topics: Iterable[str] | None = None,
    status: str = Meeting.Status.DRAFT,
) -> Meeting:
    _check_dates(starts_at, ends_at)
    _check_number(number, subgroup)
    meeting = Meeting.objects.create(
        title=title,
        starts_at=starts_at,
        ends_at=ends_at,
        format=format,
        number=None if subgroup else number,
        venue=venue,
        online_link=online_link,
        chair=chair,
        description=description,
        subgroup=subgroup,
        status=status,
        created_by=actor,
    )
    _set_topics(meeting, topics)
    return meeting


@transaction.atomic
def meeting_update(*, actor: User, meeting: Meeting, topics: Iterable[str] | None = None, **fields: Any) -> Meeting:
    """Edit a meeting. A new date for a scheduled meeting is a reschedule: invitees are told."""
    meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
    if meeting.status in (S.CANCELLED, S.MINUTES_PUBLISHED):
        raise ApplicationError(_("A cancelled meeting or one with published minutes can no longer be edited."))
    starts_at = fields.pop("starts_at", meeting.starts_at)
    ends_at = fields.pop("ends_at", meeting.ends_at)
    subgroup = fields.get("subgroup", meeting.subgroup)
    number = fields.get("number", meeting.number)
    _check_dates(starts_at, ends_at)
    _check_number(number, subgroup, exclude_pk=meeting.pk)
    if subgroup is not None:
        fields["number"] = None
    date_changed = (starts_at, ends_at) != (meeting.starts_at, meeting.ends_at)
    if date_changed and meeting.status == S.SCHEDULED:
        meeting_reschedule(actor=actor, meeting=meeting, starts_at=starts_at, ends_at=ends_at, reason="")
        meeting.refresh_from_db()
    else:
        meeting.starts_at, meeting.ends_at = starts_at, ends_at
    for name, value in fields.items():
        setattr(meeting, name, value)
    meeting.save()
    _set_topics(meeting, topics)
    return meeting


@transaction.atomic
def meeting_plan_year(
    *, actor: User, year: int, first_number: int | None = None, start_time: dt.time = dt.time(10, 0),
    duration_hours: int = 3, format: str = Meeting.Format.HYBRID, venue: str = "", chair: str = "",  # noqa: A002
) -> list[Meeting]:
    """Four quarterly plenary meetings of `year` as drafts, numbered consecutively, one per quarter.

    Quarters that already have a plenary meeting are skipped; each new meeting is placed on the
    15th of the quarter's middle month, to be moved to the real date later.
    """
    tz = timezone.get_current_timezone()
    number = first_number or next_plenary_number()
    taken = {
        (m.starts_at.astimezone(tz).month - 1) // 3
        for m in Meeting.objects.filter(subgroup__isnull=True, starts_at__year=year).exclude(status=S.CANCELLED)
    }
    quarters = [q for q in range(4) if q not in taken]
    if not quarters:
        raise ApplicationError(_("Every quarter of %(year)d already has a plenary meeting.") % {"year": year})
    numbers = list(range(number, number + len(quarters)))
    clashes = sorted(
        Meeting.objects.filter(subgroup__isnull=True, number__in=numbers).values_list("number", flat=True)
    )
    if clashes:
        raise ApplicationError(
            _("Meeting numbers already in use: %(numbers)s.") % {"numbers": ", ".join(map(str, clashes))},
            field="first_number",
        )
    created = []
    for quarter, n in zip(quarters, numbers, strict=True):
        starts_at = dt.datetime.combine(dt.date(year, quarter * 3 + 2, 15), start_time, tzinfo=tz)
        created.append(
            meeting_create(
                actor=actor,
                title=_("Meeting No. %(number)d of the Dialogue Platform on the Human Dimension") % {"number": n},
                number=n,
                starts_at=starts_at,
                ends_at=starts_at + dt.timedelta(hours=duration_hours),
                format=format,
                venue=venue,
                chair=chair,
            )
        )
    return created


def _notify_invitees(change: MeetingChange) -> None:
    from meetings.tasks import send_meeting_change_notices

    transaction.on_commit(lambda: send_meeting_change_notices.delay(change.pk))


@transaction.atomic
def meeting_transition(*, actor: User, meeting: Meeting, to: str) -> Meeting:
    meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
    if to not in ALLOWED_TRANSITIONS.get(meeting.status, ()):
        raise ApplicationError(
            _("A meeting cannot go from “%(current)s” to “%(target)s”.")
            % {"current": S(meeting.status).label, "target": S(to).label if to in S.values else to},
            field="status",
        )
    if to == S.MINUTES_PUBLISHED:
        raise ApplicationError(_("Publish the minutes to mark the meeting as having published minutes."))
    if to == S.HELD and meeting.starts_at > timezone.now():
        raise ApplicationError(_("A meeting can be marked as held only once it has started."), field="status")
    if to == S.CANCELLED:
        return meeting_cancel(actor=actor, meeting=meeting, reason="")
    meeting.status = to
    meeting.save(update_fields=["status", "updated_at"])
    return meeting


@transaction.atomic
def meeting_cancel(*, actor: User, meeting: Meeting, reason: str) -> Meeting:
    meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
    if S.CANCELLED not in ALLOWED_TRANSITIONS[meeting.status]:
        raise ApplicationError(_("Only a draft or scheduled meeting can be cancelled."))
    change = MeetingChange.objects.create(
        meeting=meeting,
        kind=MeetingChange.Kind.CANCELLED,
        previous_starts_at=meeting.starts_at,
        previous_ends_at=meeting.ends_at,
        reason=reason,
        made_by=actor,
    )
    was_scheduled = meeting.status == S.SCHEDULED
    meeting.status = S.CANCELLED
    meeting.save(update_fields=["status", "updated_at"])
    if was_scheduled:
        _notify_invitees(change)
    return meeting


@transaction.atomic
def meeting_reschedule(
    *, actor: User, meeting: Meeting, starts_at: dt.datetime, ends_at: dt.datetime, reason: str
) -> Meeting:
    meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
    if meeting.status not in (S.DRAFT, S.SCHEDULED):
        raise ApplicationError(_("Only a draft or scheduled meeting can be moved to another date."))
    _check_dates(starts_at, ends_at)
    if (starts_at, ends_at) == (meeting.starts_at, meeting.ends_at):
        raise ApplicationError(_("The new date is the same as the current one."), field="starts_at")
    change = MeetingChange.objects.create(
        meeting=meeting,
        kind=MeetingChange.Kind.RESCHEDULED,
        previous_starts_at=meeting.starts_at,
        previous_ends_at=meeting.ends_at,
        reason=reason,
        made_by=actor,
    )
    meeting.starts_at, meeting.ends_at = starts_at, ends_at
    meeting.save(update_fields=["starts_at", "ends_at", "updated_at"])
    if meeting.status == S.SCHEDULED:
        _notify_invitees(change)
    return meeting


def change_notice_recipients(*, change: MeetingChange) -> list[User]:
    return [
        inv.person
        for inv in change.meeting.invitations.exclude(response=Invitation.Response.DECLINED)
        .filter(person__is_active=True)
        .select_related("person")
        .order_by("pk")
    ]


def change_notice_claim(*, change: MeetingChange, recipient: User) -> bool:
    """Record that `recipient` is being told about `change`; False if someone already did it."""
    try:
        with transaction.atomic():
            ChangeNotice.objects.create(change=change, recipient=recipient)
    except IntegrityError:
        return False
    return True


def change_notice_release(*, change: MeetingChange, recipient: User) -> None:
    """Undo a claim whose e-mail could not be sent, so a retry sends it."""
    ChangeNotice.objects.filter(change=change, recipient=recipient).delete()


# --- Agenda ---------------------------------------------------------------------------------


def _check_editable_agenda(meeting: Meeting) -> None:
    if meeting.status in (S.CANCELLED, S.MINUTES_PUBLISHED):
        raise ApplicationError(_("The agenda of a cancelled meeting or one with published minutes is closed."))


@transaction.atomic
def agenda_item_create(
    *,
    actor: User,
    meeting: Meeting,
    title: str,
    description: str = "",
    minutes_allotted: int | None = None,
    presenter_people: Iterable[User] = (),
    presenter_organizations: Iterable[Organization] = (),
    topics: Iterable[str] | None = None,
    follow_up_of: FollowUpAction | None = None,
) -> AgendaItem:
    meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
    _check_editable_agenda(meeting)
    position = (meeting.agenda_items.aggregate(m=Max("position"))["m"] or 0) + 1
    item = AgendaItem.objects.create(
        meeting=meeting,
        position=position,
        title=title,
        description=description,
        minutes_allotted=minutes_allotted,
        follow_up_of=follow_up_of,
    )
    item.presenter_people.set(presenter_people)
    item.presenter_organizations.set(presenter_organizations)
    _set_topics(item, topics)
    return item


@transaction.atomic
def agenda_item_update(
    *,
    actor: User,
    item: AgendaItem,
    title: str,
    description: str = "",
    minutes_allotted: int | None = None,
    presenter_people: Iterable[User] = (),
    presenter_organizations: Iterable[Organization] = (),
    topics: Iterable[str] | None = None,
) -> AgendaItem:
    _check_editable_agenda(item.meeting)
    item.title, item.description, item.minutes_allotted = title, description, minutes_allotted
    item.save()
    item.presenter_people.set(presenter_people)
    item.presenter_organizations.set(presenter_organizations)
    _set_topics(item, topics)
    return item


@transaction.atomic
def agenda_item_delete(*, actor: User, item: AgendaItem) -> None:
    meeting = Meeting.objects.select_for_update().get(pk=item.meeting_id)
    _check_editable_agenda(meeting)
    item.delete()
    # Close the gap so positions stay 1..n.
    for position, other in enumerate(meeting.agenda_items.order_by("position"), start=1):
        if other.position != position:
            AgendaItem.objects.filter(pk=other.pk).update(position=position)


@transaction.atomic
def agenda_item_move(*, actor: User, item: AgendaItem, direction: str) -> AgendaItem:
    """Swap an item with its neighbour above ("up") or below ("down")."""
    meeting = Meeting.objects.select_for_update().get(pk=item.meeting_id)
    _check_editable_agenda(meeting)
    item = AgendaItem.objects.get(pk=item.pk)
    siblings = meeting.agenda_items.order_by("position")
    if direction == "up":
        neighbour = siblings.filter(position__lt=item.position).order_by("-position").first()
    elif direction == "down":
        neighbour = siblings.filter(position__gt=item.position).first()
    else:
        raise ApplicationError(_("Unknown direction."))
    if neighbour is None:
        return item
    mine, theirs = item.position, neighbour.position
    # Through a free position: (meeting, position) is unique and SQLite cannot defer the check.
    parking = (siblings.aggregate(m=Max("position"))["m"] or 0) + 1
    AgendaItem.objects.filter(pk=item.pk).update(position=parking)
    AgendaItem.objects.filter(pk=neighbour.pk).update(position=mine)
    AgendaItem.objects.filter(pk=item.pk).update(position=theirs)
    item.position = theirs
    return item


# --- Invitations ----------------------------------------------------------------------------


@transaction.atomic
def invitations_create(*, actor: User, meeting: Meeting, people: Iterable[User]) -> int:
    """Invite people who are not invited yet; returns how many were added."""
    if meeting.status in (S.CANCELLED, S.HELD, S.MINUTES_PUBLISHED):
        raise ApplicationError(_("Invitations can be sent only for a draft or scheduled meeting."))
    people = [p for p in people if p.is_active]
    already = set(meeting.invitations.values_list("person_id", flat=True))
    new_people = [p for p in people if p.pk not in already]
    primary = dict(
        Membership.objects.filter(user__in=new_people, is_primary=True).values_list("user_id", "organization_id")
    )
    Invitation.objects.bulk_create(
        [Invitation(meeting=meeting, person=p, organization_id=primary.get(p.pk)) for p in new_people],
        ignore_conflicts=True,
    )
    return len(new_people)


@transaction.atomic
def invitation_delete(*, actor: User, invitation: Invitation) -> None:
    if invitation.meeting.status not in (S.DRAFT, S.SCHEDULED):
        raise ApplicationError(_("Invitations of a past or cancelled meeting are kept for the record."))
    invitation.delete()


@transaction.atomic
def invitation_respond(*, actor: User, invitation: Invitation, response: str, attendance_mode: str = "") -> Invitation:
    invitation = Invitation.objects.select_for_update().select_related("meeting").get(pk=invitation.pk)
    if invitation.person_id != actor.pk:
        raise ApplicationError(_("You can answer only your own invitations."))
    meeting = invitation.meeting
    if meeting.status == S.CANCELLED:
        raise ApplicationError(_("This meeting has been cancelled; there is nothing to answer."))
    if meeting.ends_at <= timezone.now() or meeting.status in (S.HELD, S.MINUTES_PUBLISHED):
        raise ApplicationError(_("This meeting is over; answers are closed."))
    if meeting.status != S.SCHEDULED:
        raise ApplicationError(_("This meeting is not open for answers yet."))
    if response not in (Invitation.Response.ACCEPTED, Invitation.Response.DECLINED, Invitation.Response.TENTATIVE):
        raise ApplicationError(_("Please choose accept, decline or tentative."), field="response")
    if attendance_mode and attendance_mode not in Invitation.AttendanceMode.values:
        raise ApplicationError(_("Unknown attendance mode."), field="attendance_mode")
    if attendance_mode == Invitation.AttendanceMode.ONLINE and meeting.format == Meeting.Format.IN_PERSON:
        raise ApplicationError(_("This meeting takes place in person only."), field="attendance_mode")
    if attendance_mode == Invitation.AttendanceMode.IN_PERSON and meeting.format == Meeting.Format.ONLINE:
        raise ApplicationError(_("This meeting takes place online only."), field="attendance_mode")
    if not attendance_mode and response != Invitation.Response.DECLINED:
        attendance_mode = (
            Invitation.AttendanceMode.ONLINE
            if meeting.format == Meeting.Format.ONLINE
            else Invitation.AttendanceMode.IN_PERSON
        )
    invitation.response = response
    invitation.attendance_mode = "" if response == Invitation.Response.DECLINED else attendance_mode
    invitation.responded_at = timezone.now()
    invitation.save(update_fields=["response", "attendance_mode", "responded_at", "updated_at"])
    return invitation


@transaction.atomic
def attendance_record(*, actor: User, meeting: Meeting, attended_person_ids: Iterable[int]) -> int:
    """Mark who attended: everyone invited and not listed is recorded as absent. Returns the number present."""
    if meeting.status not in (S.HELD, S.MINUTES_PUBLISHED) and meeting.starts_at > timezone.now():
        raise ApplicationError(_("Attendance can be recorded once the meeting has started."))
    if meeting.status in (S.CANCELLED, S.DRAFT):
        raise ApplicationError(_("Attendance is recorded only for scheduled or held meetings."))
    present = set(attended_person_ids)
    meeting.invitations.filter(person_id__in=present).update(attended=True, updated_at=timezone.now())
    meeting.invitations.exclude(person_id__in=present).update(attended=False, updated_at=timezone.now())
    return meeting.invitations.filter(attended=True).count()


# --- Minutes --------------------------------------------------------------------------------


class MinutesConflict(ApplicationError):
    """Someone saved the minutes after this editor opened them; `current` is their version."""

    def __init__(self, message: str, *, current: Minutes) -> None:
        super().__init__(message, field="body")
        self.current = current


@transaction.atomic
def minutes_save(*, actor: User, meeting: Meeting, body: str, decisions: str, version: int) -> Minutes:
    """Save a draft of the minutes, refusing the save when `version` is not the stored one."""
    meeting = Meeting.objects.get(pk=meeting.pk)
    if meeting.status in (S.DRAFT, S.CANCELLED):
        raise ApplicationError(_("Minutes can be written only for a scheduled or held meeting."))
    minutes = Minutes.objects.select_for_update().filter(meeting=meeting).first() or Minutes(meeting=meeting)
    if minutes.version != version:
        raise MinutesConflict(
            _("Someone else saved these minutes while you were editing them. Your text is kept below; compare it "
              "with their version, merge, and save again."),
            current=minutes,
        )
    if minutes.status == Minutes.Status.PUBLISHED:
        raise ApplicationError(_("Published minutes can no longer be edited."))
    minutes.body = sanitize_rich_text(body)
    minutes.decisions = sanitize_rich_text(decisions)
    if minutes.status == Minutes.Status.APPROVED:
        # An edit after approval needs a new approval.
        minutes.status = Minutes.Status.DRAFT
        minutes.approved_at = None
    minutes.version += 1
    minutes.updated_by = actor
    try:
        with transaction.atomic():
            minutes.save()
    except IntegrityError:
        # Two first drafts at once: the other one was saved first.
        raise MinutesConflict(
            _("Someone else saved these minutes while you were editing them. Your text is kept below; compare it "
              "with their version, merge, and save again."),
            current=Minutes.objects.get(meeting=meeting),
        ) from None
    return minutes


@transaction.atomic
def minutes_approve(*, actor: User, meeting: Meeting) -> Minutes:
    meeting = Meeting.objects.get(pk=meeting.pk)
    minutes = Minutes.objects.select_for_update().filter(meeting=meeting).first()
    if minutes is None or minutes.status != Minutes.Status.DRAFT:
        raise ApplicationError(_("Only draft minutes can be approved."))
    if not minutes.body.strip():
        raise ApplicationError(_("The minutes are empty; write them before approving."))
    if meeting.status not in (S.HELD,):
        raise ApplicationError(_("Minutes can be approved once the meeting is marked as held."))
    minutes.status = Minutes.Status.APPROVED
    minutes.approved_at = timezone.now()
    minutes.version += 1
    minutes.updated_by = actor
    minutes.save()
    return minutes


@transaction.atomic
def minutes_publish(*, actor: User, meeting: Meeting) -> Minutes:
    minutes = Minutes.objects.select_for_update().filter(meeting=meeting).first()
    if minutes is None or minutes.status != Minutes.Status.APPROVED:
        raise ApplicationError(_("Only approved minutes can be published."))
    meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
    if meeting.status != S.HELD:
        raise ApplicationError(_("Minutes can be published only for a held meeting."))
    minutes.status = Minutes.Status.PUBLISHED
    minutes.published_at = timezone.now()
    minutes.version += 1
    minutes.updated_by = actor
    minutes.save()
    meeting.status = S.MINUTES_PUBLISHED
    meeting.save(update_fields=["status", "updated_at"])
    return minutes


@transaction.atomic
def follow_up_action_create(
    *, actor: User, meeting: Meeting, description: str, owner_organization: Organization | None,
    due_date: dt.date | None, status: str = FollowUpAction.Status.OPEN,
) -> FollowUpAction:
    return FollowUpAction.objects.create(
        meeting=meeting, description=description, owner_organization=owner_organization, due_date=due_date,
        status=status,
    )


@transaction.atomic
def follow_up_action_set_status(*, actor: User, action: FollowUpAction, status: str) -> FollowUpAction:
    if status not in FollowUpAction.Status.values:
        raise ApplicationError(_("Unknown status."), field="status")
    action.status = status
    action.save(update_fields=["status", "updated_at"])
    return action


# --- Documents ------------------------------------------------------------------------------


@transaction.atomic
def document_create(
    *, actor: User, meeting: Meeting, title: str, file: UploadedFile, visibility: str,
    agenda_item: AgendaItem | None = None,
) -> MeetingDocument:
    from django.core.exceptions import ValidationError

    if agenda_item is not None and agenda_item.meeting_id != meeting.pk:
        raise ApplicationError(_("That agenda item belongs to another meeting."), field="agenda_item")
    try:
        document_type = validate_document_upload(file)
    except ValidationError as exc:
        raise ApplicationError(" ".join(exc.messages), field="file") from exc
    return MeetingDocument.objects.create(
        meeting=meeting,
        agenda_item=agenda_item,
        title=title,
        file=file,
        content_type=document_type.content_type,
        size=file.size or 0,
        visibility=visibility,
        uploaded_by=actor,
    )


@transaction.atomic
def document_delete(*, actor: User, document: MeetingDocument) -> None:
    stored = document.file.name
    storage = document.file.storage
    document.delete()
    transaction.on_commit(lambda: storage.delete(stored))


# --- Subgroups ------------------------------------------------------------------------------


@transaction.atomic
def subgroup_save(
    *, actor: User, subgroup: Subgroup | None = None, name: str, mandate: str = "",
    co_chair_people: Iterable[User] = (), co_chair_organizations: Iterable[Organization] = (),
    members: Iterable[User] = (), is_active: bool = True,
) -> Subgroup:
    clash = Subgroup.objects.filter(name__iexact=name.strip())
    if subgroup is not None:
        clash = clash.exclude(pk=subgroup.pk)
    if clash.exists():
        raise ApplicationError(_("A working subgroup with this name already exists."), field="name")
    subgroup = subgroup or Subgroup()
    subgroup.name, subgroup.mandate, subgroup.is_active = name.strip(), mandate, is_active
    subgroup.save()
    subgroup.co_chair_people.set(co_chair_people)
    subgroup.co_chair_organizations.set(co_chair_organizations)
    subgroup.members.set(members)
    return subgroup


# --- Calendar tokens ------------------------------------------------------------------------


@transaction.atomic
def calendar_token_get_or_create(*, user: User) -> CalendarToken:
    token, _created = CalendarToken.objects.get_or_create(user=user)
    return token


@transaction.atomic
def calendar_token_reset(*, user: User) -> CalendarToken:
    """A new secret: the old subscription URL stops working at once."""
    from meetings.models import _new_token

    token, _created = CalendarToken.objects.get_or_create(user=user)
    token.token = _new_token()
    token.save(update_fields=["token", "updated_at"])
    return token
