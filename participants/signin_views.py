"""Views of signing in beyond Django's own: password reset requests and the second factor (docs/security.md)."""

from __future__ import annotations

from datetime import datetime

import django_otp
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.cache import add_never_cache_headers
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods
from django_ratelimit.core import is_ratelimited

from core import dates
from participants import signin
from participants.backends import normalized_username
from participants.forms import PortalPasswordResetForm, SecondFactorForm
from participants.permissions import AuthenticatedHttpRequest, secretariat_required

_RESET_GROUP = "participants.password-reset"


def _reset_account_key(group: str, request: HttpRequest) -> str:
    # Counted for every typed address, known or not, so the limit itself reveals nothing.
    return normalized_username(request.POST.get("email"))


@require_http_methods(["GET", "POST"])
def password_reset(request: HttpRequest) -> HttpResponse:
    """Ask for a reset link. Always the same work on the request path; the lookup and the mail run in a task."""
    form = PortalPasswordResetForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if is_ratelimited(request, group=_RESET_GROUP, key="ip", rate=settings.PASSWORD_RESET_RATE_PER_IP,
                          increment=True):
            form.add_error(None, _("Too many password reset requests have come from your network in the last "
                                   "hour. Please try again later; what you typed is kept below."))
            return render(request, "registration/password_reset_form.html", {"form": form}, status=429)
        # Read before queueing, so this request's own outcome never changes its answer.
        trouble = signin.outgoing_mail_failing()
        # Past the per-account limit nothing more is sent, and the answer is the same: otherwise the limit
        # would tell which addresses have accounts, and twenty requests would still send twenty mails.
        if not is_ratelimited(request, group=_RESET_GROUP, key=_reset_account_key,
                              rate=settings.PASSWORD_RESET_RATE_PER_ACCOUNT, increment=True):
            signin.password_reset_request(
                email=normalized_username(form.cleaned_data["email"]), language=(get_language() or "en")[:2]
            )
        done = reverse("participants:password-reset-done")
        return redirect(f"{done}?mail=delayed" if trouble else done)
    return render(request, "registration/password_reset_form.html", {"form": form})


def password_reset_done(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "registration/password_reset_done.html",
        {"mail_delayed": request.GET.get("mail") == "delayed", "link_hours": settings.PASSWORD_RESET_TIMEOUT // 3600},
    )


# --- Second factor ----------------------------------------------------------------------------------------------


def _next_url(request: HttpRequest) -> str:
    candidate = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(candidate, allowed_hosts={request.get_host()},
                                       require_https=request.is_secure()):
        return candidate
    return reverse(settings.LOGIN_REDIRECT_URL)


def _with_next(url_name: str, next_url: str) -> str:
    return f"{reverse(url_name)}?{urlencode({'next': next_url})}"


def _no_store(response: HttpResponse) -> HttpResponse:
    # Secrets on the page (a key, recovery codes): no browser or proxy cache may keep a copy.
    add_never_cache_headers(response)
    return response


def _too_many_codes(locked_until: datetime) -> str:
    return _("Too many wrong codes. Please wait until %(time)s and try again.") % {
        "time": dates.time_text(locked_until, seconds=True)}


def _passed(request: HttpRequest, device: object) -> None:
    django_otp.login(request, device)
    # A new session key once the session gains the secretariat's powers, as at sign-in (session fixation).
    request.session.cycle_key()


@never_cache
@require_http_methods(["GET", "POST"])
def two_factor_verify(request: HttpRequest) -> HttpResponse:
    """The second step of a secretariat sign-in: a code from the app, or a recovery code."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    next_url = _next_url(request)
    if not signin.second_factor_required(request.user) or signin.second_factor_passed(request.user):
        return redirect(next_url)
    if signin.totp_device_get(user=request.user) is None:
        return redirect(_with_next("participants:two-factor-enrol", next_url))
    form = SecondFactorForm(request.POST or None)
    status = 200
    if request.method == "POST" and form.is_valid():
        result = signin.second_factor_verify(user=request.user, code=form.cleaned_data["code"])
        if result.device is not None:
            _passed(request, result.device)
            if result.recovery_code:
                left = signin.recovery_codes_left(user=request.user)
                messages.warning(request, ngettext(
                    "You signed in with a recovery code, which is now used up; %(count)d code is left. "
                    "If you lost your phone, make new codes under “My account”.",
                    "You signed in with a recovery code, which is now used up; %(count)d codes are left. "
                    "If you lost your phone, make new codes under “My account”.",
                    left) % {"count": left})
            return redirect(next_url)
        if result.locked_until is not None:
            form.add_error("code", _too_many_codes(result.locked_until))
            status = 429
        else:
            form.add_error("code", _("That code is not correct. Check the time on your phone, wait for a new "
                                     "code and try again, or use one of your recovery codes."))
    return render(request, "registration/two_factor_verify.html", {"form": form, "next": next_url}, status=status)


@never_cache
@require_http_methods(["GET", "POST"])
def two_factor_enrol(request: HttpRequest) -> HttpResponse:
    """Set up the authenticator app: QR code and key, a code to confirm, then recovery codes shown once."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    next_url = _next_url(request)
    if not signin.second_factor_required(request.user):
        return redirect(next_url)
    if signin.totp_device_get(user=request.user) is not None:
        # Enrolled already: a new app only after a reset by an administrator, never with a password alone.
        return redirect(_with_next("participants:two-factor-verify", next_url))
    form = SecondFactorForm(request.POST or None, digits_only=True)
    status = 200
    if request.method == "POST" and form.is_valid():
        result, codes = signin.totp_enrolment_confirm(user=request.user, code=form.cleaned_data["code"])
        if result.device is not None:
            _passed(request, result.device)
            return _no_store(render(request, "registration/two_factor_recovery_codes.html",
                                    {"codes": codes, "next": next_url, "enrolled": True}))
        if result.locked_until is not None:
            form.add_error("code", _too_many_codes(result.locked_until))
            status = 429
        else:
            form.add_error("code", _("That code is not correct. Check that the time on your phone is set "
                                     "automatically, wait for a new code and try again."))
    device = signin.totp_enrolment_start(user=request.user)
    context = {
        "form": form,
        "next": next_url,
        "qr_svg": signin.totp_qr_svg(device, label=_("QR code for your authenticator app")),
        "secret": signin.totp_secret_text(device),
        "issuer": settings.OTP_TOTP_ISSUER,
        "account": request.user.email,
    }
    return _no_store(render(request, "registration/two_factor_enrol.html", context, status=status))


@never_cache
@require_http_methods(["GET", "POST"])
@secretariat_required
def two_factor_recovery_codes(request: AuthenticatedHttpRequest) -> HttpResponse:
    """How many recovery codes are left; a POST replaces them all and shows the new ones once."""
    if request.method == "POST":
        codes = signin.recovery_codes_regenerate(user=request.user)
        return _no_store(render(request, "registration/two_factor_recovery_codes.html",
                                {"codes": codes, "next": reverse("participants:profile"), "enrolled": False}))
    return render(request, "registration/two_factor_status.html",
                  {"left": signin.recovery_codes_left(user=request.user),
                   "device": signin.totp_device_get(user=request.user)})
