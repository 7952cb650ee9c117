from __future__ import annotations

import ipaddress

from django.contrib.auth.backends import BaseBackend
from django.http import HttpRequest

from core.ratelimit import client_ip

# axes keeps the name in a 255-character column; a longer one is never an account (e-mails stop at 254).
_AXES_USERNAME_MAX = 255

# The secretariat administers everything the portal owns, plus sign-in lockouts; never Django's
# own groups and permissions, which stay with superusers. django_celery_beat: the secretariat edits the
# schedule of periodic tasks (notices, digests). core: the read-only operational records (tasks waiting
# for the broker, worker heartbeats; docs/operations.md).
SECRETARIAT_APP_LABELS = frozenset(
    {"participants", "recommendations", "meetings", "reports", "axes", "django_celery_beat", "core"}
)


class SecretariatPermissionBackend(BaseBackend):
    """Grants model permissions from the user's role, so the role is the one source of truth."""

    def has_perm(self, user_obj: object, perm: str, obj: object = None) -> bool:
        app_label = perm.split(".", 1)[0]
        return self.has_module_perms(user_obj, app_label)

    def has_module_perms(self, user_obj: object, app_label: str) -> bool:
        return bool(getattr(user_obj, "is_secretariat", False)) and app_label in SECRETARIAT_APP_LABELS


def normalized_username(username: object) -> str:
    """The account a typed sign-in name stands for: sign-in ignores case and surrounding spaces, so must
    every counter keyed on it."""
    return str(username or "").strip().lower()


def axes_username(request: HttpRequest, credentials: dict | None = None) -> str:
    """AXES_USERNAME_CALLABLE: failures of `oBsErVeR@...` and `observer@...` count against one account."""
    if credentials:
        typed = credentials.get("username") or credentials.get("email")
    else:
        typed = getattr(request, "POST", {}).get("username")
    return normalized_username(typed)[:_AXES_USERNAME_MAX]


def axes_client_ip(request: HttpRequest) -> str | None:
    """AXES_CLIENT_IP_CALLABLE: the address every per-address limit uses (core.ratelimit.client_ip), or None
    when it is not an IP address (no REMOTE_ADDR, a garbled forwarded header): axes stores it in an inet column,
    where anything else is a database error on PostgreSQL."""
    address = client_ip(request)
    try:
        return str(ipaddress.ip_address(address))
    except ValueError:
        return None
