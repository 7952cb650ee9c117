"""One cell of a write-only openpyxl sheet, written so that what went in comes out the same when opened.

- Dates and datetimes become real date cells (sortable, filterable) with the language's number format
  (core.dates.xlsx_number_format): 20.06.2027 in kk and ru, 20 June 2027 in en. Excel has no time zones, so a
  datetime is written as the portal zone's wall-clock time; the column heading says which zone.
- Text stays text: a title that starts with "=" is not turned into a formula, and the few control characters
  XML cannot carry (which make openpyxl refuse the whole file) are dropped. Everything else (Kazakh letters,
  mixed scripts, right-to-left marks, emoji) is kept as typed.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE, Cell
from openpyxl.worksheet._write_only import WriteOnlyWorksheet

from core import dates


def cell(ws: WriteOnlyWorksheet, value: Any, *, language: str | None = None, iso: bool = False) -> Cell:
    """`ws.append([cell(ws, v) for v in row])`. With `iso`, dates show as 2027-06-20 (language-neutral files)."""
    if isinstance(value, dt.datetime):
        out = WriteOnlyCell(ws, value=dates.xlsx_datetime(value) if value.tzinfo else value)
        out.number_format = "yyyy-mm-dd hh:mm" if iso else dates.xlsx_number_format("datetime", language)
        return out
    if isinstance(value, dt.date):
        # typeshed's stub leaves out date, which openpyxl writes as a date cell (a datetime subclasses date).
        out = WriteOnlyCell(ws, value=value)  # type: ignore[arg-type]  # openpyxl takes a date
        out.number_format = "yyyy-mm-dd" if iso else dates.xlsx_number_format("date", language)
        return out
    if isinstance(value, str):
        out = WriteOnlyCell(ws, value=ILLEGAL_CHARACTERS_RE.sub("", value))
        # openpyxl reads a leading "=" as a formula; user text must stay text.
        out.data_type = "s"
        return out
    return WriteOnlyCell(ws, value=value)
