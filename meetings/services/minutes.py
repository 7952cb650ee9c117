"""Minutes with optimistic locking, approval, publication, and their follow-up actions."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core.concurrency import EditConflict, claim
from core.exceptions import ApplicationError
from core.multilingual import Status, write_original
from core.richtext import MINUTES, sanitize_rich_text
from core.withdrawal import withdraw
from meetings.models import (
    FollowUpAction,
    Meeting,
    Minutes,
)
from meetings.notices import minutes_published_notice
from meetings.services._common import (
    S,
)
from participants.models import Organization, User
from recommendations.models import RoadMap

# The core mechanism's conflict (core.concurrency), under the name the minutes screen has always used.
MinutesConflict = EditConflict


def _conflict(current: Minutes) -> EditConflict:
    return EditConflict(
        _("Someone else saved these minutes while you were editing them. Your text is kept below; compare it "
          "with their version, merge, and save again."),
        current=current, field="body",
    )


@transaction.atomic
def minutes_save(
    *, actor: User, meeting: Meeting, body: str, decisions: str, version: int | None,
    original_language: str | None = None,
) -> Minutes:
    """Save a draft of the minutes, refusing the save when `version` is not the stored one.

    `body` and `decisions` are the original text, in `original_language` (by default the minutes' own, or the
    meeting's for new minutes); translations are saved with core.multilingual's editor and never overwritten here.
    """
    meeting = Meeting.objects.get(pk=meeting.pk)
    if meeting.status in (S.DRAFT, S.CANCELLED):
        raise ApplicationError(_("Minutes can be written only for a scheduled or held meeting."))
    stored = Minutes.all_objects.filter(meeting=meeting).values_list("pk", flat=True).first()
    if stored is None:
        # The first draft is version 1; two first drafts at once are told apart by the one-to-one constraint.
        if version != 1:
            raise ApplicationError(_("These minutes were deleted while you were editing them."))
        minutes = Minutes(meeting=meeting)
    else:
        try:
            minutes = claim(Minutes, pk=stored, version=version)
        except EditConflict as exc:
            raise _conflict(exc.current) from None  # type: ignore[arg-type]
    if minutes.withdrawn_at is not None:
        raise ApplicationError(_("These minutes were withdrawn and can no longer be edited."))
    if minutes.status == Minutes.Status.PUBLISHED:
        raise ApplicationError(_("Published minutes can no longer be edited."))
    if minutes.pk is None:
        minutes.original_language = meeting.original_language
    write_original(minutes, {"body": sanitize_rich_text(body, profile=MINUTES),
                             "decisions": sanitize_rich_text(decisions, profile=MINUTES)},
                   language=original_language)
    if minutes.status == Minutes.Status.APPROVED:
        # An edit after approval needs a new approval.
        minutes.status = Minutes.Status.DRAFT
        minutes.approved_at = None
    # The first save is version 1 (the model's default); every later save, approval or publication adds one
    # (core.concurrency.VersionedModel.save).
    minutes.updated_by = actor
    try:
        with transaction.atomic():
            minutes.save()
    except IntegrityError:
        # Two first drafts at once: the other one was saved first.
        raise _conflict(Minutes.all_objects.get(meeting=meeting)) from None
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
    minutes.updated_by = actor
    minutes.save()
    return minutes


@transaction.atomic
def minutes_publish(*, actor: User, meeting: Meeting) -> Minutes:
    minutes = Minutes.objects.select_for_update().filter(meeting=meeting).first()
    if minutes is None or minutes.status != Minutes.Status.APPROVED:
        raise ApplicationError(_("Only approved minutes can be published."))
    missing = minutes_translations_missing(minutes)
    if missing:
        raise ApplicationError(
            _("The minutes cannot be published yet: %(missing)s. Add the translations side by side, then publish.")
            % {"missing": "; ".join(missing)}
        )
    meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
    if meeting.status != S.HELD:
        raise ApplicationError(_("Minutes can be published only for a held meeting."))
    minutes.status = Minutes.Status.PUBLISHED
    minutes.published_at = timezone.now()
    minutes.updated_by = actor
    minutes.save()
    meeting.status = S.MINUTES_PUBLISHED
    meeting.save(update_fields=["status", "updated_at"])
    minutes_published_notice(meeting=meeting)
    return minutes


def minutes_translations_missing(minutes: Minutes) -> list[str]:
    """What keeps the minutes from publication under settings.MINUTES_REQUIRED_LANGUAGES, said in words
    ("the Kazakh translation is missing"); empty when nothing does."""
    missing = {"kk": _("the Kazakh translation is missing"), "ru": _("the Russian translation is missing"),
               "en": _("the English translation is missing")}
    outdated = {"kk": _("the Kazakh translation is out of date"), "ru": _("the Russian translation is out of date"),
                "en": _("the English translation is out of date")}
    problems = []
    for language in getattr(settings, "MINUTES_REQUIRED_LANGUAGES", ()):
        status = minutes.status_of(language)
        if status == Status.MISSING:
            problems.append(str(missing.get(language, language)))
        elif status == Status.OUTDATED:
            problems.append(str(outdated.get(language, language)))
    return problems


@transaction.atomic
def follow_up_action_create(
    *, actor: User, meeting: Meeting, description: str, owner_organization: Organization | None,
    due_date: dt.date | None, status: str = FollowUpAction.Status.OPEN, road_map: RoadMap | None = None,
) -> FollowUpAction:
    return FollowUpAction.objects.create(
        meeting=meeting, description=description, owner_organization=owner_organization, due_date=due_date,
        status=status, road_map=road_map,
    )


@transaction.atomic
def follow_up_action_set_status(
    *, actor: User, action: FollowUpAction, status: str, version: int | None
) -> FollowUpAction:
    """Set the status of a follow-up action seen at `version`; a change made meanwhile is an EditConflict."""
    if status not in FollowUpAction.Status.values:
        raise ApplicationError(_("Unknown status."), field="status")
    try:
        action = claim(FollowUpAction, pk=action.pk, version=version)
    except EditConflict as exc:
        current: FollowUpAction = exc.current  # type: ignore[assignment]
        raise EditConflict(
            _("Someone changed this follow-up action meanwhile: it is now “%(theirs)s”. Your choice “%(yours)s” "
              "was not saved; choose again.")
            % {"theirs": current.get_status_display(), "yours": FollowUpAction.Status(status).label},
            current=current,
        ) from None
    action.status = status
    action.save(update_fields=["status", "updated_at"])
    return action


@transaction.atomic
def minutes_withdraw(*, actor: User, meeting: Meeting, reason: str) -> Minutes:
    """Withdraw published minutes (core.withdrawal); the meeting page then says when and why. Drafts were never
    public and are simply not published."""
    minutes = Minutes.all_objects.select_for_update().filter(meeting_id=meeting.pk).first()
    if minutes is None or minutes.published_at is None:
        raise ApplicationError(_("Only published minutes are withdrawn; drafts are simply not published."))
    minutes.updated_by = actor
    return withdraw(minutes, actor=actor, reason=reason)
