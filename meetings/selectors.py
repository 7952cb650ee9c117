"""Read queries of the meetings app; the only place that scopes meetings to a person (STYLE.md 7.3)."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field

from django.contrib.auth.models import AnonymousUser
from django.contrib.postgres.search import SearchHeadline
from django.db import connection
from django.db.models import Count, Exists, Func, OuterRef, Prefetch, Q, QuerySet, TextField, Value
from django.db.models.functions import Concat
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from core import search
from core.multilingual import any_language_q, fallback_expression
from meetings.hooks import AGENDA_ITEM_LINKS
from meetings.models import (
    AgendaItem,
    CalendarToken,
    FollowUpAction,
    Invitation,
    Meeting,
    MeetingDocument,
    Minutes,
    Subgroup,
    Topic,
    visible_to_public_q,
)
from meetings.notices.due import minutes_published_recipients
from meetings.notices.kinds import INVITATION, invitation_key
from notifications import selectors as notification_selectors
from participants.models import Organization, User
from recommendations.models import Action, Recommendation, RoadMap

S = Meeting.Status


def is_secretariat(user: User | AnonymousUser) -> bool:
    return bool(user.is_authenticated and user.is_secretariat)


def _with_list_relations(qs: QuerySet[Meeting]) -> QuerySet[Meeting]:
    # topic_list, a plain list: reading meeting.topics.all builds a related manager per row (profiled).
    topics = Prefetch("topics", queryset=Topic.objects.order_by("name"), to_attr="topic_list")
    return qs.select_related("subgroup").prefetch_related(topics)


# --- Public lists ---------------------------------------------------------------------------


def topic_list() -> QuerySet[Topic]:
    return Topic.objects.order_by("name")


def subgroup_list(*, active: bool | None = None, query: str = "") -> QuerySet[Subgroup]:
    qs = Subgroup.objects.prefetch_related("co_chair_organizations", "co_chair_people")
    if active is not None:
        qs = qs.filter(is_active=active)
    if query:
        qs = qs.filter(any_language_q("name", "icontains", query) | any_language_q("mandate", "icontains", query))
    return qs.annotate(meeting_count=Count("meetings", filter=visible_to_public_q("meetings__"))).order_by("name")


def subgroup_get(*, pk: int) -> Subgroup:
    subgroup = subgroup_list().filter(pk=pk).first()
    if subgroup is None:
        raise Http404
    return subgroup


def _filter_topic(qs: QuerySet[Meeting], topic: Topic | None) -> QuerySet[Meeting]:
    if topic is None:
        return qs
    in_agenda = AgendaItem.objects.filter(meeting=OuterRef("pk"), topics=topic)
    on_meeting = Meeting.topics.through.objects.filter(meeting=OuterRef("pk"), topic=topic)
    return qs.filter(Q(Exists(on_meeting)) | Q(Exists(in_agenda)))


def meeting_upcoming_list(*, subgroup: Subgroup | None = None, topic: Topic | None = None) -> QuerySet[Meeting]:
    """Public: meetings that have not ended yet, scheduled or cancelled (so people see the cancellation)."""
    qs = Meeting.objects.upcoming().filter(status__in=[S.SCHEDULED, S.CANCELLED])
    if subgroup is not None:
        qs = qs.filter(subgroup=subgroup)
    return _with_list_relations(_filter_topic(qs, topic)).order_by("starts_at", "pk")


def _full_text(qs: QuerySet[Meeting], query: str) -> QuerySet[Meeting]:
    """Meetings whose published minutes contain every word of `query` in the reader's language (core.search), or
    whose title (in any language) contains every word."""
    published = Minutes.objects.published()
    found = search.words(query)
    if not found:
        return qs
    if connection.vendor == "postgresql":
        tsquery = search.tsquery(query)
        # `search_<lang> @@ query` on the stored column: the GIN index serves it (migration 0006).
        matching = published.filter(**{search.vector_field(): tsquery}) if tsquery is not None else published.none()
    else:
        language = search.search_language()
        matching = published.annotate(
            shown_body=fallback_expression("body", language), shown_decisions=fallback_expression("decisions", language)
        )
        for word in found:
            anywhere = Q()
            for form in search.case_forms(word):
                anywhere |= Q(shown_body__icontains=form) | Q(shown_decisions__icontains=form)
            matching = matching.filter(anywhere)
    in_title = Q()
    for word in found:
        in_title &= any_language_q("title", "icontains", word)
    return qs.filter(Q(pk__in=matching.values("meeting_id")) | in_title)


def minutes_snippets(meetings: list[Meeting], *, query: str) -> None:
    """`snippet` on each meeting of a page of results: a passage of its published minutes in the reader's language
    with the query's words marked (escaped HTML); ts_headline on PostgreSQL for these minutes only (one query)."""
    found = search.words(query)
    if not meetings or not found:
        return
    language = search.search_language()
    minutes = Minutes.objects.published().filter(meeting_id__in=[m.pk for m in meetings])
    body = Concat(fallback_expression("body", language), Value(" "), fallback_expression("decisions", language),
                  output_field=TextField())
    snippets: dict[int, str] = {}
    if connection.vendor == "postgresql":
        tsquery = search.tsquery(query, language)
        if tsquery is not None:
            # The headline of the words a reader sees: tags out before PostgreSQL cuts the passage.
            plain = Func(body, Value("<[^>]+>"), Value(" "), Value("g"), function="regexp_replace",
                         output_field=TextField())
            rows = minutes.annotate(headline=SearchHeadline(
                plain, search.headline_query(tsquery), config=search.config_for(language), **search.PASSAGE,
            )).values_list("meeting_id", "headline")
            snippets = {meeting_id: search.marked(headline, rich=True) for meeting_id, headline in rows if headline}
    else:
        for meeting_id, text in minutes.annotate(text=body).values_list("meeting_id", "text"):
            snippets[meeting_id] = search.highlight(text, found, rich=True)
    for meeting in meetings:
        snippet = snippets.get(meeting.pk, "")
        meeting.snippet = snippet if "<mark>" in snippet else ""


