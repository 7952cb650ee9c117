"""Views of signing in beyond Django's own: password reset requests and the second factor (docs/security.md)."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods
from django_ratelimit.core import is_ratelimited

from participants import signin
from participants.backends import normalized_username
from participants.forms import PortalPasswordResetForm

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
