"""The participants app's e-mails (NGO applications, colleague invitations), sent through this framework.

participants sits below notifications, so it cannot publish a notice itself: its services send a signal
(participants.hooks) inside their transaction, and the receivers here publish the notice in that same transaction.
The e-mail then leaves after commit, exactly once per (notice, address), in the recipient's language. Connected and
registered by NotificationsConfig.ready().
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib.auth.tokens import default_token_generator
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext_lazy as _

from notifications.models import Delivery, Notice
from notifications.registry import Message, Obsolete, register
from notifications.services import Recipient, notice_publish
from participants import hooks
from participants.models import OrganizationApplication, OrganizationInvitation

APPLICATION_RECEIVED = "participants.application_received"
APPLICATION_APPROVED = "participants.application_approved"
APPLICATION_DECLINED = "participants.application_declined"
COLLEAGUE_INVITATION = "participants.colleague_invitation"
APPLICATION_KINDS = {
    hooks.RECEIVED: APPLICATION_RECEIVED,
    hooks.APPROVED: APPLICATION_APPROVED,
    hooks.DECLINED: APPLICATION_DECLINED,
}


def application_key(application_id: int, event: str) -> str:
    return f"application:{application_id}:{event}"


def invitation_key(invitation_id: int) -> str:
    return f"organization-invitation:{invitation_id}"


# --- Publishing, on the participants app's signals ----------------------------------------------------------------


def on_application_event(*, application: OrganizationApplication, event: str, **kwargs: Any) -> None:
    """The contact hears of their application: received, approved (with a set-password link) or declined."""
    notice_publish(
        kind=APPLICATION_KINDS[event],
        key=application_key(application.pk, event),
        # The applicant's language, even where the contact address has an account with another preference.
        recipients=[Recipient(email=application.contact_email, language=application.language, user=application.user)],
        payload={"application_id": application.pk, "event": event},
    )


def on_colleague_invited(*, invitation: OrganizationInvitation, language: str, **kwargs: Any) -> None:
    notice_publish(
        kind=COLLEAGUE_INVITATION,
        key=invitation_key(invitation.pk),
        recipients=[Recipient(email=invitation.email, language=language)],
        payload={"invitation_id": invitation.pk},
    )


def connect() -> None:
    hooks.application_event.connect(on_application_event, sender=OrganizationApplication,
                                    dispatch_uid="notifications.application_event")
    hooks.colleague_invited.connect(on_colleague_invited, sender=OrganizationInvitation,
                                    dispatch_uid="notifications.colleague_invited")


# --- Rendering (inside core.language.in_language(delivery.language)) -----------------------------------------------


def _templated(prefix: str, context: dict[str, object]) -> Message:
    """Plain text and HTML versions of one message, from <prefix>_subject.txt, _body.txt and _body.html."""
    return Message(
        subject=" ".join(render_to_string(f"{prefix}_subject.txt", context).split()),
        text=render_to_string(f"{prefix}_body.txt", context),
        html=render_to_string(f"{prefix}_body.html", context),
    )


def _application(notice: Notice) -> OrganizationApplication:
    application = (
        OrganizationApplication.objects.select_related("organization", "user")
        .filter(pk=notice.payload.get("application_id")).first()
    )
    if application is None:
        raise Obsolete("The application was deleted.")
    return application


def _application_message(notice: Notice, event: str) -> Message:
    application = _application(notice)
    context: dict[str, object] = {"application": application, "site_url": settings.SITE_URL}
    user = application.user
    if event == hooks.APPROVED and user is not None:
        if user.has_usable_password():
            context["sign_in_link"] = settings.SITE_URL + reverse("participants:login")
        else:
            # Django's password-reset token, made when the e-mail is written: single use (it changes with the
            # password) and valid for PASSWORD_RESET_TIMEOUT; "Forgotten your password?" sends a fresh one.
            context["set_password_link"] = settings.SITE_URL + reverse(
                "participants:password-reset-confirm",
                args=[urlsafe_base64_encode(force_bytes(user.pk)), default_token_generator.make_token(user)],
            )
            context["link_hours"] = settings.PASSWORD_RESET_TIMEOUT // 3600
            context["reset_link"] = settings.SITE_URL + reverse("participants:password-reset")
    return _templated(f"participants/email/application_{event}", context)


@register(APPLICATION_RECEIVED, label=_("NGO application received"))
def render_application_received(*, notice: Notice, delivery: Delivery) -> Message:
    return _application_message(notice, hooks.RECEIVED)


@register(APPLICATION_APPROVED, label=_("NGO application approved"))
def render_application_approved(*, notice: Notice, delivery: Delivery) -> Message:
    return _application_message(notice, hooks.APPROVED)


@register(APPLICATION_DECLINED, label=_("NGO application declined"))
def render_application_declined(*, notice: Notice, delivery: Delivery) -> Message:
    return _application_message(notice, hooks.DECLINED)


@register(COLLEAGUE_INVITATION, label=_("Invitation to join an organisation"))
def render_colleague_invitation(*, notice: Notice, delivery: Delivery) -> Message:
    invitation = (
        OrganizationInvitation.objects.select_related("organization", "invited_by")
        .filter(pk=notice.payload.get("invitation_id")).first()
    )
    if invitation is None or invitation.state != "open":
        raise Obsolete("The invitation was withdrawn, used or has expired.")
    return _templated("participants/email/invitation", {
        "invitation": invitation,
        "organization_name": invitation.organization.localized_name,
        "inviter": invitation.invited_by,
        "link": settings.SITE_URL + reverse("participants:invitation-accept", args=[invitation.link_token()]),
        "days": settings.ORG_INVITATION_DAYS,
    })
