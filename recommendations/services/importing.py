"""Importing recommendations from a file (UPR Info export or the portal's template): check, preview, import.

The file is read as a stream, in chunks of rows: memory stays flat whatever the number of rows (bench/import.py).
An import is one transaction; the first bad row anywhere in the file undoes everything.
"""

from __future__ import annotations

import io
import itertools
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import IO, Any, TypeVar, cast

from django.db import transaction
from django.db.models import ManyToManyField, Model, Q
from django.utils import translation
from django.utils.text import slugify
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history

from participants.models import Organization, User
from recommendations.importers import ImportRow, ImportRowError
from recommendations.importers.base import open_rows
from recommendations.models import (
    AffectedGroup,
    Mechanism,
    Recommendation,
    RecommendingState,
    Review,
    SdgTarget,
    Theme,
)
from recommendations.services.reference import STANDARD_MECHANISMS, mechanisms_ensure

# Rows checked and written together: one query for the keys already there, one bulk insert per table.
CHUNK_ROWS = 1000
PREVIEW_ROWS = 10

# (rows read so far, (done, total) of the file as RowSource.position gives it)
Progress = Callable[[int, tuple[int, int | None]], None]


@dataclass
class ImportSummary:
    encoding: str
    total_rows: int = 0
    new_count: int = 0
    existing: int = 0
    repeated_in_file: int = 0
    # (state under review, mechanism, cycle, session) -> Counter of response/pledge
    by_review: dict[tuple[str, str, int, int | None], Counter[str]] = field(default_factory=dict)
    first_new_rows: list[ImportRow] = field(default_factory=list)
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


def _chunks(rows: Iterable[ImportRow], size: int) -> Iterator[list[ImportRow]]:
    iterator = iter(rows)
    while chunk := list(itertools.islice(iterator, size)):
        yield chunk


class _Organizations:
    """Organisations named in the file, by lower-cased name or acronym, looked up once each."""

    def __init__(self) -> None:
        self.found: dict[str, Organization | None] = {}

    def lookup(self, names: set[str]) -> None:
        wanted = {n for n in names if n.lower() not in self.found}
        if not wanted:
            return
        query = Q()
        for name in wanted:
            query |= Q(name__iexact=name) | Q(acronym__iexact=name)
        for org in Organization.objects.filter(query):
            for label in (org.name, org.acronym):
                if label:
                    self.found[label.lower()] = org
        for name in wanted:
            self.found.setdefault(name.lower(), None)

    def get(self, name: str) -> Organization | None:
        return self.found.get(name.lower())


def _check(rows: list[ImportRow], mechanisms: set[str], organizations: _Organizations) -> None:
    """References the database must know: a mechanism code, organisations by name. Raises at the first row."""
    organizations.lookup(
        {n for r in rows for n in r.responsible_agencies} | {r.source_organization for r in rows if r.source_organization}
    )
    for row in rows:
        if row.mechanism not in mechanisms:
            raise ImportRowError(row.line, _("unknown mechanism “%(code)s” (use one of: %(codes)s)")
                                 % {"code": row.mechanism, "codes": ", ".join(sorted(mechanisms))})
        for name in [*row.responsible_agencies, *([row.source_organization] if row.source_organization else [])]:
            if organizations.get(name) is None:
                raise ImportRowError(
                    row.line, _("organisation “%(name)s” is not in the directory; add it first") % {"name": name}
                )


