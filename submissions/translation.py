"""Which submissions fields exist in every language (django-modeltranslation; core.multilingual)."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from modeltranslation.translator import TranslationOptions, register

from core.multilingual import Kind, register_kind
from submissions.models import CommentPeriod, Submission


@register(CommentPeriod)
class CommentPeriodTranslation(TranslationOptions):
    fields = ("title", "description")


@register(Submission)
class SubmissionTranslation(TranslationOptions):
    # The NGO's own text stays as written; the secretariat's public answer is published in every language.
    fields = ("public_answer",)


# The kinds the secretariat's "To translate" queue and side-by-side editor offer (core.multilingual).
register_kind(Kind(
    "submissions.commentperiod", CommentPeriod, _("Comment periods"), describe=lambda p: p.subject_title,
    public_url=lambda p: reverse("submissions:comment-periods"), order=30,
))
register_kind(Kind(
    "submissions.submission", Submission, _("Answers to NGO submissions"), describe=lambda s: s.title,
    public_url=lambda s: reverse("submissions:public-detail", args=[s.pk]) if s.is_accepted else None, order=31,
))
