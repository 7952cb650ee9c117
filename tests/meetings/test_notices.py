"""Meeting notices: invitations, reminders, minutes published and minutes overdue, each on time and once."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar
from pytest_django.fixtures import Settings

from core.exceptions import ApplicationError
from meetings import services
from meetings.models import Invitation, Meeting, Minutes
from meetings.notices import due as notice_selectors
from meetings.notices import kinds, meeting_notices_publish_due
from notifications import tasks
from notifications.models import Delivery, Notice, OptOut
from participants.models import User
from tests.meetings.factories import InvitationFactory, MeetingFactory, MinutesFactory, in_days
from tests.participants.factories import UserFactory

pytestmark = pytest.mark.django_db
R = Invitation.Response
DAY = dt.timedelta(days=1)
LINK = "https://meet.example.org/secret-room-42"


def _run(now: dt.datetime, capture: Callable) -> int:
    with capture(execute=True):
        return meeting_notices_publish_due(now=now)


def _to(subject_part: str) -> list[str]:
    return sorted(m.to[0] for m in mail.outbox if subject_part in m.subject)


def _invite(meeting: Meeting, email: str, response: str = R.INVITED, **user: object) -> Invitation:
    user.setdefault("preferred_language", "en")
    person = UserFactory(email=email, role=user.pop("role", User.Role.NGO), **user)
    return InvitationFactory(meeting=meeting, person=person, response=response)


@pytest.fixture
def meeting() -> Meeting:
    return MeetingFactory(title="Meeting No. 44", starts_at=in_days(30), ends_at=in_days(30) + dt.timedelta(hours=3))


# --- invitation -------------------------------------------------------------------------------------------


def test_invitation_goes_to_every_invitee_from_the_lead_time_on(meeting: Meeting, django_capture_on_commit_callbacks) -> None:
    _invite(meeting, "a@example.org")
    _invite(meeting, "b@example.org", R.DECLINED)
    lead = meeting.starts_at - 21 * DAY

    assert _run(lead - dt.timedelta(minutes=1), django_capture_on_commit_callbacks) == 0
    assert mail.outbox == []

    assert _run(lead, django_capture_on_commit_callbacks) == 2
    assert _to("Invitation: Meeting No. 44") == ["a@example.org", "b@example.org"]


def test_running_the_due_check_twice_sends_nothing_twice(meeting: Meeting, django_capture_on_commit_callbacks) -> None:
    _invite(meeting, "a@example.org")
    now = meeting.starts_at - 20 * DAY

    _run(now, django_capture_on_commit_callbacks)
    assert _run(now, django_capture_on_commit_callbacks) == 0
    assert _run(now + dt.timedelta(minutes=15), django_capture_on_commit_callbacks) == 0

    assert len(mail.outbox) == 1
    assert Delivery.objects.filter(notice__key=f"meeting:{meeting.pk}:invitation").count() == 1


def test_invitee_added_after_the_invitation_went_out_gets_it_at_the_next_check(
    meeting: Meeting, django_capture_on_commit_callbacks,
) -> None:
    _invite(meeting, "first@example.org")
    now = meeting.starts_at - 20 * DAY
    _run(now, django_capture_on_commit_callbacks)
    _invite(meeting, "late@example.org")

    _run(now + dt.timedelta(minutes=15), django_capture_on_commit_callbacks)

    assert _to("Invitation") == ["first@example.org", "late@example.org"]


@pytest.mark.parametrize("status", [Meeting.Status.DRAFT, Meeting.Status.CANCELLED])
def test_draft_and_cancelled_meetings_get_no_notices(status: str, django_capture_on_commit_callbacks) -> None:
    meeting = MeetingFactory(status=status)
    _invite(meeting, "a@example.org", R.ACCEPTED)

    for days_before in (21, 7, 1):
        _run(meeting.starts_at - days_before * DAY, django_capture_on_commit_callbacks)

    assert mail.outbox == []
    assert not Notice.objects.exists()


def test_lead_time_is_the_meetings_own(django_capture_on_commit_callbacks) -> None:
    meeting = MeetingFactory(starts_at=in_days(60), ends_at=in_days(60) + dt.timedelta(hours=2),
                             invitation_lead_days=45)
    _invite(meeting, "a@example.org")

    assert _run(meeting.starts_at - 46 * DAY, django_capture_on_commit_callbacks) == 0
    assert _run(meeting.starts_at - 45 * DAY, django_capture_on_commit_callbacks) == 1


# --- content: time zone, place, online link, .ics, languages ----------------------------------------------


def test_invitation_states_date_time_zone_place_and_online_link_with_a_calendar_file(
    meeting: Meeting, django_capture_on_commit_callbacks,
) -> None:
    _invite(meeting, "a@example.org", first_name="Aigerim", last_name="Sultanova")

    _run(meeting.starts_at - 21 * DAY, django_capture_on_commit_callbacks)

    (message,) = mail.outbox
    html = message.alternatives[0].content
    for body in (message.body, html):
        assert "Aigerim Sultanova" in body
        assert "10:00–13:00 (Almaty, UTC+5)" in body
        assert "Ministry of Foreign Affairs, Astana" in body
        assert LINK in body
        assert f"https://dialogue.example.kz/en/meetings/{meeting.pk}/" in body
    assert timezone.localtime(meeting.starts_at).strftime("%Y") in message.body
    ((filename, ics, mimetype),) = message.attachments
    assert (filename, mimetype) == (f"meeting-{meeting.pk}.ics", "text/calendar")
    (event,) = Calendar.from_ical(ics).walk("VEVENT")
    assert event.decoded("dtstart") == meeting.starts_at
    assert str(event["summary"]) == "Meeting No. 44"
    assert LINK in str(event["description"])


def test_russian_and_kazakh_invitees_get_their_own_language(
    meeting: Meeting, django_capture_on_commit_callbacks,
) -> None:
    _invite(meeting, "ru@example.org", preferred_language="ru")
    _invite(meeting, "kk@example.org", preferred_language="kk")
    _invite(meeting, "en@example.org", preferred_language="en")

    _run(meeting.starts_at - 21 * DAY, django_capture_on_commit_callbacks)

    by_address = {m.to[0]: m for m in mail.outbox}
    assert by_address["en@example.org"].subject.startswith("Invitation: Meeting No. 44")
    assert by_address["ru@example.org"].subject.startswith("Приглашение: Meeting No. 44")
    assert by_address["kk@example.org"].subject.startswith("Шақыру: Meeting No. 44")
    assert "(Алматы, UTC+5)" in by_address["ru@example.org"].body
    assert "(Алматы, UTC+5)" in by_address["kk@example.org"].body
    # "Дата: среда, 23.12.2026": the day of the week in lower case, the date in digits (core/formats/ru).
    day = timezone.localtime(meeting.starts_at).strftime("%d.%m.%Y")
    assert re.search(rf"Дата: [а-я]+, {re.escape(day)}\n", str(by_address["ru@example.org"].body))
    # Kazakh: the date first, then the day of the week ("Күні: 23.12.2026, сәрсенбі").
    assert re.search(rf"Күні: {re.escape(day)}, [а-яәғқңөұүһі]+\n", str(by_address["kk@example.org"].body))
    # English: "Date: Wednesday, 23 December 2026", never the US order.
    local = timezone.localtime(meeting.starts_at)
    assert f"Date: {local:%A}, {local.day} {local:%B %Y}\n" in by_address["en@example.org"].body
    assert f"https://dialogue.example.kz/ru/meetings/{meeting.pk}/" in by_address["ru@example.org"].body
    assert f"https://dialogue.example.kz/kk/meetings/{meeting.pk}/" in by_address["kk@example.org"].body


# --- reminders ---------------------------------------------------------------------------------------------


def test_reminder_to_answer_goes_only_to_invitees_without_an_answer_seven_days_before(
    meeting: Meeting, django_capture_on_commit_callbacks,
) -> None:
    _invite(meeting, "silent@example.org")
    for response in (R.ACCEPTED, R.DECLINED, R.TENTATIVE):
        _invite(meeting, f"{response}@example.org", response)
    _run(meeting.starts_at - 21 * DAY, django_capture_on_commit_callbacks)
    mail.outbox.clear()
    moment = meeting.starts_at - 7 * DAY

    _run(moment - dt.timedelta(minutes=1), django_capture_on_commit_callbacks)
    assert mail.outbox == []

    _run(moment, django_capture_on_commit_callbacks)
    assert _to("Please answer: Meeting No. 44") == ["silent@example.org"]
    assert len(mail.outbox) == 1
    assert "https://dialogue.example.kz/en/meetings/mine/" in mail.outbox[0].body


def test_no_reminder_to_answer_for_someone_who_just_got_the_invitation(django_capture_on_commit_callbacks) -> None:
    # Scheduled three days before: the invitation goes at once, a reminder on top of it would be noise.
    meeting = MeetingFactory(starts_at=in_days(3), ends_at=in_days(3) + dt.timedelta(hours=3))
    _invite(meeting, "a@example.org")

    _run(timezone.now(), django_capture_on_commit_callbacks)
    _run(timezone.now() + DAY, django_capture_on_commit_callbacks)

    assert [m.subject.split(":")[0] for m in mail.outbox] == ["Invitation"]


def test_reminder_to_those_who_accepted_one_day_before_carries_the_online_link(
    meeting: Meeting, django_capture_on_commit_callbacks,
) -> None:
    _invite(meeting, "yes@example.org", R.ACCEPTED)
    _invite(meeting, "no@example.org", R.DECLINED)
    _invite(meeting, "silent@example.org")
    moment = meeting.starts_at - DAY

    _run(moment - dt.timedelta(minutes=1), django_capture_on_commit_callbacks)
    assert _to("Reminder:") == []

    _run(moment, django_capture_on_commit_callbacks)
    (reminder,) = [m for m in mail.outbox if m.subject.startswith("Reminder:")]
    assert reminder.to == ["yes@example.org"]
    assert LINK in reminder.body
    assert LINK in reminder.alternatives[0].content  # type: ignore[attr-defined]  # the message is an EmailMultiAlternatives
    (event,) = Calendar.from_ical(reminder.attachments[0][1]).walk("VEVENT")
    assert LINK in str(event["description"])


def test_a_moved_meeting_gets_a_new_reminder(meeting: Meeting, django_capture_on_commit_callbacks) -> None:
    _invite(meeting, "a@example.org", R.ACCEPTED)
    _run(meeting.starts_at - DAY, django_capture_on_commit_callbacks)
    new_start = meeting.starts_at + 7 * DAY
    Meeting.objects.filter(pk=meeting.pk).update(starts_at=new_start, ends_at=new_start + dt.timedelta(hours=3))
    mail.outbox.clear()

    _run(new_start - DAY, django_capture_on_commit_callbacks)

    assert _to("Reminder:") == ["a@example.org"]
    assert Notice.objects.filter(kind=kinds.REMINDER_ACCEPTED).count() == 2


# --- minutes -----------------------------------------------------------------------------------------------


def _held_with_approved_minutes(**meeting: object) -> Meeting:
    minutes = MinutesFactory(meeting__title="Meeting No. 43", meeting__status=Meeting.Status.HELD, **meeting)
    minutes.status = Minutes.Status.APPROVED
    minutes.save()
    return minutes.meeting


def test_published_minutes_reach_invitees_and_observers_and_only_invitees_see_the_online_link(
    secretariat: User, django_capture_on_commit_callbacks,
) -> None:
    meeting = _held_with_approved_minutes()
    _invite(meeting, "invitee@example.org")
    UserFactory(email="observer@example.org", role=User.Role.OBSERVER, preferred_language="en")
    UserFactory(email="focal@example.org", role=User.Role.FOCAL_POINT, preferred_language="en")

    with django_capture_on_commit_callbacks(execute=True):
        services.minutes_publish(actor=secretariat, meeting=meeting)

    by_address = {m.to[0]: m for m in mail.outbox if m.subject.startswith("Minutes published: Meeting No. 43")}
    assert sorted(by_address) == ["invitee@example.org", "observer@example.org"]
    invitee, observer = by_address["invitee@example.org"], by_address["observer@example.org"]
    assert LINK in invitee.body
    assert LINK not in observer.body
    assert LINK not in observer.alternatives[0].content  # type: ignore[attr-defined]  # the message is an EmailMultiAlternatives
    assert "The link is sent to invitees only." in observer.body
    (event,) = Calendar.from_ical(observer.attachments[0][1]).walk("VEVENT")
    assert LINK not in str(event["description"])
    # An optional notice: every message can be switched off from the mail client.
    assert invitee.extra_headers.get("List-Unsubscribe") or "List-Unsubscribe" in str(invitee.message())


def test_an_observer_who_switched_minutes_off_on_the_settings_page_gets_none(
    client_as: Callable[[str], Client], secretariat: User, django_capture_on_commit_callbacks,
) -> None:
    client = client_as("observer")
    observer = User.objects.get(email="observer@example.org")
    response = client.post(reverse("notifications:preferences"), {"topics": []})
    assert response.status_code == 302
    assert OptOut.objects.filter(user=observer, topic=kinds.MINUTES_PUBLISHED).exists()
    UserFactory(email="other-observer@example.org", role=User.Role.OBSERVER, preferred_language="en")
    meeting = _held_with_approved_minutes()

    with django_capture_on_commit_callbacks(execute=True):
        services.minutes_publish(actor=secretariat, meeting=meeting)

    assert _to("Minutes published") == ["other-observer@example.org"]


def test_secretariat_is_reminded_three_and_seven_days_after_a_held_meeting_without_published_minutes(
    secretariat: User, django_capture_on_commit_callbacks,
) -> None:
    User.objects.filter(pk=secretariat.pk).update(preferred_language="en")
    meeting = MeetingFactory(title="Meeting No. 42", starts_at=in_days(-1), ends_at=in_days(-1) + dt.timedelta(hours=3),
                             status=Meeting.Status.HELD)
    _invite(meeting, "invitee@example.org", R.ACCEPTED)
    ended = meeting.ends_at

    _run(ended + 3 * DAY - dt.timedelta(minutes=1), django_capture_on_commit_callbacks)
    assert mail.outbox == []

    _run(ended + 3 * DAY, django_capture_on_commit_callbacks)
    _run(ended + 3 * DAY + dt.timedelta(hours=1), django_capture_on_commit_callbacks)
    assert _to("Minutes not yet published: Meeting No. 42") == ["secretariat@example.org"]
    assert "held 3 days ago" in mail.outbox[0].body
    assert f"https://dialogue.example.kz/en/meetings/manage/{meeting.pk}/minutes/" in mail.outbox[0].body

    _run(ended + 7 * DAY, django_capture_on_commit_callbacks)
    assert len(mail.outbox) == 2
    assert "held 7 days ago" in mail.outbox[1].body


def test_no_minutes_reminder_once_the_minutes_are_published(secretariat: User, django_capture_on_commit_callbacks) -> None:
    meeting = MeetingFactory(starts_at=in_days(-1), ends_at=in_days(-1) + dt.timedelta(hours=3),
                             status=Meeting.Status.MINUTES_PUBLISHED)

    _run(meeting.ends_at + 3 * DAY, django_capture_on_commit_callbacks)

    assert mail.outbox == []


# --- cost, and the checker as registered -------------------------------------------------------------------


@pytest.mark.parametrize("meetings", [2, 12])
def test_the_due_check_costs_the_same_few_queries_whatever_the_number_of_meetings(
    meetings: int, django_capture_on_commit_callbacks, django_assert_max_num_queries,
) -> None:
    start = in_days(10)
    for n in range(meetings):
        m = MeetingFactory(starts_at=start + dt.timedelta(hours=n), ends_at=start + dt.timedelta(hours=n + 1))
        for r in (R.INVITED, R.ACCEPTED):
            _invite(m, f"{r}-{n}@example.org", r)
        MeetingFactory(past=True)  # held, minutes pending: inside the checker's window of held meetings
    now = start - 9 * DAY

    with django_assert_max_num_queries(4):
        due = notice_selectors.due_meeting_notices(now=now)
    assert len(due) == meetings
    _run(now, django_capture_on_commit_callbacks)

    with django_assert_max_num_queries(4):
        assert _run(now + dt.timedelta(minutes=15), django_capture_on_commit_callbacks) == 0


def test_the_periodic_task_runs_the_meeting_checker(meeting: Meeting, django_capture_on_commit_callbacks) -> None:
    soon = MeetingFactory(starts_at=in_days(10), ends_at=in_days(10) + dt.timedelta(hours=2))
    _invite(soon, "a@example.org")

    with django_capture_on_commit_callbacks(execute=True):
        tasks.run_due_notices()

    assert _to("Invitation") == ["a@example.org"]


# --- lead times in the secretariat's form ------------------------------------------------------------------


def _form_data(meeting: Meeting, **overrides: object) -> dict[str, object]:
    local = timezone.localtime
    data: dict[str, object] = {
        "number": meeting.number, "title": meeting.title, "starts_at": local(meeting.starts_at).strftime("%Y-%m-%dT%H:%M"),
        "ends_at": local(meeting.ends_at).strftime("%Y-%m-%dT%H:%M"), "format": meeting.format,
        "venue": meeting.venue, "online_link": meeting.online_link, "chair": meeting.chair, "description": "",
        "topics_text": "", "invitation_lead_days": 21, "reminder_pending_days": 7, "reminder_accepted_days": 1,
        "minutes_overdue_first_days": 3, "minutes_overdue_second_days": 7, "version": meeting.version,
    }
    data.update(overrides)
    return data


def test_secretariat_changes_a_meetings_lead_times(meeting: Meeting, client_as: Callable[[str], Client]) -> None:
    response = client_as("secretariat").post(
        reverse("meetings:meeting-edit", args=[meeting.pk]),
        _form_data(meeting, invitation_lead_days=30, reminder_pending_days=10, minutes_overdue_second_days=10),
    )

    assert response.status_code == 302
    meeting.refresh_from_db()
    assert (meeting.invitation_lead_days, meeting.reminder_pending_days, meeting.minutes_overdue_second_days) == (
        30, 10, 10,
    )


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"reminder_pending_days": 21}, "reminder_pending_days", "A reminder comes after the invitation"),
        ({"reminder_accepted_days": 30}, "reminder_accepted_days", "A reminder comes after the invitation"),
        ({"invitation_lead_days": 0}, "invitation_lead_days", "greater than or equal to 1"),
        ({"reminder_accepted_days": -1}, "reminder_accepted_days", "greater than or equal to 1"),
        ({"invitation_lead_days": 400}, "invitation_lead_days", "less than or equal to 365"),
        ({"minutes_overdue_second_days": 3}, "minutes_overdue_second_days", "The second reminder comes after"),
        ({"invitation_lead_days": "three"}, "invitation_lead_days", "Enter a whole number"),
    ],
)
def test_bad_lead_times_are_refused_next_to_their_field_keeping_the_input(
    meeting: Meeting, client_as: Callable[[str], Client], overrides: dict[str, object], field: str, message: str,
) -> None:
    response = client_as("secretariat").post(
        reverse("meetings:meeting-edit", args=[meeting.pk]), _form_data(meeting, title="Renamed", **overrides)
    )

    assert response.status_code == 200
    errors = response.context["form"].errors
    assert list(errors) == [field]
    assert message in errors[field][0]
    assert 'value="Renamed"' in response.content.decode()
    meeting.refresh_from_db()
    assert meeting.title == "Meeting No. 44"


def test_a_new_meeting_takes_the_lead_times_from_settings(settings: Settings) -> None:
    settings.MEETINGS_INVITATION_LEAD_DAYS = 28
    settings.MEETINGS_MINUTES_OVERDUE_DAYS = (2, 5)

    meeting = services.meeting_create(actor=None, title="Plenary", starts_at=in_days(40), ends_at=in_days(40, 13))

    assert (meeting.invitation_lead_days, meeting.reminder_pending_days, meeting.reminder_accepted_days) == (28, 7, 1)
    assert (meeting.minutes_overdue_first_days, meeting.minutes_overdue_second_days) == (2, 5)


def test_services_refuse_a_reminder_before_the_invitation(meeting: Meeting, secretariat: User) -> None:
    with pytest.raises(ApplicationError) as caught:
        services.meeting_update(actor=secretariat, meeting=meeting, version=meeting.version, invitation_lead_days=5)

    assert caught.value.field == "reminder_pending_days"
    with pytest.raises(ApplicationError):
        services.meeting_create(actor=None, title="P", starts_at=in_days(40), ends_at=in_days(40, 13),
                                minutes_overdue_first_days=7, minutes_overdue_second_days=7)
