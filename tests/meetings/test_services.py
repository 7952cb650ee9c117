from __future__ import annotations

import datetime as dt

import pytest
from django.core import mail
from django.db import IntegrityError, transaction

from core.exceptions import ApplicationError
from meetings import notices, services
from meetings.models import Invitation, Meeting, Minutes
from notifications.models import Delivery
from participants.models import Organization, User
from tests.meetings.factories import (
    AgendaItemFactory,
    InvitationFactory,
    MeetingFactory,
    MinutesFactory,
    SubgroupFactory,
    in_days,
)
from tests.participants.factories import MembershipFactory, OrganizationFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_meeting_create_rejects_end_before_start(secretariat: User) -> None:
    start = in_days(10)
    with pytest.raises(ApplicationError) as exc:
        services.meeting_create(actor=secretariat, title="X", starts_at=start, ends_at=start - dt.timedelta(hours=1))
    assert exc.value.field == "ends_at"
    assert Meeting.objects.count() == 0


def test_database_refuses_end_before_start_even_without_the_service() -> None:
    start = in_days(10)
    with pytest.raises(IntegrityError), transaction.atomic():
        Meeting.objects.create(title="X", starts_at=start, ends_at=start)


def test_meeting_create_rejects_duplicate_plenary_number(secretariat: User) -> None:
    MeetingFactory(number=43)
    with pytest.raises(ApplicationError) as exc:
        services.meeting_create(actor=secretariat, title="Again", number=43, starts_at=in_days(5), ends_at=in_days(5, 13))
    assert exc.value.field == "number"


def test_subgroup_meetings_are_not_numbered_in_the_plenary_series(secretariat: User) -> None:
    MeetingFactory(number=43)
    meeting = services.meeting_create(
        actor=secretariat, title="UPR group", number=43, subgroup=SubgroupFactory(),
        starts_at=in_days(5), ends_at=in_days(5, 13),
    )
    assert meeting.number is None


def test_plan_year_creates_four_quarterly_drafts_with_consecutive_numbers(secretariat: User) -> None:
    MeetingFactory(number=43, starts_at=in_days(-400), status=Meeting.Status.HELD)
    created = services.meeting_plan_year(actor=secretariat, year=2031)
    assert [m.number for m in created] == [44, 45, 46, 47]
    assert {m.status for m in created} == {Meeting.Status.DRAFT}
    assert [m.starts_at.month for m in created] == [2, 5, 8, 11]


def test_plan_year_skips_quarters_that_already_have_a_meeting(secretariat: User) -> None:
    existing = services.meeting_plan_year(actor=secretariat, year=2031)[1]
    existing.delete()
    created = services.meeting_plan_year(actor=secretariat, year=2031)
    assert [m.starts_at.month for m in created] == [5]
    with pytest.raises(ApplicationError):
        services.meeting_plan_year(actor=secretariat, year=2031)


def test_plan_year_refuses_numbers_already_in_use(secretariat: User) -> None:
    MeetingFactory(number=60)
    with pytest.raises(ApplicationError) as exc:
        services.meeting_plan_year(actor=secretariat, year=2032, first_number=58)
    assert "60" in exc.value.message
    assert not Meeting.objects.filter(number=58).exists()


def test_illegal_status_jump_is_refused(secretariat: User) -> None:
    meeting = MeetingFactory(status=Meeting.Status.DRAFT)
    with pytest.raises(ApplicationError):
        services.meeting_transition(actor=secretariat, meeting=meeting, to=Meeting.Status.MINUTES_PUBLISHED)
    with pytest.raises(ApplicationError):
        services.meeting_transition(actor=secretariat, meeting=meeting, to=Meeting.Status.HELD)
    meeting.refresh_from_db()
    assert meeting.status == Meeting.Status.DRAFT


def test_future_meeting_cannot_be_marked_held(secretariat: User) -> None:
    meeting = MeetingFactory(status=Meeting.Status.SCHEDULED)
    with pytest.raises(ApplicationError):
        services.meeting_transition(actor=secretariat, meeting=meeting, to=Meeting.Status.HELD)


