"""Every URL of the meetings app against every role (tests/test_access_matrix.py walks these).

Object-level rules (drafts, participants-only documents, online links: invitees and the secretariat only)
cannot be told by role alone; tests/meetings/test_journeys.py and test_permissions.py cover them.
"""

from __future__ import annotations

from django.urls import reverse

from tests.access import PUBLIC, SIGNED_IN, Rule

SECRETARIAT = ("secretariat",)
REDIRECT = (302,)


def _meeting(**kwargs: object) -> int:
    from tests.meetings.factories import MeetingFactory

    return MeetingFactory(**kwargs).pk


def _held_meeting_with_minutes() -> int:
    from tests.meetings.factories import MinutesFactory

    return MinutesFactory().meeting_id


def _published_minutes() -> int:
    from tests.meetings.factories import PublishedMinutesFactory

    return PublishedMinutesFactory().meeting_id


def _approved_minutes() -> int:
    from meetings.models import Minutes
    from tests.meetings.factories import MinutesFactory

    return MinutesFactory(status=Minutes.Status.APPROVED).meeting_id


def _overdue_action() -> int:
    import datetime as dt

    from tests.recommendations.factories import ActionFactory

    return ActionFactory(deadline=dt.date.today() - dt.timedelta(days=10)).pk


def _url(name: str, *args: object) -> str:
    return reverse(f"meetings:{name}", args=args)


def _agenda_item() -> tuple[int, int]:
    from tests.meetings.factories import AgendaItemFactory

    item = AgendaItemFactory()
    AgendaItemFactory(meeting=item.meeting)
    return item.meeting_id, item.pk


def _document(visibility: str = "public") -> tuple[int, int]:
    from tests.meetings.factories import MeetingDocumentFactory

    document = MeetingDocumentFactory(visibility=visibility)
    return document.meeting_id, document.pk


def _invitation() -> tuple[int, int]:
    from tests.meetings.factories import InvitationFactory

    invitation = InvitationFactory()
    return invitation.meeting_id, invitation.pk


def _follow_up() -> tuple[int, int]:
    from tests.meetings.factories import FollowUpActionFactory

    action = FollowUpActionFactory()
    return action.meeting_id, action.pk


def _subgroup() -> int:
    from tests.meetings.factories import SubgroupFactory

    return SubgroupFactory().pk


def _personal_feed() -> str:
    from meetings.services import calendar_token_reset
    from tests.participants.factories import UserFactory

    token = calendar_token_reset(user=UserFactory()).token
    return reverse("meetings_feeds:personal-ics", args=[token])


def _minutes_version() -> str:
    from tests.meetings.factories import MinutesFactory

    minutes = MinutesFactory()
    minutes.save()  # a history row
    return _url("minutes-version", minutes.meeting_id, minutes.history.first().history_id)  # type: ignore[attr-defined]  # simple_history's HistoryManager


