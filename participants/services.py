from __future__ import annotations

from django.db import transaction

from participants.models import Membership, Organization, User


@transaction.atomic
def organization_upsert(
    *,
    name: str,
    kind: str,
    standing: str,
    name_ru: str = "",
    name_kk: str = "",
    acronym: str = "",
    country: str = "",
    website: str = "",
    description: str = "",
) -> Organization:
    """Create the organisation named `name`, or bring an existing one up to date."""
    org, _created = Organization.objects.update_or_create(
        name=name,
        defaults={
            "kind": kind,
            "standing": standing,
            "name_ru": name_ru,
            "name_kk": name_kk,
            "acronym": acronym,
            "country": country,
            "website": website,
            "description": description,
        },
    )
    return org


@transaction.atomic
def user_upsert(
    *,
    email: str,
    role: str,
    first_name: str = "",
    last_name: str = "",
    password: str | None = None,
    is_staff: bool = False,
    preferred_language: str = "ru",
) -> User:
    """Create a person or update their role and name. A password is set only when given."""
    email = email.strip().lower()
    user = User.objects.filter(email__iexact=email).first() or User(email=email)
    if user.pk is None and not password:
        user.set_unusable_password()
    user.role = role
    user.first_name = first_name
    user.last_name = last_name
    user.is_staff = is_staff
    user.preferred_language = preferred_language
    if password:
        user.set_password(password)
    user.save()
    return user


@transaction.atomic
def membership_set(
    *, user: User, organization: Organization, position: str = "", is_primary: bool = True
) -> Membership:
    """Place `user` in `organization`; a new primary membership demotes the old one."""
    if is_primary:
        Membership.objects.filter(user=user, is_primary=True).exclude(organization=organization).update(
            is_primary=False
        )
    membership, _created = Membership.objects.update_or_create(
        user=user,
        organization=organization,
        defaults={"position": position, "is_primary": is_primary},
    )
    return membership


@transaction.atomic
def user_password_disable(*, user: User) -> User:
    """The person can sign in again only after a password reset."""
    user.set_unusable_password()
    user.save(update_fields=["password"])
    return user