def meeting_archive_list(
    *, year: int | None = None, subgroup: Subgroup | None = None, topic: Topic | None = None, query: str = ""
) -> QuerySet[Meeting]:
    """Public: held meetings, newest first, with whether their minutes are published."""
    qs: QuerySet[Meeting] = Meeting.objects.held()
    if year:
        qs = qs.filter(starts_at__year=year)
    if subgroup is not None:
        qs = qs.filter(subgroup=subgroup)
    qs = _filter_topic(qs, topic)
    if query:
        qs = _full_text(qs, query)
    return _with_list_relations(qs).order_by("-starts_at", "-pk")


def meeting_archive_years() -> list[int]:
    dates = Meeting.objects.held().dates("starts_at", "year", order="DESC")
    return [d.year for d in dates]


def meeting_manage_list(
    *, status: str = "", year: int | None = None, subgroup: Subgroup | None = None, query: str = ""
) -> QuerySet[Meeting]:
    """Secretariat: every meeting, drafts included, with invitation and answer counts."""
    qs = Meeting.objects.all()
    if status:
        qs = qs.filter(status=status)
    if year:
        qs = qs.filter(starts_at__year=year)
    if subgroup is not None:
        qs = qs.filter(subgroup=subgroup)
    if query:
        qs = qs.filter(any_language_q("title", "icontains", query) | any_language_q("venue", "icontains", query))
    return (
        _with_list_relations(qs)
        .annotate(
            invited_count=Count("invitations"),
            accepted_count=Count("invitations", filter=Q(invitations__response=Invitation.Response.ACCEPTED)),
        )
        .order_by("-starts_at", "-pk")
    )


# --- One meeting ----------------------------------------------------------------------------


def invitation_for(*, user: User | AnonymousUser, meeting: Meeting) -> Invitation | None:
    if not user.is_authenticated:
        return None
    return Invitation.objects.filter(meeting=meeting, person=user).first()


def can_see_participant_content(*, user: User | AnonymousUser, meeting: Meeting, invitation: Invitation | None) -> bool:
    """The online link and participants-only documents: invitees (any role) and the secretariat."""
    return is_secretariat(user) or invitation is not None


