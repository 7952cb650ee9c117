"""Which recommendations fields exist in every language (django-modeltranslation; core.multilingual)."""

from __future__ import annotations

from modeltranslation.translator import TranslationOptions, register

from recommendations.models import (
    Action,
    AffectedGroup,
    Mechanism,
    NationalPlan,
    PlanMeasure,
    Review,
    RoadMap,
    Theme,
)


@register(Mechanism)
class MechanismTranslation(TranslationOptions):
    fields = ("name",)


@register(Review)
class ReviewTranslation(TranslationOptions):
    fields = ("title", "description")


@register(Theme)
class ThemeTranslation(TranslationOptions):
    fields = ("name",)


@register(AffectedGroup)
class AffectedGroupTranslation(TranslationOptions):
    fields = ("name",)


@register(RoadMap)
class RoadMapTranslation(TranslationOptions):
    fields = ("title", "description")


class ActionTranslation(TranslationOptions):
    fields = ("description", "indicator")


# The history table copies every column of the action, so it has the translations too.
register([Action, Action.history.model])(ActionTranslation)


@register(NationalPlan)
class NationalPlanTranslation(TranslationOptions):
    fields = ("title", "description")


@register(PlanMeasure)
class PlanMeasureTranslation(TranslationOptions):
    fields = ("text",)
