"""Reference data: mechanisms, reviews, themes, road maps, plans (the demo seed and admin-like upserts)."""

from __future__ import annotations

import datetime
from typing import TypeVar

from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core.exceptions import ApplicationError
from participants.models import Organization, User
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

# (code, acronym, name, kind, order): the same list as migration 0002, for databases that were flushed
# after migrating (transactional tests) or built without migrations.
STANDARD_MECHANISMS = [
    ("upr", "UPR", "Universal Periodic Review", "upr", 10),
    ("cerd", "CERD", "Committee on the Elimination of Racial Discrimination", "treaty_body", 20),
    ("ccpr", "CCPR", "Human Rights Committee", "treaty_body", 21),
    ("cescr", "CESCR", "Committee on Economic, Social and Cultural Rights", "treaty_body", 22),
    ("cedaw", "CEDAW", "Committee on the Elimination of Discrimination against Women", "treaty_body", 23),
    ("cat", "CAT", "Committee against Torture", "treaty_body", 24),
    ("crc", "CRC", "Committee on the Rights of the Child", "treaty_body", 25),
    ("crpd", "CRPD", "Committee on the Rights of Persons with Disabilities", "treaty_body", 26),
    ("ced", "CED", "Committee on Enforced Disappearances", "treaty_body", 27),
    ("cmw", "CMW", "Committee on Migrant Workers", "treaty_body", 28),
    ("sp", "SP", "Special procedures of the Human Rights Council", "special_procedures", 40),
    ("ngo", "NGO", "NGO alternative reports", "ngo", 50),
    ("platform", "DP", "Dialogue Platform on the Human Dimension", "platform", 60),
]


M = TypeVar("M", bound=models.Model)


def _upsert(model: type[M], lookup: dict[str, object], values: dict[str, object]) -> M:
    """update_or_create() that saves only what differs: a seed run again changes no row and no timestamp."""
    # all_objects where the model has it: a withdrawn record (a road map) keeps its key and stays withdrawn.
    manager: models.Manager[M] = getattr(model, "all_objects", model._default_manager)
    obj = manager.select_for_update().filter(**lookup).first()
    if obj is None:
        obj = model(**lookup, **values)
        obj.save()
        return obj
    changed = [name for name, value in values.items() if getattr(obj, name) != value]
    if changed:
        for name in changed:
            setattr(obj, name, values[name])
        obj.save(update_fields=[*changed, "updated_at"])
    return obj


@transaction.atomic
def mechanisms_ensure() -> None:
    """Create the standard mechanisms that are missing (existing rows keep the secretariat's edits)."""
    existing = set(Mechanism.objects.values_list("code", flat=True))
    Mechanism.objects.bulk_create([
        Mechanism(code=code, acronym=acronym, name=name, kind=kind, sort_order=order)
        for code, acronym, name, kind, order in STANDARD_MECHANISMS if code not in existing
    ])


@transaction.atomic
def review_upsert(
    *, mechanism_code: str, number: int, title: str, state_under_review: str = "Kazakhstan", session: int | None = None,
    year: int | None = None, document_symbol: str = "", description: str = "",
) -> Review:
    mechanisms_ensure()
    return _upsert(
        Review, {"mechanism": Mechanism.objects.get(code=mechanism_code), "state_under_review": state_under_review,
                 "number": number},
        {"title": title, "session": session, "year": year, "document_symbol": document_symbol,
         "description": description},
    )


@transaction.atomic
def theme_upsert(*, slug: str, name: str, name_ru: str = "", name_kk: str = "") -> Theme:
    return _upsert(Theme, {"slug": slug}, {"name": name, "name_ru": name_ru, "name_kk": name_kk})


@transaction.atomic
def affected_group_upsert(*, slug: str, name: str, name_ru: str = "", name_kk: str = "") -> AffectedGroup:
    return _upsert(AffectedGroup, {"slug": slug}, {"name": name, "name_ru": name_ru, "name_kk": name_kk})


