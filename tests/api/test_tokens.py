"""Personal API tokens: created and shown once, stored hashed, revoked by their owner or the secretariat, and the
progress updates they submit under the web form's rules."""

from __future__ import annotations

import datetime as dt
import hashlib
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from api.models import ApiToken
from participants.models import User
from recommendations.models import ProgressUpdate
from tests.api.factories import make_token
from tests.auth import force_login
from tests.participants.factories import OrganizationFactory
from tests.recommendations.factories import ActionFactory

pytestmark = pytest.mark.django_db

URL = "/api/v1/progress-updates/"


def post(client: Client, key: str | None, data: dict[str, Any], **headers: str) -> Any:
    if key:
        headers["authorization"] = f"Bearer {key}"
    return client.post(URL, data, content_type="application/json", headers=headers)


def signed_in(user: User) -> Client:
    client = Client()
    force_login(client, user)
    return client


def valid(action_id: int, **extra: Any) -> dict[str, Any]:
    return {"action": action_id, "date": timezone.localdate().isoformat(), "text": "Bill adopted in first reading.",
            **extra}


# --- Token pages --------------------------------------------------------------------------------


def test_focal_point_creates_a_token_that_is_shown_once_and_stored_hashed(client_as: Any) -> None:
    client = client_as("focal_point")

    response = client.post("/en/open-data/tokens/", {"label": "Ministry script"})
    # Shown in the answer to the POST itself, which no cache may keep.
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    page = response.content.decode()
    token = ApiToken.objects.get()
    key = page.split('id="new-token" class="form-control font-monospace" value="')[1].split('"')[0]

    assert key.startswith("dpk_") and len(key) > 40
    assert token.digest == hashlib.sha256(key.encode()).hexdigest()
    assert key not in {token.prefix, token.digest, token.label}
    assert key not in client.get("/en/open-data/tokens/").content.decode()  # only once


def test_a_new_token_never_sits_in_clear_text_in_the_session_table(client_as: Any) -> None:
    from django.contrib.sessions.models import Session

    client = client_as("focal_point")
    response = client.post("/en/open-data/tokens/", {"label": "Ministry script"})
    key = response.content.decode().split('id="new-token" class="form-control font-monospace" value="')[1].split('"')[0]

    stored = [(row.session_data, str(row.get_decoded())) for row in Session.objects.all()]
    assert stored, "the signed-in client has a session row"
    for encoded, decoded in stored:
        assert key not in encoded and key not in decoded
        assert key.split("_", 1)[1][:16] not in decoded


def test_reloading_the_token_page_does_not_create_another_token(client_as: Any) -> None:
    client = client_as("focal_point")
    client.post("/en/open-data/tokens/", {"label": "Ministry script"})
    page = client.get("/en/open-data/tokens/")
    assert page.status_code == 200
    assert ApiToken.objects.count() == 1


def test_token_needs_a_name_and_keeps_the_typed_page(client_as: Any) -> None:
    client = client_as("focal_point")

    response = client.post("/en/open-data/tokens/", {"label": "   "})

    assert response.status_code == 200
    assert "This field is required." in response.content.decode() or "Give the token a name" in response.content.decode()
    assert not ApiToken.objects.exists()


def test_a_person_has_at_most_five_active_tokens(focal_point: User) -> None:
    from core.exceptions import ApplicationError

    for n in range(5):
        make_token(focal_point, f"script {n}")
    with pytest.raises(ApplicationError):
        make_token(focal_point, "one too many")


def test_owner_revokes_own_token_and_it_stops_working(focal_point: User) -> None:
    token, key = make_token(focal_point)
    client = signed_in(focal_point)
    action = ActionFactory(responsible_agencies=[focal_point.memberships.get().organization])

    assert post(Client(), key, valid(action.pk)).status_code == 201
    response = client.post(f"/en/open-data/tokens/{token.pk}/revoke/")
    assert response.status_code == 302
    token.refresh_from_db()
    assert token.revoked_at is not None and token.revoked_by == focal_point
    assert post(Client(), key, valid(action.pk)).status_code == 401


def test_secretariat_lists_and_revokes_any_token(client_as: Any, focal_point: User) -> None:
    token, key = make_token(focal_point, "Forgotten script")
    client = client_as("secretariat")

    assert "Forgotten script" in client.get("/en/open-data/tokens/all/").content.decode()
    response = client.post(f"/en/open-data/tokens/{token.pk}/revoke/", {"next": "/en/open-data/tokens/all/"})
    assert response.status_code == 302 and response["Location"] == "/en/open-data/tokens/all/"
    assert ApiToken.objects.get().revoked_at is not None
    assert "Forgotten script" not in client.get("/en/open-data/tokens/all/").content.decode()


