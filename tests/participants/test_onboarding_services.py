"""Onboarding services: applications, decisions, their e-mails, and colleague invitations."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

import pytest
from django.core import mail
from django.db import IntegrityError, transaction
from django.utils import timezone
from pytest_django.fixtures import Settings

from core.exceptions import ApplicationError
from notifications.models import Delivery
from notifications.services import deliveries_requeue_stalled, deliveries_send
from participants import services
from participants.models import (
    FocusArea,
    Membership,
    Organization,
    OrganizationApplication,
    OrganizationInvitation,
    Region,
    User,
)
from tests.participants.factories import (
    OrganizationApplicationFactory,
    OrganizationFactory,
    OrganizationInvitationFactory,
    UserFactory,
    valid_bin,
)

pytestmark = pytest.mark.django_db


def _submit(**overrides: object) -> OrganizationApplication:
    data: dict[str, object] = {
        "name_kk": "«Құқық» қоғамдық қоры",
        "name_ru": "Общественный фонд «Право»",
        "bin": valid_bin(7001),
        "region": Region.KARAGANDA,
        "focus_areas": [FocusArea.JUSTICE],
        "contact_name": "Aliya Serikova",
        "contact_position": "Director",
        "contact_email": "Aliya@Pravo.example.kz",
        "contact_phone": "+7 701 234 56 78",
        "language": "kk",
    }
    data.update(overrides)
    return services.application_submit(**data)  # type: ignore[arg-type]


def test_application_submit_records_a_pending_application_and_mails_the_contact_once(
    django_capture_on_commit_callbacks: Callable,
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        application = _submit()
    assert application.status == OrganizationApplication.Status.PENDING
    assert application.contact_email == "aliya@pravo.example.kz"
    assert application.consent_at is not None
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["aliya@pravo.example.kz"]
    assert "Aliya Serikova" in message.body
    # In the applicant's language (Kazakh), with an HTML part.
    html, mimetype = message.alternatives[0]  # type: ignore[attr-defined]  # the message is an EmailMultiAlternatives
    assert mimetype == "text/html"
    assert '<html lang="kk">' in html
    # Sending the notice's deliveries again (a retried task, a second worker) sends nothing more.
    delivery = Delivery.objects.get(notice__key=f"application:{application.pk}:received")
    assert delivery.status == Delivery.Status.SENT
    assert deliveries_send(delivery_ids=[delivery.pk]) == {"skipped": 1}
    assert len(mail.outbox) == 1


def test_application_submit_refuses_a_bin_with_a_pending_application() -> None:
    _submit()
    with pytest.raises(ApplicationError) as error:
        _submit(contact_email="other@example.kz")
    assert error.value.field == "bin"
    assert "already waiting" in error.value.message
    assert OrganizationApplication.objects.count() == 1


def test_application_submit_refuses_the_bin_of_an_existing_organisation() -> None:
    OrganizationFactory(name="Pravo", bin=valid_bin(7001))
    with pytest.raises(ApplicationError, match="already on the platform"):
        _submit()


def test_database_allows_one_pending_application_per_bin() -> None:
    OrganizationApplicationFactory(bin=valid_bin(5))
    with pytest.raises(IntegrityError), transaction.atomic():
        OrganizationApplicationFactory(bin=valid_bin(5))


def test_database_refuses_a_bin_that_is_not_12_digits() -> None:
    with pytest.raises(IntegrityError), transaction.atomic():
        OrganizationApplicationFactory(bin="12345678901A")


def test_database_refuses_an_application_without_a_kazakh_or_russian_name() -> None:
    with pytest.raises(IntegrityError), transaction.atomic():
        OrganizationApplicationFactory(name_kk="", name_ru="", name_en="Only English")


def test_database_refuses_two_organisations_with_one_bin_but_many_without_one() -> None:
    OrganizationFactory(name="No BIN 1")
    OrganizationFactory(name="No BIN 2")
    OrganizationFactory(name="With BIN", bin=valid_bin(9))
    with pytest.raises(IntegrityError), transaction.atomic():
        OrganizationFactory(name="Same BIN", bin=valid_bin(9))


def test_approve_creates_the_ngo_its_representative_and_mails_a_set_password_link(
    secretariat: User, django_capture_on_commit_callbacks: Callable
) -> None:
    application = OrganizationApplicationFactory(
        name_en="", contact_name="Aliya Serikova", contact_position="Director", language="ru"
    )
    with django_capture_on_commit_callbacks(execute=True):
        approved = services.application_approve(application=application, actor=secretariat)
    organization = approved.organization
    assert organization is not None
    assert organization.kind == Organization.Kind.NGO
    assert organization.standing == Organization.Standing.MEMBER
    assert organization.bin == application.bin
    assert organization.name == application.name_ru
    assert organization.name_kk == application.name_kk
    assert organization.region == application.region
    assert organization.focus_areas == application.focus_areas
    user = approved.user
    assert user is not None
    assert (user.email, user.role, user.first_name, user.last_name) == (
        application.contact_email, User.Role.NGO, "Aliya", "Serikova")
    assert user.preferred_language == "ru"
    assert not user.has_usable_password()
    membership = Membership.objects.get(user=user)
    assert (membership.organization, membership.position, membership.is_primary) == (organization, "Director", True)
    assert approved.decided_by == secretariat and approved.decided_at is not None
    assert len(mail.outbox) == 1
    body = mail.outbox[0].body
    assert "/ru/accounts/password/reset/" in body
    # No password travels by e-mail: the link is the only way in.
    assert "password:" not in body.lower()


def test_approving_twice_changes_nothing_and_says_so(secretariat: User) -> None:
    application = OrganizationApplicationFactory()
    services.application_approve(application=application, actor=secretariat)
    with pytest.raises(ApplicationError, match="already been approved"):
        services.application_approve(application=application, actor=secretariat)
    assert Organization.objects.filter(bin=application.bin).count() == 1
    assert User.objects.filter(email=application.contact_email).count() == 1


def test_a_declined_application_cannot_be_approved(secretariat: User) -> None:
    application = OrganizationApplicationFactory()
    services.application_decline(application=application, actor=secretariat, reason="Not an NGO.")
    with pytest.raises(ApplicationError, match="already been declined"):
        services.application_approve(application=application, actor=secretariat)
    assert not Organization.objects.filter(bin=application.bin).exists()
    assert not User.objects.filter(email=application.contact_email).exists()


def test_decline_requires_a_reason_and_mails_it_in_the_applicants_language(
    secretariat: User, django_capture_on_commit_callbacks: Callable
) -> None:
    application = OrganizationApplicationFactory(language="en")
    with pytest.raises(ApplicationError) as error:
        services.application_decline(application=application, actor=secretariat, reason="   ")
    assert error.value.field == "reason"
    with django_capture_on_commit_callbacks(execute=True):
        services.application_decline(
            application=application, actor=secretariat, reason="The organisation is registered abroad."
        )
    application.refresh_from_db()
    assert application.status == OrganizationApplication.Status.DECLINED
    assert len(mail.outbox) == 1
    assert "The organisation is registered abroad." in mail.outbox[0].body
    assert "declined" in mail.outbox[0].body


def test_approve_reuses_an_observer_account_of_the_contact(secretariat: User) -> None:
    person = UserFactory(email="aliya@pravo.example.kz", role=User.Role.OBSERVER)
    application = OrganizationApplicationFactory(contact_email="aliya@pravo.example.kz")
    approved = services.application_approve(application=application, actor=secretariat)
    person.refresh_from_db()
    assert approved.user == person
    assert person.role == User.Role.NGO
    assert User.objects.filter(email__iexact="aliya@pravo.example.kz").count() == 1


def test_approve_refuses_a_contact_with_a_government_account(secretariat: User, focal_point: User) -> None:
    application = OrganizationApplicationFactory(contact_email=focal_point.email)
    with pytest.raises(ApplicationError, match="cannot represent an NGO"):
        services.application_approve(application=application, actor=secretariat)
    application.refresh_from_db()
    assert application.status == OrganizationApplication.Status.PENDING
    assert not Organization.objects.filter(bin=application.bin).exists()


def test_an_application_e_mail_the_mail_server_refused_is_retried_and_sent_once(
    monkeypatch: pytest.MonkeyPatch, django_capture_on_commit_callbacks: Callable
) -> None:
    import smtplib

    from django.core.mail.backends.locmem import EmailBackend

    def refuse(*args: object, **kwargs: object) -> None:
        raise smtplib.SMTPServerDisconnected("mail server down")

    monkeypatch.setattr(EmailBackend, "send_messages", refuse)
    with django_capture_on_commit_callbacks(execute=True):
        application = _submit()
    # The application is kept; its e-mail waits for a retry instead of being lost.
    assert OrganizationApplication.objects.filter(pk=application.pk).exists()
    delivery = Delivery.objects.get(notice__key=f"application:{application.pk}:received")
    assert delivery.status == Delivery.Status.RETRYING
    monkeypatch.undo()
    Delivery.objects.filter(pk=delivery.pk).update(next_attempt_at=delivery.created_at)
    deliveries_requeue_stalled()
    deliveries_requeue_stalled()
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["aliya@pravo.example.kz"]


def _representative() -> tuple[User, Organization]:
    organization = OrganizationFactory(name="Pravo")
    user = UserFactory(role=User.Role.NGO)
    services.membership_set(user=user, organization=organization)
    return user, organization


def test_invitation_create_stores_only_a_hash_and_mails_the_link(
    settings: Settings, django_capture_on_commit_callbacks: Callable
) -> None:
    settings.ORG_INVITATION_DAYS = 3
    user, organization = _representative()
    with django_capture_on_commit_callbacks(execute=True):
        invitation, token = services.invitation_create(
            organization=organization, email="Colleague@Pravo.example.kz", invited_by=user, language="kk"
        )
    assert invitation.email == "colleague@pravo.example.kz"
    assert token not in invitation.token_hash
    assert invitation.token_hash == OrganizationInvitation.hash_token(token)
    assert timedelta(days=3) - timedelta(minutes=1) < invitation.expires_at - timezone.now() <= timedelta(days=3)
    assert len(mail.outbox) == 1
    assert f"/kk/accounts/invitation/{token}/" in mail.outbox[0].body
    # In the language the inviter chose for their colleague, once.
    assert Delivery.objects.get(notice__key=f"organization-invitation:{invitation.pk}").language == "kk"


def test_an_invitation_revoked_before_its_e_mail_left_is_not_sent(django_capture_on_commit_callbacks: Callable) -> None:
    user, organization = _representative()
    invitation, _token = services.invitation_create(
        organization=organization, email="c@example.kz", invited_by=user, language="en"
    )
    services.invitation_revoke(invitation=invitation, actor=user)
    delivery = Delivery.objects.get(notice__key=f"organization-invitation:{invitation.pk}")
    deliveries_send(delivery_ids=[delivery.pk])
    delivery.refresh_from_db()
    assert delivery.status == Delivery.Status.FAILED
    assert mail.outbox == []


def test_an_invitation_rolled_back_leaves_no_e_mail_to_send() -> None:
    user, organization = _representative()
    with pytest.raises(RuntimeError), transaction.atomic():
        services.invitation_create(organization=organization, email="c@example.kz", invited_by=user, language="en")
        raise RuntimeError("the request failed after the invitation")
    assert not OrganizationInvitation.objects.exists()
    assert not Delivery.objects.exists()


def test_invitation_create_refuses_a_registered_email() -> None:
    user, organization = _representative()
    UserFactory(email="taken@example.kz")
    with pytest.raises(ApplicationError, match="already has an account") as error:
        services.invitation_create(organization=organization, email="TAKEN@example.kz", invited_by=user, language="en")
    assert error.value.field == "email"
    assert not OrganizationInvitation.objects.exists()
    assert mail.outbox == []


def test_invitation_create_refuses_a_second_open_invitation_but_replaces_an_expired_one() -> None:
    user, organization = _representative()
    services.invitation_create(organization=organization, email="c@example.kz", invited_by=user, language="en")
    with pytest.raises(ApplicationError, match="already been invited"):
        services.invitation_create(organization=organization, email="c@example.kz", invited_by=user, language="en")
    OrganizationInvitation.objects.update(expires_at=timezone.now() - timedelta(minutes=1))
    services.invitation_create(organization=organization, email="c@example.kz", invited_by=user, language="en")
    assert [i.state for i in OrganizationInvitation.objects.order_by("pk")] == ["revoked", "open"]


def test_invitation_accept_creates_an_ngo_representative_once() -> None:
    user, organization = _representative()
    OrganizationInvitationFactory(organization=organization, email="c@example.kz", token="secret-token")
    colleague = services.invitation_accept(
        token="secret-token", first_name="Nurlan", last_name="Ospanov", password="a-long-passphrase", position="Lawyer"
    )
    assert colleague.role == User.Role.NGO
    assert colleague.check_password("a-long-passphrase")
    assert Membership.objects.get(user=colleague).organization == organization
    with pytest.raises(ApplicationError, match="already been used"):
        services.invitation_accept(token="secret-token", first_name="X", last_name="Y", password="another-passphrase")
    assert User.objects.filter(email="c@example.kz").count() == 1


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"expires_at": timezone.now() - timedelta(seconds=1)}, "expired"),
        ({"revoked_at": timezone.now()}, "withdrawn"),
    ],
)
def test_invitation_accept_refuses_expired_and_revoked_links(change: dict[str, object], message: str) -> None:
    invitation = OrganizationInvitationFactory(token="t", **change)
    with pytest.raises(ApplicationError, match=message):
        services.invitation_accept(token="t", first_name="A", last_name="B", password="a-long-passphrase")
    assert not User.objects.filter(email=invitation.email).exists()


def test_invitation_accept_refuses_a_forged_token() -> None:
    OrganizationInvitationFactory(token="real")
    with pytest.raises(ApplicationError, match="not valid"):
        services.invitation_accept(token="forged", first_name="A", last_name="B", password="a-long-passphrase")


def test_invitation_revoke_refuses_an_accepted_invitation() -> None:
    invitation = OrganizationInvitationFactory(token="t")
    services.invitation_accept(token="t", first_name="A", last_name="B", password="a-long-passphrase")
    with pytest.raises(ApplicationError, match="already been accepted"):
        services.invitation_revoke(invitation=invitation, actor=invitation.invited_by)  # type: ignore[arg-type]  # the factory sets the inviter


def test_demo_seeds_one_pending_and_one_declined_application_once() -> None:
    from participants import demo

    demo.seed(with_passwords=False)
    demo.seed(with_passwords=False)
    statuses = sorted(OrganizationApplication.objects.values_list("status", flat=True))
    assert statuses == ["declined", "pending"]
