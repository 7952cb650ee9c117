"""The secretariat's own pages for running meetings (not the Django admin).

A package by topic; meetings/urls.py names the views as `secretariat.<view>`.
"""

from __future__ import annotations

from meetings.views.secretariat.agenda import (
    SUGGESTIONS_PER_PAGE,
    agenda,
    agenda_item_delete,
    agenda_item_edit,
    agenda_item_move,
    agenda_road_map_action_add,
    agenda_suggestion_add,
)
from meetings.views.secretariat.documents import (
    document_delete,
    document_withdraw,
    documents,
)
from meetings.views.secretariat.invitations import (
    ATTENDANCE_PER_PAGE,
    attendance,
    invitation_remove,
    invitations,
    rsvp_summary,
)
from meetings.views.secretariat.meeting_pages import (
    manage_detail,
    manage_list,
    meeting_cancel,
    meeting_create,
    meeting_edit,
    meeting_plan_year,
    meeting_reschedule,
    meeting_status,
    meeting_withdraw,
    subgroup_edit,
)
from meetings.views.secretariat.minutes import (
    follow_up_create,
    follow_up_status,
    minutes_approve,
    minutes_edit,
    minutes_publish,
    minutes_version,
    minutes_withdraw,
)

__all__ = [
    "manage_detail",
    "manage_list",
    "meeting_cancel",
    "meeting_create",
    "meeting_edit",
    "meeting_plan_year",
    "meeting_reschedule",
    "meeting_status",
    "meeting_withdraw",
    "minutes_withdraw",
    "document_withdraw",
    "subgroup_edit",
    "SUGGESTIONS_PER_PAGE",
    "agenda",
    "agenda_item_delete",
    "agenda_item_edit",
    "agenda_item_move",
    "agenda_road_map_action_add",
    "agenda_suggestion_add",
    "ATTENDANCE_PER_PAGE",
    "attendance",
    "invitation_remove",
    "invitations",
    "rsvp_summary",
    "follow_up_create",
    "follow_up_status",
    "minutes_approve",
    "minutes_edit",
    "minutes_publish",
    "minutes_version",
    "document_delete",
    "documents",
]
