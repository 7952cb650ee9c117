"""Every write of the submissions app: keyword-only, one transaction each (STYLE.md section 7).

A package by topic; import from `submissions.services`. The lifecycle lives in ALLOWED_TRANSITIONS (_common.py);
every step leaves a SubmissionEvent and tells the submitter (submissions/notices.py).
"""

from __future__ import annotations

from submissions.services._common import (
    ALLOWED_TRANSITIONS,
)
from submissions.services.comment_periods import (
    comment_period_close,
    comment_period_open,
)
from submissions.services.conversion import (
    submission_convert_to_action,
    submission_convert_to_agenda_item,
    submission_convert_to_recommendation,
)
from submissions.services.moderation import (
    BulkResult,
    submission_assign,
    submission_bulk,
    submission_decide,
    submission_note_add,
    submission_start_review,
)
from submissions.services.submitting import (
    SubmissionData,
    organization_for_submitter,
    submission_create,
    submission_submit,
    submission_update,
    submission_withdraw,
)
from submissions.services.text import (
    DUPLICATE_RATIO,
    html_to_text,
    normalize_for_comparison,
)
from submissions.services.uploads import (
    UPLOAD_KEEP,
    upload_keep,
    upload_purge_stale,
)
from submissions.services.withdrawal import (
    submission_publication_withdraw,
)

__all__ = [
    "ALLOWED_TRANSITIONS",
    "DUPLICATE_RATIO",
    "html_to_text",
    "normalize_for_comparison",
    "comment_period_close",
    "comment_period_open",
    "UPLOAD_KEEP",
    "upload_keep",
    "upload_purge_stale",
    "SubmissionData",
    "organization_for_submitter",
    "submission_create",
    "submission_submit",
    "submission_update",
    "submission_withdraw",
    "submission_publication_withdraw",
    "BulkResult",
    "submission_assign",
    "submission_bulk",
    "submission_decide",
    "submission_note_add",
    "submission_start_review",
    "submission_convert_to_action",
    "submission_convert_to_agenda_item",
    "submission_convert_to_recommendation",
]
