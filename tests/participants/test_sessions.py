"""Idle sessions end, sooner for the secretariat; every page sends a Permissions-Policy (issue 13, item 4)."""

from __future__ import annotations

import time

import pytest
from django.test import Client
from pytest_django.fixtures import Settings

from conftest import make_role_user
from participants.middleware import LAST_SEEN_SESSION_KEY
from participants.models import User
from tests.auth import force_login

pytestmark = pytest.mark.django_db


def idle_for(client: Client, minutes: int) -> None:
    session = client.session
    session[LAST_SEEN_SESSION_KEY] = int(time.time()) - minutes * 60
    session.save()


def test_a_secretariat_session_ends_after_two_idle_hours(client: Client) -> None:
    force_login(client, make_role_user(User.Role.SECRETARIAT))
    idle_for(client, 119)
    assert client.get("/en/applications/").status_code == 200
    idle_for(client, 121)
    response = client.get("/en/applications/")
    assert response.status_code == 302
    assert response["Location"].startswith("/en/accounts/sign-in/?next=")
    assert "_auth_user_id" not in client.session
    page = client.get(response["Location"])
    assert "You were signed out after 120 minutes without activity" in page.content.decode()


def test_other_roles_stay_signed_in_longer_but_not_forever(client: Client) -> None:
    force_login(client, make_role_user(User.Role.NGO))
    idle_for(client, 121)
    assert client.get("/en/accounts/profile/").status_code == 200
    idle_for(client, 8 * 60 + 1)
    assert client.get("/en/accounts/profile/").status_code == 302
    assert "_auth_user_id" not in client.session


def test_the_idle_limits_are_settings(client: Client, settings: Settings) -> None:
    settings.SESSION_IDLE_SECONDS = 5 * 60
    force_login(client, make_role_user(User.Role.OBSERVER))
    idle_for(client, 6)
    assert client.get("/en/accounts/profile/").status_code == 302


def test_activity_keeps_the_session_alive(client: Client) -> None:
    force_login(client, make_role_user(User.Role.SECRETARIAT))
    idle_for(client, 100)
    assert client.get("/en/applications/").status_code == 200
    # The request moved the clock forward: the idle time counts from it.
    assert time.time() - client.session[LAST_SEEN_SESSION_KEY] < 60


def test_every_page_sends_a_permissions_policy_denying_powerful_features(client: Client) -> None:
    for path in ("/en/", "/en/accounts/sign-in/", "/en/no-such-page/"):
        policy = client.get(path).headers.get("Permissions-Policy", "")
        features = dict(item.strip().split("=", 1) for item in policy.split(","))
        for feature in ("camera", "microphone", "geolocation", "payment", "usb"):
            assert features.get(feature) == "()", (path, feature, policy)
