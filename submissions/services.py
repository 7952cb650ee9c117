"""Every write of the submissions app: keyword-only, one transaction each (STYLE.md section 7).

The lifecycle lives in ALLOWED_TRANSITIONS; every step leaves a SubmissionEvent and tells the submitter.
"""

from __future__ import annotations

import datetime as dt
import re
import secrets
import unicodedata
import uuid
from collections.abc import Iterable
from dataclasses import dataclass, field
from html import unescape

from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from core import richtext
from core.exceptions import ApplicationError
from core.uploads import validate_document_upload
from meetings import services as meetings_services
from meetings.models import AgendaItem, Meeting
from participants.models import Organization, User
from participants.selectors import user_primary_organization
from recommendations import services as recommendations_services
from recommendations.models import Action, Mechanism, Recommendation, Review, RoadMap, Theme
from submissions import notices
from submissions.models import CommentPeriod, Submission, SubmissionEvent, SubmissionUpload

S = Submission.Status
E = SubmissionEvent.Action

ALLOWED_TRANSITIONS: dict[str, tuple[str, ...]] = {
    S.DRAFT: (S.SUBMITTED, S.WITHDRAWN),
    # Declining straight from "submitted" lets the secretariat clear spam in bulk without opening a review.
    S.SUBMITTED: (S.UNDER_REVIEW, S.DECLINED, S.WITHDRAWN),
    S.UNDER_REVIEW: (S.ACCEPTED, S.PARTLY_ACCEPTED, S.DECLINED, S.WITHDRAWN),
    S.ACCEPTED: (),
    S.PARTLY_ACCEPTED: (),
    S.DECLINED: (),
    S.WITHDRAWN: (),
}

DUPLICATE_RATIO = 0.9
UPLOAD_KEEP = dt.timedelta(days=1)


# --- Text -------------------------------------------------------------------------------------


def html_to_text(html: str) -> str:
    """For editing in a plain text area: paragraphs and line breaks back to new lines when that is all there is."""
    if re.search(r"<(?!/?(?:p|br)\b)[a-z]", html or "", re.IGNORECASE):
        return html
    text = re.sub(r"\s*</p>\s*<p>\s*", "\n\n", html or "")
    text = re.sub(r"<br\s*/?>", "\n", text)
    return unescape(re.sub(r"</?p>", "", text)).strip()


def normalize_for_comparison(text: str) -> str:
    """Lower-case words only: markup, punctuation, accents and spacing do not make a text new."""
    plain = richtext.plain_text(text)
    plain = unicodedata.normalize("NFKC", plain).casefold()
    return " ".join(re.findall(r"\w+", plain))


# --- Comment periods ----------------------------------------------------------------------------


@transaction.atomic
def comment_period_open(
    *,
    actor: User | None,
    opens_at: dt.datetime,
    closes_at: dt.datetime,
    road_map: RoadMap | None = None,
    title: str = "",
    title_ru: str = "",
    title_kk: str = "",
    description: str = "",
    document: UploadedFile | None = None,
    url: str = "",
) -> CommentPeriod:
    """Open (or schedule) a comment period on a road map or on any draft document described by its titles.

    Other apps (reports, for draft national reports) call this too: keep it free of their models.
    """
    if closes_at <= opens_at:
        raise ApplicationError(_("The comment period must close after it opens."), field="closes_at")
    if road_map is None and not (title or "").strip():
        raise ApplicationError(_("Choose a road map or give the title of the draft."), field="title")
    if document is not None:
        validate_document_upload(document)
    period = CommentPeriod(
        road_map=road_map, title=title.strip(), title_ru=title_ru.strip(), title_kk=title_kk.strip(),
        description=description, url=url, opens_at=opens_at, closes_at=closes_at, created_by=actor,
    )
    if document is not None:
        period.document.save(document.name, document, save=False)
    period.save()
    return period


@transaction.atomic
def comment_period_close(*, actor: User, period: CommentPeriod, at: dt.datetime | None = None) -> CommentPeriod:
    """Close a period now. Comments already submitted stay; later ones are refused."""
    now = at or timezone.now()
    period = CommentPeriod.objects.select_for_update().get(pk=period.pk)
    if period.closes_at <= now:
        raise ApplicationError(_("This comment period is already closed."))
    if period.opens_at >= now:
        # Closing a period that has not opened yet cancels it; the constraint still needs opens < closes.
        period.opens_at = now - dt.timedelta(seconds=1)
    period.closes_at = now
    period.closed_early_at = now
    period.save(update_fields=["opens_at", "closes_at", "closed_early_at", "updated_at"])
    return period


# --- Uploads ----------------------------------------------------------------------------------


@transaction.atomic
def upload_keep(*, actor: User, file: UploadedFile) -> SubmissionUpload:
    """Keep a valid upload from a form that had other errors; the form carries the returned token."""
    document_type = validate_document_upload(file)
    # No scheduled task: each new kept upload clears the abandoned ones first, so the files of forms left
    # unfinished never outnumber the forms people are filling in now.
    upload_purge_stale()
    upload = SubmissionUpload(
        token=secrets.token_urlsafe(32), uploaded_by=actor, original_name=file.name[:255],
        content_type=document_type.content_type, size=file.size or 0,
    )
    upload.file.save(file.name, file, save=False)
    upload.save()
    return upload


