from __future__ import annotations

import secrets
from datetime import timedelta

from django.conf import settings
from django.contrib.auth.tokens import default_token_generator
from django.core.mail import EmailMultiAlternatives
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.encoding import force_bytes
from django.utils.formats import date_format
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from dialogue_platform.broker import enqueue
from dialogue_platform.exceptions import ApplicationError
from participants import selectors
from participants.models import (
    ApplicationEmail,
    Membership,
    Organization,
    OrganizationApplication,
    OrganizationInvitation,
    User,
)


@transaction.atomic
def organization_upsert(
    *,
    name: str,
    kind: str,
    standing: str,
    name_ru: str = "",
    name_kk: str = "",
    acronym: str = "",
    country: str = "",
    website: str = "",
    description: str = "",
) -> Organization:
    """Create the organisation named `name`, or bring an existing one up to date."""
    org, _created = Organization.objects.update_or_create(
        name=name,
        defaults={
            "kind": kind,
            "standing": standing,
            "name_ru": name_ru,
            "name_kk": name_kk,
            "acronym": acronym,
            "country": country,
            "website": website,
            "description": description,
        },
    )
    return org


@transaction.atomic
def user_upsert(
    *,
    email: str,
    role: str,
    first_name: str = "",
    last_name: str = "",
    password: str | None = None,
    is_staff: bool = False,
    preferred_language: str = "ru",
) -> User:
    """Create a person or update their role and name. A password is set only when given."""
    email = email.strip().lower()
    user = User.objects.filter(email__iexact=email).first() or User(email=email)
    if user.pk is None and not password:
        user.set_unusable_password()
    user.role = role
    user.first_name = first_name
    user.last_name = last_name
    user.is_staff = is_staff
    user.preferred_language = preferred_language
    if password:
        user.set_password(password)
    user.save()
    return user


@transaction.atomic
def membership_set(
    *, user: User, organization: Organization, position: str = "", is_primary: bool = True
) -> Membership:
    """Place `user` in `organization`; a new primary membership demotes the old one."""
    if is_primary:
        Membership.objects.filter(user=user, is_primary=True).exclude(organization=organization).update(
            is_primary=False
        )
    membership, _created = Membership.objects.update_or_create(
        user=user,
        organization=organization,
        defaults={"position": position, "is_primary": is_primary},
    )
    return membership


@transaction.atomic
def user_password_disable(*, user: User) -> User:
    """The person can sign in again only after a password reset."""
    user.set_unusable_password()
    user.save(update_fields=["password"])
    return user


# --- Organisation onboarding ---------------------------------------------------------------


def _enqueue_application_email(application: OrganizationApplication, kind: str) -> None:
    from participants.tasks import send_application_email

    # A broker outage must not fail the request: enqueue() keeps the task in the database for the catch-up sweep.
    transaction.on_commit(lambda: enqueue(send_application_email, args=[application.pk, kind]))


@transaction.atomic
def application_submit(
    *,
    bin: str,
    region: str,
    focus_areas: list[str],
    contact_name: str,
    contact_position: str,
    contact_email: str,
    contact_phone: str,
    name_kk: str = "",
    name_ru: str = "",
    name_en: str = "",
    website: str = "",
    language: str = "ru",
    applicant: User | None = None,
) -> OrganizationApplication:
    """Record an NGO's application and acknowledge it to the contact by e-mail."""
    message = selectors.application_bin_conflict(bin=bin)
    if message:
        raise ApplicationError(message, field="bin")
    try:
        # A savepoint, so a lost race for the BIN leaves the outer transaction usable.
        with transaction.atomic():
            application = OrganizationApplication.objects.create(
                name_kk=name_kk.strip(),
                name_ru=name_ru.strip(),
                name_en=name_en.strip(),
                bin=bin,
                region=region,
                focus_areas=list(focus_areas),
                website=website,
                contact_name=contact_name.strip(),
                contact_position=contact_position.strip(),
                contact_email=contact_email.strip().lower(),
                contact_phone=contact_phone.strip(),
                language=language,
                consent_at=timezone.now(),
                applicant=applicant if applicant and applicant.is_authenticated else None,
            )
    except IntegrityError as exc:
        # Two submissions of one BIN at the same moment: the constraint lets one through.
        raise ApplicationError(selectors.application_bin_conflict(bin=bin) or _("This application could not be saved."), field="bin") from exc
    _enqueue_application_email(application, ApplicationEmail.Kind.RECEIVED)
    return application