def meeting_get_for_user(*, user: User | AnonymousUser, pk: int, with_minutes: bool = False) -> Meeting:
    """A meeting as `user` may see it; drafts exist only for the secretariat (404 for everyone else).

    with_minutes joins the minutes into the same query (the meeting page reads them; minutes_for uses them).
    """
    # all_objects: a withdrawn meeting's page still answers, saying when and why (core.withdrawal).
    qs = Meeting.all_objects.select_related("subgroup").prefetch_related("topics")
    if with_minutes:
        qs = qs.select_related("minutes").defer(*(f"minutes__{name}" for name in search.vector_fields()))
    meeting = qs.filter(pk=pk).first()
    if meeting is None or (not meeting.is_public and not is_secretariat(user)):
        raise Http404
    return meeting


def agenda_items_for(*, meeting: Meeting, with_links: bool = False) -> list[AgendaItem]:
    # Only the columns the agenda shows: the people and organisation rows are wide, and there are many.
    people = User.objects.only("pk", "first_name", "last_name", "email").order_by("last_name", "pk")
    organizations = Organization.objects.only("pk", "name", "name_ru", "name_kk", "acronym").order_by("name", "pk")
    qs = meeting.agenda_items.order_by("position")
    items = list(
        qs.prefetch_related(
            Prefetch("presenter_people", queryset=people),
            Prefetch("presenter_organizations", queryset=organizations),
            Prefetch("topics", queryset=Topic.objects.order_by("name")),
            Prefetch("road_maps", queryset=RoadMap.objects.only("pk", "number", "title").order_by("number")),
            # Each shown by its UN reference with its text on hover ({% un_reference %}).
            Prefetch("recommendations", queryset=Recommendation.objects.select_related("mechanism", "source_organization")
                     .defer(*search.vector_fields()).order_by("document_symbol", "paragraph", "pk")),
        )
    )
    if with_links:
        # What higher apps link to each item ("from an NGO submission" on the public page), through our hook.
        AGENDA_ITEM_LINKS.attach(items)
    return items


def meetings_discussing_road_maps(*, road_map_ids: list[int]) -> dict[int, list[Meeting]]:
    """Road map -> the held meetings the public may see whose agenda items link it, newest first; one query.
    ("Discussed at": a meeting still to come has discussed nothing yet.)"""
    through = AgendaItem.road_maps.through
    discussed_at = Meeting.objects.visible_to_public().held()
    links = (
        through.objects.filter(roadmap_id__in=road_map_ids, agendaitem__meeting__in=discussed_at)
        .select_related("agendaitem__meeting")
        .order_by("-agendaitem__meeting__starts_at", "agendaitem__meeting_id", "agendaitem__position")
    )
    found: dict[int, dict[int, Meeting]] = defaultdict(dict)
    for link in links:
        meeting = link.agendaitem.meeting
        found[link.roadmap_id].setdefault(meeting.pk, meeting)
    return {road_map_id: list(meetings.values()) for road_map_id, meetings in found.items()}


def documents_for(
    *, meeting: Meeting, participant_access: bool
) -> tuple[list[MeetingDocument], list[MeetingDocument]]:
    """The documents a person may open, and the trace of those withdrawn (core.withdrawal: title, when and why,
    for those who could see them), in one query."""
    qs = MeetingDocument.all_objects.filter(meeting=meeting).select_related("agenda_item").order_by(
        "agenda_item__position", "title", "pk")
    if not participant_access:
        qs = qs.filter(visibility=MeetingDocument.Visibility.PUBLIC)
    rows = list(qs)
    return [d for d in rows if d.withdrawn_at is None], [d for d in rows if d.withdrawn_at is not None]


def minutes_for(*, meeting: Meeting, user: User | AnonymousUser) -> Minutes | None:
    """Published minutes for everyone; drafts and approved ones for the secretariat only."""
    try:
        # Already joined when the meeting came from meeting_get_for_user(with_minutes=True); else one query.
        minutes = meeting.minutes
    except Minutes.DoesNotExist:
        return None
    if minutes.status == Minutes.Status.PUBLISHED or is_secretariat(user):
        return minutes
    return None


