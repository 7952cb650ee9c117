"""Pages anyone may open: the schedule, the archive, a meeting, documents, subgroups, statistics."""

from __future__ import annotations

from typing import cast

from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from core.views import paginate
from meetings import selectors
from meetings.forms import ArchiveFilterForm, StatisticsFilterForm, SubgroupFilterForm, UpcomingFilterForm


def meeting_list(request: HttpRequest) -> HttpResponse:
    form = UpcomingFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    meetings = selectors.meeting_upcoming_list(subgroup=filters.get("subgroup"), topic=filters.get("topic"))
    page, querystring = paginate(request, meetings)
    return render(request, "meetings/meeting_list.html", {"form": form, "page": page, "querystring": querystring})


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
    return render(request, "meetings/meeting_archive.html", {"form": form, "page": page, "querystring": querystring})


def meeting_detail(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = selectors.meeting_get_for_user(user=request.user, pk=pk, with_minutes=True)
    invitation = selectors.invitation_for(user=request.user, meeting=meeting)
    participant_access = selectors.can_see_participant_content(
        user=request.user, meeting=meeting, invitation=invitation
    )
    minutes = selectors.minutes_for(meeting=meeting, user=request.user)
    context = {
        "meeting": meeting,
        "invitation": invitation,
        "participant_access": participant_access,
        "agenda_items": selectors.agenda_items_for(meeting=meeting, with_links=True),
        "documents": selectors.documents_for(meeting=meeting, participant_access=participant_access),
        "minutes": minutes,
        "follow_up_actions": selectors.follow_up_actions_for(meeting=meeting) if minutes else [],
    }
    return render(request, "meetings/meeting_detail.html", context)


def document_download(request: HttpRequest, pk: int) -> FileResponse:
    """Documents are never public media: each download passes this permission check."""
    document = selectors.document_get_for_user(user=request.user, pk=pk)
    stored_name = cast(str, document.file.name)  # a saved document has its file
    extension = stored_name.rsplit(".", 1)[-1] if "." in stored_name else ""
    filename = document.title + (f".{extension}" if extension else "")
    try:
        handle = document.file.open("rb")
    except FileNotFoundError as exc:
        # The row outlived its file (a restore without the private folder): say "not found", not 500.
        raise Http404 from exc
    response = FileResponse(handle, as_attachment=True, filename=filename, content_type=document.content_type)
    response["Cache-Control"] = "private, no-store"
    return response


def subgroup_list(request: HttpRequest) -> HttpResponse:
    form = SubgroupFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    subgroups = selectors.subgroup_list(active=filters.get("active"), query=filters.get("q", ""))
    page, querystring = paginate(request, subgroups)
    return render(request, "meetings/subgroup_list.html", {"form": form, "page": page, "querystring": querystring})


def subgroup_detail(request: HttpRequest, pk: int) -> HttpResponse:
    subgroup = selectors.subgroup_get(pk=pk)
    upcoming = selectors.meeting_upcoming_list(subgroup=subgroup)
    past = selectors.meeting_archive_list(subgroup=subgroup)[:50]
    return render(
        request, "meetings/subgroup_detail.html", {"subgroup": subgroup, "upcoming": upcoming, "past": past}
    )


def statistics(request: HttpRequest) -> HttpResponse:
    form = StatisticsFilterForm(request.GET or None, years=selectors.meeting_archive_years())
    year = form.cleaned_data.get("year") if form.is_valid() else None
    per_meeting, per_quarter = selectors.participation_statistics(year=year)
    return render(
        request,
        "meetings/statistics.html",
        {"form": form, "per_meeting": per_meeting, "per_quarter": per_quarter},
    )
