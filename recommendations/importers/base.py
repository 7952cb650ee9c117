from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from core.exceptions import ApplicationError

_SPACES = re.compile(r"\s+")


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


@dataclass
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


def parse_file(
    raw: bytes, *, format: str, filename: str = "", encoding: str | None = None, cycle: int | None = None
) -> tuple[list[ImportRow], str]:
    """Rows of the file and the encoding it was read with. Raises ApplicationError on the first bad row."""
    from recommendations.importers import generic, upr_info

    if not raw:
        raise ApplicationError(_("The file is empty."), field="file")
    if format == "upr-info":
        return upr_info.parse(raw, encoding=encoding, cycle=cycle)
    if format == "generic":
        return generic.parse(raw, filename=filename, encoding=encoding)
    raise ApplicationError(_("Unknown format “%(format)s”.") % {"format": format}, field="format")
