"""One colour meaning per status, on every page: every status of every model mapped to one of six tones.

A tone says what the status means to the reader, whatever the model:

- neutral:   not started or not yet sent (a draft, an action not started);
- waiting:   waits for someone's answer or decision (submitted, awaiting approval, no answer yet);
- progress:  under way and on track (scheduled, under review, in progress, open for comments);
- success:   done, with a positive outcome (published, approved, accepted, implemented, sent);
- attention: needs action now (failed, returned, overdue);
- closed:    ended without that outcome (cancelled, declined, withdrawn, dropped, noted).

The same status label always gets the same tone ("Approved" is green for minutes, applications and progress
updates alike). The portal's `status_badge` template tag reads this table; tests/test_status_tones.py checks that
every choice of every status field of our models is in it, so a new status cannot appear without a colour.
The keys are "<app label>.<model name>.<field>": strings, so this module imports no app.
"""

from __future__ import annotations

TONES = ("neutral", "waiting", "progress", "success", "attention", "closed")

STATUS_TONES: dict[str, dict[str, str]] = {
    "participants.organizationapplication.status": {
        "pending": "waiting", "approved": "success", "declined": "closed",
    },
    "notifications.delivery.status": {
        "pending": "waiting", "sending": "progress", "sent": "success", "retrying": "waiting", "failed": "attention",
    },
    "recommendations.recommendation.response": {
        "supported": "success", "noted": "closed", "pending": "waiting", "": "neutral",
    },
    "recommendations.recommendation.status": {
        "not_started": "neutral", "in_progress": "progress", "partially_implemented": "progress",
        "implemented": "success",
    },
    "recommendations.action.status": {"not_started": "neutral", "in_progress": "progress", "done": "success"},
    "recommendations.progressupdate.state": {"submitted": "waiting", "approved": "success", "rejected": "attention"},
    "recommendations.progressupdate.proposed_status": {
        "not_started": "neutral", "in_progress": "progress", "done": "success", "": "neutral",
    },
    "recommendations.importjob.status": {
        "check_queued": "waiting", "checking": "progress", "ready": "waiting", "invalid": "attention",
        "import_queued": "waiting", "importing": "progress", "done": "success", "failed": "attention",
    },
    "meetings.meeting.status": {
        "draft": "neutral", "scheduled": "progress", "held": "progress", "minutes_published": "success",
        "cancelled": "closed",
    },
    "meetings.invitation.response": {
        "invited": "waiting", "accepted": "success", "declined": "closed", "tentative": "waiting",
    },
    "meetings.minutes.status": {"draft": "neutral", "approved": "success", "published": "success"},
    "meetings.followupaction.status": {
        "open": "progress", "in_progress": "progress", "done": "success", "dropped": "closed",
    },
    "submissions.submission.status": {
        "draft": "neutral", "submitted": "waiting", "under_review": "progress", "accepted": "success",
        "partly_accepted": "success", "declined": "closed", "withdrawn": "closed",
    },
    "reports.report.status": {"draft": "neutral", "published": "success"},
}
# A submission's history shows the statuses it went through, in the submission's colours.
STATUS_TONES["submissions.submissionevent.from_status"] = {**STATUS_TONES["submissions.submission.status"], "": "neutral"}
STATUS_TONES["submissions.submissionevent.to_status"] = STATUS_TONES["submissions.submission.status"]

# Models whose rows can be late: an unfinished one past its deadline shows "Overdue" (attention) instead.
OVERDUE_AWARE = {"recommendations.action.status"}

# States that are not a model field, with the tone of their meaning (comment periods, closed subgroups, the
# readiness of the next meeting on the secretariat's home page).
STATE_TONES: dict[str, str] = {
    "open": "progress",
    "planned": "progress",
    "closed": "closed",
    "overdue": "attention",
    "draft": "neutral",
    "todo": "neutral",
    "waiting": "waiting",
    "ready": "success",
    "pledge": "neutral",
    # Translations (core.multilingual.Status).
    "original": "neutral",
    "complete": "success",
    "missing": "attention",
    "outdated": "waiting",
    # A reference an NGO cited that the tracker does not hold: it waits for someone to check it.
    "unverified": "waiting",
}


def tone_for(key: str, value: str) -> str:
    """The tone of `value` of the field `key` ("app.model.field"); neutral for an unknown one."""
    return STATUS_TONES.get(key, {}).get(value, "neutral")
