from __future__ import annotations

from django.urls import reverse

from tests.access import Rule


def _edit_url() -> str:
    from tests.meetings.factories import MeetingFactory

    meeting = MeetingFactory(original_language="ru")
    return reverse("translation-edit", args=["meetings.meeting", meeting.pk, "kk"])


# The secretariat's translation workspace (dialogue_platform/translations.py).
ACCESS_RULES = [
    Rule("translation queue", lambda: reverse("translation-queue"), ("secretariat",)),
    Rule("translation editor", _edit_url, ("secretariat",)),
]
