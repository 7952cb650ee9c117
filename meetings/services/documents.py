"""Documents attached to meetings and agenda items."""

from __future__ import annotations

from typing import cast

from django.core.files.base import File
from django.db import transaction
from django.utils.translation import gettext as _

from core.exceptions import ApplicationError
from core.uploads import validate_document_upload
from meetings.models import (
    AgendaItem,
    Meeting,
    MeetingDocument,
)
from participants.models import User


@transaction.atomic
def document_create(
    *, actor: User, meeting: Meeting, title: str, file: File[bytes], visibility: str,
    agenda_item: AgendaItem | None = None,
) -> MeetingDocument:
    from django.core.exceptions import ValidationError

    if agenda_item is not None and agenda_item.meeting_id != meeting.pk:
        raise ApplicationError(_("That agenda item belongs to another meeting."), field="agenda_item")
    try:
        document_type = validate_document_upload(file)
    except ValidationError as exc:
        raise ApplicationError(" ".join(exc.messages), field="file") from exc
    return MeetingDocument.objects.create(
        meeting=meeting,
        agenda_item=agenda_item,
        title=title,
        file=file,
        content_type=document_type.content_type,
        size=file.size or 0,
        visibility=visibility,
        uploaded_by=actor,
    )


@transaction.atomic
def document_delete(*, actor: User, document: MeetingDocument) -> None:
    stored = cast(str, document.file.name)  # a saved document has its file
    storage = document.file.storage
    document.delete()
    transaction.on_commit(lambda: storage.delete(stored))
