"""The secretariat withdraws a published submission from publication (core.withdrawal)."""

from __future__ import annotations

from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from core.withdrawal import withdraw_page
from participants.permissions import AuthenticatedHttpRequest, secretariat_required
from submissions import services
from submissions.models import Submission


@require_http_methods(["GET", "POST"])
@secretariat_required
def publication_withdraw(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    submission = get_object_or_404(Submission.all_objects, pk=pk, status__in=Submission.ACCEPTED_STATUSES)
    url = reverse("submissions:public-detail", args=[pk])
    return withdraw_page(
        request, record=submission, title=submission.title,
        withdraw=lambda reason: services.submission_publication_withdraw(
            actor=request.user, submission=submission, reason=reason),
        done_url=url, cancel_url=url,
        consequences=[_("the NGO sees the withdrawal, with the reason, on its own page of the submission;"),
                      _("what it became (an agenda item, a recommendation, an action) is not changed;")],
    )
