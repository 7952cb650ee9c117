"""Road-map actions and the progress their agencies report."""

from __future__ import annotations

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core.exceptions import ApplicationError
from core.uploads import validate_document_upload
from participants.models import User
from recommendations import notices
from recommendations.models import (
    Action,
    ProgressUpdate,
)


def user_agency_ids(user: User) -> set[int]:
    return set(user.memberships.values_list("organization_id", flat=True))


def action_can_report(*, user: User, action: Action) -> bool:
    if user.is_secretariat:
        return True
    if not user.is_focal_point:
        return False
    return action.responsible_agencies.filter(pk__in=user_agency_ids(user)).exists()


@transaction.atomic
def progress_update_submit(
    *, actor: User, action: Action, date: datetime.date, text: str, evidence_url: str = "",
    evidence_file: UploadedFile[bytes] | None = None, proposed_status: str = "",
) -> ProgressUpdate:
    if not action_can_report(user=actor, action=action):
        raise PermissionDenied(_("Only focal points of the agencies responsible for this action can report on it."))
    if date > timezone.localdate():
        raise ApplicationError(_("The date of progress cannot be in the future."), field="date")
    update = ProgressUpdate(
        action=action, date=date, text=text.strip(), evidence_url=evidence_url, proposed_status=proposed_status,
        author=actor,
    )
    if evidence_file is not None:
        # The form checked it too; the service is the rule for every caller (the API, the shell).
        try:
            document_type = validate_document_upload(evidence_file)
        except ValidationError as exc:
            raise ApplicationError(" ".join(exc.messages), field="evidence_file") from None
        update.evidence_name = (evidence_file.name or "").replace("\\", "/").rsplit("/", 1)[-1][:255]
        update.evidence_content_type = document_type.content_type
        update.evidence_file.save(update.evidence_name or "evidence", evidence_file, save=False)
    update.save()
    return update


@transaction.atomic
def progress_update_approve(*, actor: User, update: ProgressUpdate) -> ProgressUpdate:
    """Publish the update; the action takes the status the focal point reported."""
    update = ProgressUpdate.objects.select_for_update().select_related("action").get(pk=update.pk)
    if update.state != ProgressUpdate.State.SUBMITTED:
        raise ApplicationError(_("This update has already been reviewed."))
    update.state = ProgressUpdate.State.APPROVED
    update.reviewed_by = actor
    update.reviewed_at = timezone.now()
    update.save(update_fields=["state", "reviewed_by", "reviewed_at", "updated_at"])
    action = update.action
    if update.proposed_status and update.proposed_status != action.status:
        action_set_status(actor=actor, action=action, status=update.proposed_status, on=update.date)
    notices.progress_reviewed_publish(update=update)
    return update


@transaction.atomic
def progress_update_reject(*, actor: User, update: ProgressUpdate, note: str) -> ProgressUpdate:
    update = ProgressUpdate.objects.select_for_update().get(pk=update.pk)
    if update.state != ProgressUpdate.State.SUBMITTED:
        raise ApplicationError(_("This update has already been reviewed."))
    if not note.strip():
        raise ApplicationError(_("Tell the focal point why the update is returned."), field="note")
    update.state = ProgressUpdate.State.REJECTED
    update.reviewed_by = actor
    update.reviewed_at = timezone.now()
    update.review_note = note.strip()
    update.save(update_fields=["state", "reviewed_by", "reviewed_at", "review_note", "updated_at"])
    notices.progress_reviewed_publish(update=update)
    return update


@transaction.atomic
def action_set_status(*, actor: User, action: Action, status: str, on: datetime.date | None = None) -> Action:
    if status not in Action.Status.values:
        raise ApplicationError(_("Unknown status."), field="status")
    action.status = status
    action.completed_on = (on or timezone.localdate()) if status == Action.Status.DONE else None
    action._history_user = actor
    action.save(update_fields=["status", "completed_on", "updated_at"])
    return action
