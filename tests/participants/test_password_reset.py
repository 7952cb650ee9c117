"""Password reset requests: limited per address and per account, the same answer and the same work whether or not
the address has an account, and honest when the mail server is down (issue 13, item 3)."""

from __future__ import annotations

from typing import TYPE_CHECKING
from unittest import mock

import pytest
from django.core import mail
from django.test import Client
from pytest_django.fixtures import DjangoAssertNumQueries, Settings

from participants import signin
from participants.models import User
from tests.participants import mail as down_mail
from tests.participants.factories import UserFactory

if TYPE_CHECKING:
    from django.test.client import _MonkeyPatchedWSGIResponse as TestResponse

pytestmark = pytest.mark.django_db

RESET = "/en/accounts/password/reset/"
DONE = "/en/accounts/password/reset/sent/"


@pytest.fixture
def person() -> User:
    return UserFactory(email="aigerim@example.org", role=User.Role.NGO)


def ask(client: Client, email: str, address: str = "203.0.113.5") -> TestResponse:
    return client.post(RESET, {"email": email}, REMOTE_ADDR=address)


def test_twenty_requests_for_one_account_send_only_the_first_few_mails(client: Client, person: User) -> None:
    answers = {ask(client, "Aigerim@example.org", address=f"198.51.100.{n}")["Location"] for n in range(20)}
    # Every request got the same answer, but only the account's allowance of mails left.
    assert answers == {DONE}
    assert len(mail.outbox) == 3
    assert {tuple(m.to) for m in mail.outbox} == {(person.email,)}


def test_the_account_limit_is_configurable(client: Client, person: User, settings: Settings) -> None:
    settings.PASSWORD_RESET_RATE_PER_ACCOUNT = "1/h"
    ask(client, person.email)
    ask(client, person.email.upper())
    assert len(mail.outbox) == 1


def test_one_address_asking_too_often_is_told_so_and_keeps_what_it_typed(client: Client, settings: Settings) -> None:
    settings.PASSWORD_RESET_RATE_PER_IP = "3/h"
    for n in range(3):
        assert ask(client, f"someone{n}@example.org").status_code == 302
    response = ask(client, "last@example.org")
    assert response.status_code == 429
    content = response.content.decode()
    assert "Too many password reset requests" in content
    assert 'value="last@example.org"' in content
    # Another client address is not affected.
    assert ask(client, "last@example.org", address="192.0.2.44").status_code == 302


def test_known_and_unknown_addresses_do_the_same_work_on_the_request_path(
    client: Client, person: User, django_assert_num_queries: DjangoAssertNumQueries
) -> None:
    with mock.patch("participants.tasks.send_password_reset.delay") as queued:
        with django_assert_num_queries(0):
            known = ask(client, person.email)
        with django_assert_num_queries(0):
            unknown = ask(client, "nobody@example.org")
    # No lookup on the request path: both are handed to the task as typed, and answered alike.
    assert queued.call_args_list == [
        mock.call(email=person.email, language="en"),
        mock.call(email="nobody@example.org", language="en"),
    ]
    assert (known.status_code, known["Location"]) == (unknown.status_code, unknown["Location"]) == (302, DONE)
    assert mail.outbox == []


def test_the_task_sends_the_link_in_the_language_the_visitor_used(client: Client, person: User) -> None:
    client.post("/ru/accounts/password/reset/", {"email": person.email})
    assert len(mail.outbox) == 1
    assert "Здравствуйте" in mail.outbox[0].body or "пароль" in mail.outbox[0].body


def test_with_the_mail_server_down_no_page_claims_the_mail_was_sent(
    client: Client, person: User, settings: Settings
) -> None:
    settings.EMAIL_BACKEND = "tests.participants.mail.MailServerDownBackend"
    before = down_mail.attempts
    first = ask(client, person.email)
    # Tried (a worker retries; run in-process it is tried once), never delivered, and never a server error.
    assert first.status_code == 302
    assert down_mail.attempts - before == 1
    assert mail.outbox == []
    page = client.get(first["Location"]).content.decode()
    assert "we have sent" not in page.lower()
    assert "we are sending it a link" in page
    # From then on every request, for any address, says the e-mail may be late.
    later = ask(client, "nobody@example.org", address="192.0.2.9")
    assert later["Location"] == f"{DONE}?mail=delayed"
    warning = client.get(later["Location"]).content.decode()
    assert "Our e-mail service is not working properly at the moment" in warning


def test_a_successful_send_clears_the_mail_trouble_notice(client: Client, person: User, settings: Settings) -> None:
    settings.EMAIL_BACKEND = "tests.participants.mail.MailServerDownBackend"
    ask(client, person.email)
    assert signin.outgoing_mail_failing()
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    ask(client, person.email, address="192.0.2.10")
    assert len(mail.outbox) == 1
    assert not signin.outgoing_mail_failing()
    assert ask(client, "x@example.org", address="192.0.2.11")["Location"] == DONE


def test_the_reset_form_without_an_address_shows_an_error(client: Client) -> None:
    response = client.post(RESET, {"email": ""})
    assert response.status_code == 200
    assert response.context["form"].errors["email"]
