"""Importing recommendations from a file (UPR Info export or the portal's template): check, preview, import."""

from __future__ import annotations

import datetime
import secrets
from collections import Counter
from dataclasses import dataclass, field
from typing import TypeVar, cast

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from core.exceptions import ApplicationError
from participants.models import Organization, User
from recommendations.importers import ImportRow, ImportRowError, parse_file
from recommendations.models import (
    AffectedGroup,
    ImportUpload,
    Mechanism,
    Recommendation,
    RecommendingState,
    Review,
    SdgTarget,
    Theme,
)
from recommendations.services.reference import STANDARD_MECHANISMS, mechanisms_ensure

UPLOAD_KEEP = datetime.timedelta(days=1)


@dataclass
class ImportSummary:
    encoding: str
    total_rows: int
    new_rows: list[ImportRow]
    existing: int
    repeated_in_file: int
    # (state under review, mechanism, cycle, session) -> Counter of response/pledge
    by_review: dict[tuple[str, str, int, int | None], Counter[str]] = field(default_factory=dict)
    created: int = 0

    @property
    def table(self) -> list[dict[str, object]]:
        return [
            {
                "state": state, "mechanism": mechanism.upper(), "cycle": cycle, "session": session,
                "supported": c["supported"], "noted": c["noted"], "pending": c["pending"], "pledges": c["pledge"],
                "total": sum(c.values()),
            }
            for (state, mechanism, cycle, session), c in sorted(self.by_review.items(), key=lambda kv: str(kv[0]))
        ]


def _organization_lookup(names: set[str]) -> dict[str, Organization]:
    if not names:
        return {}
    found: dict[str, Organization] = {}
    lowered = {n.lower() for n in names}
    query = Q()
    for name in names:
        query |= Q(name__iexact=name) | Q(acronym__iexact=name)
    for org in Organization.objects.filter(query):
        for label in (org.name, org.acronym):
            if label and label.lower() in lowered:
                found[label.lower()] = org
    return found


def recommendation_import_check(*, rows: list[ImportRow], encoding: str) -> ImportSummary:
    """Validate references against the database and tell what an import would add. Writes nothing."""
    mechanisms = set(Mechanism.objects.values_list("code", flat=True)) | {m[0] for m in STANDARD_MECHANISMS}
    organizations = _organization_lookup(
        {n for r in rows for n in r.responsible_agencies} | {r.source_organization for r in rows if r.source_organization}
    )
    for row in rows:
        if row.mechanism not in mechanisms:
            raise ImportRowError(row.line, _("unknown mechanism “%(code)s” (use one of: %(codes)s)")
                                 % {"code": row.mechanism, "codes": ", ".join(sorted(mechanisms))})
        for name in [*row.responsible_agencies, *([row.source_organization] if row.source_organization else [])]:
            if name.lower() not in organizations:
                raise ImportRowError(
                    row.line, _("organisation “%(name)s” is not in the directory; add it first") % {"name": name}
                )
    keys = [row.key for row in rows]
    existing_keys = set()
    for start in range(0, len(keys), 500):
        existing_keys |= set(
            Recommendation.objects.filter(natural_key__in=keys[start : start + 500]).values_list("natural_key", flat=True)
        )
    seen: set[str] = set()
    new_rows: list[ImportRow] = []
    repeated = 0
    by_review: dict[tuple[str, str, int, int | None], Counter[str]] = {}
    for row, key in zip(rows, keys, strict=True):
        if key in seen:
            repeated += 1
            continue
        seen.add(key)
        counter = by_review.setdefault((row.state_under_review, row.mechanism, row.cycle, row.session), Counter())
        counter["pledge" if row.kind == Recommendation.Kind.VOLUNTARY_PLEDGE else row.response] += 1
        if key not in existing_keys:
            new_rows.append(row)
    return ImportSummary(
        encoding=encoding, total_rows=len(rows), new_rows=new_rows,
        existing=len(seen) - len(new_rows), repeated_in_file=repeated, by_review=by_review,
    )


def _review_for(row: ImportRow, mechanism: Mechanism, cache: dict[tuple[str, str, int], Review]) -> Review:
    cache_key = (mechanism.code, row.state_under_review, row.cycle)
    if cache_key in cache:
        return cache[cache_key]
    if mechanism.kind == Mechanism.Kind.UPR:
        title = _("UPR cycle %(cycle)s — %(state)s") % {"cycle": row.cycle, "state": row.state_under_review}
    else:
        title = _("%(mechanism)s, report %(cycle)s — %(state)s") % {
            "mechanism": mechanism.acronym, "cycle": row.cycle, "state": row.state_under_review,
        }
    review, created = Review.objects.get_or_create(
        mechanism=mechanism, state_under_review=row.state_under_review, number=row.cycle,
        defaults={"title": title, "session": row.session, "year": row.year, "document_symbol": row.document_symbol},
    )
    if not created and review.session is None and row.session:
        review.session = row.session
        review.save(update_fields=["session", "updated_at"])
    cache[cache_key] = review
    return review


