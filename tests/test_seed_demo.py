from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command
from pytest_django.fixtures import Settings

from participants.demo import DEMO_ACCOUNTS, DEMO_PASSWORD, ORGANIZATIONS
from participants.models import Membership, Organization, User

pytestmark = pytest.mark.django_db


def _row_counts() -> tuple[int, int, int]:
    return Organization.objects.count(), User.objects.count(), Membership.objects.count()


def test_seed_demo_twice_adds_nothing(settings: Settings) -> None:
    settings.DEBUG = True
    call_command("seed_demo", stdout=StringIO())
    first = _row_counts()
    call_command("seed_demo", stdout=StringIO())
    assert _row_counts() == first
    assert first[0] >= len(ORGANIZATIONS)


def test_seed_demo_creates_the_real_bodies_and_one_account_per_role(settings: Settings) -> None:
    settings.DEBUG = True
    output = StringIO()
    call_command("seed_demo", stdout=output)
    names = set(Organization.objects.values_list("acronym", flat=True))
    assert {"MFA", "MoJ", "UNDP", "OHCHR", "OSCE", "EU", "USAID"} <= names
    kinds = set(Organization.objects.values_list("kind", flat=True))
    assert {"ombudsman", "court", "parliament", "presidential_commission", "ngo"} <= kinds
    assert set(User.objects.values_list("role", flat=True)) == set(User.Role.values)
    for account in DEMO_ACCOUNTS:
        assert account.email in output.getvalue()
        assert User.objects.get(email=account.email).check_password(DEMO_PASSWORD)


def test_seed_demo_sets_no_password_when_debug_is_off(settings: Settings) -> None:
    settings.DEBUG = False
    output = StringIO()
    call_command("seed_demo", stdout=output)
    assert DEMO_PASSWORD not in output.getvalue()
    assert not any(User.objects.get(email=a.email).has_usable_password() for a in DEMO_ACCOUNTS)


def test_seed_demo_with_debug_off_disables_a_demo_password_seeded_earlier(settings: Settings) -> None:
    settings.DEBUG = True
    call_command("seed_demo", stdout=StringIO())
    settings.DEBUG = False
    call_command("seed_demo", stdout=StringIO())
    assert not User.objects.get(email=DEMO_ACCOUNTS[0].email).check_password(DEMO_PASSWORD)
