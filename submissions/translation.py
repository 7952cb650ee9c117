"""Which submissions fields exist in every language (django-modeltranslation; core.multilingual)."""

from __future__ import annotations

from modeltranslation.translator import TranslationOptions, register

from submissions.models import CommentPeriod, Submission


@register(CommentPeriod)
class CommentPeriodTranslation(TranslationOptions):
    fields = ("title", "description")


@register(Submission)
class SubmissionTranslation(TranslationOptions):
    # The NGO's own text stays as written; the secretariat's public answer is published in every language.
    fields = ("public_answer",)
