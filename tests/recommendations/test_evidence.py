"""Evidence files of progress updates (issue 13, item 5): checked by content on every path, stored privately under
a random name, and served only by a view that checks who may have them."""

from __future__ import annotations

import datetime
import importlib
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from django.apps import apps as global_apps
from django.conf import settings as django_settings
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from conftest import make_role_user
from participants.models import Organization, User
from recommendations.models import ProgressUpdate
from tests.api.factories import make_token
from tests.auth import force_login
from tests.core.files import BAD_UPLOADS, DOCX_BYTES, PDF_BYTES, upload
from tests.participants.factories import MembershipFactory, OrganizationFactory, UserFactory
from tests.recommendations.factories import ActionFactory, ProgressUpdateFactory

pytestmark = pytest.mark.django_db

State = ProgressUpdate.State


def _justice() -> Organization:
    # The focal point of conftest.make_role_user belongs to this ministry.
    return OrganizationFactory(name="Ministry of Justice", kind=Organization.Kind.MINISTRY)


def _form_data(**extra: Any) -> dict[str, Any]:
    return {"date": datetime.date.today().isoformat(), "text": "Draft law sent to parliament", **extra}


# --- Every way in checks the file by its content ----------------------------------------------


@pytest.mark.parametrize("kind", sorted(BAD_UPLOADS))
def test_web_form_refuses_each_bad_file_type_keeps_the_text_and_saves_nothing(
    kind: str, client_as: Callable[[str], Client],
) -> None:
    name, data = BAD_UPLOADS[kind]
    action = ActionFactory(responsible_agencies=[_justice()])

    response = client_as("focal_point").post(
        reverse("recommendations:progress-create", args=[action.pk]),
        _form_data(evidence_file=upload(name, data, "application/pdf")),
    )

    assert response.status_code == 200
    assert "This file is not an accepted document" in response.context["form"].errors["evidence_file"][0]
    assert "Draft law sent to parliament" in response.content.decode()
    assert not ProgressUpdate.objects.exists()


@pytest.mark.parametrize("kind", sorted(BAD_UPLOADS))
def test_api_refuses_each_bad_file_type_with_a_400_on_the_field(kind: str) -> None:
    name, data = BAD_UPLOADS[kind]
    focal_point = make_role_user(User.Role.FOCAL_POINT)
    action = ActionFactory(responsible_agencies=[focal_point.memberships.get().organization])
    _token, key = make_token(focal_point)

    response = Client().post(
        "/api/v1/progress-updates/", {"action": action.pk, **_form_data(evidence_file=upload(name, data))},
        headers={"authorization": f"Bearer {key}"},
    )

    assert response.status_code == 400, response.content
    assert "not an accepted document" in response.json()["evidence_file"][0]
    assert not ProgressUpdate.objects.exists()


def test_the_service_itself_refuses_a_bad_file_whoever_calls_it(focal_point: User) -> None:
    from core.exceptions import ApplicationError
    from recommendations import services

    action = ActionFactory(responsible_agencies=[focal_point.memberships.get().organization])
    with pytest.raises(ApplicationError) as exc:
        services.progress_update_submit(actor=focal_point, action=action, date=datetime.date.today(), text="x",
                                        evidence_file=upload(*BAD_UPLOADS["exe renamed pdf"]))
    assert exc.value.field == "evidence_file"
    assert not ProgressUpdate.objects.exists()


def test_api_accepts_a_document_stores_it_privately_and_answers_with_the_download_view(settings: Any) -> None:
    focal_point = make_role_user(User.Role.FOCAL_POINT)
    action = ActionFactory(responsible_agencies=[focal_point.memberships.get().organization])
    _token, key = make_token(focal_point)

    response = Client().post(
        "/api/v1/progress-updates/",
        {"action": action.pk, **_form_data(evidence_file=upload("План работы.docx", DOCX_BYTES))},
        headers={"authorization": f"Bearer {key}"},
    )

    assert response.status_code == 201, response.content
    update = ProgressUpdate.objects.get()
    assert response.json()["evidence_file_url"].endswith(reverse("recommendations:progress-evidence", args=[update.pk]))
    stored = Path(settings.PRIVATE_MEDIA_ROOT) / update.evidence_file.name
    assert stored.read_bytes() == DOCX_BYTES
    assert "План" not in update.evidence_file.name and update.evidence_file.name.endswith(".docx")
    assert not (Path(settings.MEDIA_ROOT) / "recommendations").exists()
    assert (update.evidence_name, update.evidence_content_type) == ("План работы.docx", response_docx_type())


