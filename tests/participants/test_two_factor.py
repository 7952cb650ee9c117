"""Two-step sign-in of the secretariat (django-otp): enrolment, codes, recovery codes, enforcement, reset
(issue 13, item 4)."""

from __future__ import annotations

import io
import re
import time

import pytest
from django.core.management import call_command
from django.test import Client
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.oath import TOTP
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice
from pytest_django.fixtures import Settings

from conftest import make_role_user
from participants import signin
from participants.models import User
from tests.auth import force_login
from tests.participants.factories import UserFactory

pytestmark = pytest.mark.django_db

PASSWORD = "correct-horse-battery"
SIGN_IN = "/en/accounts/sign-in/"
VERIFY = "/en/accounts/two-factor/"
ENROL = "/en/accounts/two-factor/set-up/"
SECRETARIAT_PAGE = "/en/applications/"


def code_for(device: TOTPDevice, *, steps_ahead: int = 0) -> str:
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = time.time() + steps_ahead * device.step
    return f"{totp.token():06d}"


def enrolled(user: User) -> TOTPDevice:
    return TOTPDevice.objects.create(user=user, name="Phone", confirmed=True)


@pytest.fixture
def secretary() -> User:
    return make_role_user(User.Role.SECRETARIAT)


def test_secretariat_enrols_with_a_qr_code_and_key_then_sees_recovery_codes_once(client: Client, secretary: User) -> None:
    signed_in = client.post(SIGN_IN, {"username": secretary.email, "password": PASSWORD, "next": SECRETARIAT_PAGE})
    assert signed_in.status_code == 302
    assert signed_in["Location"].startswith(VERIFY)
    # Not enrolled yet: the code page sends them to set up their app, keeping where they were going.
    to_enrol = client.get(signed_in["Location"])
    assert to_enrol["Location"] == f"{ENROL}?next=%2Fen%2Fapplications%2F"

    page = client.get(to_enrol["Location"])
    assert page.status_code == 200
    assert "no-store" in page["Cache-Control"]
    content = page.content.decode()
    assert '<svg class="totp-qr" role="img"' in content and "style=" not in content.split("<main", 1)[1]
    device = TOTPDevice.objects.get(user=secretary, confirmed=False)
    assert page.context["secret"].replace(" ", "") in content.replace(" ", "")

    wrong = client.post(to_enrol["Location"], {"code": "000000" if code_for(device) != "000000" else "111111"})
    assert "That code is not correct" in wrong.content.decode()
    device.refresh_from_db()
    device.throttle_reset()
    done = client.post(to_enrol["Location"], {"code": code_for(device), "next": SECRETARIAT_PAGE})
    assert done.status_code == 200
    assert "no-store" in done["Cache-Control"]
    codes = done.context["codes"]
    assert len(codes) == 10 and len(set(codes)) == 10
    for code in codes:
        assert code in done.content.decode()
    # Stored only as hashes: the codes themselves are nowhere in the database.
    stored = set(StaticToken.objects.filter(device__user=secretary).values_list("token", flat=True))
    assert len(stored) == 10 and not stored & {c.replace("-", "") for c in codes} and not stored & set(codes)
    # The session passed the second factor: secretariat pages open.
    assert client.get(SECRETARIAT_PAGE).status_code == 200
    assert TOTPDevice.objects.get(user=secretary).confirmed


def test_every_later_sign_in_asks_for_the_code(client: Client, secretary: User) -> None:
    device = enrolled(secretary)
    signed_in = client.post(SIGN_IN, {"username": secretary.email, "password": PASSWORD})
    assert signed_in["Location"] == f"{VERIFY}?next=%2Fen%2Fworkspace%2F"
    # Half signed in: secretariat pages, the administration and even ordinary pages wait for the code.
    for path in (SECRETARIAT_PAGE, "/en/admin/", "/en/accounts/profile/", "/en/"):
        response = client.get(path)
        assert response.status_code == 302, path
        assert response["Location"].startswith(VERIFY), path
    key_before = client.session.session_key
    passed = client.post(signed_in["Location"], {"code": code_for(device), "next": SECRETARIAT_PAGE})
    assert passed["Location"] == SECRETARIAT_PAGE
    assert client.session.session_key != key_before
    assert client.get(SECRETARIAT_PAGE).status_code == 200
    assert client.get("/en/admin/").status_code == 200


