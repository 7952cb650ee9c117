"""Documents attached to meetings and agenda items."""

from __future__ import annotations

from django.core.files.base import File
from django.db import transaction
from django.utils.translation import gettext as _

from core.exceptions import ApplicationError
from core.uploads import validate_document_upload
from core.withdrawal import withdraw
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
    """Delete a document of a draft meeting (nobody but the secretariat saw it). Once the meeting is public its
    documents are withdrawn instead (document_withdraw), so what was published stays on record."""
    document = MeetingDocument.all_objects.select_for_update().select_related("meeting").get(pk=document.pk)
    if document.meeting.is_public or document.withdrawn_at is not None:
        raise ApplicationError(_("The meeting is public, so its documents are withdrawn, not deleted."))
    stored = document.file.name
    storage = document.file.storage
    document.delete()
    transaction.on_commit(lambda: storage.delete(stored))  # type: ignore[arg-type]  # a document has a file


@transaction.atomic
def document_withdraw(*, actor: User, document: MeetingDocument, reason: str) -> MeetingDocument:
    """Take a document of a public meeting down (core.withdrawal): its link then answers "withdrawn on ...
    because ...", and the file is kept for the record."""
    document = MeetingDocument.all_objects.select_for_update().get(pk=document.pk)
    return withdraw(document, actor=actor, reason=reason)
