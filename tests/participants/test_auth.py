from __future__ import annotations

import re
from typing import TYPE_CHECKING

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse
from pytest_django.fixtures import Settings

from participants.models import User
from tests.participants.factories import UserFactory

if TYPE_CHECKING:
    from django.test.client import _MonkeyPatchedWSGIResponse as TestResponse

pytestmark = pytest.mark.django_db

PASSWORD = "correct-horse-battery"


@pytest.fixture
def person() -> User:
    return UserFactory(email="aigerim@example.org", role=User.Role.NGO)


def sign_in(client: Client, email: str, password: str) -> TestResponse:
    return client.post(reverse("participants:login"), {"username": email, "password": password})


def test_sign_in_with_email_in_any_case_succeeds(client: Client, person: User) -> None:
    response = sign_in(client, "AIGERIM@Example.org", PASSWORD)
    assert response.status_code == 302
    # Each person lands on their role's home page (dialogue_platform.home), not the public home.
    assert response["Location"] == reverse("workspace")
    assert client.session["_auth_user_id"] == str(person.pk)


def test_wrong_password_shows_error_and_keeps_email(client: Client, person: User) -> None:
    response = sign_in(client, person.email, "not-the-password")
    assert response.status_code == 200
    content = response.content.decode()
    assert "The e-mail address or the password is not correct" in content
    assert 'value="aigerim@example.org"' in content
    assert "_auth_user_id" not in client.session


def test_wrong_password_message_is_in_users_language(client: Client, person: User) -> None:
    with_lang = client.post(
        reverse("participants:login").replace("/en/", "/ru/"), {"username": person.email, "password": "nope"}
    )
    assert with_lang.status_code == 200
    assert '<html lang="ru">' in with_lang.content.decode()


def test_repeated_failures_lock_the_account_even_with_the_right_password(
    client: Client, person: User, settings: Settings
) -> None:
    for _attempt in range(settings.AXES_FAILURE_LIMIT):
        sign_in(client, person.email, "wrong-password")
    response = sign_in(client, person.email, PASSWORD)
    assert response.status_code == 429
    assert "Sign-in temporarily blocked" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_lockout_of_one_account_does_not_block_another(client: Client, person: User, settings: Settings) -> None:
    other = UserFactory(email="colleague@example.org")
    for _attempt in range(settings.AXES_FAILURE_LIMIT):
        sign_in(client, person.email, "wrong-password")
    response = sign_in(client, other.email, PASSWORD)
    assert response.status_code == 302


def test_sign_out_requires_post_and_ends_the_session(client: Client, person: User) -> None:
    client.force_login(person)
    assert client.get(reverse("participants:logout")).status_code == 405
    response = client.post(reverse("participants:logout"))
    assert response.status_code == 302
    assert "_auth_user_id" not in client.session


def test_password_reset_sends_a_working_link(client: Client, person: User) -> None:
    response = client.post(reverse("participants:password-reset"), {"email": "Aigerim@example.org"})
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [person.email]
    link = re.search(r"https?://[^/]+(/\S+/)", message.body).group(1)  # type: ignore[arg-type]  # a sent message's body is a str
    form_page = client.get(link, follow=True)
    assert form_page.status_code == 200
    assert form_page.context["validlink"] is True
    done = client.post(
        form_page.redirect_chain[-1][0],
        {"new_password1": "a-new-Passphrase-42", "new_password2": "a-new-Passphrase-42"},
    )
    assert done.status_code == 302
    person.refresh_from_db()
    assert person.check_password("a-new-Passphrase-42")


def test_password_reset_for_unknown_email_reveals_nothing(client: Client) -> None:
    response = client.post(reverse("participants:password-reset"), {"email": "nobody@example.org"}, follow=True)
    assert response.status_code == 200
    assert "If an account exists for the address you entered" in response.content.decode()
    assert mail.outbox == []


def test_password_reset_with_a_forged_token_says_the_link_cannot_be_used(client: Client, person: User) -> None:
    url = reverse("participants:password-reset-confirm", kwargs={"uidb64": "MQ", "token": "forged-token"})
    response = client.get(url)
    assert response.status_code == 200
    assert "This link cannot be used" in response.content.decode()


def test_password_change_checks_the_old_password(client: Client, person: User) -> None:
    client.force_login(person)
    url = reverse("participants:password-change")
    wrong = client.post(
        url, {"old_password": "bad", "new_password1": "Another-pass-77", "new_password2": "Another-pass-77"}
    )
    assert wrong.status_code == 200
    assert wrong.context["form"].errors["old_password"]
    right = client.post(
        url, {"old_password": PASSWORD, "new_password1": "Another-pass-77", "new_password2": "Another-pass-77"}
    )
    assert right.status_code == 302
    person.refresh_from_db()
    assert person.check_password("Another-pass-77")


def test_profile_saves_name_and_language(client: Client, person: User) -> None:
    client.force_login(person)
    response = client.post(
        reverse("participants:profile"),
        {"first_name": "Aigerim", "last_name": "Nurlanova", "preferred_language": "kk", "version": person.version},
    )
    assert response.status_code == 302
    person.refresh_from_db()
    assert (person.first_name, person.preferred_language) == ("Aigerim", "kk")


def test_profile_rejects_unknown_language_and_keeps_the_typed_name(client: Client, person: User) -> None:
    client.force_login(person)
    response = client.post(
        reverse("participants:profile"), {"first_name": "Typed", "last_name": "Name", "preferred_language": "xx"}
    )
    assert response.status_code == 200
    assert response.context["form"].errors["preferred_language"]
    assert 'value="Typed"' in response.content.decode()
    person.refresh_from_db()
    assert person.preferred_language != "xx"