Taxonomy = TypeVar("Taxonomy", Theme, AffectedGroup)


def _named(model: type[Taxonomy], names: list[str], cache: dict[str, Taxonomy]) -> list[Taxonomy]:
    """Existing taxonomy entries by name in any language (or slug); new names become new entries.

    Compared in Python (str.casefold): the taxonomy is small, and SQLite folds the case of ASCII only.
    """
    entry: Taxonomy | None
    if not cache:
        for entry in model.objects.order_by("-id"):
            for label in (entry.slug, entry.name, entry.name_ru, entry.name_kk):
                if label:
                    cache[label.casefold()] = entry
    found = []
    for name in names:
        slug = slugify(name)[:80] or "item"
        entry = cache.get(name.casefold()) or cache.get(slug)
        if entry is None:
            entry = model.objects.create(slug=slug, name=name[:255])
            cache[name.casefold()] = cache[slug] = entry
        found.append(entry)
    return found


@transaction.atomic
def recommendation_import(
    *, raw: bytes, format: str, actor: User | None, filename: str = "", encoding: str | None = None,
    cycle: int | None = None, dry_run: bool = False,
) -> ImportSummary:
    """All or nothing: the first bad row raises ImportRowError and nothing is written. Re-imports add nothing."""
    rows, used = parse_file(raw, format=format, filename=filename, encoding=encoding, cycle=cycle)
    summary = recommendation_import_check(rows=rows, encoding=used)
    if dry_run:
        return summary
    mechanisms_ensure()
    mechanisms = {m.code: m for m in Mechanism.objects.all()}
    organizations = _organization_lookup(
        {n for r in summary.new_rows for n in r.responsible_agencies}
        | {r.source_organization for r in summary.new_rows if r.source_organization}
    )
    reviews: dict[tuple[str, str, int], Review] = {}
    states: dict[str, RecommendingState] = {}
    themes: dict[str, Theme] = {}
    groups: dict[str, AffectedGroup] = {}
    regional = {value for value, _label in RecommendingState.RegionalGroup.choices}
    for row in summary.new_rows:
        mechanism = mechanisms[row.mechanism]
        review = _review_for(row, mechanism, reviews)
        recommendation = Recommendation(
            kind=row.kind, mechanism=mechanism, review=review,
            document_symbol=row.document_symbol or review.document_symbol, paragraph=row.paragraph, text=row.text,
            action_category=row.action_category, response=row.response, status=row.status, natural_key=row.key,
            source_organization=organizations.get(row.source_organization.lower()) if row.source_organization else None,
        )
        if actor is not None:
            recommendation._history_user = actor
        recommendation.save()
        row_states = []
        for name, group in row.recommending_states:
            if name not in states:
                states[name], _created = RecommendingState.objects.get_or_create(
                    name=name, defaults={"regional_group": group if group in regional else ""}
                )
            row_states.append(states[name])
        if row_states:
            recommendation.recommending_states.set(row_states)
        if row.themes:
            recommendation.themes.set(_named(Theme, row.themes, themes))
        if row.affected_groups:
            recommendation.affected_groups.set(_named(AffectedGroup, row.affected_groups, groups))
        if row.sdg_targets:
            recommendation.sdg_targets.set([SdgTarget.objects.get_or_create(code=code[:8])[0] for code in row.sdg_targets])
        if row.responsible_agencies:
            recommendation.responsible_agencies.set([organizations[n.lower()] for n in row.responsible_agencies])
        summary.created += 1
    return summary


def import_upload_create(
    *, actor: User, file: UploadedFile[bytes], format: str, encoding: str = "", cycle: int | None = None
) -> ImportUpload:
    """Keep the uploaded file server-side between preview and confirmation (and forget stale ones)."""
    with transaction.atomic():
        ImportUpload.objects.filter(created_at__lt=timezone.now() - UPLOAD_KEEP).delete()
        return ImportUpload.objects.create(
            token=secrets.token_urlsafe(32), uploaded_by=actor, filename=cast(str, file.name)[:255], format=format,
            encoding=encoding, cycle=cycle, content=file.read(),
        )


def import_upload_confirm(*, actor: User, upload: ImportUpload) -> ImportSummary:
    if upload.imported_at is not None:
        raise ApplicationError(_("This file has already been imported."))
    with transaction.atomic():
        summary = recommendation_import(
            raw=bytes(upload.content), format=upload.format, actor=actor, filename=upload.filename,
            encoding=upload.encoding or None, cycle=upload.cycle,
        )
        upload.imported_at = timezone.now()
        upload.created_count = summary.created
        upload.save(update_fields=["imported_at", "created_count", "updated_at"])
    return summary