def test_a_wrong_code_is_refused_and_further_guesses_are_slowed_down(client: Client, secretary: User) -> None:
    device = enrolled(secretary)
    client.post(SIGN_IN, {"username": secretary.email, "password": PASSWORD})
    wrong = "000000" if code_for(device) != "000000" else "111111"
    first = client.post(VERIFY, {"code": wrong})
    assert first.status_code == 200
    assert "That code is not correct" in first.content.decode()
    # Even the right code must wait for the throttle (1 s after one failure, doubling with each one).
    second = client.post(VERIFY, {"code": code_for(device)})
    assert second.status_code == 429
    assert "Too many wrong codes" in second.content.decode()
    assert DEVICE_ID_SESSION_KEY not in client.session
    assert client.get(SECRETARIAT_PAGE).status_code == 302


def test_a_recovery_code_works_once(client: Client, secretary: User) -> None:
    enrolled(secretary)
    codes = signin.recovery_codes_regenerate(user=secretary)
    client.post(SIGN_IN, {"username": secretary.email, "password": PASSWORD})
    passed = client.post(VERIFY, {"code": codes[3].upper(), "next": SECRETARIAT_PAGE}, follow=True)
    assert passed.redirect_chain[-1][0] == SECRETARIAT_PAGE
    assert "9 codes are left" in passed.content.decode()
    assert signin.recovery_codes_left(user=secretary) == 9

    again = Client()
    again.post(SIGN_IN, {"username": secretary.email, "password": PASSWORD})
    reused = again.post(VERIFY, {"code": codes[3]})
    assert "That code is not correct" in reused.content.decode()
    assert again.get(SECRETARIAT_PAGE).status_code == 302


def test_a_password_alone_cannot_enrol_a_new_app_over_an_existing_one(client: Client, secretary: User) -> None:
    enrolled(secretary)
    client.post(SIGN_IN, {"username": secretary.email, "password": PASSWORD})
    response = client.get(ENROL)
    assert response.status_code == 302
    assert response["Location"].startswith(VERIFY)
    assert TOTPDevice.objects.filter(user=secretary).count() == 1


def test_secretariat_views_and_admin_refuse_a_session_without_the_second_factor(secretary: User) -> None:
    client = Client()
    client.force_login(secretary)  # the password step only
    for path in (SECRETARIAT_PAGE, "/en/admin/", "/en/admin/participants/user/", "/en/open-data/tokens/all/"):
        response = client.get(path)
        assert response.status_code == 302, path
        assert response["Location"].startswith(VERIFY), path
    post = client.post(f"{SECRETARIAT_PAGE}1/approve/")
    assert post.status_code == 302 and post["Location"].startswith(VERIFY)


def test_a_superuser_needs_the_second_factor_too(client: Client) -> None:
    boss = UserFactory(is_superuser=True, is_staff=True, role=User.Role.OBSERVER)
    client.force_login(boss)
    assert client.get("/en/admin/")["Location"].startswith(VERIFY)
    force_login(client, boss)
    assert client.get("/en/admin/").status_code == 200


def test_other_roles_sign_in_without_a_second_factor(client: Client) -> None:
    person = make_role_user(User.Role.NGO)
    response = client.post(SIGN_IN, {"username": person.email, "password": PASSWORD})
    assert response["Location"] == "/en/workspace/"
    assert client.get("/en/accounts/profile/").status_code == 200
    assert client.get(ENROL)["Location"] == "/en/workspace/"


def test_the_code_page_never_redirects_to_another_site(client: Client, secretary: User) -> None:
    device = enrolled(secretary)
    client.force_login(secretary)
    response = client.post(VERIFY, {"code": code_for(device), "next": "https://evil.example/"})
    assert response["Location"] == "/en/workspace/"


def test_recovery_codes_can_be_replaced_and_the_old_ones_stop_working(client: Client, secretary: User) -> None:
    force_login(client, secretary)
    old = signin.recovery_codes_regenerate(user=secretary)
    status = client.get("/en/accounts/two-factor/recovery-codes/")
    assert "You have 10 unused recovery codes" in status.content.decode()
    fresh = client.post("/en/accounts/two-factor/recovery-codes/")
    assert "no-store" in fresh["Cache-Control"]
    new_codes = fresh.context["codes"]
    assert not set(new_codes) & set(old)
    assert signin.second_factor_verify(user=secretary, code=new_codes[0]).device is not None
    assert signin.second_factor_verify(user=secretary, code=old[0]).device is None


