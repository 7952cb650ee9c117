"""Pages anyone may open: the schedule, the archive, a meeting, documents, subgroups, statistics."""

from __future__ import annotations

from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse

from core import pagecache
from core.uploads import download_name
from core.views import paginate, private_file_response
from meetings import selectors
from meetings.forms import ArchiveFilterForm, StatisticsFilterForm, SubgroupFilterForm, UpcomingFilterForm
from participants.permissions import sign_in_or_not_found


@pagecache.public_page("meetings", "recommendations", "participants")
def meeting_list(request: HttpRequest) -> HttpResponse:
    form = UpcomingFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    meetings = selectors.meeting_upcoming_list(subgroup=filters.get("subgroup"), topic=filters.get("topic"))
    page, querystring = paginate(request, meetings)
    return render(request, "meetings/meeting_list.html", {"form": form, "page": page, "querystring": querystring})


@pagecache.public_page("meetings", "recommendations", "participants")
def meeting_archive(request: HttpRequest) -> HttpResponse:
    form = ArchiveFilterForm(request.GET or None, years=selectors.meeting_archive_years())
    filters = form.cleaned_data if form.is_valid() else {}
    meetings = selectors.meeting_archive_list(
        year=filters.get("year"),
        subgroup=filters.get("subgroup"),
        topic=filters.get("topic"),
        query=filters.get("q", ""),
    )
    page, querystring = paginate(request, meetings)
    if filters.get("q"):
        page.object_list = list(page.object_list)
        selectors.minutes_snippets(page.object_list, query=filters["q"])
    return render(request, "meetings/meeting_archive.html", {"form": form, "page": page, "querystring": querystring})


@pagecache.public_page("meetings", "recommendations", "participants")
def meeting_detail(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = selectors.meeting_get_for_user(user=request.user, pk=pk, with_minutes=True)
    invitation = selectors.invitation_for(user=request.user, meeting=meeting)
    participant_access = selectors.can_see_participant_content(
        user=request.user, meeting=meeting, invitation=invitation
    )
    minutes = selectors.minutes_for(meeting=meeting, user=request.user)
    documents, withdrawn_documents = selectors.documents_for(meeting=meeting, participant_access=participant_access)
    context = {
        "meeting": meeting,
        "invitation": invitation,
        "participant_access": participant_access,
        "agenda_items": selectors.agenda_items_for(meeting=meeting, with_links=True),
        "documents": documents,
        "withdrawn_documents": withdrawn_documents,
        "minutes": minutes,
        "follow_up_actions": selectors.follow_up_actions_for(meeting=meeting) if minutes else [],
    }
    return render(request, "meetings/meeting_detail.html", context)


def document_download(request: HttpRequest, pk: int) -> HttpResponse | FileResponse:
    """Documents are never public media: each download passes this permission check. A signed-out person opening a
    participants-only link is sent to sign in and back (sign_in_or_not_found). A withdrawn document answers 410 Gone
    with when and why (the secretariat still gets the file, for the record)."""
    try:
        document = selectors.document_get_for_user(user=request.user, pk=pk)
    except Http404:
        return sign_in_or_not_found(request)
    if document.withdrawn_at is not None and not selectors.is_secretariat(request.user):
        return render(request, "core/withdrawn.html", {"record": document, "title": document.title,
                                                       "back_url": reverse("meetings:meeting-detail",
                                                                           args=[document.meeting_id])}, status=410)
    filename = download_name(document.title, content_type=document.content_type)
    return private_file_response(document.file, filename=filename, content_type=document.content_type)


@pagecache.public_page("meetings", "recommendations", "participants")
def subgroup_list(request: HttpRequest) -> HttpResponse:
    form = SubgroupFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    subgroups = selectors.subgroup_list(active=filters.get("active"), query=filters.get("q", ""))
    page, querystring = paginate(request, subgroups)
    return render(request, "meetings/subgroup_list.html", {"form": form, "page": page, "querystring": querystring})


@pagecache.public_page("meetings", "recommendations", "participants")
def subgroup_detail(request: HttpRequest, pk: int) -> HttpResponse:
    subgroup = selectors.subgroup_get(pk=pk)
    upcoming = selectors.meeting_upcoming_list(subgroup=subgroup)
    past = selectors.meeting_archive_list(subgroup=subgroup)[:50]
    return render(
        request, "meetings/subgroup_detail.html", {"subgroup": subgroup, "upcoming": upcoming, "past": past}
    )


@pagecache.public_page("meetings", "recommendations", "participants")
def statistics(request: HttpRequest) -> HttpResponse:
    form = StatisticsFilterForm(request.GET or None, years=selectors.meeting_archive_years())
    year = form.cleaned_data.get("year") if form.is_valid() else None
    per_meeting, per_quarter = selectors.participation_statistics(year=year)
    return render(
        request,
        "meetings/statistics.html",
        {"form": form, "per_meeting": per_meeting, "per_quarter": per_quarter},
    )
