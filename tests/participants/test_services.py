from __future__ import annotations

import pytest

from participants import services
from participants.models import Membership, Organization, User
from tests.participants.factories import OrganizationFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_membership_set_moves_the_primary_flag_to_the_new_organisation() -> None:
    user = UserFactory()
    first, second = OrganizationFactory(), OrganizationFactory()
    services.membership_set(user=user, organization=first, position="Lawyer")
    services.membership_set(user=user, organization=second, position="Director")
    primary = Membership.objects.get(user=user, is_primary=True)
    assert primary.organization == second
    assert Membership.objects.filter(user=user).count() == 2


def test_user_upsert_updates_an_existing_person_found_by_email_in_any_case() -> None:
    existing = UserFactory(email="focal@example.org", role=User.Role.OBSERVER)
    user = services.user_upsert(email="Focal@Example.org", role=User.Role.FOCAL_POINT, first_name="Yerlan")
    assert user.pk == existing.pk
    assert user.role == User.Role.FOCAL_POINT
    assert User.objects.count() == 1


def test_user_upsert_without_password_leaves_an_unusable_one() -> None:
    user = services.user_upsert(email="new@example.org", role=User.Role.NGO)
    assert not user.has_usable_password()


def test_organization_upsert_is_keyed_by_name() -> None:
    services.organization_upsert(
        name="Supreme Court", kind=Organization.Kind.COURT, standing=Organization.Standing.MEMBER
    )
    services.organization_upsert(
        name="Supreme Court", kind=Organization.Kind.COURT, standing=Organization.Standing.MEMBER, acronym="SC"
    )
    assert Organization.objects.get(name="Supreme Court").acronym == "SC"
    assert Organization.objects.count() == 1
