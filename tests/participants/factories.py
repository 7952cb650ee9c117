from __future__ import annotations

from datetime import timedelta
from typing import Any

import factory
from django.utils import timezone, translation

from participants.models import (
    FocusArea,
    Membership,
    Organization,
    OrganizationApplication,
    OrganizationInvitation,
    Region,
    User,
)
from participants.validators import bin_check_digit
from tests.typed_factories import ModelFactory


def valid_bin(n: int) -> str:
    """The n-th valid BIN of a test series (the check digit is computed, skipping unissuable prefixes)."""
    while True:
        prefix = f"1{n:010d}"
        digit = bin_check_digit(prefix)
        if digit is not None:
            return f"{prefix}{digit}"
        n += 100_000


class OrganizationFactory(ModelFactory[Organization]):
    class Meta:
        model = Organization
        django_get_or_create = ("name",)

    name = factory.Sequence(lambda n: f"Organisation {n}")
    name_ru = factory.LazyAttribute(lambda o: f"Организация {o.name}")
    name_kk = factory.LazyAttribute(lambda o: f"Ұйым {o.name}")
    kind = Organization.Kind.NGO
    standing = Organization.Standing.MEMBER

    @classmethod
    def _get_or_create(cls, model_class: type[Organization], *args: Any, **kwargs: Any) -> Organization:
        # `name` is django-modeltranslation's field: looked up in the active language, which a page visited before
        # may have left as kk or ru. The factory's names are the English ones.
        with translation.override("en"):
            return super()._get_or_create(model_class, *args, **kwargs)


class UserFactory(ModelFactory[User]):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"person{n}@example.org")
    first_name = factory.Faker("first_name")
    last_name = factory.Faker("last_name")
    role = User.Role.OBSERVER
    password = factory.PostGenerationMethodCall("set_password", "correct-horse-battery")

    @factory.post_generation
    def saved(obj, create, extracted, **kwargs):  # noqa: N805
        if create:
            obj.save()


class MembershipFactory(ModelFactory[Membership]):
    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    organization = factory.SubFactory(OrganizationFactory)
    position = factory.Faker("job")
    is_primary = True


class OrganizationApplicationFactory(ModelFactory[OrganizationApplication]):
    class Meta:
        model = OrganizationApplication

    name_kk = factory.Sequence(lambda n: f"«Әділет {n}» қоғамдық бірлестігі")
    name_ru = factory.Sequence(lambda n: f"Общественное объединение «Справедливость {n}»")
    name_en = factory.Sequence(lambda n: f"Justice {n} Public Association")
    bin = factory.Sequence(valid_bin)
    region = Region.ALMATY_CITY
    focus_areas = factory.LazyFunction(lambda: [FocusArea.JUSTICE, FocusArea.WOMEN])
    contact_name = "Aliya Serikova"
    contact_position = "Director"
    contact_email = factory.Sequence(lambda n: f"contact{n}@ngo.example.kz")
    contact_phone = "+7 701 234 56 78"
    language = "ru"
    consent_at = factory.LazyFunction(timezone.now)


class OrganizationInvitationFactory(ModelFactory[OrganizationInvitation]):
    """Pass `token=` to know the link; the factory stores only its hash, like the service."""

    class Meta:
        model = OrganizationInvitation
        exclude = ("token",)

    token = factory.Sequence(lambda n: f"test-token-{n}")
    organization = factory.SubFactory(OrganizationFactory)
    email = factory.Sequence(lambda n: f"colleague{n}@ngo.example.kz")
    invited_by = factory.SubFactory(UserFactory, role=User.Role.NGO)
    token_hash = factory.LazyAttribute(lambda o: OrganizationInvitation.hash_token(o.token))
    expires_at = factory.LazyFunction(lambda: timezone.now() + timedelta(days=7))