def _locked_pending_application(application: OrganizationApplication) -> OrganizationApplication:
    locked = OrganizationApplication.objects.select_for_update().get(pk=application.pk)
    if locked.status == OrganizationApplication.Status.APPROVED:
        raise ApplicationError(
            _("This application has already been approved (%(date)s); nothing was changed.")
            % {"date": date_format(timezone.localtime(locked.decided_at), "DATETIME_FORMAT")}
        )
    if locked.status == OrganizationApplication.Status.DECLINED:
        raise ApplicationError(
            _("This application has already been declined (%(date)s); nothing was changed. "
              "The organisation may send a new application.")
            % {"date": date_format(timezone.localtime(locked.decided_at), "DATETIME_FORMAT")}
        )
    return locked


def _split_name(full_name: str) -> tuple[str, str]:
    parts = full_name.split(maxsplit=1)
    return (parts[0], parts[1]) if len(parts) == 2 else (full_name, "")


@transaction.atomic
def application_approve(*, application: OrganizationApplication, actor: User) -> OrganizationApplication:
    """Admit the NGO as a member: its organisation, its contact as first representative, and a
    "set your password" e-mail (the password itself is never mailed)."""
    application = _locked_pending_application(application)
    if Organization.objects.filter(bin=application.bin).exists():
        raise ApplicationError(_("An organisation with this BIN is already on the platform; decline this application."))
    name = application.name_en or application.name_ru or application.name_kk
    if Organization.objects.filter(name__iexact=name).exists():
        raise ApplicationError(
            _("An organisation named “%(name)s” is already on the platform. If it is the same NGO, decline this "
              "application; otherwise rename the existing one in the administration first.") % {"name": name}
        )
    email = application.contact_email.strip().lower()
    user = User.objects.select_for_update().filter(email__iexact=email).first()
    if user is not None and user.role not in (User.Role.NGO, User.Role.OBSERVER):
        raise ApplicationError(
            _("The contact's e-mail address %(email)s belongs to a %(role)s account, which cannot represent an NGO. "
              "Ask the applicant for another address.") % {"email": email, "role": user.get_role_display()}
        )
    organization = Organization.objects.create(
        name=name,
        name_ru=application.name_ru,
        name_kk=application.name_kk,
        kind=Organization.Kind.NGO,
        standing=Organization.Standing.MEMBER,
        website=application.website,
        bin=application.bin,
        region=application.region,
        focus_areas=list(application.focus_areas),
    )
    if user is None:
        first_name, last_name = _split_name(application.contact_name)
        user = User(
            email=email,
            first_name=first_name,
            last_name=last_name,
            role=User.Role.NGO,
            preferred_language=application.language,
        )
        # They choose their own password through the e-mailed link.
        user.set_unusable_password()
        user.save()
    else:
        user.role = User.Role.NGO
        user.save(update_fields=["role"])
    membership_set(user=user, organization=organization, position=application.contact_position, is_primary=True)
    application.status = OrganizationApplication.Status.APPROVED
    application.decided_by = actor
    application.decided_at = timezone.now()
    application.organization = organization
    application.user = user
    application.save(update_fields=["status", "decided_by", "decided_at", "organization", "user", "updated_at"])
    _enqueue_application_email(application, ApplicationEmail.Kind.APPROVED)
    return application


