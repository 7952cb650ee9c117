from __future__ import annotations

import datetime as dt
import uuid

import pytest
from django.utils import timezone

from core.exceptions import ApplicationError
from core.richtext import SUBMISSION, sanitize_rich_text
from meetings import agenda_sources
from submissions import selectors, services
from submissions.models import Submission, SubmissionEvent
from submissions.services import SubmissionData
from tests.meetings.factories import MeetingFactory
from tests.recommendations.factories import RoadMapFactory
from tests.submissions.factories import (
    CommentPeriodFactory,
    SubmissionFactory,
    ngo_user,
    secretariat_user,
)

pytestmark = pytest.mark.django_db

S = Submission.Status


def _data(**extra: object) -> SubmissionData:
    values: dict[str, object] = {"title": "Independent monitoring of detention",
                                 "text": "Give the NPM unannounced access to every closed institution."}
    values.update(extra)
    return SubmissionData(**values)  # type: ignore[arg-type]


def test_stored_paragraphs_come_back_as_plain_text_for_editing() -> None:
    stored = sanitize_rich_text("First line\nsecond & third\n\nNew paragraph", profile=SUBMISSION)
    assert services.html_to_text(stored) == "First line\nsecond & third\n\nNew paragraph"
    assert services.html_to_text("<p>With <strong>bold</strong></p>") == "<p>With <strong>bold</strong></p>"


def test_submission_create_stores_sanitised_text_and_a_created_event() -> None:
    user = ngo_user()
    submission, created = services.submission_create(
        actor=user, kind=Submission.Kind.PROPOSAL, data=_data(text="<p>Yes<script>bad()</script></p>")
    )
    assert created
    assert submission.status == S.DRAFT
    assert submission.text == "<p>Yes</p>"
    assert submission.organization == user.memberships.get().organization
    assert list(submission.events.values_list("action", flat=True)) == [SubmissionEvent.Action.CREATED]


def test_submission_create_with_the_same_form_token_returns_the_first_row() -> None:
    user = ngo_user()
    token = uuid.uuid4()
    first, created_first = services.submission_create(actor=user, kind="proposal", data=_data(), form_token=token)
    second, created_second = services.submission_create(actor=user, kind="proposal", data=_data(), form_token=token)
    assert (created_first, created_second) == (True, False)
    assert first.pk == second.pk
    assert Submission.objects.count() == 1


def test_only_ngo_representatives_can_create() -> None:
    with pytest.raises(ApplicationError):
        services.submission_create(actor=secretariat_user(), kind="proposal", data=_data())


def test_lifecycle_submitted_review_decided() -> None:
    submission = SubmissionFactory()
    secretariat = secretariat_user()
    services.submission_submit(actor=submission.author, submission=submission)
    services.submission_start_review(actor=secretariat, submission=submission)
    services.submission_decide(actor=secretariat, submission=submission, status=S.PARTLY_ACCEPTED,
                               public_answer="The first part is taken up.")
    submission.refresh_from_db()
    assert submission.status == S.PARTLY_ACCEPTED
    assert submission.reviewer == secretariat
    assert submission.decided_at is not None
    steps = list(submission.events.order_by("pk").values_list("from_status", "to_status"))
    assert steps == [("draft", "submitted"), ("submitted", "under_review"), ("under_review", "partly_accepted")]


def test_submitting_twice_adds_no_second_event() -> None:
    submission = SubmissionFactory()
    services.submission_submit(actor=submission.author, submission=submission)
    services.submission_submit(actor=submission.author, submission=submission)
    assert submission.events.filter(action=SubmissionEvent.Action.SUBMITTED).count() == 1


def test_a_decided_submission_cannot_be_decided_again_or_withdrawn() -> None:
    submission = SubmissionFactory(declined=True)
    with pytest.raises(ApplicationError):
        services.submission_decide(actor=secretariat_user(), submission=submission, status=S.ACCEPTED,
                                   public_answer="Changed our mind.")
    with pytest.raises(ApplicationError):
        services.submission_withdraw(actor=submission.author, submission=submission)
    submission.refresh_from_db()
    assert submission.status == S.DECLINED


def test_decision_needs_a_public_reason() -> None:
    submission = SubmissionFactory(reviewing=True)
    with pytest.raises(ApplicationError) as error:
        services.submission_decide(actor=secretariat_user(), submission=submission, status=S.DECLINED,
                                   public_answer="  ")
    assert error.value.field == "public_answer"


def test_colleague_of_the_same_ngo_may_edit_until_review_starts() -> None:
    submission = SubmissionFactory(sent=True)
    colleague = ngo_user(submission.organization)
    services.submission_update(actor=colleague, submission=submission, data=_data(title="Better title"),
                               version=submission.version)
    submission.refresh_from_db()
    assert submission.title == "Better title"
    services.submission_start_review(actor=secretariat_user(), submission=submission)
    with pytest.raises(ApplicationError):
        services.submission_update(actor=colleague, submission=submission, data=_data(title="Too late"),
                                   version=submission.version)
    submission.refresh_from_db()
    assert submission.title == "Better title"


