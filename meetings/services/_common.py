"""Rules shared by the meetings services: status transitions and field checks."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from core.exceptions import ApplicationError
from core.multilingual import any_language_q
from meetings.models import (
    AgendaItem,
    Meeting,
    Subgroup,
    Topic,
)

S = Meeting.Status

# The life of a meeting. Publishing minutes is the only way into MINUTES_PUBLISHED (minutes_publish).
ALLOWED_TRANSITIONS: dict[str, tuple[str, ...]] = {
    S.DRAFT: (S.SCHEDULED, S.CANCELLED),
    S.SCHEDULED: (S.DRAFT, S.HELD, S.CANCELLED),
    S.HELD: (S.MINUTES_PUBLISHED,),
    S.MINUTES_PUBLISHED: (),
    S.CANCELLED: (S.DRAFT,),
}


def next_statuses(meeting: Meeting, *, now: dt.datetime | None = None) -> list[str]:
    """The statuses the secretariat may choose for this meeting now: its allowed transitions, less "held" before
    the meeting has started (meeting_transition refuses it then). Minutes are published, and meetings cancelled,
    through their own pages, so the status list never offers those."""
    now = now or timezone.now()
    return [
        status for status in ALLOWED_TRANSITIONS.get(meeting.status, ())
        if status not in (S.MINUTES_PUBLISHED, S.CANCELLED) and not (status == S.HELD and meeting.starts_at > now)
    ]


def _check_dates(starts_at: dt.datetime, ends_at: dt.datetime) -> None:
    if ends_at <= starts_at:
        raise ApplicationError(_("The meeting must end after it starts."), field="ends_at")


def _check_number(number: int | None, subgroup: Subgroup | None, exclude_pk: int | None = None) -> None:
    if number is None or subgroup is not None:
        return
    # all_objects: a withdrawn meeting keeps its number (the database's unique constraint sees it too).
    # exclude(pk=None) excludes nothing: a new meeting has no row yet.
    clash = Meeting.all_objects.filter(number=number, subgroup__isnull=True).exclude(pk=exclude_pk)  # type: ignore[misc]
    if clash.exists():
        raise ApplicationError(
            _("There is already a plenary meeting number %(number)d.") % {"number": number}, field="number"
        )


def _set_topics(obj: Meeting | AgendaItem, topics: Iterable[str] | None) -> None:
    if topics is None:
        return
    names = {t.strip() for t in topics if t and t.strip()}
    objs = []
    for name in sorted(names):
        # A topic typed in any language is the same topic ("UPR", "УПО", "ЖМШ" once translated).
        topic = Topic.objects.filter(any_language_q("name", "iexact", name)).first() or Topic.objects.create(
            name=name[:100])
        objs.append(topic)
    obj.topics.set(objs)


def next_plenary_number() -> int:
    return (Meeting.all_objects.filter(subgroup__isnull=True).aggregate(m=Max("number"))["m"] or 0) + 1