ACCESS_RULES = [
    # Public
    Rule("meetings: upcoming", lambda: _url("meeting-list"), PUBLIC),
    Rule("meetings: archive", lambda: _url("meeting-archive"), PUBLIC),
    Rule("meetings: statistics", lambda: _url("statistics"), PUBLIC),
    Rule("meetings: meeting page", lambda: _url("meeting-detail", _meeting()), PUBLIC),
    Rule("meetings: meeting .ics", lambda: _url("meeting-ics", _meeting()), PUBLIC),
    Rule("meetings: public document", lambda: _url("document-download", _document()[1]), PUBLIC),
    Rule("meetings: subgroups", lambda: _url("subgroup-list"), PUBLIC),
    Rule("meetings: subgroup page", lambda: _url("subgroup-detail", _subgroup()), PUBLIC),
    Rule("meetings: minutes Atom feed", lambda: reverse("meetings_feeds:minutes-atom"), PUBLIC),
    Rule("meetings: schedule iCalendar feed", lambda: reverse("meetings_feeds:schedule-ics"), PUBLIC),
    Rule("meetings: subgroup iCalendar feed",
         lambda: reverse("meetings_feeds:subgroup-schedule-ics", args=[_subgroup()]), PUBLIC),
    Rule("meetings: personal iCalendar feed (token, no session)", _personal_feed, PUBLIC),
    # Signed in
    Rule("meetings: my meetings", lambda: _url("my-meetings"), SIGNED_IN),
    Rule("meetings: calendar address reset", lambda: _url("calendar-token-reset"), SIGNED_IN, method="post",
         ok_status=REDIRECT),
    Rule("meetings: answer someone else's invitation", lambda: _url("invitation-rsvp", _invitation()[1]), SIGNED_IN,
         method="post", data={"response": "accepted"}, ok_status=(404,)),
    # Secretariat
    Rule("meetings: manage list", lambda: _url("manage-list"), SECRETARIAT),
    Rule("meetings: new meeting", lambda: _url("meeting-create"), SECRETARIAT),
    Rule("meetings: plan a year", lambda: _url("meeting-plan-year"), SECRETARIAT),
    Rule("meetings: new subgroup", lambda: _url("subgroup-create"), SECRETARIAT),
    Rule("meetings: edit subgroup", lambda: _url("subgroup-edit", _subgroup()), SECRETARIAT),
    Rule("meetings: manage meeting", lambda: _url("manage-detail", _meeting()), SECRETARIAT),
    Rule("meetings: edit meeting", lambda: _url("meeting-edit", _meeting()), SECRETARIAT),
    Rule("meetings: change status", lambda: _url("meeting-status", _meeting(status="draft")), SECRETARIAT,
         method="post", data={"status": "scheduled"}, ok_status=REDIRECT),
    Rule("meetings: cancel", lambda: _url("meeting-cancel", _meeting()), SECRETARIAT),
    Rule("meetings: reschedule", lambda: _url("meeting-reschedule", _meeting()), SECRETARIAT),
    Rule("meetings: agenda", lambda: _url("agenda", _meeting()), SECRETARIAT),
    Rule("meetings: agenda suggestion", lambda: _url("agenda-suggestion-add", _meeting(), _follow_up()[1]),
         SECRETARIAT, method="post", ok_status=REDIRECT),
    Rule("meetings: agenda road-map action", lambda: _url("agenda-road-map-action-add", _meeting(), _overdue_action()),
         SECRETARIAT, method="post", ok_status=REDIRECT),
    Rule("meetings: edit agenda item", lambda: _url("agenda-item-edit", *_agenda_item()), SECRETARIAT),
    Rule("meetings: delete agenda item", lambda: _url("agenda-item-delete", *_agenda_item()), SECRETARIAT,
         method="post", ok_status=REDIRECT),
    Rule("meetings: move agenda item", lambda: _url("agenda-item-move", *_agenda_item()), SECRETARIAT,
         method="post", data={"direction": "down"}, ok_status=REDIRECT),
    Rule("meetings: invitations", lambda: _url("invitations", _meeting()), SECRETARIAT),
    Rule("meetings: withdraw invitation", lambda: _url("invitation-remove", *_invitation()), SECRETARIAT,
         method="post", ok_status=REDIRECT),
    Rule("meetings: live answers", lambda: _url("rsvp-summary", _meeting()), SECRETARIAT),
    Rule("meetings: attendance", lambda: _url("attendance", _meeting()), SECRETARIAT),
    Rule("meetings: minutes", lambda: _url("minutes", _meeting()), SECRETARIAT),
    Rule("meetings: approve minutes", lambda: _url("minutes-approve", _held_meeting_with_minutes()), SECRETARIAT,
         method="post", ok_status=REDIRECT),
    Rule("meetings: publish minutes", lambda: _url("minutes-publish", _held_meeting_with_minutes()), SECRETARIAT,
         method="post", ok_status=REDIRECT),
    Rule("meetings: confirm publishing minutes", lambda: _url("minutes-publish", _approved_minutes()), SECRETARIAT),
    Rule("meetings: minutes version", _minutes_version, SECRETARIAT),
    Rule("meetings: add follow-up", lambda: _url("follow-up-create", _meeting()), SECRETARIAT, method="post",
         data={"description": "x", "status": "open"}, ok_status=REDIRECT),
    Rule("meetings: follow-up status", lambda: _url("follow-up-status", *_follow_up()), SECRETARIAT, method="post",
         data={"status": "done"}, ok_status=REDIRECT),
    Rule("meetings: documents", lambda: _url("documents", _meeting()), SECRETARIAT),
    Rule("meetings: delete document", lambda: _url("document-delete", *_document()), SECRETARIAT, method="post",
         ok_status=REDIRECT),
    # Withdrawing (core.withdrawal): the confirmation page with its required reason.
    Rule("meetings: withdraw a meeting", lambda: _url("meeting-withdraw", _meeting()), SECRETARIAT),
    Rule("meetings: withdraw minutes", lambda: _url("minutes-withdraw", _published_minutes()), SECRETARIAT),
    Rule("meetings: withdraw a document", lambda: _url("document-withdraw", *_document()), SECRETARIAT),
]