@transaction.atomic
def application_decline(
    *, application: OrganizationApplication, actor: User, reason: str
) -> OrganizationApplication:
    """Refuse the application; the reason is mailed to the contact."""
    reason = reason.strip()
    if not reason:
        raise ApplicationError(_("Please give the reason: it is sent to the applicant."), field="reason")
    application = _locked_pending_application(application)
    application.status = OrganizationApplication.Status.DECLINED
    application.decision_reason = reason
    application.decided_by = actor
    application.decided_at = timezone.now()
    application.save(update_fields=["status", "decision_reason", "decided_by", "decided_at", "updated_at"])
    _enqueue_application_email(application, ApplicationEmail.Kind.DECLINED)
    return application


@transaction.atomic
def application_email_claim(*, application: OrganizationApplication, kind: str) -> bool:
    """True when this caller may send the e-mail; False when it was sent (or is being sent) already."""
    try:
        with transaction.atomic():
            ApplicationEmail.objects.create(application=application, kind=kind)
    except IntegrityError:
        return False
    return True


@transaction.atomic
def application_email_release(*, application: OrganizationApplication, kind: str) -> None:
    """The send failed: let a retry claim the e-mail again."""
    ApplicationEmail.objects.filter(application=application, kind=kind).delete()


@transaction.atomic
def invitation_create(
    *, organization: Organization, email: str, invited_by: User, language: str
) -> tuple[OrganizationInvitation, str]:
    """Invite a colleague by e-mail and send the link at once. Returns the invitation and its token
    (the only copy outside the e-mail; the database keeps its hash)."""
    email = email.strip().lower()
    if User.objects.filter(email__iexact=email).exists():
        raise ApplicationError(
            _("%(email)s already has an account on the portal, so it cannot be invited. If this person works "
              "with you, ask the secretariat to add them to your organisation.") % {"email": email},
            field="email",
        )
    open_invitations = OrganizationInvitation.objects.select_for_update().filter(
        organization=organization, email__iexact=email, accepted_at__isnull=True, revoked_at__isnull=True
    )
    now = timezone.now()
    for existing in open_invitations:
        if existing.expires_at > now:
            raise ApplicationError(
                _("%(email)s has already been invited; the link is valid until %(date)s. Revoke that invitation "
                  "to send a new one.")
                % {"email": email, "date": date_format(timezone.localtime(existing.expires_at), "DATETIME_FORMAT")},
                field="email",
            )
        # An expired invitation gives way to the new one.
        existing.revoked_at = now
        existing.save(update_fields=["revoked_at", "updated_at"])
    token = secrets.token_urlsafe(32)
    invitation = OrganizationInvitation.objects.create(
        organization=organization,
        email=email,
        invited_by=invited_by,
        token_hash=OrganizationInvitation.hash_token(token),
        expires_at=now + timedelta(days=settings.ORG_INVITATION_DAYS),
    )
    # Sent inside the transaction: if the mail server refuses, no invitation exists without its e-mail.
    with translation.override(language):
        context = {
            "invitation": invitation,
            "organization_name": organization.localized_name,
            "inviter": invited_by,
            "link": settings.SITE_URL + reverse("participants:invitation-accept", args=[token]),
            "days": settings.ORG_INVITATION_DAYS,
        }
        _send_templated_mail("participants/email/invitation", context, invitation.email)
    return invitation, token


@transaction.atomic
def invitation_revoke(*, invitation: OrganizationInvitation, actor: User) -> OrganizationInvitation:
    invitation = OrganizationInvitation.objects.select_for_update().get(pk=invitation.pk)
    if invitation.state == "accepted":
        raise ApplicationError(_("This invitation has already been accepted; it can no longer be revoked."))
    if invitation.state == "revoked":
        return invitation
    invitation.revoked_at = timezone.now()
    invitation.save(update_fields=["revoked_at", "updated_at"])
    return invitation


