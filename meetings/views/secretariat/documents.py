"""A meeting's documents."""

from __future__ import annotations

from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from core.views import paginate
from core.withdrawal import withdraw_page
from meetings import selectors, services
from meetings.forms import (
    DocumentForm,
)
from meetings.models import MeetingDocument
from meetings.views.secretariat._common import _attempt, _choice, _meeting, _url
from participants.permissions import AuthenticatedHttpRequest, secretariat_required


@require_http_methods(["GET", "POST"])
@secretariat_required
def documents(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    meeting = _meeting(pk)
    form = DocumentForm(request.POST or None, request.FILES or None, meeting=meeting)
    if request.method == "POST" and form.is_valid():
        ok, _document = _attempt(
            request, lambda: services.document_create(actor=request.user, meeting=meeting, **form.cleaned_data),
            success=_("The document was uploaded."), form=form,
        )
        if ok:
            return redirect("meetings:documents", pk=pk)
    visibility = _choice(request, "visibility", MeetingDocument.Visibility.values)
    page, querystring = paginate(request, selectors.document_list(meeting=meeting, visibility=visibility))
    return render(request, "meetings/manage/documents.html", {
        "meeting": meeting, "form": form, "tab": "documents", "page": page, "querystring": querystring,
        "visibility": visibility, "visibilities": MeetingDocument.Visibility.choices,
    })


@require_POST
@secretariat_required
def document_delete(request: AuthenticatedHttpRequest, pk: int, document_pk: int) -> HttpResponse:
    """Only documents of a draft meeting are deleted; the service refuses the others (they are withdrawn)."""
    document = get_object_or_404(MeetingDocument, pk=document_pk, meeting_id=pk)
    _attempt(request, lambda: services.document_delete(actor=request.user, document=document),
             success=_("The document was deleted."))
    return redirect("meetings:documents", pk=pk)


@require_http_methods(["GET", "POST"])
@secretariat_required
def document_withdraw(request: AuthenticatedHttpRequest, pk: int, document_pk: int) -> HttpResponse:
    """Withdraw a document of a public meeting, with a required reason (core.withdrawal)."""
    meeting = _meeting(pk)
    document = get_object_or_404(MeetingDocument.all_objects, pk=document_pk, meeting=meeting)
    return withdraw_page(
        request, record=document, title=document.title,
        withdraw=lambda reason: services.document_withdraw(actor=request.user, document=document, reason=reason),
        done_url=_url("meetings:documents", pk), cancel_url=_url("meetings:documents", pk),
        consequences=[_("its link answers that the document was withdrawn, when and why; the file is kept;")],
    )
