"""What an accepted submission becomes: an agenda item, a recommendation or a road-map action."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from core import richtext
from core.exceptions import ApplicationError
from meetings import services as meetings_services
from meetings.models import AgendaItem, Meeting
from participants.models import User
from recommendations import services as recommendations_services
from recommendations.models import Action, Recommendation, Review, RoadMap
from submissions import notices
from submissions.models import Submission, SubmissionEvent
from submissions.services._common import E, _check_secretariat, _lock


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
