"""Abstract bases every app's models share. Abstract: moving them changed no table (makemigrations says so)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class TimeStampedModel(models.Model):
    created_at = models.DateTimeField(_("created"), auto_now_add=True, db_index=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        abstract = True


class LocalizedNameMixin:
    """`localized_name`: the name in the active language with the configured fallback.

    The names live in `name_kk`, `name_ru`, `name_en` (django-modeltranslation, registered in the app's
    translation.py), and `name` reads the active language's; this alias stays for the pages and the API that
    say `localized_name`.
    """

    name: str

    @property
    def localized_name(self) -> str:
        return self.name