def test_another_person_cannot_revoke_a_token(client_as: Any, focal_point: User) -> None:
    from conftest import make_role_user

    token, _key = make_token(focal_point)
    other = Client()
    force_login(other, make_role_user("focal_point", email="other-focal@example.org"))

    assert other.post(f"/en/open-data/tokens/{token.pk}/revoke/").status_code == 403
    assert ApiToken.objects.get().revoked_at is None


# --- Writing progress updates -----------------------------------------------------------------


@pytest.fixture
def own_action(focal_point: User) -> Any:
    return ActionFactory(responsible_agencies=[focal_point.memberships.get().organization])


def test_token_submits_a_progress_update_that_waits_for_approval(focal_point: User, own_action: Any) -> None:
    _token, key = make_token(focal_point)
    client = Client()

    response = post(client, key, valid(own_action.pk, proposed_status="in_progress",
                                       evidence_url="https://adilet.zan.kz/rus/docs/1"))

    assert response.status_code == 201, response.content
    update = ProgressUpdate.objects.get()
    assert (update.author, update.action, update.state) == (focal_point, own_action, "submitted")
    assert response.json()["state"] == "submitted"
    assert client.get(URL).json()["results"] == []  # public only once the secretariat approves
    assert ApiToken.objects.get().last_used_at is not None


def test_action_of_another_agency_is_a_400_on_the_action_field(focal_point: User) -> None:
    _token, key = make_token(focal_point)
    foreign = ActionFactory(responsible_agencies=[OrganizationFactory(name="Ministry of Health", kind="ministry")])

    response = post(Client(), key, valid(foreign.pk))

    assert response.status_code == 400
    assert "only on the actions of your own agency" in response.json()["action"][0]
    assert not ProgressUpdate.objects.exists()


def test_bad_input_gets_field_messages_in_the_request_language(focal_point: User, own_action: Any) -> None:
    _token, key = make_token(focal_point)
    future = (timezone.localdate() + dt.timedelta(days=3)).isoformat()

    english = post(Client(), key, valid(own_action.pk, date=future)).json()
    russian = post(Client(), key, valid(own_action.pk, date=future), accept_language="ru").json()
    kazakh_missing = post(Client(), key, {"action": own_action.pk, "date": "soon"}, accept_language="kk").json()
    bad_status = post(Client(), key, valid(own_action.pk, proposed_status="finished", evidence_url="nope")).json()

    assert english == {"date": ["The date of progress cannot be in the future."]}
    assert russian == {"date": ["Дата выполнения не может быть в будущем."]}
    assert set(kazakh_missing) == {"date", "text"}
    assert kazakh_missing["text"] == ["Бұл мән міндетті."]  # DRF's own Kazakh catalogue
    assert set(bad_status) == {"proposed_status", "evidence_url"}
    assert not ProgressUpdate.objects.exists()


def test_wrong_types_are_a_400_not_a_crash(focal_point: User, own_action: Any) -> None:
    _token, key = make_token(focal_point)

    response = post(Client(), key, {"action": "seven", "date": 20250101, "text": ["a"]})

    assert response.status_code == 400
    assert set(response.json()) == {"action", "date", "text"}


def test_no_token_or_an_unknown_token_is_401(own_action: Any) -> None:
    assert post(Client(), None, valid(own_action.pk)).status_code == 401
    response = post(Client(), "dpk_not-a-real-key", valid(own_action.pk))
    assert response.status_code == 401
    assert response["WWW-Authenticate"].startswith("Bearer")


def test_session_sign_in_does_not_authorise_writes(focal_point: User, own_action: Any) -> None:
    # Cookies never authenticate the API: a page on another site cannot make a signed-in browser post.
    response = signed_in(focal_point).post(URL, valid(own_action.pk), content_type="application/json")

    assert response.status_code == 401


def test_a_token_of_someone_no_longer_a_focal_point_is_refused(focal_point: User, own_action: Any) -> None:
    _token, key = make_token(focal_point)
    User.objects.filter(pk=focal_point.pk).update(role=User.Role.OBSERVER)

    assert post(Client(), key, valid(own_action.pk)).status_code == 403


def test_ngo_cannot_create_tokens(client_as: Any) -> None:
    assert client_as("ngo").post("/en/open-data/tokens/", {"label": "x"}).status_code == 403
    assert not ApiToken.objects.exists()