def response_docx_type() -> str:
    return "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def test_web_form_stores_evidence_privately_under_a_random_name(client_as: Callable[[str], Client], settings: Any) -> None:
    action = ActionFactory(responsible_agencies=[_justice()])

    response = client_as("focal_point").post(
        reverse("recommendations:progress-create", args=[action.pk]),
        _form_data(evidence_file=upload("evidence.pdf", PDF_BYTES, "application/pdf")),
    )

    assert response.status_code == 302
    update = ProgressUpdate.objects.get()
    assert (Path(settings.PRIVATE_MEDIA_ROOT) / update.evidence_file.name).read_bytes() == PDF_BYTES
    assert update.evidence_file.name.startswith("recommendations/evidence/")
    assert update.evidence_file.name.rsplit("/", 1)[-1] != "evidence.pdf"
    assert not (Path(settings.MEDIA_ROOT) / update.evidence_file.name).exists()


# --- Who may download: roles x states ---------------------------------------------------------

# The update's author is a focal point of the Ministry of Justice, which is responsible for the action.
VIEWERS = ("anonymous", "secretariat", "author", "colleague", "other_agency", "co_responsible", "ngo", "observer")
EXPECTED = {
    # Before approval: the secretariat and the author's agency; strangers are refused, the public asked to sign in.
    State.SUBMITTED: {"anonymous": 302, "secretariat": 200, "author": 200, "colleague": 200, "other_agency": 403,
                      "co_responsible": 403, "ngo": 403, "observer": 403},
    State.REJECTED: {"anonymous": 302, "secretariat": 200, "author": 200, "colleague": 200, "other_agency": 403,
                     "co_responsible": 403, "ngo": 403, "observer": 403},
    # Approved: public, like the update itself.
    State.APPROVED: dict.fromkeys(VIEWERS, 200),
}


@pytest.fixture
def world() -> dict[str, Any]:
    justice = _justice()
    interior = OrganizationFactory(name="Ministry of Internal Affairs", kind=Organization.Kind.MINISTRY)
    health = OrganizationFactory(name="Ministry of Health", kind=Organization.Kind.MINISTRY)
    action = ActionFactory(responsible_agencies=[justice, interior])
    author = UserFactory(role=User.Role.FOCAL_POINT, email="author@example.org")
    MembershipFactory(user=author, organization=justice)
    people: dict[str, User | None] = {"anonymous": None, "author": author}
    people["colleague"] = UserFactory(role=User.Role.FOCAL_POINT, email="colleague@example.org")
    MembershipFactory(user=people["colleague"], organization=justice)
    people["co_responsible"] = UserFactory(role=User.Role.FOCAL_POINT, email="interior@example.org")
    MembershipFactory(user=people["co_responsible"], organization=interior)
    people["other_agency"] = UserFactory(role=User.Role.FOCAL_POINT, email="health@example.org")
    MembershipFactory(user=people["other_agency"], organization=health)
    for role in ("secretariat", "ngo", "observer"):
        people[role] = make_role_user(role)
    return {"action": action, "author": author, "people": people}


def _client(user: User | None) -> Client:
    client = Client()
    if user is not None:
        force_login(client, user)
    return client


@pytest.mark.parametrize("state", [State.SUBMITTED, State.REJECTED, State.APPROVED])
@pytest.mark.parametrize("viewer", VIEWERS)
def test_evidence_download_matrix(state: str, viewer: str, world: dict[str, Any]) -> None:
    reviewed = {} if state == State.SUBMITTED else {"reviewed_at": timezone.now(), "review_note": "Add the decree"}
    update = ProgressUpdateFactory(with_evidence=True, action=world["action"], author=world["author"], state=state,
                                   **reviewed)

    response = _client(world["people"][viewer]).get(reverse("recommendations:progress-evidence", args=[update.pk]))

    assert response.status_code == EXPECTED[state][viewer], viewer
    if response.status_code == 200:
        assert b"".join(response.streaming_content) == PDF_BYTES  # type: ignore[attr-defined]  # a FileResponse
        assert response["Content-Type"] == "application/pdf"
        assert response["Content-Disposition"].startswith("attachment;")
        assert "filename*=utf-8''%D0%9E%D1%82%D1%87%D1%91%D1%82" in response["Content-Disposition"]
        assert response["Cache-Control"] == "private, no-store"
    elif response.status_code == 302:
        assert response["Location"].startswith(reverse("participants:login"))


def test_an_update_without_a_file_or_with_its_file_gone_is_404(world: dict[str, Any]) -> None:
    without = ProgressUpdateFactory(action=world["action"], author=world["author"], state=State.APPROVED,
                                    reviewed_at=timezone.now())
    gone = ProgressUpdateFactory(with_evidence=True, action=world["action"], author=world["author"],
                                 state=State.APPROVED, reviewed_at=timezone.now())
    gone.evidence_file.storage.delete(gone.evidence_file.name)  # type: ignore[arg-type]  # made with evidence

    for update in (without, gone):
        assert Client().get(reverse("recommendations:progress-evidence", args=[update.pk])).status_code == 404
    assert Client().get(reverse("recommendations:progress-evidence", args=[999999])).status_code == 404


