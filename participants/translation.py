"""Which participants fields exist in every language (django-modeltranslation; core.multilingual)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from modeltranslation.translator import TranslationOptions, register

from core.multilingual import Kind, register_kind
from participants.models import Organization


@register(Organization)
class OrganizationTranslation(TranslationOptions):
    fields = ("name",)


register_kind(Kind("participants.organization", Organization, _("Organisations"), order=40))
