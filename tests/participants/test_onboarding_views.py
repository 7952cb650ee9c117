"""Onboarding pages: the public form, the secretariat's queue and decisions, "My organisation",
invitation links, and the whole journey from application to a colleague's first sign-in."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import timedelta
from urllib.parse import urlparse

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from pytest_django.fixtures import DjangoAssertNumQueries, Settings

from participants.models import (
    FocusArea,
    Membership,
    Organization,
    OrganizationApplication,
    OrganizationInvitation,
    Region,
    User,
)
from tests.auth import force_login
from tests.participants.factories import (
    OrganizationApplicationFactory,
    OrganizationInvitationFactory,
    UserFactory,
    valid_bin,
)

pytestmark = pytest.mark.django_db

APPLY = "/en/join/"


def _form(**overrides: object) -> dict[str, object]:
    data: dict[str, object] = {
        "name_kk": "«Құқық» қоғамдық қоры",
        "name_ru": "Общественный фонд «Право»",
        "name_en": "Pravo Foundation",
        "bin": valid_bin(314),
        "region": Region.PAVLODAR,
        "focus_areas": [FocusArea.JUSTICE, FocusArea.TORTURE_PREVENTION],
        "website": "https://pravo.example.kz",
        "contact_name": "Aliya Serikova",
        "contact_position": "Director",
        "contact_email": "aliya@pravo.example.kz",
        "contact_phone": "+7 701 234 56 78",
        "consent": "on",
    }
    data.update(overrides)
    return data


def _path(url: str) -> str:
    return urlparse(url).path


def _link_in(body: str) -> str:
    match = re.search(r"https://dialogue\.example\.kz(/\S+)", body)
    assert match, body
    return match.group(1)


def test_anonymous_visitor_applies_and_is_thanked(client: Client, django_capture_on_commit_callbacks: Callable) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(APPLY, _form())
    assert response.status_code == 302
    assert _path(response["Location"]) == reverse("participants:application-received")
    application = OrganizationApplication.objects.get()
    assert application.language == "en"
    assert application.focus_areas == [FocusArea.JUSTICE, FocusArea.TORTURE_PREVENTION]
    assert application.applicant is None
    assert mail.outbox[0].to == ["aliya@pravo.example.kz"]
    thanks = client.get(response["Location"])
    assert "aliya@pravo.example.kz" in thanks.content.decode()


def test_a_bad_bin_keeps_everything_typed(client: Client) -> None:
    response = client.post("/ru/join/", _form(bin=valid_bin(314) + "1"))
    assert response.status_code == 200
    page = response.content.decode()
    assert "12" in response.context["form"].errors["bin"][0]
    assert "Общественный фонд «Право»" in page
    assert 'value="aliya@pravo.example.kz"' in page
    assert re.search(r'value="torture_prevention"[^>]*checked', page)
    assert not OrganizationApplication.objects.exists()


def test_a_double_submitted_application_is_recorded_once(client: Client) -> None:
    first = client.post(APPLY, _form())
    second = client.post(APPLY, _form())
    assert first.status_code == 302
    assert second.status_code == 200
    assert "already waiting" in second.context["form"].errors["bin"][0]
    assert OrganizationApplication.objects.count() == 1


def test_applications_are_rate_limited_per_ip(client: Client, settings: Settings) -> None:
    settings.ORG_APPLICATIONS_PER_HOUR = 2
    for n in range(2):
        response = client.post(APPLY, _form(bin=valid_bin(400 + n)), REMOTE_ADDR="10.0.0.1")
        assert response.status_code == 302
    refused = client.post(APPLY, _form(bin=valid_bin(402)), REMOTE_ADDR="10.0.0.1")
    assert refused.status_code == 429
    assert "Too many applications" in refused.content.decode()
    assert 'value="Pravo Foundation"' in refused.content.decode()
    # Another address is not affected.
    assert client.post(APPLY, _form(bin=valid_bin(402)), REMOTE_ADDR="10.0.0.2").status_code == 302
    assert OrganizationApplication.objects.count() == 3


def test_an_application_the_service_refuses_still_counts_towards_the_limit(
    client: Client, settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    """django-ratelimit counts every complete application sent, not only the accepted ones (the hand-written
    counter it replaced counted accepted ones only). The form catches a taken BIN itself; the service refuses only
    what slipped past it, such as the loser of two simultaneous submissions of one BIN, simulated here."""
    from core.exceptions import ApplicationError
    from participants import services

    settings.ORG_APPLICATIONS_PER_HOUR = 2

    def lost_race(**kwargs: object) -> None:
        raise ApplicationError("An application for this BIN is already waiting.", field="bin")

    monkeypatch.setattr(services, "application_submit", lost_race)
    for n in range(2):
        refused = client.post(APPLY, _form(bin=valid_bin(410 + n)), REMOTE_ADDR="10.0.0.3")
        assert refused.status_code == 200
        assert "already waiting" in refused.context["form"].errors["bin"][0]
    monkeypatch.undo()
    limited = client.post(APPLY, _form(bin=valid_bin(412)), REMOTE_ADDR="10.0.0.3")
    assert limited.status_code == 429
    assert not OrganizationApplication.objects.exists()


def test_signed_in_person_applies_with_their_details_prefilled(client_as: Callable[[str], Client]) -> None:
    client = client_as("observer")
    response = client.get(APPLY)
    assert response.context["form"].initial["contact_email"] == "observer@example.org"
    client.post(APPLY, _form(contact_email="observer@example.org"))
    assert OrganizationApplication.objects.get().applicant.email == "observer@example.org"


def test_apply_link_is_shown_to_visitors_on_home_and_members_list(client: Client, client_as: Callable) -> None:
    for url in ("/en/", "/en/organisations/"):
        assert APPLY in client.get(url).content.decode()
        assert APPLY not in client_as("ngo").get(url).content.decode()


def test_workspace_bar_links_applications_and_my_organisation_by_role(client_as: Callable[[str], Client]) -> None:
    secretariat_page = client_as("secretariat").get("/en/").content.decode()
    ngo_page = client_as("ngo").get("/en/").content.decode()
    assert "/en/applications/" in secretariat_page and "/en/my-organisation/" not in secretariat_page
    assert "/en/my-organisation/" in ngo_page and "/en/applications/" not in ngo_page


def test_queue_filters_by_status_and_region(client_as: Callable[[str], Client]) -> None:
    OrganizationApplicationFactory(name_en="Pending Almaty", region=Region.ALMATY_CITY)
    OrganizationApplicationFactory(name_en="Pending Aktobe", region=Region.AKTOBE)
    OrganizationApplicationFactory(
        name_en="Declined Aktobe", region=Region.AKTOBE, status="declined", decision_reason="No."
    )
    client = client_as("secretariat")
    default = client.get("/en/applications/")
    assert {a.name_en for a in default.context["page"]} == {"Pending Almaty", "Pending Aktobe"}
    aktobe = client.get("/en/applications/", {"status": "", "region": Region.AKTOBE})
    assert {a.name_en for a in aktobe.context["page"]} == {"Pending Aktobe", "Declined Aktobe"}
    declined = client.get("/en/applications/", {"status": "declined"})
    assert [a.name_en for a in declined.context["page"]] == ["Declined Aktobe"]


def test_queue_is_paginated_with_bounded_queries(
    client_as: Callable[[str], Client], django_assert_max_num_queries: DjangoAssertNumQueries
) -> None:
    client = client_as("secretariat")
    decider = User.objects.get(email="secretariat@example.org")
    for _ in range(30):
        OrganizationApplicationFactory(status="declined", decision_reason="Duplicate.", decided_by=decider,
                                       decided_at=timezone.now())
    # Session, user, the second factor's device, count, page rows (with their decider), status counts.
    with django_assert_max_num_queries(7):
        response = client.get("/en/applications/", {"status": "declined"})
    assert len(response.context["page"]) == 25
    assert response.context["page"].paginator.num_pages == 2
    with django_assert_max_num_queries(7):
        second = client.get("/en/applications/", {"status": "declined", "page": 2})  # type: ignore[arg-type]  # query parameters
    assert len(second.context["page"]) == 5


def test_detail_page_has_bounded_queries(
    client_as: Callable[[str], Client], django_assert_max_num_queries: DjangoAssertNumQueries
) -> None:
    client = client_as("secretariat")
    application = OrganizationApplicationFactory()
    with django_assert_max_num_queries(4):
        response = client.get(f"/en/applications/{application.pk}/")
    assert application.bin in response.content.decode()


def test_decline_without_a_reason_is_refused_next_to_the_field(client_as: Callable[[str], Client]) -> None:
    application = OrganizationApplicationFactory()
    response = client_as("secretariat").post(f"/en/applications/{application.pk}/decline/", {"reason": " "})
    assert response.status_code == 400
    assert response.context["decline_form"].errors["reason"]
    application.refresh_from_db()
    assert application.status == OrganizationApplication.Status.PENDING


def test_approving_a_declined_application_shows_a_clear_message(client_as: Callable[[str], Client]) -> None:
    application = OrganizationApplicationFactory()
    client = client_as("secretariat")
    client.post(f"/en/applications/{application.pk}/decline/", {"reason": "Registered abroad."})
    response = client.post(f"/en/applications/{application.pk}/approve/", follow=True)
    assert "already been declined" in response.content.decode()
    assert not Organization.objects.filter(bin=application.bin).exists()


def test_unknown_application_is_404(client_as: Callable[[str], Client]) -> None:
    assert client_as("secretariat").get("/en/applications/999999/").status_code == 404


def test_ngo_cannot_revoke_another_organisations_invitation(client_as: Callable[[str], Client]) -> None:
    other = OrganizationInvitationFactory()
    response = client_as("ngo").post(f"/en/my-organisation/invitations/{other.pk}/revoke/")
    assert response.status_code == 404
    other.refresh_from_db()
    assert other.revoked_at is None


def test_ngo_invites_sees_and_revokes_a_pending_invitation(client_as: Callable[[str], Client]) -> None:
    client = client_as("ngo")
    response = client.post("/en/my-organisation/invitations/", {"email": "new@ngo.example.kz", "language": "ru"})
    assert response.status_code == 302
    page = client.get("/en/my-organisation/").content.decode()
    assert "new@ngo.example.kz" in page
    invitation = OrganizationInvitation.objects.get()
    client.post(f"/en/my-organisation/invitations/{invitation.pk}/revoke/")
    invitation.refresh_from_db()
    assert invitation.state == "revoked"
    assert list(client.get("/en/my-organisation/").context["invitations"]) == []


def test_inviting_a_registered_email_says_so_next_to_the_field(client_as: Callable[[str], Client]) -> None:
    UserFactory(email="known@example.kz")
    response = client_as("ngo").post(
        "/en/my-organisation/invitations/", {"email": "known@example.kz", "language": "en"}
    )
    assert response.status_code == 400
    assert "already has an account" in response.context["invite_form"].errors["email"][0]
    assert not OrganizationInvitation.objects.exists()


def test_ngo_without_an_organisation_gets_an_explanation(client: Client) -> None:
    lone = UserFactory(role=User.Role.NGO)
    force_login(client, lone)
    response = client.get("/en/my-organisation/")
    assert response.status_code == 200
    assert "not linked to an organisation" in response.content.decode()


@pytest.mark.parametrize(
    ("setup", "status", "message"),
    [
        ({"expires_at": timezone.now() - timedelta(hours=1)}, 410, "has expired"),
        ({"accepted_at": timezone.now()}, 410, "already been used"),
        ({"revoked_at": timezone.now()}, 410, "withdrawn"),
    ],
)
def test_expired_used_or_revoked_invitation_links_get_a_clear_page(
    client: Client, setup: dict[str, object], status: int, message: str
) -> None:
    OrganizationInvitationFactory(token="link-token", **setup)
    response = client.get("/en/accounts/invitation/link-token/")
    assert response.status_code == status
    assert message in response.content.decode()


def test_forged_invitation_link_gets_a_clear_page(client: Client) -> None:
    OrganizationInvitationFactory(token="real-token")
    response = client.get("/en/accounts/invitation/forged-token/")
    assert response.status_code == 404
    assert "not valid" in response.content.decode()


def test_invitation_accept_keeps_the_name_when_the_password_is_refused(client: Client) -> None:
    OrganizationInvitationFactory(token="link-token")
    response = client.post(
        "/en/accounts/invitation/link-token/",
        {"first_name": "Nurlan", "last_name": "Ospanov", "preferred_language": "kk",
         "password1": "short", "password2": "short"},
    )
    assert response.status_code == 200
    assert 'value="Nurlan"' in response.content.decode()
    assert "password1" in response.context["form"].errors


def test_complete_onboarding_journey(client: Client, client_as: Callable[[str], Client],
                                     django_capture_on_commit_callbacks: Callable) -> None:
    """Anonymous apply -> secretariat approves -> the contact sets a password through the mailed link
    -> signs in as NGO -> invites a colleague -> the colleague accepts and lands in the organisation."""
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post("/ru/join/", _form()).status_code == 302
    application = OrganizationApplication.objects.get()
    secretariat = client_as("secretariat")
    queue = secretariat.get("/en/applications/")
    assert application in list(queue.context["page"])
    with django_capture_on_commit_callbacks(execute=True):
        approved = secretariat.post(f"/en/applications/{application.pk}/approve/", follow=True)
    assert "is now a member" in approved.content.decode()
    # A second click on "Approve" changes nothing.
    again = secretariat.post(f"/en/applications/{application.pk}/approve/", follow=True)
    assert "already been approved" in again.content.decode()
    assert Organization.objects.filter(bin=application.bin).count() == 1
    approval = mail.outbox[-1]
    assert approval.to == ["aliya@pravo.example.kz"]
    link = _link_in(approval.body)  # type: ignore[arg-type]  # a sent message's body is a str
    assert link.startswith("/ru/accounts/password/reset/")

    contact = Client()
    form_page = contact.get(link, follow=True)
    assert form_page.status_code == 200
    set_url = form_page.redirect_chain[-1][0] if form_page.redirect_chain else link
    done = contact.post(set_url, {"new_password1": "Steppe-Eagle-2026", "new_password2": "Steppe-Eagle-2026"})
    assert done.status_code == 302
    # The link works once.
    assert Client().get(link, follow=True).context["validlink"] is False

    signed_in = contact.post("/en/accounts/sign-in/", {"username": "aliya@pravo.example.kz",
                                                        "password": "Steppe-Eagle-2026"})
    assert signed_in.status_code == 302
    my_org = contact.get("/en/my-organisation/")
    assert my_org.status_code == 200
    assert "Pravo Foundation" in my_org.content.decode()

    with django_capture_on_commit_callbacks(execute=True):
        invited = contact.post("/en/my-organisation/invitations/",
                               {"email": "nurlan@pravo.example.kz", "language": "kk"})
    assert invited.status_code == 302
    invitation_link = _link_in(mail.outbox[-1].body)  # type: ignore[arg-type]  # a sent message's body is a str
    assert invitation_link.startswith("/kk/accounts/invitation/")

    colleague = Client()
    assert colleague.get(invitation_link).status_code == 200
    accepted = colleague.post(invitation_link, {
        "first_name": "Nurlan", "last_name": "Ospanov", "position": "Lawyer", "preferred_language": "kk",
        "password1": "Kokshetau-Lake-77", "password2": "Kokshetau-Lake-77",
    })
    assert accepted.status_code == 302
    assert _path(accepted["Location"]) == "/kk/my-organisation/"
    nurlan = User.objects.get(email="nurlan@pravo.example.kz")
    assert nurlan.role == User.Role.NGO
    assert Membership.objects.get(user=nurlan).organization.bin == application.bin
    # Signed in straight away, and both representatives are listed.
    team = colleague.get("/en/my-organisation/").content.decode()
    assert "Aliya" in team and "Nurlan" in team
    # The link is spent.
    assert colleague.get(invitation_link).status_code == 410


def test_new_representative_can_ask_for_a_fresh_set_password_link(client: Client, secretariat: User) -> None:
    from participants import services

    application = OrganizationApplicationFactory(contact_email="late@pravo.example.kz")
    services.application_approve(application=application, actor=secretariat)
    mail.outbox.clear()
    client.post("/en/accounts/password/reset/", {"email": "late@pravo.example.kz"})
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["late@pravo.example.kz"]


def test_member_ngo_is_listed_publicly_after_approval(client: Client, secretariat: User) -> None:
    from participants import services

    application = OrganizationApplicationFactory(name_en="Steppe Rights")
    services.application_approve(application=application, actor=secretariat)
    assert "Steppe Rights" in client.get("/en/organisations/").content.decode()
