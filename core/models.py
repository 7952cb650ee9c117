"""Abstract bases every app's models share. Abstract: moving them changed no table (makemigrations says so)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _


class TimeStampedModel(models.Model):
    created_at = models.DateTimeField(_("created"), auto_now_add=True, db_index=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        abstract = True


class LocalizedNameMixin:
    """`localized_name`: the name in the active language (name_ru, name_kk), falling back to English `name`."""

    name: str
    name_ru: str
    name_kk: str

    @property
    def localized_name(self) -> str:
        language = (get_language() or "en")[:2]
        return {"ru": self.name_ru, "kk": self.name_kk}.get(language) or self.name
