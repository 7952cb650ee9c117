from __future__ import annotations

from django.urls import path

from meetings.views import calendars, participants, public, secretariat

app_name = "meetings"

urlpatterns = [
    # Public
    path("meetings/", public.meeting_list, name="meeting-list"),
    path("meetings/archive/", public.meeting_archive, name="meeting-archive"),
    path("meetings/statistics/", public.statistics, name="statistics"),
    path("meetings/<int:pk>/", public.meeting_detail, name="meeting-detail"),
    path("meetings/<int:pk>/calendar.ics", calendars.meeting_ics,
         name="meeting-ics"),
    path("meetings/documents/<int:pk>/", public.document_download, name="document-download"),
    path("meetings/subgroups/", public.subgroup_list, name="subgroup-list"),
    path("meetings/subgroups/<int:pk>/", public.subgroup_detail, name="subgroup-detail"),
    # Participants
    path("meetings/mine/", participants.my_meetings, name="my-meetings"),
    path("meetings/mine/calendar/reset/", participants.calendar_token_reset, name="calendar-token-reset"),
    path("meetings/invitations/<int:pk>/answer/", participants.invitation_rsvp, name="invitation-rsvp"),
    # Secretariat
    path("meetings/manage/", secretariat.manage_list, name="manage-list"),
    path("meetings/manage/new/", secretariat.meeting_create, name="meeting-create"),
    path("meetings/manage/plan-year/", secretariat.meeting_plan_year, name="meeting-plan-year"),
    path("meetings/manage/subgroups/new/", secretariat.subgroup_edit, name="subgroup-create"),
    path("meetings/manage/subgroups/<int:pk>/edit/", secretariat.subgroup_edit, name="subgroup-edit"),
    path("meetings/manage/<int:pk>/", secretariat.manage_detail, name="manage-detail"),
    path("meetings/manage/<int:pk>/edit/", secretariat.meeting_edit, name="meeting-edit"),
    path("meetings/manage/<int:pk>/status/", secretariat.meeting_status, name="meeting-status"),
    path("meetings/manage/<int:pk>/cancel/", secretariat.meeting_cancel, name="meeting-cancel"),
    path("meetings/manage/<int:pk>/reschedule/", secretariat.meeting_reschedule, name="meeting-reschedule"),
    path("meetings/manage/<int:pk>/withdraw/", secretariat.meeting_withdraw, name="meeting-withdraw"),
    path("meetings/manage/<int:pk>/minutes/withdraw/", secretariat.minutes_withdraw, name="minutes-withdraw"),
    path("meetings/manage/<int:pk>/documents/<int:document_pk>/withdraw/", secretariat.document_withdraw,
         name="document-withdraw"),
    path("meetings/manage/<int:pk>/agenda/", secretariat.agenda, name="agenda"),
    path("meetings/manage/<int:pk>/agenda/suggestions/<int:action_pk>/add/", secretariat.agenda_suggestion_add,
         name="agenda-suggestion-add"),
    path("meetings/manage/<int:pk>/agenda/road-map-actions/<int:action_pk>/add/",
         secretariat.agenda_road_map_action_add, name="agenda-road-map-action-add"),
    path("meetings/manage/<int:pk>/agenda/<int:item_pk>/edit/", secretariat.agenda_item_edit, name="agenda-item-edit"),
    path("meetings/manage/<int:pk>/agenda/<int:item_pk>/delete/", secretariat.agenda_item_delete,
         name="agenda-item-delete"),
    path("meetings/manage/<int:pk>/agenda/<int:item_pk>/move/", secretariat.agenda_item_move, name="agenda-item-move"),
    path("meetings/manage/<int:pk>/invitations/", secretariat.invitations, name="invitations"),
    path("meetings/manage/<int:pk>/invitations/<int:invitation_pk>/remove/", secretariat.invitation_remove,
         name="invitation-remove"),
    path("meetings/manage/<int:pk>/rsvps/", secretariat.rsvp_summary, name="rsvp-summary"),
    path("meetings/manage/<int:pk>/attendance/", secretariat.attendance, name="attendance"),
    path("meetings/manage/<int:pk>/minutes/", secretariat.minutes_edit, name="minutes"),
    path("meetings/manage/<int:pk>/minutes/approve/", secretariat.minutes_approve, name="minutes-approve"),
    path("meetings/manage/<int:pk>/minutes/publish/", secretariat.minutes_publish, name="minutes-publish"),
    path("meetings/manage/<int:pk>/minutes/versions/<int:history_id>/", secretariat.minutes_version,
         name="minutes-version"),
    path("meetings/manage/<int:pk>/follow-ups/", secretariat.follow_up_create, name="follow-up-create"),
    path("meetings/manage/<int:pk>/follow-ups/<int:action_pk>/status/", secretariat.follow_up_status,
         name="follow-up-status"),
    path("meetings/manage/<int:pk>/documents/", secretariat.documents, name="documents"),
    path("meetings/manage/<int:pk>/documents/<int:document_pk>/delete/", secretariat.document_delete,
         name="document-delete"),
]
