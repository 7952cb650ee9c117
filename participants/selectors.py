from __future__ import annotations

from django.db import connection
from django.db.models import Count, Prefetch, Q, QuerySet
from django.db.models.expressions import Func
from django.db.models.functions import Collate
from django.utils import timezone
from django.utils.translation import gettext as _

from core.multilingual import active_language, any_language_q, fallback_expression
from participants.models import Membership, Organization, OrganizationApplication, OrganizationInvitation, User

# ICU collations, so Kazakh letters (Ә, Қ, Ұ, ...) sort with their neighbours rather than after Я as the
# database's byte order would put them. SQLite (development) keeps its binary order.
_COLLATIONS = {"ru": "ru-x-icu", "kk": "kk-x-icu", "en": "en-x-icu"}


def localized_name_order() -> Func:
    """The organisation name people read in the active language (`Organization.name`, with the fallback of
    settings.CONTENT_FALLBACK_LANGUAGES)."""
    language = active_language()
    name = fallback_expression("name", language)
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
            any_language_q("name", "icontains", query)
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


def application_queue(*, status: str | None = None, region: str | None = None) -> QuerySet[OrganizationApplication]:
    """Applications for the secretariat's queue, oldest pending first so none waits forever."""
    qs = OrganizationApplication.objects.select_related("decided_by")
    if status:
        qs = qs.filter(status=status)
    if region:
        qs = qs.filter(region=region)
    return qs.order_by("created_at", "pk") if status == OrganizationApplication.Status.PENDING else qs.order_by(
        "-created_at", "-pk"
    )


def application_bin_conflict(*, bin: str) -> str | None:
    """Why a new application for `bin` cannot be accepted, in words for the applicant; None if it can."""
    if Organization.objects.filter(bin=bin).exists():
        return _(
            "An organisation with this BIN is already on the platform. If it is yours, ask one of its "
            "representatives to invite you from their “My organisation” page."
        )
    if OrganizationApplication.objects.filter(bin=bin, status=OrganizationApplication.Status.PENDING).exists():
        return _(
            "An application for this BIN is already waiting for the secretariat's decision. "
            "You will hear from us by e-mail; there is no need to apply again."
        )
    return None


def application_get(*, pk: int) -> OrganizationApplication | None:
    return (
        OrganizationApplication.objects.select_related("decided_by", "organization", "user", "applicant")
        .filter(pk=pk)
        .first()
    )


def application_status_counts() -> dict[str, int]:
    rows = OrganizationApplication.objects.values("status").annotate(n=Count("id"))
    return {row["status"]: row["n"] for row in rows}


def organization_colleagues(*, organization: Organization) -> QuerySet[Membership]:
    return (
        Membership.objects.filter(organization=organization, user__is_active=True)
        .select_related("user")
        .order_by("user__last_name", "user__first_name", "user__email")
    )


def invitation_open_for_organization(*, organization: Organization) -> QuerySet[OrganizationInvitation]:
    """Invitations not yet accepted, revoked or expired."""
    return (
        OrganizationInvitation.objects.filter(
            organization=organization,
            accepted_at__isnull=True,
            revoked_at__isnull=True,
            expires_at__gt=timezone.now(),
        )
        .select_related("invited_by")
        .order_by("expires_at")
    )


def invitation_get_for_representative(*, user: User, pk: int) -> OrganizationInvitation | None:
    """An invitation of the user's own organisation; None for anyone else's (the view answers 404)."""
    organization = user_primary_organization(user=user)
    if organization is None:
        return None
    return OrganizationInvitation.objects.filter(pk=pk, organization=organization).first()


def invitation_get_by_token(*, token: str) -> OrganizationInvitation | None:
    return (
        OrganizationInvitation.objects.select_related("organization", "invited_by")
        .filter(token_hash=OrganizationInvitation.hash_token(token))
        .first()
    )
