"""Which meetings fields exist in every language (django-modeltranslation; core.multilingual)."""

from __future__ import annotations

from modeltranslation.translator import TranslationOptions, register

from meetings.models import AgendaItem, FollowUpAction, Meeting, MeetingDocument, Minutes, Subgroup, Topic


@register(Topic)
class TopicTranslation(TranslationOptions):
    fields = ("name",)


@register(Subgroup)
class SubgroupTranslation(TranslationOptions):
    fields = ("name", "mandate")


@register(Meeting)
class MeetingTranslation(TranslationOptions):
    fields = ("title", "description", "venue")


@register(AgendaItem)
class AgendaItemTranslation(TranslationOptions):
    fields = ("title", "description")


class MinutesTranslation(TranslationOptions):
    fields = ("body", "decisions")


# The history table copies every column of the minutes, so it keeps each version's translations too.
register([Minutes, Minutes.history.model])(MinutesTranslation)


@register(FollowUpAction)
class FollowUpActionTranslation(TranslationOptions):
    fields = ("description",)


@register(MeetingDocument)
class MeetingDocumentTranslation(TranslationOptions):
    fields = ("title",)
