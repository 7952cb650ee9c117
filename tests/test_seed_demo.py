from __future__ import annotations

from io import StringIO
from typing import Any

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


def _every_table_count() -> dict[str, int]:
    """Rows of every model of ours and of the libraries, history tables included."""
    from django.apps import apps

    return {model._meta.label: model._default_manager.count() for model in apps.get_models()}


def _historical_models() -> list[type[Any]]:  # simple_history's generated models
    from django.apps import apps

    return [model for model in apps.get_models() if model.__name__.startswith("Historical")]


def test_seed_demo_run_again_changes_nothing_not_even_the_public_history(settings: Settings) -> None:
    settings.DEBUG = True
    call_command("seed_demo", stdout=StringIO())
    first = _every_table_count()
    historical = _historical_models()
    assert len(historical) >= 2, "the walk must see the history tables"
    latest = {model._meta.label: list(model.objects.order_by("history_id").values_list("history_id", "history_type"))
              for model in historical}

    call_command("seed_demo", stdout=StringIO())

    second = _every_table_count()
    assert {label: (first[label], n) for label, n in second.items() if first[label] != n} == {}
    for model in historical:
        assert list(model.objects.order_by("history_id").values_list("history_id", "history_type")) == latest[
            model._meta.label]


def test_seed_demo_run_again_a_week_later_leaves_every_history_table_alone(settings: Settings) -> None:
    """The demo's dates are relative to today: a later run must not rewrite them as "changed" entries."""
    import datetime as dt
    from unittest import mock

    from django.utils import timezone

    settings.DEBUG = True
    call_command("seed_demo", stdout=StringIO())
    before = {model._meta.label: model.objects.count() for model in _historical_models()}
    later = timezone.now() + dt.timedelta(days=7)
    with mock.patch("django.utils.timezone.now", return_value=later):
        call_command("seed_demo", stdout=StringIO())
    assert {model._meta.label: model.objects.count() for model in _historical_models()} == before