class _Writer:
    """Writes the new rows of each chunk with bulk inserts, reusing reviews, states and taxonomy entries."""

    def __init__(self, *, actor: User | None, organizations: _Organizations) -> None:
        mechanisms_ensure()
        self.actor = actor
        self.organizations = organizations
        self.mechanisms = {m.code: m for m in Mechanism.objects.all()}
        self.reviews: dict[tuple[str, str, int], Review] = {}
        self.states: dict[str, RecommendingState] = {}
        self.themes: dict[str, Theme | None] = {}
        self.groups: dict[str, AffectedGroup | None] = {}
        self.sdg_targets: dict[str, SdgTarget] = {}
        self.regional = {value for value, _label in RecommendingState.RegionalGroup.choices}

    def write(self, rows: list[ImportRow]) -> int:
        if not rows:
            return 0
        objects = []
        for row in rows:
            mechanism = self.mechanisms[row.mechanism]
            review = self._review_for(row, mechanism)
            source = self.organizations.get(row.source_organization) if row.source_organization else None
            # The files carry the UN's English wording: its original, whatever the importer's page language
            # (under another language `text=` would land in that language's column). bulk_create skips save(),
            # so the translation state is computed here; translations are added in the translation workspace.
            with translation.override("en"):
                recommendation = Recommendation(
                    kind=row.kind, mechanism=mechanism, review=review,
                    document_symbol=row.document_symbol or review.document_symbol, paragraph=row.paragraph,
                    original_language="en", text=row.text, action_category=row.action_category,
                    response=row.response, status=row.status, natural_key=row.key, source_organization=source,
                )
            recommendation.refresh_translation_state()
            objects.append(recommendation)
        created = bulk_create_with_history(objects, Recommendation, batch_size=500, default_user=self.actor)
        links: dict[str, list[tuple[int, int]]] = {
            "recommending_states": [], "themes": [], "affected_groups": [], "sdg_targets": [],
            "responsible_agencies": [],
        }
        for row, recommendation in zip(rows, created, strict=True):
            targets: dict[str, Sequence[Model | None]] = {
                "recommending_states": [self._state(name, group) for name, group in row.recommending_states],
                "themes": _named(Theme, row.themes, self.themes),
                "affected_groups": _named(AffectedGroup, row.affected_groups, self.groups),
                "sdg_targets": [self._sdg_target(code) for code in row.sdg_targets],
                "responsible_agencies": [self.organizations.get(name) for name in row.responsible_agencies],
            }
            for relation, objects_of_row in targets.items():
                # Two spellings of one entry ("MIA" and its full name) link it once.
                for pk in dict.fromkeys(o.pk for o in objects_of_row if o is not None):
                    links[relation].append((recommendation.pk, pk))
        for relation, pairs in links.items():
            if pairs:
                relation_field = cast("ManyToManyField[Any, Any]", Recommendation._meta.get_field(relation))
                through = cast("type[Any]", relation_field.remote_field.through)  # the relation's link model
                source_name, target_name = relation_field.m2m_column_name(), relation_field.m2m_reverse_name()
                through.objects.bulk_create(
                    [through(**{source_name: source, target_name: target}) for source, target in pairs],
                    batch_size=1000,
                )
        return len(created)

    def _review_for(self, row: ImportRow, mechanism: Mechanism) -> Review:
        cache_key = (mechanism.code, row.state_under_review, row.cycle)
        if cache_key in self.reviews:
            return self.reviews[cache_key]
        if mechanism.kind == Mechanism.Kind.UPR:
            title = _("UPR cycle %(cycle)s — %(state)s") % {"cycle": row.cycle, "state": row.state_under_review}
        else:
            title = _("%(mechanism)s, report %(cycle)s — %(state)s") % {
                "mechanism": mechanism.acronym, "cycle": row.cycle, "state": row.state_under_review,
            }
        review, created = Review.objects.get_or_create(
            mechanism=mechanism, state_under_review=row.state_under_review, number=row.cycle,
            defaults={"title": title[:255], "session": row.session, "year": row.year,
                      "document_symbol": row.document_symbol},
        )
        if not created and review.session is None and row.session:
            review.session = row.session
            review.save(update_fields=["session", "updated_at"])
        self.reviews[cache_key] = review
        return review

    def _state(self, name: str, group: str) -> RecommendingState:
        if name not in self.states:
            self.states[name], _created = RecommendingState.objects.get_or_create(
                name=name, defaults={"regional_group": group if group in self.regional else ""}
            )
        return self.states[name]

    def _sdg_target(self, code: str) -> SdgTarget:
        if code not in self.sdg_targets:
            self.sdg_targets[code], _created = SdgTarget.objects.get_or_create(code=code)
        return self.sdg_targets[code]


