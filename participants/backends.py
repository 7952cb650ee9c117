from __future__ import annotations

from django.contrib.auth.backends import BaseBackend

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
