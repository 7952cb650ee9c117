"""End-to-end journeys through the Django test client, one per role, plus the bad-input cases."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable

import pytest
from django.contrib.messages import get_messages
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from meetings.models import Invitation, Meeting, MeetingDocument, Minutes
from participants.models import Organization, User
from tests.meetings.factories import (
    AgendaItemFactory,
    FollowUpActionFactory,
    InvitationFactory,
    MeetingDocumentFactory,
    MeetingFactory,
    MinutesFactory,
    PublishedMinutesFactory,
    in_days,
)
from tests.meetings.test_uploads import ooxml
from tests.participants.factories import MembershipFactory, OrganizationFactory

pytestmark = pytest.mark.django_db

SECRET_LINK = "https://meet.example.org/secret-room-42"


def messages_of(response: object) -> list[str]:
    return [str(m) for m in get_messages(response.wsgi_request)]  # type: ignore[attr-defined]


def local(value: dt.datetime) -> str:
    return timezone.localtime(value).strftime("%Y-%m-%dT%H:%M")


def meeting_form_data(**overrides: object) -> dict[str, object]:
    start = in_days(20)
    data = {
        "number": 44, "title": "44th meeting of the Dialogue Platform", "starts_at": local(start),
        "ends_at": local(start + dt.timedelta(hours=3)), "format": "hybrid", "venue": "MFA, Astana",
        "online_link": SECRET_LINK, "chair": "Ambassador-at-Large", "description": "", "topics_text": "UPR, CRPD",
    }
    data.update(overrides)
    return data


# --- Secretariat ----------------------------------------------------------------------------


def test_secretariat_journey_from_plan_to_published_minutes(
    client_as: Callable[[str], Client], django_capture_on_commit_callbacks: Callable,
) -> None:
    client = client_as("secretariat")
    # Plan next year's quarterly meetings in one step.
    year = timezone.localdate().year + 1
    response = client.post(reverse("meetings:meeting-plan-year"), {
        "year": year, "start_time": "10:00", "duration_hours": 3, "format": "hybrid", "venue": "MFA", "chair": "",
    })
    assert response.status_code == 302
    assert Meeting.objects.filter(status=Meeting.Status.DRAFT, starts_at__year=year).count() == 4
    # Create a meeting in the web UI.
    response = client.post(reverse("meetings:meeting-create"), meeting_form_data(number=200))
    meeting = Meeting.objects.get(number=200)
    assert response.status_code == 302 and response["Location"] == reverse("meetings:manage-detail", args=[meeting.pk])
    assert sorted(t.name for t in meeting.topics.all()) == ["CRPD", "UPR"]
    # Agenda: add three items, with a follow-up suggestion, then reorder with htmx and without.
    earlier_action = FollowUpActionFactory(description="Report on the CRPD recommendations")
    agenda_page = client.get(reverse("meetings:agenda", args=[meeting.pk]))
    assert "Report on the CRPD recommendations" in agenda_page.content.decode()
    for title in ("Opening", "UPR mid-term report"):
        client.post(reverse("meetings:agenda", args=[meeting.pk]), {"title": title, "minutes_allotted": 15})
    client.post(reverse("meetings:agenda-suggestion-add", args=[meeting.pk, earlier_action.pk]))
    items = list(meeting.agenda_items.order_by("position"))
    assert [i.title for i in items] == ["Opening", "UPR mid-term report", "Report on the CRPD recommendations"]
    assert items[2].follow_up_of == earlier_action
    partial = client.post(reverse("meetings:agenda-item-move", args=[meeting.pk, items[2].pk]), {"direction": "up"},
                          HTTP_HX_REQUEST="true")
    assert partial.status_code == 200 and "<html" not in partial.content.decode()
    response = client.post(reverse("meetings:agenda-item-move", args=[meeting.pk, items[0].pk]), {"direction": "down"})
    assert response.status_code == 302
    assert list(meeting.agenda_items.order_by("position").values_list("title", flat=True)) == [
        "Report on the CRPD recommendations", "Opening", "UPR mid-term report"]
    # Invite all NGOs in bulk, plus one person.
    ngo_org = OrganizationFactory(kind=Organization.Kind.NGO)
    ngo_people = [MembershipFactory(organization=ngo_org).user for _ in range(2)]
    observer = MembershipFactory(organization=OrganizationFactory(standing=Organization.Standing.OBSERVER,
                                                                  kind=Organization.Kind.EMBASSY)).user
    client.post(reverse("meetings:invitations", args=[meeting.pk]), {"kinds": ["ngo"], "people": [observer.pk]})
    assert set(meeting.invitations.values_list("person_id", flat=True)) >= {p.pk for p in ngo_people} | {observer.pk}
    # Schedule it; watch the answers live.
    client.post(reverse("meetings:meeting-status", args=[meeting.pk]), {"status": "scheduled"})
    meeting.refresh_from_db()
    assert meeting.status == Meeting.Status.SCHEDULED
    Invitation.objects.filter(meeting=meeting, person=ngo_people[0]).update(response="accepted")
    counts = client.get(reverse("meetings:rsvp-summary", args=[meeting.pk]), HTTP_HX_REQUEST="true")
    assert 'data-count="accepted">1<' in counts.content.decode()
    assert 'hx-trigger="every' in counts.content.decode()
    # Upload a document.
    client.post(reverse("meetings:documents", args=[meeting.pk]), {
        "title": "Draft agenda", "visibility": "participants", "file": SimpleUploadedFile("agenda.docx", ooxml("word")),
    })
    document = meeting.documents.get()
    assert document.content_type.endswith("wordprocessingml.document")
    # Reschedule: invitees are told by e-mail.
    new_start = in_days(27)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("meetings:meeting-reschedule", args=[meeting.pk]), {
            "starts_at": local(new_start), "ends_at": local(new_start + dt.timedelta(hours=2)), "reason": "Room change"})
    assert len(mail.outbox) == meeting.invitations.count()
    # The meeting takes place (simulated by moving it into the past), attendance and minutes follow.
    Meeting.objects.filter(pk=meeting.pk).update(starts_at=in_days(-2), ends_at=in_days(-2) + dt.timedelta(hours=2))
    client.post(reverse("meetings:meeting-status", args=[meeting.pk]), {"status": "held"})
    client.post(reverse("meetings:attendance", args=[meeting.pk]), {"attended": [ngo_people[0].pk, observer.pk]})
    assert meeting.invitations.filter(attended=True).count() == 2
    client.post(reverse("meetings:minutes", args=[meeting.pk]), {
        "body": "<p>The Platform discussed the UPR mid-term report.</p>", "decisions": "<p>Adopted.</p>", "version": 1})
    client.post(reverse("meetings:follow-up-create", args=[meeting.pk]), {
        "description": "Send comments on the UPR report", "owner_organization": ngo_org.pk, "due_date": "2030-01-10",
        "status": "open"})
    client.post(reverse("meetings:minutes-approve", args=[meeting.pk]))
    # Publication waits for the Kazakh and Russian translations, and says so.
    refused = client.post(reverse("meetings:minutes-publish", args=[meeting.pk]), follow=True).content.decode()
    assert "the Kazakh translation is missing; the Russian translation is missing" in refused
    minutes = Minutes.objects.get(meeting=meeting)
    for language, body in [("kk", "<p>Алаң ЖМШ аралық баяндамасын талқылады.</p>"),
                           ("ru", "<p>Платформа обсудила промежуточный доклад по УПО.</p>")]:
        url = reverse("translation-edit", args=["meetings.minutes", minutes.pk, language])
        base = re.search(r'name="base" value="([0-9a-f]+)"', client.get(url).content.decode()).group(1)
        assert client.post(url, {"base": base, "body": body, "decisions": "<p>Қабылданды / Принято.</p>"}
                           ).status_code == 302
    client.post(reverse("meetings:minutes-publish", args=[meeting.pk]))
    meeting.refresh_from_db()
    assert meeting.status == Meeting.Status.MINUTES_PUBLISHED
    assert meeting.minutes.status == Minutes.Status.PUBLISHED
    public = Client().get(reverse("meetings:meeting-detail", args=[meeting.pk])).content.decode()
    assert "The Platform discussed the UPR mid-term report." in public
    assert "Send comments on the UPR report" in public
    history = client.get(reverse("meetings:minutes", args=[meeting.pk])).content.decode()
    # Draft, approval, the Kazakh and the Russian translations, publication.
    assert history.count(f"meetings/manage/{meeting.pk}/minutes/versions/") == 5


def test_secretariat_cancels_meeting_and_invitees_are_told(
    client_as: Callable[[str], Client], django_capture_on_commit_callbacks: Callable,
) -> None:
    client = client_as("secretariat")
    meeting = MeetingFactory()
    InvitationFactory.create_batch(2, meeting=meeting)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("meetings:meeting-cancel", args=[meeting.pk]), {"reason": "Floods"},
                               follow=True)
    assert "invitees are being told" in response.content.decode()
    assert len(mail.outbox) == 2 and "Floods" in mail.outbox[0].body


# --- Bad input ------------------------------------------------------------------------------


def test_end_before_start_is_refused_and_the_form_keeps_the_input(client_as: Callable[[str], Client]) -> None:
    client = client_as("secretariat")
    start = in_days(5)
    data = meeting_form_data(starts_at=local(start), ends_at=local(start - dt.timedelta(hours=1)))
    response = client.post(reverse("meetings:meeting-create"), data)
    assert response.status_code == 200
    assert "The meeting must end after it starts." in response.content.decode()
    assert "44th meeting of the Dialogue Platform" in response.content.decode()
    assert not Meeting.objects.exists()


def test_duplicate_meeting_number_gets_a_field_error(client_as: Callable[[str], Client]) -> None:
    MeetingFactory(number=44)
    response = client_as("secretariat").post(reverse("meetings:meeting-create"), meeting_form_data())
    assert response.status_code == 200
    assert "There is already a plenary meeting number 44." in response.content.decode()
    assert Meeting.objects.count() == 1


def test_illegal_status_jump_shows_a_message(client_as: Callable[[str], Client]) -> None:
    meeting = MeetingFactory(status=Meeting.Status.DRAFT)
    response = client_as("secretariat").post(reverse("meetings:meeting-status", args=[meeting.pk]),
                                             {"status": "minutes_published"})
    assert response.status_code == 302
    assert any("cannot go from" in m for m in messages_of(response))
    meeting.refresh_from_db()
    assert meeting.status == Meeting.Status.DRAFT


def test_renamed_executable_and_oversized_files_are_refused(client_as: Callable[[str], Client], settings) -> None:  # noqa: ANN001
    client = client_as("secretariat")
    meeting = MeetingFactory()
    exe = SimpleUploadedFile("agenda.pdf", b"MZ\x90\x00" + b"\x00" * 64, content_type="application/pdf")
    response = client.post(reverse("meetings:documents", args=[meeting.pk]),
                           {"title": "Agenda", "visibility": "public", "file": exe})
    assert response.status_code == 200
    assert "not an accepted document" in response.content.decode()
    assert 'value="Agenda"' in response.content.decode()
    settings.UPLOAD_MAX_MB = 1
    big = SimpleUploadedFile("big.pdf", b"%PDF-" + b"0" * (1024 * 1024 + 10))
    response = client.post(reverse("meetings:documents", args=[meeting.pk]),
                           {"title": "Big", "visibility": "public", "file": big})
    assert "The file is too large: the limit is 1 MB." in response.content.decode()
    assert not MeetingDocument.objects.exists()


def test_concurrent_minutes_edit_is_refused_and_nothing_typed_is_lost(client_as: Callable[[str], Client]) -> None:
    client = client_as("secretariat")
    meeting = MeetingFactory(past=True)
    MinutesFactory(meeting=meeting, body="<p>Base</p>", version=3)
    # Alice saves version 3 first ...
    client.post(reverse("meetings:minutes", args=[meeting.pk]), {"body": "<p>Alice's text</p>", "decisions": "",
                                                                 "version": 3})
    # ... then Bob, who also opened version 3.
    response = client.post(reverse("meetings:minutes", args=[meeting.pk]),
                           {"body": "<p>Bob's long paragraph</p>", "decisions": "<p>Bob's decisions</p>", "version": 3})
    page = response.content.decode()
    assert response.status_code == 200
    assert "Someone else saved these minutes" in page
    assert "Bob&#x27;s long paragraph" in page or "Bob's long paragraph" in page  # Bob's text, in the form
    assert "Alice's text" in page  # the stored version, shown for merging
    assert 'name="version" value="4"' in page  # saving again after merging succeeds
    assert Minutes.objects.get(meeting=meeting).body == "<p>Alice's text</p>"
    client.post(reverse("meetings:minutes", args=[meeting.pk]), {"body": "<p>Merged</p>", "decisions": "", "version": 4})
    assert Minutes.objects.get(meeting=meeting).body == "<p>Merged</p>"


# --- NGO representative ---------------------------------------------------------------------


def test_ngo_journey_rsvp_documents_link_and_calendar(client_as: Callable[[str], Client]) -> None:
    client = client_as("ngo")
    me = User.objects.get(email="ngo@example.org")
    meeting = MeetingFactory(title="Meeting No. 44")
    invitation = InvitationFactory(meeting=meeting, person=me)
    private_doc = MeetingDocumentFactory(meeting=meeting, visibility=MeetingDocument.Visibility.PARTICIPANTS,
                                         title="Draft concept note")
    page = client.get(reverse("meetings:my-meetings")).content.decode()
    assert "Meeting No. 44" in page and SECRET_LINK in page and "Draft concept note" in page
    # One click, with htmx: the answer block is swapped in place.
    response = client.post(reverse("meetings:invitation-rsvp", args=[invitation.pk]), {"response": "accepted"},
                           HTTP_HX_REQUEST="true")
    assert response.status_code == 200 and "Accepted" in response.content.decode()
    invitation.refresh_from_db()
    assert invitation.response == "accepted" and invitation.attendance_mode == "in_person"
    # Without JavaScript: a plain post and a redirect with a message.
    response = client.post(reverse("meetings:invitation-rsvp", args=[invitation.pk]),
                           {"response": "declined", "next": "detail"})
    assert response["Location"] == reverse("meetings:meeting-detail", args=[meeting.pk])
    invitation.refresh_from_db()
    assert invitation.response == "declined"
    download = client.get(reverse("meetings:document-download", args=[private_doc.pk]))
    assert download.status_code == 200 and b"".join(download.streaming_content).startswith(b"%PDF-")  # type: ignore[attr-defined]  # a streaming response
    # Personal calendar subscription.
    client.post(reverse("meetings:calendar-token-reset"))
    page = client.get(reverse("meetings:my-meetings")).content.decode()
    assert "/feeds/meetings/personal/" in page


def test_rsvp_to_cancelled_meeting_gets_a_clear_message(client_as: Callable[[str], Client]) -> None:
    client = client_as("ngo")
    me = User.objects.get(email="ngo@example.org")
    invitation = InvitationFactory(meeting=MeetingFactory(status=Meeting.Status.CANCELLED), person=me)
    response = client.post(reverse("meetings:invitation-rsvp", args=[invitation.pk]), {"response": "accepted"})
    assert response.status_code == 302
    assert any("cancelled" in m for m in messages_of(response))
    htmx = client.post(reverse("meetings:invitation-rsvp", args=[invitation.pk]), {"response": "accepted"},
                       HTTP_HX_REQUEST="true")
    assert "cancelled" in htmx.content.decode()
    invitation.refresh_from_db()
    assert invitation.response == "invited"


def test_rsvp_to_past_meeting_is_refused(client_as: Callable[[str], Client]) -> None:
    client = client_as("ngo")
    me = User.objects.get(email="ngo@example.org")
    invitation = InvitationFactory(meeting=MeetingFactory(starts_at=in_days(-3)), person=me)
    response = client.post(reverse("meetings:invitation-rsvp", args=[invitation.pk]), {"response": "accepted"})
    assert any("over" in m for m in messages_of(response))


def test_nobody_can_answer_someone_elses_invitation(client_as: Callable[[str], Client]) -> None:
    invitation = InvitationFactory()
    response = client_as("ngo").post(reverse("meetings:invitation-rsvp", args=[invitation.pk]), {"response": "accepted"})
    assert response.status_code == 404
    invitation.refresh_from_db()
    assert invitation.response == "invited"


# --- Observer -------------------------------------------------------------------------------


def test_observer_sees_participants_documents_only_of_meetings_they_were_invited_to(
    client_as: Callable[[str], Client],
) -> None:
    client = client_as("observer")
    me = User.objects.get(email="observer@example.org")
    invited_to = MeetingFactory()
    InvitationFactory(meeting=invited_to, person=me)
    other = MeetingFactory()
    mine = MeetingDocumentFactory(meeting=invited_to, visibility="participants", title="Briefing for invitees")
    theirs = MeetingDocumentFactory(meeting=other, visibility="participants", title="Closed briefing")
    assert client.get(reverse("meetings:document-download", args=[mine.pk])).status_code == 200
    assert client.get(reverse("meetings:document-download", args=[theirs.pk])).status_code == 404
    page = client.get(reverse("meetings:meeting-detail", args=[other.pk])).content.decode()
    assert "Closed briefing" not in page and SECRET_LINK not in page
    page = client.get(reverse("meetings:meeting-detail", args=[invited_to.pk])).content.decode()
    assert "Briefing for invitees" in page and SECRET_LINK in page


# --- Anonymous public -----------------------------------------------------------------------


def test_public_journey_schedule_archive_search_and_documents(client: Client) -> None:
    upcoming = MeetingFactory(title="Meeting No. 44")
    AgendaItemFactory(meeting=upcoming, title="Children's rights")
    draft = MeetingFactory(title="Unannounced draft", status=Meeting.Status.DRAFT)
    held = PublishedMinutesFactory(meeting__title="Meeting No. 41",
                                   body="<p>Torture prevention and the national preventive mechanism.</p>").meeting
    other_held = PublishedMinutesFactory(meeting__title="Meeting No. 40", body="<p>Freedom of assembly.</p>").meeting
    public_doc = MeetingDocumentFactory(meeting=held, title="Press release")
    private_doc = MeetingDocumentFactory(meeting=held, title="Internal note", visibility="participants")

    listing = client.get(reverse("meetings:meeting-list")).content.decode()
    assert "Meeting No. 44" in listing and "Unannounced draft" not in listing
    assert client.get(reverse("meetings:meeting-detail", args=[draft.pk])).status_code == 404

    detail = client.get(reverse("meetings:meeting-detail", args=[upcoming.pk])).content.decode()
    assert "Children&#x27;s rights" in detail and SECRET_LINK not in detail

    archive = client.get(reverse("meetings:meeting-archive"), {"q": "preventive"}).content.decode()
    assert "Meeting No. 41" in archive and "Meeting No. 40" not in archive
    year = timezone.localtime(other_held.starts_at).year
    by_year = client.get(reverse("meetings:meeting-archive"), {"year": year}).content.decode()
    assert "Meeting No. 40" in by_year

    page = client.get(reverse("meetings:meeting-detail", args=[held.pk])).content.decode()
    assert "Torture prevention" in page and "Press release" in page and "Internal note" not in page
    assert client.get(reverse("meetings:document-download", args=[public_doc.pk])).status_code == 200
    signed_out = client.get(reverse("meetings:document-download", args=[private_doc.pk]))
    assert signed_out.status_code == 302 and signed_out["Location"].startswith(reverse("participants:login"))


def test_archive_filters_by_topic_on_meeting_or_agenda_item(client: Client) -> None:
    from tests.meetings.factories import TopicFactory

    upr = TopicFactory(name="UPR")
    tagged = MeetingFactory(past=True, title="Tagged meeting")
    tagged.topics.add(upr)
    via_item = MeetingFactory(past=True, title="Item-tagged meeting")
    AgendaItemFactory(meeting=via_item).topics.add(upr)
    MeetingFactory(past=True, title="Untagged meeting")
    page = client.get(reverse("meetings:meeting-archive"), {"topic": upr.pk}).content.decode()
    assert "Tagged meeting" in page and "Item-tagged meeting" in page and "Untagged meeting" not in page


def test_participation_statistics_by_kind_of_organisation(client: Client) -> None:
    meeting = MeetingFactory(past=True, title="Counted meeting")
    ministry = OrganizationFactory(kind=Organization.Kind.MINISTRY)
    ngo = OrganizationFactory(kind=Organization.Kind.NGO)
    embassy = OrganizationFactory(kind=Organization.Kind.EMBASSY, standing=Organization.Standing.OBSERVER)
    for org, n in ((ministry, 3), (ngo, 2), (embassy, 1)):
        InvitationFactory.create_batch(n, meeting=meeting, organization=org, attended=True)
    InvitationFactory(meeting=meeting, organization=ngo, attended=False)
    response = client.get(reverse("meetings:statistics"))
    per_meeting = response.context["per_meeting"]
    assert per_meeting[0].counts == {"state": 3, "ngo": 2, "observer": 1, "other": 0}
    assert response.context["per_quarter"][0].total == 6
    # Quarters are named in the reader's language, as on the recommendations dashboard.
    local = timezone.localtime(meeting.starts_at)
    kazakh = client.get(f"/kk{reverse('meetings:statistics')[3:]}").content.decode()
    assert f"{local.year}, {(local.month - 1) // 3 + 1}-тоқсан" in kazakh


def test_subgroup_list_filters_by_status_and_name(client: Client) -> None:
    from tests.meetings.factories import SubgroupFactory

    SubgroupFactory(name="UPR report group")
    SubgroupFactory(name="Closed CEDAW group", is_active=False)
    active = client.get(reverse("meetings:subgroup-list"), {"active": "1"}).content.decode()
    assert "UPR report group" in active and "Closed CEDAW group" not in active
    closed = client.get(reverse("meetings:subgroup-list"), {"active": "0", "q": "cedaw"}).content.decode()
    assert "Closed CEDAW group" in closed and "UPR report group" not in closed


def test_editing_the_date_of_a_scheduled_meeting_tells_invitees(
    client_as: Callable[[str], Client], django_capture_on_commit_callbacks: Callable,
) -> None:
    meeting = MeetingFactory(number=70, title="Meeting No. 70")
    InvitationFactory(meeting=meeting)
    new_start = in_days(50)
    data = meeting_form_data(number=70, title="Meeting No. 70", starts_at=local(new_start),
                             ends_at=local(new_start + dt.timedelta(hours=2)))
    with django_capture_on_commit_callbacks(execute=True):
        response = client_as("secretariat").post(reverse("meetings:meeting-edit", args=[meeting.pk]),
                                                  {**data, "version": meeting.version})
    assert response.status_code == 302
    meeting.refresh_from_db()
    assert meeting.starts_at == new_start
    assert meeting.changes.get().kind == "rescheduled"
    from django.utils import translation

    with translation.override("ru"):  # the invitee's preferred language (the User default)
        expected = translation.gettext("New date: %(title)s") % {"title": "Meeting No. 70"}
    assert len(mail.outbox) == 1 and mail.outbox[0].subject == expected


def test_plan_year_with_numbers_in_use_shows_the_clash_and_keeps_the_form(client_as: Callable[[str], Client]) -> None:
    MeetingFactory(number=61)
    response = client_as("secretariat").post(reverse("meetings:meeting-plan-year"), {
        "year": 2035, "first_number": 60, "start_time": "10:00", "duration_hours": 3, "format": "online",
        "venue": "", "chair": "Ambassador-at-Large",
    })
    page = response.content.decode()
    assert response.status_code == 200
    assert "Meeting numbers already in use: 61." in page
    assert 'value="Ambassador-at-Large"' in page
    assert not Meeting.objects.filter(starts_at__year=2035).exists()


def test_invalid_follow_up_action_keeps_what_was_typed(client_as: Callable[[str], Client]) -> None:
    meeting = MeetingFactory(past=True)
    response = client_as("secretariat").post(reverse("meetings:follow-up-create", args=[meeting.pk]), {
        "description": "Send the draft law to NGOs", "due_date": "not a date", "status": "open"})
    page = response.content.decode()
    assert response.status_code == 200
    assert "Send the draft law to NGOs" in page and "Enter a valid date." in page
    assert not meeting.follow_up_actions.exists()