Taxonomy = TypeVar("Taxonomy", Theme, AffectedGroup)


def _named(model: type[Taxonomy], names: list[str], cache: dict[str, Taxonomy | None]) -> list[Taxonomy]:
    """Existing taxonomy entries by name in any language (or slug); new names become new entries.

    Compared in Python (str.casefold): the taxonomy is small, and SQLite folds the case of ASCII only.
    """
    if not names:
        return []
    entry: Taxonomy | None
    if not cache:
        cache[""] = None  # loaded, even when the table is empty
        for entry in model.objects.order_by("-id"):
            for label in (entry.slug, entry.name, entry.name_ru, entry.name_kk):
                if label:
                    cache[label.casefold()] = entry
    found: list[Taxonomy] = []
    for name in names:
        slug = slugify(name)[:80] or "item"
        entry = cache.get(name.casefold()) or cache.get(slug)
        if entry is None:
            entry = model.objects.create(slug=slug, name=name[:255])
            cache[name.casefold()] = cache[slug] = entry
        found.append(entry)
    return found


def _run(
    *, file: IO[bytes], format: str, actor: User | None, filename: str, encoding: str | None, cycle: int | None,
    dry_run: bool, progress: Progress | None,
) -> ImportSummary:
    source = open_rows(file, format=format, filename=filename, encoding=encoding, cycle=cycle)
    summary = ImportSummary(encoding=source.encoding)
    mechanisms = set(Mechanism.objects.values_list("code", flat=True)) | {m[0] for m in STANDARD_MECHANISMS}
    organizations = _Organizations()
    writer = None if dry_run else _Writer(actor=actor, organizations=organizations)
    seen: set[str] = set()
    for chunk in _chunks(source, CHUNK_ROWS):
        _check(chunk, mechanisms, organizations)
        keys = [row.key for row in chunk]
        existing = set(Recommendation.all_objects.filter(natural_key__in=set(keys)).values_list("natural_key", flat=True))
        new_rows = []
        for row, key in zip(chunk, keys, strict=True):
            summary.total_rows += 1
            if key in seen:
                summary.repeated_in_file += 1
                continue
            seen.add(key)
            counter = summary.by_review.setdefault(
                (row.state_under_review, row.mechanism, row.cycle, row.session), Counter()
            )
            counter["pledge" if row.kind == Recommendation.Kind.VOLUNTARY_PLEDGE else row.response] += 1
            if key in existing:
                summary.existing += 1
                continue
            new_rows.append(row)
            if len(summary.first_new_rows) < PREVIEW_ROWS:
                summary.first_new_rows.append(row)
        summary.new_count += len(new_rows)
        if writer is not None:
            summary.created += writer.write(new_rows)
        if progress is not None:
            progress(summary.total_rows, source.position())
    return summary


def recommendation_import(
    *, raw: bytes | None = None, file: IO[bytes] | None = None, format: str, actor: User | None, filename: str = "",
    encoding: str | None = None, cycle: int | None = None, dry_run: bool = False, progress: Progress | None = None,
) -> ImportSummary:
    """All or nothing: the first bad row raises ImportRowError and nothing is written. Re-imports add nothing.

    Give the file as `file` (a binary file, read as a stream) or as `raw` bytes. `dry_run` checks every row the
    same way and writes nothing (the preview). `progress` is called after each chunk of rows.
    """
    stream = file if file is not None else io.BytesIO(raw or b"")
    arguments = {"file": stream, "format": format, "actor": actor, "filename": filename, "encoding": encoding,
                 "cycle": cycle, "progress": progress}
    if dry_run:
        return _run(dry_run=True, **arguments)  # type: ignore[arg-type]
    with transaction.atomic():
        return _run(dry_run=False, **arguments)  # type: ignore[arg-type]

