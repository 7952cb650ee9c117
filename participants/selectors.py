from __future__ import annotations

from django.db.models import Count, Prefetch, Q, QuerySet

from participants.models import Membership, Organization, User


def organization_public_list(*, standing: str | None = None, kind: str | None = None) -> QuerySet[Organization]:
    """Active member and observer organisations, as the public may see them."""
    qs = Organization.objects.filter(is_active=True)
    if standing:
        qs = qs.filter(standing=standing)
    if kind:
        qs = qs.filter(kind=kind)
    return qs.order_by("standing", "kind", "name")


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