def test_cancelling_tells_each_invitee_once_in_their_language(secretariat: User, django_capture_on_commit_callbacks) -> None:  # noqa: ANN001
    meeting = MeetingFactory(status=Meeting.Status.SCHEDULED, title="Meeting 44")
    ru = InvitationFactory(meeting=meeting, person=UserFactory(preferred_language="ru")).person
    en = InvitationFactory(meeting=meeting, person=UserFactory(preferred_language="en")).person
    InvitationFactory(meeting=meeting, response=Invitation.Response.DECLINED)
    with django_capture_on_commit_callbacks(execute=True):
        services.meeting_cancel(actor=secretariat, meeting=meeting, reason="Force majeure")
    assert sorted(m.to[0] for m in mail.outbox) == sorted([ru.email, en.email])
    by_recipient = {m.to[0]: m for m in mail.outbox}
    assert by_recipient[en.email].subject.startswith("Cancelled")
    assert "Force majeure" in by_recipient[en.email].body
    assert "https://dialogue.example.kz/en/meetings/" in by_recipient[en.email].body
    assert "/ru/meetings/" in by_recipient[ru.email].body
    deliveries = Delivery.objects.filter(notice__kind=notices.CHANGE, notice__key=f"meeting-change:{meeting.changes.get().pk}")
    assert sorted(deliveries.values_list("status", flat=True)) == ["sent", "sent"]
    ics = by_recipient[en.email].attachments[0]
    assert ics[0] == "meeting.ics" and "STATUS:CANCELLED" in ics[1]
    assert by_recipient[en.email].alternatives[0].mimetype == "text/html"  # type: ignore[attr-defined]  # the message is an EmailMultiAlternatives


def test_publishing_a_change_notice_again_sends_nothing_more(secretariat: User, django_capture_on_commit_callbacks) -> None:  # noqa: ANN001
    meeting = MeetingFactory(status=Meeting.Status.SCHEDULED)
    InvitationFactory.create_batch(3, meeting=meeting)
    with django_capture_on_commit_callbacks(execute=True):
        services.meeting_reschedule(actor=secretariat, meeting=meeting, starts_at=in_days(40), ends_at=in_days(40, 12),
                                    reason="")
    change = meeting.changes.get()
    assert len(mail.outbox) == 3
    with django_capture_on_commit_callbacks(execute=True):
        notices.change_notice_publish(change=change)
    assert len(mail.outbox) == 3


def test_failed_delivery_is_retried_and_then_sent_once(
    secretariat: User, monkeypatch: pytest.MonkeyPatch, django_capture_on_commit_callbacks  # noqa: ANN001
) -> None:
    import smtplib

    from django.core.mail.backends.locmem import EmailBackend

    from notifications.services import deliveries_requeue_stalled

    meeting = MeetingFactory(status=Meeting.Status.SCHEDULED)
    InvitationFactory(meeting=meeting)

    def broken(*args: object, **kwargs: object) -> None:
        raise smtplib.SMTPServerDisconnected("SMTP down")

    monkeypatch.setattr(EmailBackend, "send_messages", broken)
    with django_capture_on_commit_callbacks(execute=True):
        services.meeting_cancel(actor=secretariat, meeting=meeting, reason="")
    delivery = Delivery.objects.get(notice__kind=notices.CHANGE)
    assert delivery.status == "retrying"
    assert "SMTP down" in delivery.last_error
    monkeypatch.undo()
    Delivery.objects.filter(pk=delivery.pk).update(next_attempt_at=delivery.created_at)
    deliveries_requeue_stalled()
    delivery.refresh_from_db()
    assert delivery.status == "sent"
    assert len(mail.outbox) == 1


def test_draft_meeting_changes_send_no_email(secretariat: User, django_capture_on_commit_callbacks) -> None:  # noqa: ANN001
    meeting = MeetingFactory(status=Meeting.Status.DRAFT)
    InvitationFactory(meeting=meeting)
    with django_capture_on_commit_callbacks(execute=True):
        services.meeting_cancel(actor=secretariat, meeting=meeting, reason="")
    assert mail.outbox == []


