"""Comment periods on road maps and draft documents."""

from __future__ import annotations

import datetime as dt
from typing import cast

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core.exceptions import ApplicationError
from core.uploads import validate_document_upload
from participants.models import User
from recommendations.models import RoadMap
from submissions.models import CommentPeriod


@transaction.atomic
def comment_period_open(
    *,
    actor: User | None,
    opens_at: dt.datetime,
    closes_at: dt.datetime,
    road_map: RoadMap | None = None,
    title: str = "",
    title_ru: str = "",
    title_kk: str = "",
    description: str = "",
    document: UploadedFile[bytes] | None = None,
    url: str = "",
) -> CommentPeriod:
    """Open (or schedule) a comment period on a road map or on any draft document described by its titles.

    Other apps (reports, for draft national reports) call this too: keep it free of their models.
    """
    if closes_at <= opens_at:
        raise ApplicationError(_("The comment period must close after it opens."), field="closes_at")
    if road_map is None and not (title or "").strip():
        raise ApplicationError(_("Choose a road map or give the title of the draft."), field="title")
    if document is not None:
        validate_document_upload(document)
    period = CommentPeriod(
        # The titles come in each language, English first: English is the original.
        road_map=road_map, title_en=title.strip(), title_ru=title_ru.strip(), title_kk=title_kk.strip(),
        original_language="en",
        description=description, url=url, opens_at=opens_at, closes_at=closes_at, created_by=actor,
    )
    if document is not None:
        period.document.save(cast(str, document.name), document, save=False)
    period.save()
    return period


@transaction.atomic
def comment_period_close(*, actor: User, period: CommentPeriod, at: dt.datetime | None = None) -> CommentPeriod:
    """Close a period now. Comments already submitted stay; later ones are refused."""
    now = at or timezone.now()
    period = CommentPeriod.objects.select_for_update().get(pk=period.pk)
    if period.closes_at <= now:
        raise ApplicationError(_("This comment period is already closed."))
    if period.opens_at >= now:
        # Closing a period that has not opened yet cancels it; the constraint still needs opens < closes.
        period.opens_at = now - dt.timedelta(seconds=1)
    period.closes_at = now
    period.closed_early_at = now
    period.save(update_fields=["opens_at", "closes_at", "closed_early_at", "updated_at"])
    return period
