"""Which meetings fields exist in every language (django-modeltranslation; core.multilingual)."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from modeltranslation.translator import TranslationOptions, register

from core.multilingual import Kind, register_kind
from core.richtext import MINUTES, sanitize_rich_text
from meetings.models import AgendaItem, FollowUpAction, Meeting, MeetingDocument, Minutes, Subgroup, Topic


@register(Topic)
class TopicTranslation(TranslationOptions):
    fields = ("name",)


@register(Subgroup)
class SubgroupTranslation(TranslationOptions):
    fields = ("name", "mandate")


@register(Meeting)
class MeetingTranslation(TranslationOptions):
    fields = ("title", "description", "venue", "chair")


@register(AgendaItem)
class AgendaItemTranslation(TranslationOptions):
    fields = ("title", "description")


class MinutesTranslation(TranslationOptions):
    fields = ("body", "decisions")


# The history table copies every column of the minutes, so it keeps each version's translations too.
register([Minutes, Minutes.history.model])(MinutesTranslation)  # type: ignore[attr-defined]  # simple-history's manager


@register(FollowUpAction)
class FollowUpActionTranslation(TranslationOptions):
    fields = ("description",)


@register(MeetingDocument)
class MeetingDocumentTranslation(TranslationOptions):
    fields = ("title",)


# The kinds the secretariat's "To translate" queue and side-by-side editor offer (core.multilingual).
def _meeting_url(meeting: Meeting) -> str | None:
    return reverse("meetings:meeting-detail", args=[meeting.pk]) if meeting.is_public else None


def _minutes_rich_text(html: str) -> str:
    return sanitize_rich_text(html, profile=MINUTES)


register_kind(Kind("meetings.meeting", Meeting, _("Meetings"), public_url=_meeting_url, order=10))
register_kind(Kind(
    "meetings.agendaitem", AgendaItem, _("Agenda items"), related=("meeting",),
    describe=lambda item: f"{item.position}. {item.title} · {item.meeting.title}",
    public_url=lambda item: _meeting_url(item.meeting), order=11,
))
register_kind(Kind(
    "meetings.minutes", Minutes, _("Minutes"), related=("meeting",), describe=lambda m: m.meeting.title,
    public_url=lambda m: _meeting_url(m.meeting), rich_fields=("body", "decisions"), sanitize=_minutes_rich_text,
    order=12,
))
register_kind(Kind(
    "meetings.followupaction", FollowUpAction, _("Follow-up actions"), related=("meeting",),
    describe=lambda a: f"{a.description} · {a.meeting.title}", public_url=lambda a: _meeting_url(a.meeting),
    order=13,
))
register_kind(Kind(
    "meetings.meetingdocument", MeetingDocument, _("Meeting documents"), related=("meeting",),
    describe=lambda d: f"{d.title} · {d.meeting.title}", public_url=lambda d: _meeting_url(d.meeting), order=14,
))
register_kind(Kind(
    "meetings.subgroup", Subgroup, _("Working subgroups"),
    public_url=lambda s: reverse("meetings:subgroup-detail", args=[s.pk]), order=15,
))
register_kind(Kind("meetings.topic", Topic, _("Topics"), order=16))