def test_agenda_item_move_swaps_neighbours(secretariat: User) -> None:
    meeting = MeetingFactory()
    a = services.agenda_item_create(actor=secretariat, meeting=meeting, title="A")
    b = services.agenda_item_create(actor=secretariat, meeting=meeting, title="B")
    c = services.agenda_item_create(actor=secretariat, meeting=meeting, title="C")
    services.agenda_item_move(actor=secretariat, item=c, direction="up")
    assert list(meeting.agenda_items.order_by("position").values_list("title", flat=True)) == ["A", "C", "B"]
    services.agenda_item_move(actor=secretariat, item=a, direction="up")  # already first: nothing happens
    services.agenda_item_delete(actor=secretariat, item=b)
    assert list(meeting.agenda_items.order_by("position").values_list("position", "title")) == [(1, "A"), (2, "C")]


def test_bulk_invitation_by_kind_snapshots_the_organisation(secretariat: User) -> None:
    from meetings import selectors

    meeting = MeetingFactory()
    ngo_org = OrganizationFactory(kind=Organization.Kind.NGO, standing=Organization.Standing.MEMBER)
    ministry = OrganizationFactory(kind=Organization.Kind.MINISTRY, standing=Organization.Standing.MEMBER)
    ngo_people = [MembershipFactory(organization=ngo_org).user for _ in range(3)]
    MembershipFactory(organization=ministry)
    people = selectors.people_to_invite(kinds=[Organization.Kind.NGO])
    assert services.invitations_create(actor=secretariat, meeting=meeting, people=people) == 3
    assert services.invitations_create(actor=secretariat, meeting=meeting, people=people) == 0
    assert set(meeting.invitations.values_list("person_id", flat=True)) == {p.pk for p in ngo_people}
    assert set(meeting.invitations.values_list("organization_id", flat=True)) == {ngo_org.pk}


def test_invitation_unique_per_meeting_and_person() -> None:
    invitation = InvitationFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        Invitation.objects.create(meeting=invitation.meeting, person=invitation.person)


@pytest.mark.parametrize(
    ("status", "days"),
    [(Meeting.Status.CANCELLED, 10), (Meeting.Status.HELD, -10), (Meeting.Status.SCHEDULED, -10)],
)
def test_rsvp_refused_for_cancelled_or_past_meeting(status: str, days: int) -> None:
    invitation = InvitationFactory(meeting=MeetingFactory(status=status, starts_at=in_days(days)))
    with pytest.raises(ApplicationError):
        services.invitation_respond(actor=invitation.person, invitation=invitation, response="accepted")
    invitation.refresh_from_db()
    assert invitation.response == Invitation.Response.INVITED


def test_rsvp_accept_records_answer_and_mode() -> None:
    invitation = InvitationFactory(meeting=MeetingFactory(format=Meeting.Format.HYBRID))
    services.invitation_respond(actor=invitation.person, invitation=invitation, response="accepted",
                                attendance_mode="online")
    invitation.refresh_from_db()
    assert (invitation.response, invitation.attendance_mode) == ("accepted", "online")
    assert invitation.responded_at is not None


def test_attendance_marks_present_and_absent(secretariat: User) -> None:
    meeting = MeetingFactory(past=True)
    present, absent = InvitationFactory(meeting=meeting), InvitationFactory(meeting=meeting)
    assert services.attendance_record(actor=secretariat, meeting=meeting, attended_person_ids=[present.person_id]) == 1
    present.refresh_from_db()
    absent.refresh_from_db()
    assert (present.attended, absent.attended) == (True, False)


def test_minutes_body_is_sanitised(secretariat: User) -> None:
    meeting = MeetingFactory(past=True)
    minutes = services.minutes_save(
        actor=secretariat, meeting=meeting, version=1,
        body='<p onclick="x()">Hello <script>alert(1)</script><strong>world</strong></p><a href="javascript:x">l</a>',
        decisions="",
    )
    assert "<script" not in minutes.body and "onclick" not in minutes.body and "javascript" not in minutes.body
    assert "<strong>world</strong>" in minutes.body


