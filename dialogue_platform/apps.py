from __future__ import annotations

import sqlite3

from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps
from django.db import models
from django.utils.translation import gettext_lazy as _

# Our apps whose rows appear on public pages, lowest first (the import order; notifications holds nothing
# public). Each is a scope of the page cache (core.pagecache).
PAGE_SCOPES = ("participants", "recommendations", "meetings", "submissions", "reports", "api")
# Saving only these fields changes nothing anyone else sees (a sign-in stamps last_login).
_PRIVATE_FIELDS = frozenset({"last_login"})


def page_scopes(model: type[models.Model], update_fields: frozenset[str] | None) -> tuple[str, ...]:
    """The page-cache scopes a change to `model` makes stale: its own app's, and those of every app below it,
    whose pages may show it through a hook (a meeting page lists the NGO submissions on its agenda). Pages of
    higher apps name the lower scopes they read themselves."""
    label = model._meta.app_label
    if label not in PAGE_SCOPES or (update_fields is not None and set(update_fields) <= _PRIVATE_FIELDS):
        return ()
    return PAGE_SCOPES[: PAGE_SCOPES.index(label) + 1]


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

        from core import pagecache

        pagecache.invalidate_on_change(scopes_of=page_scopes)


class PortalAdminConfig(admin_apps.AdminConfig):
    default = False
    default_site = "dialogue_platform.admin_site.PortalAdminSite"