def test_reset_command_makes_the_person_enrol_again(client: Client, secretary: User) -> None:
    enrolled(secretary)
    signin.recovery_codes_regenerate(user=secretary)
    out = io.StringIO()
    call_command("reset_two_factor", secretary.email.upper(), stdout=out)
    assert "reset" in out.getvalue()
    assert not TOTPDevice.objects.filter(user=secretary).exists()
    assert signin.recovery_codes_left(user=secretary) == 0
    client.post(SIGN_IN, {"username": secretary.email, "password": PASSWORD})
    assert client.get(VERIFY)["Location"].startswith(ENROL)


def test_a_reset_takes_the_second_factor_from_open_sessions_at_once(client: Client, secretary: User) -> None:
    force_login(client, secretary)
    assert client.get(SECRETARIAT_PAGE).status_code == 200
    call_command("reset_two_factor", secretary.email, stdout=io.StringIO())
    response = client.get(SECRETARIAT_PAGE)
    assert response.status_code == 302 and response["Location"].startswith(VERIFY)


def test_reset_command_names_an_unknown_account() -> None:
    with pytest.raises(Exception, match="No account"):
        call_command("reset_two_factor", "nobody@example.org", stdout=io.StringIO())


def test_only_a_superuser_can_reset_two_step_sign_in_in_the_admin(client: Client, secretary: User) -> None:
    colleague = make_role_user(User.Role.SECRETARIAT, email="colleague@example.org")
    enrolled(colleague)
    url = "/en/admin/participants/user/"
    force_login(client, secretary)
    refused = client.post(url, {"action": "reset_two_factor", "_selected_action": [colleague.pk]})
    assert refused.status_code in (200, 302)
    assert TOTPDevice.objects.filter(user=colleague).exists()

    boss = UserFactory(is_superuser=True, is_staff=True, email="boss@example.org")
    admin_client = Client()
    force_login(admin_client, boss)
    done = admin_client.post(url, {"action": "reset_two_factor", "_selected_action": [colleague.pk]}, follow=True)
    assert re.search(r"Two-step sign-in reset for 1 account", done.content.decode())
    assert not TOTPDevice.objects.filter(user=colleague).exists()


def test_seed_demo_gives_the_demo_secretariat_the_published_key_only_with_debug(settings: Settings) -> None:
    from participants import demo

    settings.DEBUG = True
    demo.seed(with_passwords=True)
    secretary = User.objects.get(email="secretariat@example.org")
    device = TOTPDevice.objects.get(user=secretary, confirmed=True)
    assert device.key == demo.DEMO_TOTP_KEY
    out = io.StringIO()
    call_command("demo_totp_code", stdout=out)
    printed = out.getvalue().split()[0]
    assert signin.second_factor_verify(user=secretary, code=printed).device == device

    # Served with DEBUG off: the known key is gone, and the command refuses.
    demo.seed(with_passwords=False)
    assert not TOTPDevice.objects.filter(user=secretary).exists()
    settings.DEBUG = False
    with pytest.raises(Exception, match="DEBUG"):
        call_command("demo_totp_code", stdout=io.StringIO())


def test_readme_prints_the_demo_key_seed_demo_installs() -> None:
    from django.conf import settings as django_settings

    from participants import demo

    readme = (django_settings.BASE_DIR / "README.md").read_text(encoding="utf-8")
    assert f"`{demo.demo_totp_secret()}`" in readme


def test_enrolment_says_to_wait_when_codes_are_being_guessed(client: Client, secretary: User) -> None:
    client.force_login(secretary)
    client.get(ENROL)
    device = TOTPDevice.objects.get(user=secretary, confirmed=False)
    wrong = "000000" if code_for(device) != "000000" else "111111"
    assert "That code is not correct" in client.post(ENROL, {"code": wrong}).content.decode()
    throttled = client.post(ENROL, {"code": code_for(device)})
    assert throttled.status_code == 429
    assert "Too many wrong codes" in throttled.content.decode()
    assert not TOTPDevice.objects.get(pk=device.pk).confirmed
