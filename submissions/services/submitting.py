"""The NGO side: creating, editing, sending and withdrawing a submission."""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass, field

from django.core.files.base import File
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core import richtext
from core.concurrency import claim
from core.exceptions import ApplicationError
from core.uploads import validate_document_upload
from meetings.models import Meeting
from participants.models import Organization, User
from participants.selectors import user_primary_organization
from recommendations.models import Mechanism, Recommendation, Review, RoadMap, Theme
from submissions.models import CommentPeriod, Submission, SubmissionUpload
from submissions.services._common import E, S, _lock, _record, _transition


@dataclass
class SubmissionData:
    """What a form gives the services; fields a kind does not use stay empty."""

    title: str
    text: str
    justification: str = ""
    themes: list[Theme] = field(default_factory=list)
    un_references: str = ""
    related_recommendations: list[Recommendation] = field(default_factory=list)
    road_map: RoadMap | None = None
    responsible_agency: Organization | None = None
    comment_period: CommentPeriod | None = None
    mechanism: Mechanism | None = None
    review: Review | None = None
    meeting: Meeting | None = None
    anonymous: bool = False
    document: File[bytes] | None = None  # an upload, or a generated file (demo data)
    upload: SubmissionUpload | None = None


def organization_for_submitter(user: User) -> Organization:
    organization = user_primary_organization(user=user) if user.is_ngo else None
    if organization is None or organization.kind != Organization.Kind.NGO:
        raise ApplicationError(_("Only representatives of an NGO can make submissions."))
    return organization


def _apply_data(submission: Submission, data: SubmissionData, actor: User) -> None:
    submission.title = data.title.strip()
    submission.text = richtext.sanitize_rich_text(data.text, profile=richtext.SUBMISSION)
    submission.justification = (
        richtext.sanitize_rich_text(data.justification, profile=richtext.SUBMISSION) if data.justification.strip() else ""
    )
    submission.un_references = data.un_references.strip()
    submission.road_map = data.road_map
    submission.responsible_agency = data.responsible_agency
    submission.comment_period = data.comment_period
    submission.mechanism = data.mechanism
    submission.review = data.review
    submission.meeting = data.meeting
    submission.anonymous = data.anonymous
    if submission.kind == Submission.Kind.COMMENT and data.comment_period is None:
        raise ApplicationError(_("Choose the draft you comment on."), field="comment_period")
    if data.document is not None:
        document_type = validate_document_upload(data.document)
        submission.document_name = data.document.name[:255]  # type: ignore[index]  # an upload has a name
        submission.document_content_type = document_type.content_type
        submission.document.save(data.document.name, data.document, save=False)  # type: ignore[arg-type]  # as above
    elif data.upload is not None:
        if data.upload.uploaded_by_id != actor.pk:
            raise ApplicationError(_("This upload belongs to someone else."), field="document")
        submission.document.name = data.upload.file.name
        submission.document_name = data.upload.original_name
        submission.document_content_type = data.upload.content_type
    if not submission.text:
        raise ApplicationError(_("Write the text of your submission."), field="text")


def _attach(submission: Submission, data: SubmissionData) -> None:
    submission.themes.set(data.themes)
    submission.related_recommendations.set(data.related_recommendations)
    if data.upload is not None and data.document is None:
        # The file now belongs to the submission: drop the row, keep the file.
        SubmissionUpload.objects.filter(pk=data.upload.pk).delete()


@transaction.atomic
def submission_create(
    *, actor: User, kind: str, data: SubmissionData, form_token: uuid.UUID | None = None
) -> tuple[Submission, bool]:
    """Save a new draft. With the form's token, a repeated POST returns the first row: (submission, created)."""
    organization = organization_for_submitter(actor)
    if form_token is not None:
        existing = Submission.objects.filter(author=actor, form_token=form_token).first()
        if existing is not None:
            return existing, False
    submission = Submission(kind=kind, organization=organization, author=actor, form_token=form_token)
    _apply_data(submission, data, actor)
    try:
        with transaction.atomic():
            submission.save()
    except IntegrityError:
        # A second click raced the first past the check above: the unique token let only one row in.
        existing = Submission.objects.filter(author=actor, form_token=form_token).first()
        if existing is None:
            raise
        return existing, False
    _attach(submission, data)
    _record(submission, action=E.CREATED, actor=actor, from_status="")
    return submission, True


@transaction.atomic
def submission_update(*, actor: User, submission: Submission, data: SubmissionData, version: int | None) -> Submission:
    """Save the NGO's edit of a submission opened at `version` (core.concurrency: a colleague's save made
    meanwhile is an EditConflict, and nothing of theirs is overwritten)."""
    organization = user_primary_organization(user=actor) if actor.is_ngo else None
    if organization is None or organization.pk != submission.organization_id:
        raise ApplicationError(_("Only your own organisation's submissions can be edited."))
    submission = claim(Submission, pk=submission.pk, version=version)
    if not submission.is_editable:
        raise ApplicationError(_("This submission can no longer be edited: its review has started."))
    _apply_data(submission, data, actor)
    submission.save()
    _attach(submission, data)
    _record(submission, action=E.EDITED, actor=actor, from_status=submission.status)
    return submission


@transaction.atomic
def submission_submit(*, actor: User, submission: Submission, now: dt.datetime | None = None) -> Submission:
    """Send a draft to the secretariat. Submitting twice (a double click) changes nothing the second time."""
    now = now or timezone.now()
    submission = _lock(submission)
    organization = user_primary_organization(user=actor) if actor.is_ngo else None
    if organization is None or organization.pk != submission.organization_id:
        raise ApplicationError(_("Only your own organisation's submissions can be submitted."))
    if submission.status == S.SUBMITTED:
        return submission
    if submission.kind == Submission.Kind.COMMENT:
        period = submission.comment_period
        if period is None or not period.is_open_at(now):
            raise ApplicationError(
                _("The comment period for this draft is closed, so the comment cannot be submitted. "
                  "Your text is kept as a draft."),
                field="comment_period",
            )
    if submission.kind == Submission.Kind.SHADOW_REPORT and not submission.document:
        raise ApplicationError(_("Attach the report file before submitting."), field="document")
    from_status = _transition(submission, S.SUBMITTED)
    submission.submitted_at = now
    submission.save(update_fields=["status", "submitted_at", "updated_at"])
    _record(submission, action=E.SUBMITTED, actor=actor, from_status=from_status)
    return submission


@transaction.atomic
def submission_withdraw(*, actor: User, submission: Submission) -> Submission:
    submission = _lock(submission)
    organization = user_primary_organization(user=actor) if actor.is_ngo else None
    if organization is None or organization.pk != submission.organization_id:
        raise ApplicationError(_("Only your own organisation's submissions can be withdrawn."))
    if not submission.is_withdrawable:
        raise ApplicationError(_("A decided submission cannot be withdrawn."))
    from_status = _transition(submission, S.WITHDRAWN)
    submission.save(update_fields=["status", "updated_at"])
    _record(submission, action=E.WITHDRAWN, actor=actor, from_status=from_status)
    return submission