def upload_purge_stale(*, now: dt.datetime | None = None) -> int:
    """Delete uploads never attached to a submission within a day; returns how many went."""
    cutoff = (now or timezone.now()) - UPLOAD_KEEP
    count = 0
    for upload in SubmissionUpload.objects.filter(created_at__lt=cutoff):
        upload.file.delete(save=False)
        upload.delete()
        count += 1
    return count


# --- NGO side ---------------------------------------------------------------------------------


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
    document: UploadedFile | None = None
    upload: SubmissionUpload | None = None


def organization_for_submitter(user: User) -> Organization:
    organization = user_primary_organization(user=user) if user.is_ngo else None
    if organization is None or organization.kind != Organization.Kind.NGO:
        raise ApplicationError(_("Only representatives of an NGO can make submissions."))
    return organization


def _record(
    submission: Submission, *, action: str, actor: User | None, from_status: str, public_answer: str = "",
    internal_note: str = "",
) -> SubmissionEvent:
    event = SubmissionEvent.objects.create(
        submission=submission, action=action, actor=actor, from_status=from_status, to_status=submission.status,
        public_answer=public_answer, internal_note=internal_note,
    )
    if event.is_visible_to_submitter and action not in (E.CREATED, E.EDITED):
        notices.submitter_notify(event=event)
    return event


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
        submission.document.save(data.document.name, data.document, save=False)
        submission.document_name = data.document.name[:255]
        submission.document_content_type = document_type.content_type
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


def _lock(submission: Submission) -> Submission:
    return Submission.objects.select_for_update().get(pk=submission.pk)


@transaction.atomic
def submission_update(*, actor: User, submission: Submission, data: SubmissionData) -> Submission:
    submission = _lock(submission)
    organization = user_primary_organization(user=actor) if actor.is_ngo else None
    if organization is None or organization.pk != submission.organization_id:
        raise ApplicationError(_("Only your own organisation's submissions can be edited."))
    if not submission.is_editable:
        raise ApplicationError(_("This submission can no longer be edited: its review has started."))
    _apply_data(submission, data, actor)
    submission.save()
    _attach(submission, data)
    _record(submission, action=E.EDITED, actor=actor, from_status=submission.status)
    return submission


def _transition(submission: Submission, to_status: str) -> str:
    from_status = submission.status
    if to_status not in ALLOWED_TRANSITIONS[from_status]:
        raise ApplicationError(
            _("A submission that is “%(from)s” cannot become “%(to)s”.")
            % {"from": S(from_status).label, "to": S(to_status).label}
        )
    submission.status = to_status
    return from_status


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


# --- Secretariat side ---------------------------------------------------------------------------


def _check_secretariat(actor: User) -> None:
    if not actor.is_secretariat:
        raise ApplicationError(_("Only the secretariat moderates submissions."))


@transaction.atomic
def submission_assign(*, actor: User, submission: Submission, reviewer: User) -> Submission:
    _check_secretariat(actor)
    if not reviewer.is_secretariat:
        raise ApplicationError(_("Reviewers are members of the secretariat."), field="reviewer")
    submission = _lock(submission)
    if submission.status not in (S.SUBMITTED, S.UNDER_REVIEW):
        raise ApplicationError(_("Only submissions waiting for or under review can be assigned."))
    submission.reviewer = reviewer
    submission.save(update_fields=["reviewer", "updated_at"])
    _record(submission, action=E.ASSIGNED, actor=actor, from_status=submission.status,
            internal_note=str(reviewer))
    return submission


@transaction.atomic
def submission_start_review(*, actor: User, submission: Submission) -> Submission:
    _check_secretariat(actor)
    submission = _lock(submission)
    from_status = _transition(submission, S.UNDER_REVIEW)
    if submission.reviewer_id is None:
        submission.reviewer = actor
    submission.save(update_fields=["status", "reviewer", "updated_at"])
    _record(submission, action=E.REVIEW_STARTED, actor=actor, from_status=from_status)
    return submission


@transaction.atomic
def submission_note_add(*, actor: User, submission: Submission, note: str) -> SubmissionEvent:
    _check_secretariat(actor)
    if not note.strip():
        raise ApplicationError(_("Write the note."), field="note")
    return _record(submission, action=E.NOTE, actor=actor, from_status=submission.status, internal_note=note.strip())


@transaction.atomic
def submission_decide(
    *, actor: User, submission: Submission, status: str, public_answer: str, internal_note: str = "",
    now: dt.datetime | None = None,
) -> Submission:
    """Accept, partly accept or decline, with an answer the NGO and (if accepted) the public read."""
    _check_secretariat(actor)
    if status not in Submission.DECIDED:
        raise ApplicationError(_("Choose accept, partly accept or decline."), field="status")
    if not public_answer.strip():
        raise ApplicationError(_("Give the reason for the decision: the NGO reads it."), field="public_answer")
    submission = _lock(submission)
    from_status = _transition(submission, status)
    submission.public_answer = public_answer.strip()
    submission.decided_at = now or timezone.now()
    submission.save(update_fields=["status", "public_answer", "decided_at", "updated_at"])
    _record(submission, action=E.DECIDED, actor=actor, from_status=from_status, public_answer=submission.public_answer,
            internal_note=internal_note.strip())
    return submission


