"""Services of signing in that are not about organisations: password reset requests and the second factor.

Kept apart from services.py (onboarding) so each stays readable; docs/security.md explains the choices.
"""

from __future__ import annotations

import hashlib
import logging
import secrets
from urllib.parse import urlsplit

from django.conf import settings
from django.core.cache import cache
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.template import loader
from django.utils import translation

from participants.forms import PortalPasswordResetForm
from participants.models import User

logger = logging.getLogger(__name__)

# Set by the reset e-mail task when the mail server refuses or cannot be reached, cleared by the next success.
# The request path reads it (the same read for every address), so the page never says a mail "was sent".
MAIL_TROUBLE_CACHE_KEY = "participants:outgoing-mail-failing"
MAIL_TROUBLE_SECONDS = 30 * 60


class _ResetMailForm(PortalPasswordResetForm):
    """The portal's reset e-mail, but a failed send raises (Django logs and forgets it), so the task can retry."""

    def send_mail(  # type: ignore[override]
        self,
        subject_template_name: str,
        email_template_name: str,
        context: dict[str, object],
        from_email: str | None,
        to_email: str,
        html_email_template_name: str | None = None,
    ) -> None:
        subject = "".join(loader.render_to_string(subject_template_name, context).splitlines())
        message = EmailMultiAlternatives(subject, loader.render_to_string(email_template_name, context),
                                         from_email, [to_email])
        if html_email_template_name:
            message.attach_alternative(loader.render_to_string(html_email_template_name, context), "text/html")
        message.send()


def outgoing_mail_failing() -> bool:
    """True while the last e-mail the portal tried to send was refused or could not reach the mail server."""
    return bool(cache.get(MAIL_TROUBLE_CACHE_KEY))


def password_reset_request(*, email: str, language: str) -> None:
    """Queue the reset e-mail for `email`: the request path does the same work whether or not an account exists.

    The account lookup, the token and the sending happen in the task, off the request path, so neither the
    answer nor its timing tells a visitor whether an address has an account.
    """
    from participants.tasks import send_password_reset

    try:
        send_password_reset.delay(email=email, language=language)
    except Exception:
        # No broker (it is down), or, with tasks run in-process, the mail server: the answer must not differ,
        # so log it for the operators and let the page say the e-mail may be late.
        logger.exception("Password reset e-mail could not be queued or sent")
        cache.set(MAIL_TROUBLE_CACHE_KEY, True, MAIL_TROUBLE_SECONDS)


def password_reset_send(*, email: str, language: str) -> int:
    """Send a reset link to each active account of `email` (none for an unknown address); returns how many.

    Raises when the mail server fails, after recording the trouble, so the task retries.
    """
    site = urlsplit(settings.SITE_URL)
    form = _ResetMailForm({"email": email})
    if not form.is_valid():
        return 0
    users = list(form.get_users(form.cleaned_data["email"]))
    if not users:
        return 0
    try:
        with translation.override(language):
            form.save(
                domain_override=site.netloc,
                use_https=site.scheme == "https",
                subject_template_name="registration/password_reset_subject.txt",
                email_template_name="registration/password_reset_email.txt",
                html_email_template_name="registration/password_reset_email.html",
            )
    except Exception:
        cache.set(MAIL_TROUBLE_CACHE_KEY, True, MAIL_TROUBLE_SECONDS)
        raise
    cache.delete(MAIL_TROUBLE_CACHE_KEY)
    return len(users)
