"""Minutes with optimistic locking, approval, publication, and their follow-up actions."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core.exceptions import ApplicationError
from core.multilingual import Status, write_original
from core.richtext import MINUTES, sanitize_rich_text
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


class MinutesConflict(ApplicationError):
    """Someone saved the minutes after this editor opened them; `current` is their version."""

    def __init__(self, message: str, *, current: Minutes) -> None:
        super().__init__(message, field="body")
        self.current = current


@transaction.atomic
def minutes_save(
    *, actor: User, meeting: Meeting, body: str, decisions: str, version: int, original_language: str | None = None,
) -> Minutes:
    """Save a draft of the minutes, refusing the save when `version` is not the stored one.

    `body` and `decisions` are the original text, in `original_language` (by default the minutes' own, or the
    meeting's for new minutes); translations are saved with core.multilingual's editor and never overwritten here.
    """
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
    if minutes.pk is None:
        minutes.original_language = meeting.original_language
    write_original(minutes, {"body": sanitize_rich_text(body, profile=MINUTES),
                             "decisions": sanitize_rich_text(decisions, profile=MINUTES)},
                   language=original_language)
    if minutes.status == Minutes.Status.APPROVED:
        # An edit after approval needs a new approval.
        minutes.status = Minutes.Status.DRAFT
        minutes.approved_at = None
    # The first save is version 1 (the model's default); every later save, approval or publication adds one.
    if minutes.pk is not None:
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
    minutes.version += 1
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
def follow_up_action_set_status(*, actor: User, action: FollowUpAction, status: str) -> FollowUpAction:
    if status not in FollowUpAction.Status.values:
        raise ApplicationError(_("Unknown status."), field="status")
    action.status = status
    action.save(update_fields=["status", "updated_at"])
    return action