@dataclass
class BulkResult:
    done: int = 0
    refused: list[tuple[Submission, str]] = field(default_factory=list)


def submission_bulk(
    *, actor: User, submissions: Iterable[Submission], action: str, reviewer: User | None = None, reason: str = ""
) -> BulkResult:
    """Assign, start review or decline many at once; each row in its own transaction, refusals reported."""
    _check_secretariat(actor)
    if action == "decline" and not reason.strip():
        raise ApplicationError(_("Give the reason for declining: every NGO concerned reads it."), field="reason")
    if action == "assign" and reviewer is None:
        raise ApplicationError(_("Choose the reviewer."), field="reviewer")
    result = BulkResult()
    for submission in submissions:
        try:
            if action == "assign":
                submission_assign(actor=actor, submission=submission, reviewer=reviewer)  # type: ignore[arg-type]
            elif action == "start_review":
                submission_start_review(actor=actor, submission=submission)
            elif action == "decline":
                submission_decide(actor=actor, submission=submission, status=S.DECLINED, public_answer=reason)
            else:
                raise ApplicationError(_("Unknown action."))
        except ApplicationError as exc:
            result.refused.append((submission, exc.message))
        else:
            result.done += 1
    return result


def _check_convertible(submission: Submission, already: object) -> None:
    if not submission.is_accepted:
        raise ApplicationError(_("Only an accepted submission can be taken up."))
    if already is not None:
        raise ApplicationError(_("This submission has already been taken up this way."))


def _converted(submission: Submission, actor: User, target: str) -> None:
    event = SubmissionEvent(
        submission=submission, action=E.CONVERTED, actor=actor, from_status=submission.status,
        to_status=submission.status, target=target,
    )
    event.save()
    notices.submitter_notify(event=event)


@transaction.atomic
def submission_convert_to_agenda_item(*, actor: User, submission: Submission, meeting: Meeting) -> AgendaItem:
    _check_secretariat(actor)
    submission = _lock(submission)
    _check_convertible(submission, submission.agenda_item)
    if meeting.starts_at <= timezone.now() or meeting.status not in (Meeting.Status.DRAFT, Meeting.Status.SCHEDULED):
        raise ApplicationError(_("Choose an upcoming meeting."), field="meeting")
    item = meetings_services.agenda_item_create(
        actor=actor, meeting=meeting, title=submission.title[:255],
        description=richtext.plain_text(submission.text).strip(),
        presenter_organizations=[] if submission.anonymous else [submission.organization],
        road_maps=[submission.road_map] if submission.road_map else [],
    )
    submission.agenda_item = item
    submission.save(update_fields=["agenda_item", "updated_at"])
    _converted(submission, actor, SubmissionEvent.Target.AGENDA_ITEM)
    return item


def _ngo_review(year: int) -> Review:
    return recommendations_services.review_upsert(
        mechanism_code="ngo", number=year, year=year,
        title=f"NGO submissions through the Dialogue Platform, {year}",
    )


@transaction.atomic
def submission_convert_to_recommendation(*, actor: User, submission: Submission) -> Recommendation:
    _check_secretariat(actor)
    submission = _lock(submission)
    _check_convertible(submission, submission.recommendation)
    year = (submission.submitted_at or timezone.now()).year
    recommendation = recommendations_services.recommendation_create(
        actor=actor, mechanism_code="ngo", review=_ngo_review(year),
        text=richtext.plain_text(submission.text).strip(), themes=list(submission.themes.all()),
        source_organization=None if submission.anonymous else submission.organization,
        responsible_agencies=[submission.responsible_agency] if submission.responsible_agency else [],
    )
    submission.recommendation = recommendation
    submission.save(update_fields=["recommendation", "updated_at"])
    _converted(submission, actor, SubmissionEvent.Target.RECOMMENDATION)
    return recommendation


@transaction.atomic
def submission_convert_to_action(
    *, actor: User, submission: Submission, road_map: RoadMap, deadline: dt.date | None = None
) -> Action:
    _check_secretariat(actor)
    submission = _lock(submission)
    _check_convertible(submission, submission.action)
    number = (road_map.actions.aggregate(m=Max("number"))["m"] or 0) + 1
    responsible = submission.responsible_agency or road_map.lead_agency
    action = recommendations_services.action_upsert(
        road_map=road_map, number=number, description=richtext.plain_text(submission.text).strip(),
        responsible=[responsible], partners=[] if submission.anonymous else [submission.organization],
        deadline=deadline,
    )
    submission.action = action
    submission.save(update_fields=["action", "updated_at"])
    _converted(submission, actor, SubmissionEvent.Target.ACTION)
    return action
