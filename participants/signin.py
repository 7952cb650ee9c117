"""Services of signing in that are not about organisations: password reset requests and the second factor.

Kept apart from services.py (onboarding) so each stays readable; docs/security.md explains the choices.
"""

from __future__ import annotations

import base64
import hashlib
import logging
import re
import secrets
from datetime import datetime
from urllib.parse import urlsplit

import qrcode
import qrcode.image.svg
from django.conf import settings
from django.core.cache import cache
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.template import loader
from django.utils.html import escape
from django_otp.models import Device
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from core.language import in_language
from participants.forms import PortalPasswordResetForm
from participants.models import User

logger = logging.getLogger(__name__)

# Set by the reset e-mail task when the mail server refuses or cannot be reached, cleared by the next success.
# The request path reads it (the same read for every address), so the page never says a mail "was sent".
MAIL_TROUBLE_CACHE_KEY = "participants:outgoing-mail-failing"
MAIL_TROUBLE_SECONDS = 30 * 60


class _ResetMailForm(PortalPasswordResetForm):
    """The portal's reset e-mail, but a failed send raises (Django logs and forgets it), so the task can retry."""

    def send_mail(
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
        # In the language the reset was asked for: the person at the keyboard reads that one now.
        with in_language(language):
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


# --- Second factor (TOTP app, recovery codes) ------------------------------------------------------------------

RECOVERY_CODE_COUNT = 10
# Lower-case letters and digits without look-alikes (0/o, 1/l/i): codes are read off paper and typed by hand.
_RECOVERY_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"
_RECOVERY_LENGTH = 10  # about 49 bits each: unguessable, so a fast hash is enough to store them


def second_factor_required(user: object) -> bool:
    """The secretariat (and superusers) can change everything, so they must pass a second factor."""
    return bool(getattr(user, "is_authenticated", False) and getattr(user, "is_secretariat", False))


def second_factor_passed(user: object) -> bool:
    """True when this request's session passed the second factor (OTPMiddleware sets is_verified)."""
    is_verified = getattr(user, "is_verified", None)
    return bool(is_verified is not None and is_verified())


def totp_device_get(*, user: User) -> TOTPDevice | None:
    return TOTPDevice.objects.filter(user=user, confirmed=True).order_by("pk").first()


def recovery_codes_left(*, user: User) -> int:
    return StaticToken.objects.filter(device__user=user, device__confirmed=True).count()


def _recovery_hash(code: str) -> str:
    """What the database keeps of a recovery code (django-otp would keep it as typed): 64 bits of SHA-256."""
    normalized = "".join(ch for ch in code.lower() if ch.isalnum())
    return hashlib.sha256(normalized.encode()).hexdigest()[:16]


@transaction.atomic
def totp_enrolment_start(*, user: User) -> TOTPDevice:
    """The unconfirmed authenticator of an enrolment in progress; the same one until it is confirmed."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("pk").first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name="Authenticator app", confirmed=False)
    return device


@transaction.atomic
def recovery_codes_regenerate(*, user: User) -> list[str]:
    """New recovery codes for `user`; every earlier code stops working. Returns them in clear, once."""
    StaticDevice.objects.filter(user=user).delete()
    device = StaticDevice.objects.create(user=user, name="Recovery codes", confirmed=True)
    codes = ["".join(secrets.choice(_RECOVERY_ALPHABET) for _ in range(_RECOVERY_LENGTH))
             for _ in range(RECOVERY_CODE_COUNT)]
    StaticToken.objects.bulk_create(StaticToken(device=device, token=_recovery_hash(code)) for code in codes)
    return [f"{code[:5]}-{code[5:]}" for code in codes]




class SecondFactorResult:
    """The outcome of one code: the device that accepted it, or why none did."""

    def __init__(self, *, device: Device | None = None, locked_until: datetime | None = None,
                 recovery_code: bool = False) -> None:
        self.device = device
        self.locked_until = locked_until
        self.recovery_code = recovery_code


def _digits(code: str) -> str:
    return "".join(ch for ch in code if not ch.isspace())


@transaction.atomic
def totp_enrolment_confirm(*, user: User, code: str) -> tuple[SecondFactorResult, list[str]]:
    """Confirm the enrolment with a code from the app; on success the result holds the device, with new recovery
    codes; otherwise no codes, and the result says whether guessing is being slowed down."""
    device = TOTPDevice.objects.select_for_update().filter(user=user, confirmed=False).order_by("pk").first()
    if device is None:
        return SecondFactorResult(), []
    allowed, data = device.verify_is_allowed()
    if not allowed:
        return SecondFactorResult(locked_until=(data or {}).get("locked_until")), []
    if not device.verify_token(_digits(code)):
        return SecondFactorResult(), []
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    TOTPDevice.objects.filter(user=user).exclude(pk=device.pk).delete()
    return SecondFactorResult(device=device), recovery_codes_regenerate(user=user)


def second_factor_verify(*, user: User, code: str) -> SecondFactorResult:
    """Check a code from the authenticator app, or a recovery code (used up when it matches).

    django-otp slows guessing down per device: after each wrong code the next check waits 1, 2, 4, ... seconds.
    """
    typed = _digits(code)
    with transaction.atomic():
        if typed.isdigit():
            devices: list[Device] = list(TOTPDevice.objects.select_for_update().filter(user=user, confirmed=True))
            token = typed
        else:
            devices = list(StaticDevice.objects.select_for_update().filter(user=user, confirmed=True))
            token = _recovery_hash(typed)
        for device in devices:
            allowed, data = device.verify_is_allowed()
            if not allowed:
                return SecondFactorResult(locked_until=(data or {}).get("locked_until"))
            if device.verify_token(token):
                return SecondFactorResult(device=device, recovery_code=isinstance(device, StaticDevice))
    return SecondFactorResult()


@transaction.atomic
def second_factor_reset(*, user: User) -> int:
    """Forget `user`'s authenticator and recovery codes (a lost phone): they enrol again at their next sign-in."""
    removed, _per_model = TOTPDevice.objects.filter(user=user).delete()
    static_removed, _per_model = StaticDevice.objects.filter(user=user).delete()
    return removed + static_removed


def totp_secret_text(device: TOTPDevice) -> str:
    """The key as people type it into an app: base32, in groups of four."""
    secret = base64.b32encode(device.bin_key).decode().rstrip("=")
    return " ".join(secret[i:i + 4] for i in range(0, len(secret), 4))


def totp_qr_svg(device: TOTPDevice, *, label: str) -> str:
    """The otpauth:// link as an SVG QR code: plain paths and attributes, no style or script (our CSP)."""
    image = qrcode.make(device.config_url, image_factory=qrcode.image.svg.SvgPathImage, box_size=8, border=2)
    svg = image.to_string(encoding="unicode").split("?>", 1)[-1]
    # Inline in the page: no fixed size in mm (CSS sizes it), a text alternative, no id (one per page is fine, but
    # the element needs none).
    svg = re.sub(r'^<svg width="[^"]*" height="[^"]*"', f'<svg class="totp-qr" role="img" aria-label="{escape(label)}"', svg)
    return svg.replace(' id="qr-path"', "")