def test_second_concurrent_minutes_save_is_refused(secretariat: User) -> None:
    meeting = MeetingFactory(past=True)
    first = services.minutes_save(actor=secretariat, meeting=meeting, body="<p>start</p>", decisions="", version=1)
    services.minutes_save(actor=secretariat, meeting=meeting, body="<p>Alice</p>", decisions="", version=first.version)
    with pytest.raises(services.MinutesConflict) as exc:
        services.minutes_save(actor=secretariat, meeting=meeting, body="<p>Bob</p>", decisions="", version=first.version)
    assert exc.value.current.body == "<p>Alice</p>"  # type: ignore[attr-defined]  # the stored Minutes
    assert Minutes.objects.get(meeting=meeting).body == "<p>Alice</p>"


def test_minutes_flow_draft_approved_published_keeps_history(secretariat: User, settings) -> None:  # noqa: ANN001
    settings.MINUTES_REQUIRED_LANGUAGES = []  # publication without translations: test_minutes_publication_...
    meeting = MeetingFactory(past=True)
    services.minutes_save(actor=secretariat, meeting=meeting, body="<p>v1</p>", decisions="", version=1)
    with pytest.raises(ApplicationError):
        services.minutes_publish(actor=secretariat, meeting=meeting)
    services.minutes_approve(actor=secretariat, meeting=meeting)
    minutes = services.minutes_publish(actor=secretariat, meeting=meeting)
    meeting.refresh_from_db()
    assert minutes.status == Minutes.Status.PUBLISHED and minutes.published_at
    assert meeting.status == Meeting.Status.MINUTES_PUBLISHED
    assert minutes.history.count() == 3  # type: ignore[attr-defined]  # simple_history's HistoryManager
    with pytest.raises(ApplicationError):
        services.minutes_save(actor=secretariat, meeting=meeting, body="<p>late</p>", decisions="",
                              version=minutes.version)


def test_minutes_cannot_be_approved_before_the_meeting_is_held(secretariat: User) -> None:
    meeting = MeetingFactory(status=Meeting.Status.SCHEDULED)
    MinutesFactory(meeting=meeting)
    with pytest.raises(ApplicationError):
        services.minutes_approve(actor=secretariat, meeting=meeting)


def test_agenda_of_published_meeting_is_closed(secretariat: User) -> None:
    meeting = MeetingFactory(past=True, status=Meeting.Status.MINUTES_PUBLISHED)
    item = AgendaItemFactory(meeting=meeting)
    with pytest.raises(ApplicationError):
        services.agenda_item_create(actor=secretariat, meeting=meeting, title="Late")
    with pytest.raises(ApplicationError):
        services.agenda_item_move(actor=secretariat, item=item, direction="down")


def test_calendar_token_reset_changes_the_secret(ngo: User) -> None:
    first = services.calendar_token_reset(user=ngo).token
    second = services.calendar_token_reset(user=ngo).token
    assert first != second and len(second) >= 30


def test_minutes_publication_names_the_missing_and_outdated_translations(secretariat: User, settings) -> None:  # noqa: ANN001
    from core.multilingual import translation_save

    settings.MINUTES_REQUIRED_LANGUAGES = ["kk", "ru"]
    meeting = MeetingFactory(past=True, original_language="ru")
    minutes = services.minutes_save(actor=secretariat, meeting=meeting, body="<p>Протокол</p>", decisions="",
                                    version=1, original_language="ru")
    services.minutes_approve(actor=secretariat, meeting=meeting)
    with pytest.raises(ApplicationError, match="the Kazakh translation is missing"):
        services.minutes_publish(actor=secretariat, meeting=meeting)
    translation_save(obj=minutes, language="kk", texts={"body": "<p>Хаттама</p>"},
                     base_fingerprint=minutes.current_fingerprint())
    # Russian is the original: nothing else is required.
    published = services.minutes_publish(actor=secretariat, meeting=meeting)
    assert published.status == Minutes.Status.PUBLISHED
    assert published.body_kk == "<p>Хаттама</p>" and published.body_ru == "<p>Протокол</p>"
