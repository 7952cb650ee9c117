"""Invitations, answers and attendance."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core import pagecache
from core.exceptions import ApplicationError
from meetings.models import (
    Invitation,
    Meeting,
)
from meetings.services._common import (
    S,
)
from participants.models import Membership, User


@transaction.atomic
def invitations_create(*, actor: User, meeting: Meeting, people: Iterable[User]) -> int:
    """Invite people who are not invited yet; returns how many were added."""
    if meeting.status == S.CANCELLED or meeting.is_held:
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
    pagecache.changed(Invitation)  # bulk-created: no signal
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
    if meeting.ends_at <= timezone.now() or meeting.is_held:
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


def attendance_closed_reason(meeting: Meeting, *, now: dt.datetime | None = None) -> str:
    """Why attendance cannot be recorded for this meeting now, or "" when it can. The attendance page shows the
    list read-only with this reason, and attendance_record refuses with it: one rule for both."""
    if meeting.status in (S.CANCELLED, S.DRAFT):
        return _("Attendance is recorded only for scheduled or held meetings.")
    if not meeting.is_held and meeting.starts_at > (now or timezone.now()):
        return _("Attendance can be recorded once the meeting has started.")
    return ""


@transaction.atomic
def attendance_record(
    *, actor: User, meeting: Meeting, attended_person_ids: Iterable[int], person_ids: Iterable[int] | None = None
) -> int:
    """Mark who attended: everyone invited and not listed is recorded as absent. Returns the number present.

    person_ids limits the record to those invitees (the page of the attendance form that was saved), so
    saving one page never clears the ticks made on another.
    """
    reason = attendance_closed_reason(meeting)
    if reason:
        raise ApplicationError(reason)
    present = set(attended_person_ids)
    invitations = meeting.invitations.all()
    if person_ids is not None:
        scope = set(person_ids)
        invitations = invitations.filter(person_id__in=scope)
        present &= scope
    invitations.filter(person_id__in=present).update(attended=True, updated_at=timezone.now())
    invitations.exclude(person_id__in=present).update(attended=False, updated_at=timezone.now())
    pagecache.changed(Invitation)  # attendance set by update(): no signal
    return meeting.invitations.filter(attended=True).count()
