"""Which recommendations fields exist in every language (django-modeltranslation; core.multilingual)."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from modeltranslation.translator import TranslationOptions, register

from core import search
from core.multilingual import Kind, register_kind
from recommendations.models import (
    Action,
    AffectedGroup,
    Mechanism,
    NationalPlan,
    PlanMeasure,
    Recommendation,
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
register([Action, Action.history.model])(ActionTranslation)  # type: ignore[attr-defined]  # simple-history's manager


class RecommendationTranslation(TranslationOptions):
    # The UN publishes its recommendations in Russian as well as English: the tracker shows and searches the
    # reader's language (core.search).
    fields = ("text",)


register([Recommendation, Recommendation.history.model])(RecommendationTranslation)  # type: ignore[attr-defined]  # simple-history's manager


@register(NationalPlan)
class NationalPlanTranslation(TranslationOptions):
    fields = ("title", "description")


@register(PlanMeasure)
class PlanMeasureTranslation(TranslationOptions):
    fields = ("text",)


# The kinds the secretariat's "To translate" queue and side-by-side editor offer (core.multilingual).
register_kind(Kind(
    "recommendations.roadmap", RoadMap, _("Road maps"), describe=lambda r: f"{r.number}. {r.title}",
    public_url=lambda r: reverse("recommendations:roadmap-detail", args=[r.number]), order=20,
))
register_kind(Kind(
    "recommendations.action", Action, _("Road-map actions"), related=("road_map",),
    describe=lambda a: f"{a.road_map.number}.{a.number} {a.description}",
    public_url=lambda a: reverse("recommendations:roadmap-detail", args=[a.road_map.number]), order=21,
))
register_kind(Kind(
    "recommendations.nationalplan", NationalPlan, _("National plans"),
    public_url=lambda p: reverse("recommendations:plan-detail", args=[p.slug]), order=22,
))
register_kind(Kind(
    "recommendations.planmeasure", PlanMeasure, _("Plan measures"), related=("plan",),
    describe=lambda m: f"{m.number}. {m.text} · {m.plan.title}",
    public_url=lambda m: reverse("recommendations:plan-detail", args=[m.plan.slug]), order=23,
))
register_kind(Kind("recommendations.theme", Theme, _("Themes"), order=24))
register_kind(Kind("recommendations.affectedgroup", AffectedGroup, _("Affected groups"), order=25))
register_kind(Kind("recommendations.mechanism", Mechanism, _("Mechanisms"), describe=lambda m: m.name, order=26))
register_kind(Kind("recommendations.review", Review, _("Review cycles and reports"), order=27))


def _describe_recommendation(r: Recommendation) -> str:
    reference = " ".join(part for part in (r.document_symbol, r.paragraph) if part)
    return f"{reference} · {r.text}" if reference else r.text


# The tracker may hold 100,000 recommendations, most of them in English only: the queue counts them only as far as
# 1,000 ("1000+", one indexed LIMIT per language; the partial indexes recommendations_rec_to_<lang>) and lists the
# newest first, so a new review cycle's recommendations, the ones being worked on, come at the top.
register_kind(Kind(
    "recommendations.recommendation", Recommendation, _("Recommendations"), describe=_describe_recommendation,
    public_url=lambda r: reverse("recommendations:recommendation-detail", args=[r.pk]), order=28,
    count_cap=1000, ordering=("-pk",), defer=tuple(search.vector_fields()),
))
