from __future__ import annotations

import datetime

import factory

from participants.models import Organization
from recommendations import services
from recommendations.importers.base import natural_key
from recommendations.models import (
    Action,
    AffectedGroup,
    Mechanism,
    NationalPlan,
    ProgressUpdate,
    Recommendation,
    RecommendingState,
    Review,
    RoadMap,
    SdgTarget,
    Theme,
)
from tests.core.files import PDF_BYTES
from tests.participants.factories import OrganizationFactory, UserFactory
from tests.typed_factories import ModelFactory


def mechanism(code: str = "upr") -> Mechanism:
    # Mechanisms come with the data migration (0002); a flushed database (transactional tests) gets them back here.
    services.mechanisms_ensure()
    return Mechanism.objects.get(code=code)


class ReviewFactory(ModelFactory[Review]):
    class Meta:
        model = Review
        django_get_or_create = ("mechanism", "state_under_review", "number")

    mechanism = factory.LazyFunction(mechanism)
    state_under_review = "Kazakhstan"
    number = factory.Sequence(lambda n: n + 1)
    session = 34
    year = 2019
    title = factory.LazyAttribute(lambda o: f"UPR cycle {o.number}")
    document_symbol = "A/HRC/44/10"


class RecommendingStateFactory(ModelFactory[RecommendingState]):
    class Meta:
        model = RecommendingState
        django_get_or_create = ("name",)

    name = factory.Sequence(lambda n: f"State {n}")
    regional_group = RecommendingState.RegionalGroup.WEOG


class ThemeFactory(ModelFactory[Theme]):
    class Meta:
        model = Theme
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Theme {n}")
    slug = factory.LazyAttribute(lambda o: o.name.lower().replace(" ", "-"))


class AffectedGroupFactory(ModelFactory[AffectedGroup]):
    class Meta:
        model = AffectedGroup
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Group {n}")
    slug = factory.LazyAttribute(lambda o: o.name.lower().replace(" ", "-"))


class SdgTargetFactory(ModelFactory[SdgTarget]):
    class Meta:
        model = SdgTarget
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"16.{n % 10 + 1}")


class RecommendationFactory(ModelFactory[Recommendation]):
    class Meta:
        model = Recommendation
        skip_postgeneration_save = True

    review = factory.SubFactory(ReviewFactory)
    mechanism = factory.LazyAttribute(lambda o: o.review.mechanism)
    document_symbol = "A/HRC/44/10"
    paragraph = factory.Sequence(lambda n: f"141.{n + 1}")
    text = factory.Sequence(lambda n: f"Take further steps on human rights, item {n}.")
    response = Recommendation.Response.SUPPORTED
    status = Recommendation.Status.NOT_STARTED
    natural_key = factory.LazyAttribute(
        lambda o: natural_key(mechanism=o.mechanism.code, state_under_review=o.review.state_under_review,
                              cycle=o.review.number, states=[], text=o.text)
    )

    @factory.post_generation
    def themes(obj, create, extracted, **kwargs):  # noqa: N805
        if create and extracted:
            obj.themes.set(extracted)

    @factory.post_generation
    def responsible_agencies(obj, create, extracted, **kwargs):  # noqa: N805
        if create and extracted:
            obj.responsible_agencies.set(extracted)

    @factory.post_generation
    def recommending_states(obj, create, extracted, **kwargs):  # noqa: N805
        if create and extracted:
            obj.recommending_states.set(extracted)


class RoadMapFactory(ModelFactory[RoadMap]):
    class Meta:
        model = RoadMap
        django_get_or_create = ("number",)

    number = factory.Sequence(lambda n: n + 1)
    title = factory.Sequence(lambda n: f"Road map {n}")
    lead_agency = factory.SubFactory(OrganizationFactory, kind=Organization.Kind.MINISTRY)


class ActionFactory(ModelFactory[Action]):
    class Meta:
        model = Action
        skip_postgeneration_save = True

    road_map = factory.SubFactory(RoadMapFactory)
    number = factory.Sequence(lambda n: n + 1)
    description = factory.Sequence(lambda n: f"Action {n}")
    deadline = factory.LazyFunction(lambda: datetime.date.today() + datetime.timedelta(days=90))
    status = Action.Status.NOT_STARTED

    @factory.post_generation
    def responsible_agencies(obj, create, extracted, **kwargs):  # noqa: N805
        if create:
            obj.responsible_agencies.set(extracted or [obj.road_map.lead_agency])


class ProgressUpdateFactory(ModelFactory[ProgressUpdate]):
    class Meta:
        model = ProgressUpdate

    action = factory.SubFactory(ActionFactory)
    date = factory.LazyFunction(datetime.date.today)
    text = "Draft law submitted to the Mazhilis."
    author = factory.SubFactory(UserFactory, role="focal_point")

    class Params:
        # A PDF in the private store, as the focal point's form leaves it.
        with_evidence = factory.Trait(
            evidence_file=factory.django.FileField(filename="evidence.pdf", data=PDF_BYTES),
            evidence_name="Отчёт о ходе работы.pdf",
            evidence_content_type="application/pdf",
        )


class NationalPlanFactory(ModelFactory[NationalPlan]):
    class Meta:
        model = NationalPlan
        django_get_or_create = ("slug",)

    title = "Interdepartmental Plan 2020-2024"
    slug = "interdepartmental-plan-2020-2024"
    start_year = 2020
    end_year = 2024
