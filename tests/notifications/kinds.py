"""Notice kinds used only by the tests: one required, one optional, registered on import."""

from __future__ import annotations

from django.utils.translation import get_language

from notifications.registry import Message, Obsolete, register

REQUIRED = "tests.required"
OPTIONAL = "tests.optional"
OBSOLETE = "tests.obsolete"


@register(REQUIRED)
def render_required(*, notice, delivery) -> Message:  # noqa: ANN001
    # The active language shows that rendering happens inside translation.override(delivery.language).
    return Message(
        subject=f"Required {notice.payload.get('n', '')} [{get_language()}]",
        text=f"Hello {delivery.email} [{get_language()}]",
        html=f"<html><body><p>Hello {delivery.email}</p></body></html>",
        attachments=[("meeting.ics", b"BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n", "text/calendar")],
    )


@register(OPTIONAL, optional=True, topic="tests.topic", label="Test topic")
def render_optional(*, notice, delivery) -> Message:  # noqa: ANN001
    return Message(subject="Optional", text="Optional text", html="<html><body><p>Optional</p></body></html>")


@register(OBSOLETE)
def render_obsolete(*, notice, delivery) -> Message:  # noqa: ANN001
    raise Obsolete("the meeting was deleted")
