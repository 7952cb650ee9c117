from __future__ import annotations

from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps


class DialoguePlatformConfig(AppConfig):
    default = True
    name = "dialogue_platform"
    verbose_name = "Dialogue Platform"


class PortalAdminConfig(admin_apps.AdminConfig):
    default = False
    default_site = "dialogue_platform.admin_site.PortalAdminSite"