def test_another_ngo_cannot_edit_submit_or_withdraw() -> None:
    submission = SubmissionFactory()
    stranger = ngo_user()
    with pytest.raises(ApplicationError):
        services.submission_update(actor=stranger, submission=submission, data=_data(title="Hijacked"),
                                   version=submission.version)
    with pytest.raises(ApplicationError):
        services.submission_submit(actor=stranger, submission=submission)
    with pytest.raises(ApplicationError):
        services.submission_withdraw(actor=stranger, submission=submission)
    submission.refresh_from_db()
    assert (submission.status, submission.title) != (S.SUBMITTED, "Hijacked")
    assert submission.status == S.DRAFT


def test_submitter_may_withdraw_under_review() -> None:
    submission = SubmissionFactory(reviewing=True)
    services.submission_withdraw(actor=submission.author, submission=submission)
    submission.refresh_from_db()
    assert submission.status == S.WITHDRAWN


def test_comment_after_the_period_closed_is_refused_and_stays_a_draft() -> None:
    user = ngo_user()
    period = CommentPeriodFactory(closed=True)
    submission, _created = services.submission_create(
        actor=user, kind=Submission.Kind.COMMENT, data=_data(comment_period=period)
    )
    with pytest.raises(ApplicationError) as error:
        services.submission_submit(actor=user, submission=submission)
    assert "closed" in error.value.message
    submission.refresh_from_db()
    assert submission.status == S.DRAFT
    assert "unannounced access" in submission.text


def test_comment_needs_a_period() -> None:
    with pytest.raises(ApplicationError) as error:
        services.submission_create(actor=ngo_user(), kind=Submission.Kind.COMMENT, data=_data())
    assert error.value.field == "comment_period"


def test_shadow_report_cannot_be_submitted_without_a_file() -> None:
    submission = SubmissionFactory(kind=Submission.Kind.SHADOW_REPORT)
    with pytest.raises(ApplicationError) as error:
        services.submission_submit(actor=submission.author, submission=submission)
    assert error.value.field == "document"


def test_near_same_text_from_the_same_organisation_is_a_possible_duplicate() -> None:
    earlier = SubmissionFactory(sent=True, title="Detention monitoring",
                                text="<p>Give the NPM unannounced access to every closed institution.</p>")
    draft = SubmissionFactory(author=ngo_user(earlier.organization), title="Detention monitoring",
                              text="Give the NPM unannounced access to every closed institution!!")
    other_ngo = SubmissionFactory(title="Detention monitoring",
                                  text="Give the NPM unannounced access to every closed institution.")
    different = SubmissionFactory(author=ngo_user(earlier.organization), title="Schools",
                                  text="Inclusive education for children with disabilities in every region.")
    assert [pair[0] for pair in selectors.possible_duplicates(submission=draft)] == [earlier]
    assert selectors.possible_duplicates(submission=other_ngo) == []
    assert selectors.possible_duplicates(submission=different) == []


def test_bulk_decline_reports_what_it_could_not_do() -> None:
    waiting = SubmissionFactory(sent=True)
    decided = SubmissionFactory(accepted=True)
    result = services.submission_bulk(actor=secretariat_user(), submissions=[waiting, decided], action="decline",
                                      reason="Outside the platform's mandate.")
    assert result.done == 1
    assert [pair[0] for pair in result.refused] == [decided]
    waiting.refresh_from_db()
    assert waiting.status == S.DECLINED
    assert waiting.public_answer == "Outside the platform's mandate."


def test_bulk_assign_needs_a_secretariat_reviewer() -> None:
    submission = SubmissionFactory(sent=True)
    result = services.submission_bulk(actor=secretariat_user(), submissions=[submission], action="assign",
                                      reviewer=ngo_user())
    assert result.done == 0
    submission.refresh_from_db()
    assert submission.reviewer is None


def test_conversion_needs_an_accepted_submission_and_happens_once() -> None:
    secretariat = secretariat_user()
    waiting = SubmissionFactory(reviewing=True)
    with pytest.raises(ApplicationError):
        services.submission_convert_to_recommendation(actor=secretariat, submission=waiting)
    accepted = SubmissionFactory(accepted=True)
    recommendation = services.submission_convert_to_recommendation(actor=secretariat, submission=accepted)
    assert recommendation.source_organization == accepted.organization
    assert recommendation.review.mechanism.code == "ngo"
    with pytest.raises(ApplicationError):
        services.submission_convert_to_recommendation(actor=secretariat, submission=accepted)


def test_anonymous_submission_converts_without_naming_the_ngo() -> None:
    accepted = SubmissionFactory(accepted=True, anonymous=True)
    road_map = RoadMapFactory()
    action = services.submission_convert_to_action(actor=secretariat_user(), submission=accepted, road_map=road_map)
    assert list(action.partners.all()) == []
    assert list(action.responsible_agencies.all()) == [road_map.lead_agency]
    recommendation = services.submission_convert_to_recommendation(actor=secretariat_user(), submission=accepted)
    assert recommendation.source_organization is None


