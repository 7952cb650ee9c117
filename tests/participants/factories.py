from __future__ import annotations

import factory
from factory.django import DjangoModelFactory

from participants.models import Membership, Organization, User


class OrganizationFactory(DjangoModelFactory):
    class Meta:
        model = Organization
        django_get_or_create = ("name",)

    name = factory.Sequence(lambda n: f"Organisation {n}")
    name_ru = factory.LazyAttribute(lambda o: f"Организация {o.name}")
    name_kk = factory.LazyAttribute(lambda o: f"Ұйым {o.name}")
    kind = Organization.Kind.NGO
    standing = Organization.Standing.MEMBER


class UserFactory(DjangoModelFactory):
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


class MembershipFactory(DjangoModelFactory):
    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    organization = factory.SubFactory(OrganizationFactory)
    position = factory.Faker("job")
    is_primary = True