INVITATION_STATE_MESSAGES = {
    "accepted": gettext_lazy("This invitation has already been used. If it was you, sign in with your e-mail address and "
                      "password."),
    "revoked": gettext_lazy("This invitation has been withdrawn by your organisation. Ask your colleague for a new one."),
    "expired": gettext_lazy("This invitation has expired. Ask your colleague to send you a new one."),
}


@transaction.atomic
def invitation_accept(
    *,
    token: str,
    first_name: str,
    last_name: str,
    password: str,
    position: str = "",
    preferred_language: str = "ru",
) -> User:
    """The invited colleague becomes an NGO representative of the inviting organisation."""
    invitation = (
        OrganizationInvitation.objects.select_for_update()
        .select_related("organization")
        .filter(token_hash=OrganizationInvitation.hash_token(token))
        .first()
    )
    if invitation is None:
        raise ApplicationError(_("This invitation link is not valid. Please copy the whole link from the e-mail."))
    if invitation.state != "open":
        raise ApplicationError(str(INVITATION_STATE_MESSAGES[invitation.state]))
    if User.objects.filter(email__iexact=invitation.email).exists():
        raise ApplicationError(
            _("%(email)s already has an account on the portal. Sign in with it, or ask the secretariat to add it "
              "to your organisation.") % {"email": invitation.email}
        )
    user = User(
        email=invitation.email,
        first_name=first_name.strip(),
        last_name=last_name.strip(),
        role=User.Role.NGO,
        preferred_language=preferred_language,
    )
    user.set_password(password)
    user.save()
    membership_set(user=user, organization=invitation.organization, position=position.strip(), is_primary=True)
    invitation.accepted_at = timezone.now()
    invitation.accepted_user = user
    invitation.save(update_fields=["accepted_at", "accepted_user", "updated_at"])
    return user


def _send_templated_mail(template_prefix: str, context: dict[str, object], to: str) -> None:
    """Plain text and HTML versions of one message, rendered in the active language."""
    subject = render_to_string(f"{template_prefix}_subject.txt", context).strip()
    text = render_to_string(f"{template_prefix}_body.txt", context)
    html = render_to_string(f"{template_prefix}_body.html", context)
    message = EmailMultiAlternatives(subject=subject, body=text, to=[to])
    message.attach_alternative(html, "text/html")
    message.send()


def application_email_send(*, application_id: int, kind: str) -> bool:
    """Send one e-mail about an application to its contact, in their language, at most once.

    Returns False when there is nothing to send (already sent, or the application is gone).
    Not atomic on purpose: the claim must be committed before the mail leaves, and released if it fails.
    """
    application = (
        OrganizationApplication.objects.select_related("organization", "user").filter(pk=application_id).first()
    )
    if application is None or not application_email_claim(application=application, kind=kind):
        return False
    try:
        with translation.override(application.language):
            context: dict[str, object] = {"application": application, "site_url": settings.SITE_URL}
            user = application.user
            if kind == ApplicationEmail.Kind.APPROVED and user is not None:
                if user.has_usable_password():
                    context["sign_in_link"] = settings.SITE_URL + reverse("participants:login")
                else:
                    # Django's password-reset token: single use (it changes with the password) and
                    # valid for PASSWORD_RESET_TIMEOUT; "Forgotten your password?" sends a fresh one.
                    context["set_password_link"] = settings.SITE_URL + reverse(
                        "participants:password-reset-confirm",
                        args=[urlsafe_base64_encode(force_bytes(user.pk)), default_token_generator.make_token(user)],
                    )
                    context["link_hours"] = settings.PASSWORD_RESET_TIMEOUT // 3600
                    context["reset_link"] = settings.SITE_URL + reverse("participants:password-reset")
            _send_templated_mail(f"participants/email/application_{kind}", context, application.contact_email)
    except Exception:
        application_email_release(application=application, kind=kind)
        raise
    return True