@transaction.atomic
def roadmap_upsert(
    *, number: int, title: str, lead_agency: Organization, theme: Theme | None = None, description: str = "",
    recommendations: list[Recommendation] | None = None,
) -> RoadMap:
    road_map = _upsert(
        RoadMap, {"number": number}, {"title": title, "lead_agency": lead_agency, "theme": theme, "description": description}
    )
    if recommendations is not None:
        road_map.recommendations.add(*recommendations)
    return road_map


@transaction.atomic
def action_upsert(
    *, road_map: RoadMap, number: int, description: str, responsible: list[Organization],
    partners: list[Organization] | None = None, deadline: datetime.date | None = None, indicator: str = "",
    status: str = Action.Status.NOT_STARTED, completed_on: datetime.date | None = None,
) -> Action:
    if status == Action.Status.DONE and completed_on is None:
        completed_on = deadline or timezone.localdate()
    values = {"description": description, "deadline": deadline, "indicator": indicator, "status": status,
              "completed_on": completed_on if status == Action.Status.DONE else None}
    # all_objects: a withdrawn action keeps its number (and stays withdrawn).
    action, created = Action.all_objects.get_or_create(road_map=road_map, number=number, defaults=values)
    changed = [name for name, value in values.items() if getattr(action, name) != value]
    # Saved only when something differs: each save is a "changed" entry in the action's public history.
    if not created and changed:
        for name in changed:
            setattr(action, name, values[name])
        action.save(update_fields=[*changed, "updated_at"])
    action.responsible_agencies.set(responsible)
    action.partners.set(partners or [])
    return action


@transaction.atomic
def plan_upsert(
    *, slug: str, title: str, adopted_by: str = "", adopted_on: datetime.date | None = None,
    start_year: int | None = None, end_year: int | None = None, description: str = "",
) -> NationalPlan:
    return _upsert(
        NationalPlan, {"slug": slug}, {"title": title, "adopted_by": adopted_by, "adopted_on": adopted_on,
                                       "start_year": start_year, "end_year": end_year, "description": description},
    )


@transaction.atomic
def plan_measure_upsert(
    *, plan: NationalPlan, number: str, text: str, responsible: list[Organization] | None = None,
    deadline: datetime.date | None = None, recommendations: list[Recommendation] | None = None,
    road_maps: list[RoadMap] | None = None,
) -> PlanMeasure:
    measure = _upsert(PlanMeasure, {"plan": plan, "number": number}, {"text": text, "deadline": deadline})
    measure.responsible_agencies.set(responsible or [])
    measure.recommendations.set(recommendations or [])
    measure.road_maps.set(road_maps or [])
    return measure


@transaction.atomic
def recommendation_create(
    *, actor: User | None, mechanism_code: str, review: Review, text: str, themes: list[Theme] | None = None,
    source_organization: Organization | None = None, responsible_agencies: list[Organization] | None = None,
    document_symbol: str = "", paragraph: str = "",
) -> Recommendation:
    """One recommendation typed or taken up by the secretariat (e.g. from an NGO submission), pending a response."""
    from recommendations.importers.base import natural_key

    mechanisms_ensure()
    mechanism = Mechanism.objects.get(code=mechanism_code)
    key = natural_key(mechanism=mechanism.code, state_under_review=review.state_under_review, cycle=review.number,
                      states=[source_organization.name] if source_organization else [], text=text)
    if Recommendation.all_objects.filter(natural_key=key).exists():
        raise ApplicationError(_("This recommendation is already in the tracker."))
    recommendation = Recommendation(
        kind=Recommendation.Kind.RECOMMENDATION, mechanism=mechanism, review=review, text=text,
        document_symbol=document_symbol, paragraph=paragraph, response=Recommendation.Response.PENDING,
        source_organization=source_organization, natural_key=key,
    )
    if actor is not None:
        recommendation._history_user = actor
    recommendation.save()
    recommendation.themes.set(themes or [])
    recommendation.responsible_agencies.set(responsible_agencies or [])
    return recommendation
