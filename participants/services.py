from __future__ import annotations

import secrets
from datetime import timedelta

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core import dates
from core.concurrency import claim, save_edited
from core.exceptions import ApplicationError
from core.multilingual import any_language_q
from participants import hooks, selectors
from participants.models import (
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
    # `name` is the English name (the original); the other languages are its translations.
    org, _created = Organization.objects.update_or_create(
        name_en=name,
        defaults={
            "original_language": "en",
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


def _announce(application: OrganizationApplication, event: str) -> None:
    """Tell the higher apps inside this transaction: the notifications app e-mails the contact, exactly once."""
    hooks.application_event.send(sender=OrganizationApplication, application=application, event=event)


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
    applicant: User | AnonymousUser | None = None,
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
    _announce(application, hooks.RECEIVED)
    return application


def _locked_pending_application(application: OrganizationApplication) -> OrganizationApplication:
    locked = OrganizationApplication.objects.select_for_update().get(pk=application.pk)
    if locked.status == OrganizationApplication.Status.APPROVED:
        raise ApplicationError(
            _("This application has already been approved (%(date)s); nothing was changed.")
            % {"date": dates.datetime_text(locked.decided_at)}
        )
    if locked.status == OrganizationApplication.Status.DECLINED:
        raise ApplicationError(
            _("This application has already been declined (%(date)s); nothing was changed. "
              "The organisation may send a new application.")
            % {"date": dates.datetime_text(locked.decided_at)}
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
    if Organization.objects.filter(any_language_q("name", "iexact", name)).exists():
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
    # The organisation is registered under the name in the applicant's language, where they gave one.
    given = {"kk": application.name_kk, "ru": application.name_ru, "en": application.name_en}
    original = application.language if given.get(application.language) else next(k for k, v in given.items() if v)
    organization = Organization.objects.create(
        name_en=application.name_en,
        name_ru=application.name_ru,
        name_kk=application.name_kk,
        original_language=original,
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
    _announce(application, hooks.APPROVED)
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
    _announce(application, hooks.DECLINED)
    return application


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
                % {"email": email, "date": dates.datetime_text(existing.expires_at)},
                field="email",
            )
        # An expired invitation gives way to the new one.
        existing.revoked_at = now
        existing.save(update_fields=["revoked_at", "updated_at"])
    invitation = OrganizationInvitation.objects.create(
        organization=organization,
        email=email,
        invited_by=invited_by,
        # Replaced below: the link's token is derived from the row's id and creation time.
        token_hash=OrganizationInvitation.hash_token(secrets.token_urlsafe(32)),
        expires_at=now + timedelta(days=settings.ORG_INVITATION_DAYS),
    )
    token = invitation.link_token()
    invitation.token_hash = OrganizationInvitation.hash_token(token)
    invitation.save(update_fields=["token_hash"])
    # The e-mail is written and sent by the notifications app after commit, exactly once: an invitation rolled
    # back sends nothing, and a mail server that is down delays the e-mail instead of refusing the invitation.
    hooks.colleague_invited.send(sender=OrganizationInvitation, invitation=invitation, language=language)
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


# --- Edits: a person's own details, and the administration's saves (core.admin.ServiceAdminMixin) ---------


@transaction.atomic
def profile_update(
    *, actor: User, user: User, version: int | None, first_name: str, last_name: str, preferred_language: str
) -> User:
    """A person's own name and language, from "My account" opened at `version` (core.concurrency: a save made
    meanwhile, in another tab or by the secretariat, is an EditConflict)."""
    if actor.pk != user.pk:
        raise ApplicationError(_("Only you can change your own details here."))
    user = claim(User, pk=user.pk, version=version)
    user.first_name, user.last_name, user.preferred_language = first_name.strip(), last_name.strip(), preferred_language
    user.save(update_fields=["first_name", "last_name", "preferred_language"])
    return user


@transaction.atomic
def user_admin_save(*, actor: User, instance: User, version: int | None, change: bool) -> User:
    """The administration's save of an account. Only a superuser hands out staff or superuser powers (the form
    shows those fields to superusers only; this refuses them whatever the form)."""
    if change:
        stored = User.objects.get(pk=instance.pk)
        if not actor.is_superuser and (instance.is_superuser, instance.is_staff) != (stored.is_superuser,
                                                                                     stored.is_staff):
            raise ApplicationError(_("Only a superuser may give or take staff or superuser powers."))
    elif not actor.is_superuser and (instance.is_superuser or instance.is_staff):
        raise ApplicationError(_("Only a superuser may give or take staff or superuser powers."))
    return save_edited(instance, version=version, change=change, keep=("last_login",))


@transaction.atomic
def organization_save(*, actor: User, instance: Organization, version: int | None, change: bool) -> Organization:
    clash = Organization.objects.filter(name__iexact=instance.name).exclude(pk=instance.pk)
    if clash.exists():
        raise ApplicationError(_("An organisation with this name is already on the platform."), field="name")
    return save_edited(instance, version=version, change=change)


@transaction.atomic
def membership_save(*, actor: User, instance: Membership, version: int | None, change: bool) -> Membership:
    return save_edited(instance, version=version, change=change)
