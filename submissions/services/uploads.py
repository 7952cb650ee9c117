"""Files kept from a form that had other errors, until the form is sent or abandoned."""

from __future__ import annotations

import datetime as dt
import secrets
from typing import cast

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone

from core.uploads import validate_document_upload
from participants.models import User
from submissions.models import SubmissionUpload

UPLOAD_KEEP = dt.timedelta(days=1)


@transaction.atomic
def upload_keep(*, actor: User, file: UploadedFile[bytes]) -> SubmissionUpload:
    """Keep a valid upload from a form that had other errors; the form carries the returned token."""
    document_type = validate_document_upload(file)
    # No scheduled task: each new kept upload clears the abandoned ones first, so the files of forms left
    # unfinished never outnumber the forms people are filling in now.
    upload_purge_stale()
    upload = SubmissionUpload(
        token=secrets.token_urlsafe(32), uploaded_by=actor, original_name=cast(str, file.name)[:255],
        content_type=document_type.content_type, size=file.size or 0,
    )
    upload.file.save(cast(str, file.name), file, save=False)
    upload.save()
    return upload


def upload_purge_stale(*, now: dt.datetime | None = None) -> int:
    """Delete uploads never attached to a submission within a day; returns how many went."""
    cutoff = (now or timezone.now()) - UPLOAD_KEEP
    count = 0
    for upload in SubmissionUpload.objects.filter(created_at__lt=cutoff):
        upload.file.delete(save=False)
        upload.delete()
        count += 1
    return count
