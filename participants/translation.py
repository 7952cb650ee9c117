"""Which participants fields exist in every language (django-modeltranslation; core.multilingual)."""

from __future__ import annotations

from modeltranslation.translator import TranslationOptions, register

from participants.models import Organization


@register(Organization)
class OrganizationTranslation(TranslationOptions):
    fields = ("name",)
