"""Every change to meetings goes through these functions (STYLE.md section 7.2).

A package by topic; import from `meetings.services`. Its private helpers stay in their modules (_common.py, ...);
the notices a change triggers are published by meetings.notices.
"""

from __future__ import annotations

from meetings.services._common import ALLOWED_TRANSITIONS, next_plenary_number, next_statuses
from meetings.services.agenda import (
    agenda_item_create,
    agenda_item_delete,
    agenda_item_move,
    agenda_item_update,
)
from meetings.services.documents import (
    document_create,
    document_delete,
    document_withdraw,
)
from meetings.services.invitations import (
    attendance_closed_reason,
    attendance_record,
    invitation_delete,
    invitation_respond,
    invitations_create,
)
from meetings.services.meetings import (
    meeting_cancel,
    meeting_create,
    meeting_plan_year,
    meeting_reschedule,
    meeting_transition,
    meeting_update,
    meeting_withdraw,
)
from meetings.services.minutes import (
    MinutesConflict,
    follow_up_action_create,
    follow_up_action_set_status,
    minutes_approve,
    minutes_publish,
    minutes_save,
    minutes_withdraw,
)
from meetings.services.subgroups import (
    calendar_token_reset,
    subgroup_save,
    topic_save,
)

__all__ = [
    "ALLOWED_TRANSITIONS",
    "next_plenary_number",
    "next_statuses",
    "meeting_create",
    "meeting_update",
    "meeting_withdraw",
    "meeting_plan_year",
    "meeting_transition",
    "meeting_cancel",
    "meeting_reschedule",
    "agenda_item_create",
    "agenda_item_update",
    "agenda_item_delete",
    "agenda_item_move",
    "invitations_create",
    "invitation_delete",
    "invitation_respond",
    "attendance_closed_reason",
    "attendance_record",
    "MinutesConflict",
    "minutes_save",
    "minutes_approve",
    "minutes_publish",
    "minutes_withdraw",
    "follow_up_action_create",
    "follow_up_action_set_status",
    "document_create",
    "document_delete",
    "document_withdraw",
    "subgroup_save",
    "topic_save",
    "calendar_token_reset",
]
