from __future__ import annotations

import functools
import hashlib
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import IO, TYPE_CHECKING

from django.conf import settings
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from core.exceptions import ApplicationError
from core.uploads import check_archive

if TYPE_CHECKING:
    from django.db import models

_SPACES = re.compile(r"\s+")
# Characters a database or a spreadsheet refuses (PostgreSQL: NUL; XLSX exports: the other C0 controls):
# a row holding one is refused at the preview, never at the confirmation.
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f]")
# An ASCII number of at most `n` digits: str.isdigit() also takes "²" and other digits int() refuses.
NUMBER = re.compile(r"[0-9]{1,6}")


def normalize_text(text: str) -> str:
    """Collapse runs of whitespace (exports pad and double spaces) so the same text compares equal."""
    return _SPACES.sub(" ", text or "").strip()


def natural_key(*, mechanism: str, state_under_review: str, cycle: int, states: list[str], text: str) -> str:
    parts = [
        mechanism.lower(),
        normalize_text(state_under_review).lower(),
        str(cycle),
        ";".join(sorted(normalize_text(s).lower() for s in states)),
        normalize_text(text),
    ]
    return hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()


class ImportRowError(ApplicationError):
    """A row that stops the whole import; `line` is the line number in the file (the header is line 1)."""

    def __init__(self, line: int, reason: str) -> None:
        super().__init__(_("Line %(line)s: %(reason)s") % {"line": line, "reason": reason})
        self.line = line
        self.reason = reason


@dataclass(slots=True)
class ImportRow:
    line: int
    mechanism: str  # Mechanism.code
    state_under_review: str
    cycle: int
    text: str
    kind: str = "recommendation"
    response: str = "pending"
    session: int | None = None
    year: int | None = None
    document_symbol: str = ""
    paragraph: str = ""
    recommending_states: list[tuple[str, str]] = field(default_factory=list)  # (name, regional group)
    action_category: int | None = None
    source_organization: str = ""
    themes: list[str] = field(default_factory=list)
    affected_groups: list[str] = field(default_factory=list)
    sdg_targets: list[str] = field(default_factory=list)
    responsible_agencies: list[str] = field(default_factory=list)
    status: str = "not_started"

    @property
    def key(self) -> str:
        return natural_key(
            mechanism=self.mechanism,
            state_under_review=self.state_under_review,
            cycle=self.cycle,
            states=[name for name, _group in self.recommending_states],
            text=self.text,
        )


def split_list(value: str, sep: str = ",") -> list[str]:
    seen: list[str] = []
    for item in (value or "").split(sep):
        item = normalize_text(item)
        if item and item not in seen:
            seen.append(item)
    return seen


@functools.cache
def _limits() -> dict[str, int]:
    """Longest values the tables take (PostgreSQL refuses longer ones; SQLite would store them)."""
    from recommendations.models import Recommendation, RecommendingState, Review, SdgTarget, Theme

    def length(model: type[models.Model], name: str) -> int:
        return int(model._meta.get_field(name).max_length)  # type: ignore[union-attr, arg-type]  # CharFields

    return {
        "state_under_review": length(Review, "state_under_review"),
        "document_symbol": length(Recommendation, "document_symbol"),
        "paragraph": length(Recommendation, "paragraph"),
        "recommending_states": length(RecommendingState, "name"),
        "themes": length(Theme, "name"),
        "affected_groups": length(Theme, "name"),
        "sdg_targets": length(SdgTarget, "code"),
        "source_organization": 255,
        "responsible_agencies": 255,
    }


def check_row(row: ImportRow) -> ImportRow:
    """Refuse what parsed but the database would refuse at the confirmation: control characters, long values."""
    values: list[tuple[str, str]] = [
        ("text", row.text), ("state_under_review", row.state_under_review), ("document_symbol", row.document_symbol),
        ("paragraph", row.paragraph), ("source_organization", row.source_organization),
        *(("recommending_states", name) for name, _group in row.recommending_states),
        *(("themes", name) for name in row.themes), *(("affected_groups", name) for name in row.affected_groups),
        *(("sdg_targets", code) for code in row.sdg_targets),
        *(("responsible_agencies", name) for name in row.responsible_agencies),
    ]
    limits = _limits()
    for column, value in values:
        if _CONTROL.search(value):
            if "\x00" in value:
                reason = _("%(column)s contains a NUL character (byte 0). The file may be damaged, or saved in "
                           "another encoding (UTF-16?): choose the encoding it was saved in.")
            else:
                reason = _("%(column)s contains a control character that text cannot hold. Remove it and try again.")
            raise ImportRowError(row.line, reason % {"column": column})
        limit = limits.get(column)
        if limit is not None and len(value) > limit:
            raise ImportRowError(
                row.line,
                _("%(column)s is %(length)s characters long; at most %(limit)s fit: “%(start)s…”")
                % {"column": column, "length": len(value), "limit": limit, "start": value[:40]},
            )
    return row


def max_rows() -> int:
    return int(getattr(settings, "IMPORT_MAX_ROWS", 200_000))


def too_many_rows(limit: int) -> ApplicationError:
    return ApplicationError(
        _("The file has more than %(limit)s rows, more than one import may hold. Split it into several files.")
        % {"limit": number_format(limit, force_grouping=True)},
        field="file",
    )


@dataclass
class RowSource:
    """The rows of an import file, read one at a time (never the whole file in memory).

    `encoding` is known once the source is open; `position()` tells how far the reading got, as (done, total)
    in bytes for CSV and in rows for XLSX (total None when the file does not say).
    """

    encoding: str
    rows: Iterator[ImportRow]
    position: Callable[[], tuple[int, int | None]]

    def __iter__(self) -> Iterator[ImportRow]:
        return self.rows


def open_rows(
    file: IO[bytes], *, format: str, filename: str = "", encoding: str | None = None, cycle: int | None = None,
    limit: int | None = None,
) -> RowSource:
    """The rows of `file` in `format`. Raises ApplicationError at the first problem (with its line when a row's)."""
    from django.core.exceptions import ValidationError

    from recommendations.importers import generic, upr_info

    file.seek(0)
    head = file.read(4)
    file.seek(0)
    if not head:
        raise ApplicationError(_("The file is empty."), field="file")
    try:
        check_archive(file)
    except ValidationError as exc:
        raise ApplicationError(" ".join(exc.messages), field="file") from None
    limit = limit if limit is not None else max_rows()
    if format == "upr-info":
        return upr_info.open_rows(file, encoding=encoding, cycle=cycle, limit=limit)
    if format == "generic":
        return generic.open_rows(file, encoding=encoding, limit=limit)
    raise ApplicationError(_("Unknown format “%(format)s”.") % {"format": format}, field="format")