def follow_up_actions_for(*, meeting: Meeting) -> list[FollowUpAction]:
    return list(follow_up_action_list(meeting=meeting))


def follow_up_action_list(*, meeting: Meeting, status: str = "") -> QuerySet[FollowUpAction]:
    qs = meeting.follow_up_actions.select_related("owner_organization", "road_map")
    if status:
        qs = qs.filter(status=status)
    return qs.order_by("due_date", "pk")


def document_list(*, meeting: Meeting, visibility: str = "") -> QuerySet[MeetingDocument]:
    """Secretariat: every document of a meeting, withdrawn ones included (with who, when and why), optionally of
    one visibility."""
    qs = MeetingDocument.all_objects.filter(meeting=meeting).select_related("agenda_item", "withdrawn_by")
    if visibility:
        qs = qs.filter(visibility=visibility)
    return qs.order_by("agenda_item__position", "title", "pk")


def document_get_for_user(*, user: User | AnonymousUser, pk: int) -> MeetingDocument:
    """404 for documents a person may not know about, so their titles do not leak."""
    # all_objects: a withdrawn document's link answers "withdrawn on ... because ..." (the view, 410).
    document = MeetingDocument.all_objects.select_related("meeting").filter(pk=pk).first()
    if document is None:
        raise Http404
    meeting = document.meeting
    if is_secretariat(user):
        return document
    if not meeting.is_public:
        raise Http404
    if document.visibility == MeetingDocument.Visibility.PUBLIC:
        return document
    if invitation_for(user=user, meeting=meeting) is None:
        raise Http404
    return document


def agenda_suggestions(*, meeting: Meeting) -> QuerySet[FollowUpAction]:
    """Open follow-up actions of earlier meetings not yet on this agenda."""
    on_agenda = meeting.agenda_items.filter(follow_up_of__isnull=False).values("follow_up_of")
    return (
        FollowUpAction.objects.filter(
            status__in=FollowUpAction.OPEN_STATUSES, meeting__starts_at__lt=meeting.starts_at
        )
        .exclude(meeting=meeting)
        .exclude(pk__in=on_agenda)
        .select_related("meeting", "owner_organization")
        .order_by("due_date", "pk")
    )


def agenda_road_map_suggestions(*, meeting: Meeting, today: dt.date | None = None) -> QuerySet[Action]:
    """Overdue road-map actions (deadline passed, not done) whose road map is not yet on this agenda."""
    today = today or timezone.localdate()
    on_agenda = RoadMap.objects.filter(agenda_items__meeting=meeting).values("pk")
    return (
        Action.objects.filter(deadline__lt=today)
        .exclude(status=Action.Status.DONE)
        .exclude(road_map__in=on_agenda)
        .select_related("road_map")
        .order_by("deadline", "road_map__number", "number")
    )


# --- Invitations ----------------------------------------------------------------------------


def invitations_for_meeting(*, meeting: Meeting, response: str = "") -> QuerySet[Invitation]:
    qs = meeting.invitations.select_related("person", "organization")
    if response:
        qs = qs.filter(response=response)
    return qs.order_by("organization__name", "person__last_name", "person__email")


@dataclass
class RsvpCounts:
    invited: int = 0
    accepted: int = 0
    declined: int = 0
    tentative: int = 0
    pending: int = 0
    in_person: int = 0
    online: int = 0
    attended: int = 0


def rsvp_counts(*, meeting: Meeting) -> RsvpCounts:
    R = Invitation.Response
    row = meeting.invitations.aggregate(
        invited=Count("pk"),
        accepted=Count("pk", filter=Q(response=R.ACCEPTED)),
        declined=Count("pk", filter=Q(response=R.DECLINED)),
        tentative=Count("pk", filter=Q(response=R.TENTATIVE)),
        pending=Count("pk", filter=Q(response=R.INVITED)),
        in_person=Count("pk", filter=Q(attendance_mode=Invitation.AttendanceMode.IN_PERSON) & ~Q(response=R.DECLINED)),
        online=Count("pk", filter=Q(attendance_mode=Invitation.AttendanceMode.ONLINE) & ~Q(response=R.DECLINED)),
        attended=Count("pk", filter=Q(attended=True)),
    )
    return RsvpCounts(**row)


