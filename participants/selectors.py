from __future__ import annotations

from django.db import connection
from django.db.models import Count, F, Prefetch, Q, QuerySet, Value
from django.db.models.expressions import Combinable
from django.db.models.functions import Coalesce, Collate, NullIf
from django.utils.translation import get_language

from participants.models import Membership, Organization, User

# ICU collations, so Kazakh letters (Ә, Қ, Ұ, ...) sort with their neighbours rather than after Я as the
# database's byte order would put them. SQLite (development) keeps its binary order.
_COLLATIONS = {"ru": "ru-x-icu", "kk": "kk-x-icu", "en": "en-x-icu"}


def localized_name_order() -> Combinable:
    """The organisation name people read in the active language (LocalizedNameMixin.localized_name): name_ru
    or name_kk, falling back to the English name when that translation is empty."""
    language = (get_language() or "en")[:2]
    field = {"ru": "name_ru", "kk": "name_kk"}.get(language)
    name = Coalesce(NullIf(F(field), Value("")), F("name")) if field else F("name")
    if connection.vendor == "postgresql":
        return Collate(name, _COLLATIONS.get(language, "und-x-icu"))
    return name


def organization_public_list(*, standing: str | None = None, kind: str | None = None) -> QuerySet[Organization]:
    """Active member and observer organisations, as the public may see them."""
    qs = Organization.objects.filter(is_active=True)
    if standing:
        qs = qs.filter(standing=standing)
    if kind:
        qs = qs.filter(kind=kind)
    return qs.order_by("standing", "kind", localized_name_order().asc(), "pk")


def organization_directory(
    *, query: str = "", standing: str | None = None, kind: str | None = None
) -> QuerySet[Organization]:
    """Organisations with their people and positions, for signed-in participants."""
    qs = organization_public_list(standing=standing, kind=kind)
    if query:
        qs = qs.filter(
            Q(name__icontains=query)
            | Q(name_ru__icontains=query)
            | Q(name_kk__icontains=query)
            | Q(acronym__icontains=query)
        )
    people = Membership.objects.filter(user__is_active=True).select_related("user").order_by(
        "user__last_name", "user__first_name", "user__email"
    )
    return qs.prefetch_related(
        Prefetch("memberships", queryset=people, to_attr="active_memberships")
    )


def organization_counts_by_standing() -> dict[str, int]:
    rows = Organization.objects.filter(is_active=True).values("standing").annotate(n=Count("id"))
    return {row["standing"]: row["n"] for row in rows}


def user_primary_organization(*, user: User) -> Organization | None:
    membership = (
        Membership.objects.filter(user=user, is_primary=True).select_related("organization").first()
    )
    return membership.organization if membership else None