def test_the_public_media_url_of_evidence_serves_nothing(client: Client, world: dict[str, Any]) -> None:
    update = ProgressUpdateFactory(with_evidence=True, action=world["action"], author=world["author"])

    assert client.get(f"{django_settings.MEDIA_URL}{update.evidence_file.name}").status_code == 404


# --- Where the links point ---------------------------------------------------------------------


def test_api_gives_the_download_view_for_evidence_and_null_without(client: Client, world: dict[str, Any]) -> None:
    with_file = ProgressUpdateFactory(with_evidence=True, action=world["action"], author=world["author"],
                                      state=State.APPROVED, reviewed_at=timezone.now())
    ProgressUpdateFactory(action=world["action"], author=world["author"], state=State.APPROVED,
                          reviewed_at=timezone.now())

    results = client.get("/api/v1/progress-updates/").json()["results"]

    urls = {item["id"]: item["evidence_file_url"] for item in results}
    assert len(urls) == 2 and list(urls.values()).count(None) == 1
    url = urls[with_file.pk]
    assert url == f"{django_settings.SITE_URL}{reverse('recommendations:progress-evidence', args=[with_file.pk])}"
    assert client.get(url.removeprefix(django_settings.SITE_URL)).status_code == 200


def test_queue_and_road_map_link_the_download_view(world: dict[str, Any]) -> None:
    pending = ProgressUpdateFactory(with_evidence=True, action=world["action"], author=world["author"])
    approved = ProgressUpdateFactory(with_evidence=True, action=world["action"], author=world["author"],
                                     state=State.APPROVED, reviewed_at=timezone.now())

    queue = _client(world["people"]["secretariat"]).get(reverse("recommendations:progress-queue")).content.decode()
    road_map = Client().get(reverse("recommendations:roadmap-detail", args=[world["action"].road_map.number]))

    assert reverse("recommendations:progress-evidence", args=[pending.pk]) in queue
    assert "Отчёт о ходе работы.pdf" in queue
    assert reverse("recommendations:progress-evidence", args=[approved.pk]) in road_map.content.decode()
    assert reverse("recommendations:progress-evidence", args=[pending.pk]) not in road_map.content.decode()


# --- Files already uploaded move to the private store (migration 0004) --------------------------


def test_migration_moves_public_evidence_to_the_private_store_under_random_names(
    settings: Any, world: dict[str, Any], django_capture_on_commit_callbacks: Any,
) -> None:
    migration = importlib.import_module("recommendations.migrations.0006_evidence_to_private_store")
    public = Path(settings.MEDIA_ROOT)
    old_pdf = "recommendations/evidence/2025/03/Протокол.pdf"
    old_html = "recommendations/evidence/2025/03/page.html"
    for name, data in ((old_pdf, PDF_BYTES), (old_html, b"<script>alert(1)</script>")):
        (public / name).parent.mkdir(parents=True, exist_ok=True)
        (public / name).write_bytes(data)
    pdf = ProgressUpdateFactory(action=world["action"], author=world["author"], evidence_file=old_pdf)
    html = ProgressUpdateFactory(action=world["action"], author=world["author"], evidence_file=old_html)
    missing = ProgressUpdateFactory(action=world["action"], author=world["author"],
                                    evidence_file="recommendations/evidence/2025/03/lost.pdf")

    with django_capture_on_commit_callbacks(execute=True):
        migration.to_private(global_apps, None)

    pdf.refresh_from_db()
    html.refresh_from_db()
    missing.refresh_from_db()
    private = Path(settings.PRIVATE_MEDIA_ROOT)
    assert (private / pdf.evidence_file.name).read_bytes() == PDF_BYTES
    assert (pdf.evidence_name, pdf.evidence_content_type) == ("Протокол.pdf", "application/pdf")
    assert "Протокол" not in pdf.evidence_file.name and pdf.evidence_file.name.endswith(".pdf")
    # Kept (nothing is lost), but only ever served as an opaque attachment.
    assert (html.evidence_name, html.evidence_content_type) == ("page.html", "application/octet-stream")
    assert not html.evidence_file.name.endswith(".html")
    assert missing.evidence_file.name == "recommendations/evidence/2025/03/lost.pdf"
    assert not (public / old_pdf).exists() and not (public / old_html).exists()

    with django_capture_on_commit_callbacks(execute=True):
        migration.to_public(global_apps, None)

    pdf.refresh_from_db()
    assert (public / pdf.evidence_file.name).read_bytes() == PDF_BYTES
    assert pdf.evidence_file.name == "recommendations/evidence/" + f"{pdf.created_at:%Y/%m}/Протокол.pdf"
