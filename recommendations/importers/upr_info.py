"""The UPR Info database export (https://www.upr-info.org/database/): one row per recommending state."""

from __future__ import annotations

import csv
import io

from django.utils.translation import gettext as _

from core.exceptions import ApplicationError
from recommendations.importers.base import ImportRow, ImportRowError, normalize_text, split_list
from recommendations.importers.encoding import decode_bytes

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


def cycle_for_session(session: int) -> int:
    for first, cycle in CYCLE_FIRST_SESSION:
        if session >= first:
            return cycle
    raise ValueError(session)


def parse(raw: bytes, *, encoding: str | None = None, cycle: int | None = None) -> tuple[list[ImportRow], str]:
    text, used = decode_bytes(raw, encoding=encoding)
    reader = csv.reader(io.StringIO(text, newline=""))
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
    rows: list[ImportRow] = []
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
        if len(values) != len(HEADER):
            raise ImportRowError(
                start, _("expected %(expected)s columns, found %(found)s") % {"expected": len(HEADER), "found": len(values)}
            )
        rows.append(_row(start, dict(zip(HEADER, values, strict=True)), cycle))
    if not rows:
        raise ApplicationError(_("The file has a header but no recommendations."), field="file")
    return rows, used


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
    if not session_value.isdigit() or int(session_value) < 1:
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
