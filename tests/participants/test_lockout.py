"""Sign-in lockout (django-axes): counted per normalised account and per real client address (issue 13, items 1-2)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import pytest
from django.test import Client
from django.urls import reverse
from pytest_django.fixtures import Settings

from participants.models import User
from tests.participants.factories import UserFactory

if TYPE_CHECKING:
    from django.test.client import _MonkeyPatchedWSGIResponse as TestResponse

pytestmark = pytest.mark.django_db

PASSWORD = "correct-horse-battery"  # tests/participants/factories.py


@pytest.fixture
def person() -> User:
    return UserFactory(email="observer@example.org", role=User.Role.OBSERVER)


def sign_in(client: Client, email: str, password: str, **headers: Any) -> TestResponse:
    return client.post(reverse("participants:login"), {"username": email, "password": password}, **headers)


def test_failures_in_any_letter_case_count_against_one_account(client: Client, person: User, settings: Settings) -> None:
    spellings = ["oBsErVeR@example.org", "OBSERVER@EXAMPLE.ORG", " Observer@Example.org ", "observer@example.ORG",
                 "ObServer@example.org", "obSERVER@example.org"]
    for spelling in spellings[: settings.AXES_FAILURE_LIMIT - 1]:
        assert sign_in(client, spelling, "wrong-password").status_code == 200
    # The failure that reaches the limit locks, under yet another spelling.
    assert sign_in(client, spellings[-1], "wrong-password").status_code == 429
    # Locked now, whatever the spelling: even the right password is refused.
    response = sign_in(client, "OBSERVER@example.org", PASSWORD)
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session


def test_lockout_behind_the_proxy_counts_the_forwarded_client_not_the_proxy(
    client: Client, person: User, settings: Settings
) -> None:
    settings.BEHIND_PROXY = True
    attacker = {"REMOTE_ADDR": "10.0.0.1", "HTTP_X_FORWARDED_FOR": "203.0.113.66"}
    for _attempt in range(settings.AXES_FAILURE_LIMIT):
        sign_in(client, person.email, "wrong-password", **attacker)
    assert sign_in(client, person.email, PASSWORD, **attacker).status_code == 429

    # The real user reaches the same proxy from another address and still gets in.
    owner = Client()
    response = sign_in(owner, person.email, PASSWORD, REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="198.51.100.7")
    assert response.status_code == 302
    assert owner.session["_auth_user_id"] == str(person.pk)


def test_a_forged_forwarded_header_cannot_dodge_the_lockout_behind_the_proxy(
    client: Client, person: User, settings: Settings
) -> None:
    # The proxy appends the address it saw; what the client put before it is not trusted.
    settings.BEHIND_PROXY = True
    for attempt in range(settings.AXES_FAILURE_LIMIT):
        forged = f"192.0.2.{attempt}, 203.0.113.66"
        sign_in(client, person.email, "wrong-password", REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR=forged)
    response = sign_in(
        client, person.email, PASSWORD, REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="192.0.2.99, 203.0.113.66"
    )
    assert response.status_code == 429


def test_without_the_proxy_setting_a_forwarded_header_is_ignored(
    client: Client, person: User, settings: Settings
) -> None:
    settings.BEHIND_PROXY = False
    for attempt in range(settings.AXES_FAILURE_LIMIT):
        sign_in(client, person.email, "wrong-password", REMOTE_ADDR="203.0.113.66",
                HTTP_X_FORWARDED_FOR=f"192.0.2.{attempt}")
    assert sign_in(client, person.email, PASSWORD, REMOTE_ADDR="203.0.113.66").status_code == 429


def test_a_username_over_255_characters_gets_a_form_error_not_a_server_error(client: Client, person: User) -> None:
    typed = "a" * 300 + "@example.org"
    response = sign_in(client, typed, "whatever-password")
    assert response.status_code == 200
    form = response.context["form"]
    assert form.errors
    assert "username" in form.errors or form.non_field_errors()
    assert "_auth_user_id" not in client.session


def test_a_username_over_255_characters_is_refused_in_russian_too(client: Client, person: User) -> None:
    response = client.post(
        reverse("participants:login").replace("/en/", "/ru/"), {"username": "б" * 400, "password": "x"}
    )
    assert response.status_code == 200
    assert '<html lang="ru">' in response.content.decode()
    assert response.context["form"].errors


def test_a_garbled_forwarded_address_is_no_server_error(client: Client, person: User, settings: Settings) -> None:
    # Only a misconfigured proxy would pass this on; the lockout table keeps addresses in an inet column.
    settings.BEHIND_PROXY = True
    response = sign_in(client, person.email, "wrong-password", REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="garbage")
    assert response.status_code == 200
    assert sign_in(client, person.email, PASSWORD, REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="garbage").status_code == 302