def people_to_invite(
    *, kinds: list[str] | None = None, standings: list[str] | None = None, people: list[int] | None = None,
    organizations: list[int] | None = None,
) -> QuerySet[User]:
    """Active people whose primary organisation has one of `kinds` / `standings`, every member of the chosen
    `organizations`, plus people picked by id."""
    match = Q(pk__in=people or [])
    if organizations:
        match |= Q(memberships__organization_id__in=organizations, memberships__organization__is_active=True)
    org_filter = Q()
    if kinds:
        org_filter &= Q(memberships__organization__kind__in=kinds)
    if standings:
        org_filter &= Q(memberships__organization__standing__in=standings)
    if kinds or standings:
        match |= Q(memberships__is_primary=True, memberships__organization__is_active=True) & org_filter
    return User.objects.filter(is_active=True).filter(match).distinct().order_by("last_name", "email")


def my_invitations(*, user: User, past: bool = False) -> QuerySet[Invitation]:
    now = timezone.now()
    qs = Invitation.objects.filter(visible_to_public_q("meeting__"), person=user)
    qs = qs.filter(meeting__ends_at__lt=now) if past else qs.filter(meeting__ends_at__gte=now)
    public_docs = MeetingDocument.objects.order_by("title", "pk")
    return (
        qs.select_related("meeting", "meeting__subgroup")
        .prefetch_related(Prefetch("meeting__documents", queryset=public_docs))
        .order_by("-meeting__starts_at" if past else "meeting__starts_at")
    )


def invitation_get_for_user(*, user: User, pk: int) -> Invitation:
    invitation = Invitation.objects.select_related("meeting").filter(pk=pk, person=user).first()
    if invitation is None:
        raise Http404
    return invitation


# --- Calendars and feeds --------------------------------------------------------------------


def meeting_schedule(*, subgroup: Subgroup | None = None, include_drafts: bool = False) -> QuerySet[Meeting]:
    """The public schedule: every non-draft meeting (cancelled ones too, so calendars drop them)."""
    qs = Meeting.objects.all() if include_drafts else Meeting.objects.visible_to_public()
    if subgroup is not None:
        qs = qs.filter(subgroup=subgroup)
    return qs.select_related("subgroup").order_by("starts_at", "pk")


def meetings_for_calendar_token(*, token: str) -> tuple[User, list[tuple[Meeting, Invitation]]] | None:
    row = CalendarToken.objects.select_related("user").filter(token=token, user__is_active=True).first()
    if row is None:
        return None
    invitations = (
        Invitation.objects.filter(visible_to_public_q("meeting__"), person=row.user)
        .select_related("meeting", "meeting__subgroup")
        .order_by("meeting__starts_at")
    )
    return row.user, [(inv.meeting, inv) for inv in invitations]


def calendar_token_for(*, user: User) -> CalendarToken | None:
    return CalendarToken.objects.filter(user=user).first()


def minutes_recently_published(*, limit: int = 30) -> QuerySet[Minutes]:
    return (
        Minutes.objects.public()
        .select_related("meeting", "meeting__subgroup")
        .defer(*search.vector_fields())
        .order_by("-published_at", "-pk")[:limit]
    )


# --- Statistics -----------------------------------------------------------------------------

STATE_KINDS = {
    Organization.Kind.MINISTRY,
    Organization.Kind.PARLIAMENT,
    Organization.Kind.OMBUDSMAN,
    Organization.Kind.COURT,
    Organization.Kind.PRESIDENTIAL_COMMISSION,
}


def participation_category(*, kind: str | None, standing: str | None) -> str:
    """"state", "ngo", "observer" or "other": the columns of the participation statistics."""
    if standing == Organization.Standing.OBSERVER:
        return "observer"
    if kind in STATE_KINDS:
        return "state"
    if kind is not None:
        return "ngo"
    return "other"


@dataclass
class ParticipationRow:
    label: str
    meeting: Meeting | None = None
    counts: dict[str, int] = field(default_factory=lambda: {"state": 0, "ngo": 0, "observer": 0, "other": 0})

    @property
    def total(self) -> int:
        return sum(self.counts.values())


