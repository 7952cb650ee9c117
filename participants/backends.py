from __future__ import annotations

import functools
import ipaddress
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.contrib.auth.backends import BaseBackend
from django.http import HttpRequest

from core.ratelimit import client_ip

# axes keeps the name in a 255-character column; a longer one is never an account (e-mails stop at 254).
_AXES_USERNAME_MAX = 255

# Third-party apps the secretariat administers besides the portal's own (core's read-only operational records
# included, docs/operations.md): sign-in lockouts (axes) and the schedule of periodic tasks (django_celery_beat).
# Django's own groups and permissions and the second-factor devices stay with superusers.
SECRETARIAT_THIRD_PARTY_APP_LABELS = frozenset({"axes", "django_celery_beat"})


@functools.cache
def secretariat_app_labels() -> frozenset[str]:
    """Every app of the portal itself (a package at the top of the project folder, whatever its place in the import
    order: a new app is administered without editing a list here) plus SECRETARIAT_THIRD_PARTY_APP_LABELS."""
    project = Path(settings.BASE_DIR).resolve()
    own = {config.label for config in apps.get_app_configs() if Path(config.path).resolve().parent == project}
    return frozenset(own | SECRETARIAT_THIRD_PARTY_APP_LABELS)


class SecretariatPermissionBackend(BaseBackend):
    """Grants model permissions from the user's role, so the role is the one source of truth."""

    def has_perm(self, user_obj: object, perm: str, obj: object = None) -> bool:
        app_label = perm.split(".", 1)[0]
        return self.has_module_perms(user_obj, app_label)

    def has_module_perms(self, user_obj: object, app_label: str) -> bool:
        return bool(getattr(user_obj, "is_secretariat", False)) and app_label in secretariat_app_labels()


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
