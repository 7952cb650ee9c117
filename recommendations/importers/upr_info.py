"""The UPR Info database export (https://www.upr-info.org/database/): one row per recommending state."""

from __future__ import annotations

import csv
from collections.abc import Iterator
from typing import IO

from django.utils.translation import gettext as _

from core.exceptions import ApplicationError
from core.uploads import CSV, detect_document_type
from recommendations.importers.base import (
    NUMBER,
    ImportRow,
    ImportRowError,
    RowSource,
    check_row,
    normalize_text,
    split_list,
    too_many_rows,
)
from recommendations.importers.encoding import canonical_encoding, guess_stream_encoding, text_lines

HEADER = ["To", "To-Rgrp", "To-Org", "Text", "From", "From-Rgrp", "From-Org", "Response", "Action", "Issue", "Session"]

RESPONSES = {
    "accepted": ("recommendation", "supported"),
    "supported": ("recommendation", "supported"),
    "noted": ("recommendation", "noted"),
    "": ("recommendation", "pending"),
    # A pledge is the state's own commitment, not a recommendation: kept, marked, and left out of the
    # supported/noted counts (docs/import-format.md).
    "voluntary pledge": ("voluntary_pledge", ""),
}

# First session of each UPR cycle; the cycle of a review follows from its session.
CYCLE_FIRST_SESSION = [(41, 4), (27, 3), (13, 2), (1, 1)]
CYCLE_YEARS = {1: (2008, 2011), 2: (2012, 2016), 3: (2017, 2021), 4: (2022, 2027)}
# Sessions of the UPR Working Group: about three a year since 2008.
MAX_SESSION = 999


def cycle_for_session(session: int) -> int:
    for first, cycle in CYCLE_FIRST_SESSION:
        if session >= first:
            return cycle
    raise ValueError(session)


def open_rows(file: IO[bytes], *, encoding: str | None = None, cycle: int | None = None, limit: int) -> RowSource:
    if detect_document_type(file) not in (CSV, None):
        raise ApplicationError(
            _("A UPR Info export is a CSV file. Save the spreadsheet as CSV, or use the portal's template."),
            field="file",
        )
    used = canonical_encoding(encoding or guess_stream_encoding(file))
    size = file.seek(0, 2)
    file.seek(0)
    return RowSource(encoding=used, rows=_rows(file, used, cycle, limit), position=lambda: (file.tell(), size))


def _rows(file: IO[bytes], encoding: str, cycle: int | None, limit: int) -> Iterator[ImportRow]:
    reader = csv.reader(text_lines(file, encoding=encoding))
    try:
        header = next(reader)
    except StopIteration:
        raise ApplicationError(_("The file is empty."), field="file") from None
    except csv.Error as exc:
        raise ImportRowError(1, str(exc)) from None
    header = [normalize_text(h) for h in header]
    if header != HEADER:
        raise ApplicationError(
            _("This is not a UPR Info export: the first line must be “%(expected)s”, found “%(found)s”.")
            % {"expected": ",".join(HEADER), "found": ",".join(header)[:200]},
            field="file",
        )
    count = 0
    line = reader.line_num
    while True:
        start = line + 1
        try:
            values = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            raise ImportRowError(start, str(exc)) from None
        line = reader.line_num
        if not any(v.strip() for v in values):
            continue
        count += 1
        if count > limit:
            raise too_many_rows(limit)
        if len(values) != len(HEADER):
            raise ImportRowError(
                start, _("expected %(expected)s columns, found %(found)s") % {"expected": len(HEADER), "found": len(values)}
            )
        yield check_row(_row(start, dict(zip(HEADER, values, strict=True)), cycle))
    if not count:
        raise ApplicationError(_("The file has a header but no recommendations."), field="file")


def _row(line: int, data: dict[str, str], cycle_override: int | None) -> ImportRow:
    state = normalize_text(data["To"])
    if not state:
        raise ImportRowError(line, _("the state under review (To) is empty"))
    text = normalize_text(data["Text"])
    if not text:
        raise ImportRowError(line, _("the recommendation text is empty"))
    response_value = normalize_text(data["Response"])
    try:
        kind, response = RESPONSES[response_value.lower()]
    except KeyError:
        raise ImportRowError(
            line,
            _("unknown response “%(value)s” (expected Accepted, Noted, Voluntary Pledge or empty)")
            % {"value": response_value},
        ) from None
    action_value = normalize_text(data["Action"])
    action: int | None = None
    if action_value:
        if action_value not in {"1", "2", "3", "4", "5"}:
            raise ImportRowError(line, _("action category “%(value)s” is not 1-5") % {"value": action_value})
        action = int(action_value)
    session_value = normalize_text(data["Session"])
    if not NUMBER.fullmatch(session_value) or not 1 <= int(session_value) <= MAX_SESSION:
        raise ImportRowError(line, _("session “%(value)s” is not a session number") % {"value": session_value})
    session = int(session_value)
    cycle = cycle_override or cycle_for_session(session)
    recommending = normalize_text(data["From"])
    if not recommending:
        raise ImportRowError(line, _("the recommending state (From) is empty"))
    return ImportRow(
        line=line,
        mechanism="upr",
        state_under_review=state,
        cycle=cycle,
        session=session,
        text=text,
        kind=kind,
        response=response,
        recommending_states=[(recommending, normalize_text(data["From-Rgrp"]))],
        action_category=action,
        themes=split_list(data["Issue"]),
    )