def participation_statistics(*, year: int | None = None) -> tuple[list[ParticipationRow], list[ParticipationRow]]:
    """People present per meeting and per quarter, by kind of organisation. Two queries whatever the size."""
    meetings_qs = Meeting.objects.held().select_related("subgroup")
    if year:
        meetings_qs = meetings_qs.filter(starts_at__year=year)
    meetings = list(meetings_qs.order_by("-starts_at"))
    rows = (
        Invitation.objects.filter(meeting__in=[m.pk for m in meetings], attended=True)
        .values("meeting_id", "organization__kind", "organization__standing")
        .annotate(n=Count("pk"))
    )
    per_meeting: dict[int, ParticipationRow] = {m.pk: ParticipationRow(label=m.title, meeting=m) for m in meetings}
    for row in rows:
        category = participation_category(kind=row["organization__kind"], standing=row["organization__standing"])
        per_meeting[row["meeting_id"]].counts[category] += row["n"]
    tz = timezone.get_current_timezone()
    per_quarter: dict[tuple[int, int], ParticipationRow] = defaultdict(lambda: ParticipationRow(label=""))
    for meeting in meetings:
        local = meeting.starts_at.astimezone(tz)
        year, number = local.year, (local.month - 1) // 3 + 1
        quarter = per_quarter[(year, number)]
        # Named as the dashboard names quarters, in the reader's language ("2026, 3-тоқсан").
        quarter.label = _("%(year)s Q%(quarter)s") % {"year": year, "quarter": number}
        for key, value in per_meeting[meeting.pk].counts.items():
            quarter.counts[key] += value
    return list(per_meeting.values()), list(per_quarter.values())


# --- The secretariat's home page ---------------------------------------------------------------


def meeting_next_to_prepare(*, now: dt.datetime) -> Meeting | None:
    """The next meeting that has not ended, drafts included (they are the ones that need work)."""
    return (
        Meeting.objects.filter(ends_at__gte=now).exclude(status=S.CANCELLED)
        .select_related("subgroup").order_by("starts_at", "pk").first()
    )


@dataclass
class Readiness:
    """How far a meeting is prepared: its agenda, its invitations and their e-mails, the answers."""

    agenda_items: int
    rsvp: RsvpCounts
    invitation_emails_sent: int
    invitations_go_out_on: dt.datetime


def meeting_readiness(*, meeting: Meeting) -> Readiness:
    """Three queries: the agenda count, the answers, and the invitation e-mails delivered."""
    sent = notification_selectors.sent_count(kind=INVITATION, key=invitation_key(meeting))
    return Readiness(
        agenda_items=meeting.agenda_items.count(),
        rsvp=rsvp_counts(meeting=meeting),
        invitation_emails_sent=sent,
        invitations_go_out_on=meeting.starts_at - dt.timedelta(days=meeting.invitation_lead_days),
    )


def meetings_minutes_overdue(*, now: dt.datetime) -> list[Meeting]:
    """Meetings that took place (held, or scheduled and over) whose minutes are past the first reminder's
    lead time and not yet published; oldest first. One query: such meetings are few at any time."""
    candidates = (
        Meeting.objects.filter(status__in=[S.SCHEDULED, S.HELD], ends_at__lt=now)
        .only("pk", "title", "status", "starts_at", "ends_at", "minutes_overdue_first_days")
        .order_by("ends_at", "pk")
    )
    return [m for m in candidates if m.ends_at + dt.timedelta(days=m.minutes_overdue_first_days) <= now]


@dataclass
class MinutesAudience:
    """Who is e-mailed when the minutes are published (meetings.services.minutes_publish)."""

    total: int
    invitees: int
    observers: int


def minutes_published_audience(*, meeting: Meeting) -> MinutesAudience:
    people = minutes_published_recipients(meeting=meeting)
    invited = set(meeting.invitations.values_list("person_id", flat=True))
    invitees = sum(1 for person in people if person.pk in invited)
    return MinutesAudience(total=len(people), invitees=invitees, observers=len(people) - invitees)
