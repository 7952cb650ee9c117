from __future__ import annotations

import pytest
from django.db import IntegrityError, transaction
from django.utils import translation

from participants.models import Membership, User
from tests.participants.factories import MembershipFactory, OrganizationFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_email_is_unique_whatever_its_case() -> None:
    UserFactory(email="dana@example.org")
    with pytest.raises(IntegrityError), transaction.atomic():
        User.objects.create(email="DANA@example.org")


def test_create_user_stores_email_in_lower_case() -> None:
    user = User.objects.create_user(email="Mixed.Case@Example.ORG", password="x-long-password")
    assert user.email == "mixed.case@example.org"


def test_person_has_at_most_one_primary_organisation() -> None:
    membership = MembershipFactory(is_primary=True)
    with pytest.raises(IntegrityError), transaction.atomic():
        Membership.objects.create(user=membership.user, organization=OrganizationFactory(), is_primary=True)


def test_person_cannot_join_the_same_organisation_twice() -> None:
    membership = MembershipFactory(is_primary=False)
    with pytest.raises(IntegrityError), transaction.atomic():
        Membership.objects.create(user=membership.user, organization=membership.organization, is_primary=False)


def test_organisation_name_follows_the_active_language() -> None:
    org = OrganizationFactory(name="Supreme Court", name_ru="Верховный Суд", name_kk="Жоғарғы Сот")
    with translation.override("kk"):
        assert org.localized_name == "Жоғарғы Сот"
    with translation.override("ru"):
        assert org.localized_name == "Верховный Суд"
    with translation.override("en"):
        assert org.localized_name == "Supreme Court"


def test_organisation_without_kazakh_name_falls_back_to_russian_then_english() -> None:
    # settings.CONTENT_FALLBACK_LANGUAGES: kk -> ru -> en.
    org = OrganizationFactory(name="OSCE Programme Office", name_ru="Программный офис ОБСЕ", name_kk="")
    with translation.override("kk"):
        assert org.localized_name == "Программный офис ОБСЕ"
    english_only = OrganizationFactory(name="UNDP Kazakhstan", name_ru="", name_kk="")
    with translation.override("kk"):
        assert english_only.localized_name == "UNDP Kazakhstan"


def test_role_properties_follow_the_role_and_activity() -> None:
    user = UserFactory(role=User.Role.SECRETARIAT)
    assert user.is_secretariat and not user.is_ngo
    user.is_active = False
    assert not user.is_secretariat