def test_convert_to_agenda_item_refuses_a_past_meeting() -> None:
    accepted = SubmissionFactory(accepted=True)
    past = MeetingFactory(past=True)
    with pytest.raises(ApplicationError) as error:
        services.submission_convert_to_agenda_item(actor=secretariat_user(), submission=accepted, meeting=past)
    assert error.value.field == "meeting"


def test_meetings_agenda_suggestions_include_accepted_ngo_proposals_not_yet_on_an_agenda() -> None:
    meeting = MeetingFactory(starts_at=timezone.now() + dt.timedelta(days=10),
                             ends_at=timezone.now() + dt.timedelta(days=10, hours=2))
    accepted = SubmissionFactory(accepted=True, kind=Submission.Kind.AGENDA, title="Torture prevention")
    SubmissionFactory(declined=True, kind=Submission.Kind.AGENDA, title="Declined idea")
    SubmissionFactory(accepted=True, kind=Submission.Kind.SHADOW_REPORT, title="A report")
    titles = [s.title for s in agenda_sources.suggestions_for(meeting=meeting)]
    assert titles == ["Torture prevention"]
    services.submission_convert_to_agenda_item(actor=secretariat_user(), submission=accepted, meeting=meeting)
    assert agenda_sources.suggestions_for(meeting=meeting) == []


def test_internal_notes_and_assignments_are_left_out_of_the_submitter_timeline() -> None:
    submission = SubmissionFactory(sent=True)
    secretariat = secretariat_user()
    services.submission_assign(actor=secretariat, submission=submission, reviewer=secretariat)
    services.submission_note_add(actor=secretariat, submission=submission, note="Private remark")
    listed = selectors.submission_list_for_organization(organization=submission.organization).get()
    assert all(not e.internal_note for e in listed.visible_events)  # type: ignore[attr-defined]  # the selector's Prefetch(to_attr)
    assert {e.action for e in listed.visible_events} <= set(SubmissionEvent.VISIBLE_TO_SUBMITTER)  # type: ignore[attr-defined]  # the selector's Prefetch(to_attr)


def test_each_step_e_mails_the_submitter_in_their_language(django_capture_on_commit_callbacks) -> None:  # noqa: ANN001
    from django.core import mail

    from notifications.models import Notice

    submission = SubmissionFactory(author=ngo_user(preferred_language="ru"), title="Мониторинг мест лишения свободы")
    with django_capture_on_commit_callbacks(execute=True):
        services.submission_submit(actor=submission.author, submission=submission)
    with django_capture_on_commit_callbacks(execute=True):
        services.submission_start_review(actor=secretariat_user(), submission=submission)
        services.submission_note_add(actor=secretariat_user(), submission=submission, note="internal only")
    assert len(mail.outbox) == 2
    assert mail.outbox[0].to == [submission.author.email]
    assert "Статус" in mail.outbox[0].body
    assert "/ru/submissions/mine/" in mail.outbox[0].body
    assert all("internal only" not in m.body for m in mail.outbox)
    assert Notice.objects.filter(kind="submissions.status").count() == 2


def test_a_step_deleted_before_its_e_mail_left_is_dropped_as_obsolete_not_retried() -> None:
    from django.core import mail

    from notifications.models import Delivery
    from notifications.services import deliveries_send

    submission = SubmissionFactory(author=ngo_user())
    # Published but not yet sent (no on_commit run), then the step disappears.
    services.submission_submit(actor=submission.author, submission=submission)
    delivery = Delivery.objects.get(notice__kind="submissions.status")
    SubmissionEvent.objects.filter(pk=delivery.notice.payload["event_id"]).delete()
    deliveries_send(delivery_ids=[delivery.pk])
    delivery.refresh_from_db()
    # Failed at the first attempt with the reason, instead of an error retried six times.
    assert (delivery.status, delivery.attempts) == ("failed", 1)
    assert "no longer exists" in delivery.last_error
    assert delivery.next_attempt_at is None
    assert mail.outbox == []


def test_stale_kept_uploads_are_purged_after_a_day() -> None:
    from tests.submissions.factories import pdf_upload

    user = ngo_user()
    old = services.upload_keep(actor=user, file=pdf_upload())
    fresh = services.upload_keep(actor=user, file=pdf_upload())
    assert services.upload_purge_stale(now=timezone.now() + dt.timedelta(hours=2)) == 0
    SubmissionUpload = type(old)
    SubmissionUpload.objects.filter(pk=old.pk).update(created_at=timezone.now() - dt.timedelta(days=2))
    assert services.upload_purge_stale() == 1
    assert list(SubmissionUpload.objects.values_list("pk", flat=True)) == [fresh.pk]
