from __future__ import annotations

import sqlite3

from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps
from django.utils.translation import gettext_lazy as _


def _sqlite_integer(value: int) -> int | str:
    """SQLite's integers are 64-bit: a bigger one (a forged id in a form or query) would raise OverflowError, a 500.
    Bound as text it matches no row, as PostgreSQL's numeric comparison matches none, and forms say "not a valid
    choice"."""
    return value if -(2**63) <= value < 2**63 else str(value)


class DialoguePlatformConfig(AppConfig):
    default = True
    name = "dialogue_platform"
    verbose_name = _("Dialogue Platform")

    def ready(self) -> None:
        sqlite3.register_adapter(int, _sqlite_integer)


class PortalAdminConfig(admin_apps.AdminConfig):
    default = False
    default_site = "dialogue_platform.admin_site.PortalAdminSite"
