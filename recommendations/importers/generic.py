"""The portal's own template (CSV or XLSX) for treaty-body observations and NGO recommendations.

docs/import-format.md documents the columns; template_rows() feeds the downloadable template.
"""

from __future__ import annotations

import csv
import logging
from collections.abc import Iterator
from typing import IO

from django.utils.translation import gettext as _

from core.exceptions import ApplicationError
from core.uploads import CSV, XLSX, detect_document_type
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

logger = logging.getLogger(__name__)

COLUMNS = [
    "mechanism",
    "cycle",
    "state_under_review",
    "year",
    "document_symbol",
    "paragraph",
    "text",
    "recommending_states",
    "response",
    "action_category",
    "source_organisation",
    "themes",
    "affected_groups",
    "sdg_targets",
    "responsible_agencies",
    "status",
]
REQUIRED = {"mechanism", "cycle", "text"}
RESPONSES = {"supported": "supported", "accepted": "supported", "noted": "noted", "pending": "pending", "": "pending"}
STATUSES = {"not_started", "in_progress", "partially_implemented", "implemented"}

EXAMPLE_ROWS = [
    [
        "cedaw", "5", "Kazakhstan", "2019", "CEDAW/C/KAZ/CO/5", "14(a)",
        "Adopt a comprehensive law on combating domestic violence that criminalises it.",
        "", "pending", "", "", "Domestic violence; Women's rights", "Women", "5.2; 16.1",
        "Ministry of Internal Affairs of the Republic of Kazakhstan", "in_progress",
    ],
    [
        "ngo", "1", "Kazakhstan", "2024", "", "",
        "Ensure that peaceful assemblies require notification only, not permission.",
        "", "pending", "", "Charter for Human Rights", "Freedom of assembly", "", "16.10", "", "not_started",
    ],
]


def template_rows() -> list[list[str]]:
    return [COLUMNS, *EXAMPLE_ROWS]


# Cells read per row of a sheet: the template has 16 columns; a row claiming 16,384 is not read that wide.
MAX_COLUMNS = 64


def open_rows(file: IO[bytes], *, encoding: str | None = None, limit: int) -> RowSource:
    document_type = detect_document_type(file)
    if document_type == XLSX:
        return _xlsx_source(file, limit)
    if document_type not in (CSV, None):
        raise ApplicationError(_("The file is neither CSV nor XLSX."), field="file")
    used = canonical_encoding(encoding or guess_stream_encoding(file))
    size = file.seek(0, 2)
    file.seek(0)

    def table() -> Iterator[tuple[int, list[str]]]:
        reader = csv.reader(text_lines(file, encoding=used))
        line = 0
        while True:
            start = line + 1
            try:
                values = next(reader)
            except StopIteration:
                return
            except csv.Error as exc:
                raise ApplicationError(
                    _("The CSV file cannot be read at line %(line)s: %(error)s") % {"line": start, "error": exc},
                    field="file",
                ) from None
            line = reader.line_num
            yield start, values

    return RowSource(encoding=used, rows=_rows(table(), limit), position=lambda: (file.tell(), size))


def _xlsx_source(file: IO[bytes], limit: int) -> RowSource:
    from openpyxl import load_workbook

    file.seek(0)
    try:
        workbook = load_workbook(file, read_only=True, data_only=True)
        sheet = workbook.worksheets[0]
    except Exception:  # noqa: BLE001 - any failure of a reader of untrusted files means "unreadable"
        logger.info("unreadable XLSX import", exc_info=True)
        raise ApplicationError(_("The file is not a readable XLSX workbook."), field="file") from None
    declared = sheet.max_row
    if declared is not None and declared - 1 > limit:
        workbook.close()
        raise too_many_rows(limit)
    # The declared size may lie: too small, the reader would drop the rows past it. Read what is there.
    sheet.reset_dimensions()
    done = [0]

    def table() -> Iterator[tuple[int, list[str]]]:
        try:
            for line, values in enumerate(sheet.iter_rows(max_col=MAX_COLUMNS, values_only=True), start=1):
                done[0] = line
                yield line, [_cell(v) for v in values]
        except ApplicationError:
            raise
        except Exception:  # noqa: BLE001 - as above, with the line where reading stopped
            logger.info("unreadable XLSX import", exc_info=True)
            raise ApplicationError(
                _("The XLSX workbook cannot be read past line %(line)s.") % {"line": done[0]}, field="file"
            ) from None
        finally:
            workbook.close()

    return RowSource(encoding="xlsx", rows=_rows(table(), limit), position=lambda: (done[0], declared))


def _cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _rows(table: Iterator[tuple[int, list[str]]], limit: int) -> Iterator[ImportRow]:
    try:
        _line, first = next(table)
    except StopIteration:
        raise ApplicationError(_("The file is empty."), field="file") from None
    header = [normalize_text(h).lower() for h in first]
    while header and not header[-1]:
        header.pop()
    unknown = [h for h in header if h not in COLUMNS]
    missing = sorted(REQUIRED - set(header))
    if unknown or missing:
        raise ApplicationError(
            _("The first line must name the template's columns (%(columns)s). Unknown: %(unknown)s. Missing: %(missing)s.")
            % {"columns": ", ".join(COLUMNS), "unknown": ", ".join(unknown)[:500] or "—",
               "missing": ", ".join(missing) or "—"},
            field="file",
        )
    count = 0
    for index, values in table:
        if not any(str(v).strip() for v in values):
            continue
        count += 1
        if count > limit:
            raise too_many_rows(limit)
        data = {name: normalize_text(values[i]) if i < len(values) else "" for i, name in enumerate(header)}
        yield check_row(_row(index, data))
    if not count:
        raise ApplicationError(_("The file has a header but no recommendations."), field="file")


def _int(line: int, data: dict[str, str], name: str, *, low: int = 1, high: int = 9999) -> int | None:
    value = data.get(name, "")
    if not value:
        return None
    if not NUMBER.fullmatch(value) or not low <= int(value) <= high:
        raise ImportRowError(line, _("%(column)s “%(value)s” is not a number from %(low)s to %(high)s")
                             % {"column": name, "value": value, "low": low, "high": high})
    return int(value)


def _row(line: int, data: dict[str, str]) -> ImportRow:
    mechanism = data.get("mechanism", "").lower()
    if not mechanism:
        raise ImportRowError(line, _("mechanism is empty"))
    cycle = _int(line, data, "cycle", high=99)
    if cycle is None:
        raise ImportRowError(line, _("cycle is empty"))
    text = data.get("text", "")
    if not text:
        raise ImportRowError(line, _("text is empty"))
    response_value = data.get("response", "").lower()
    if response_value not in RESPONSES:
        raise ImportRowError(line, _("response “%(value)s” must be supported, noted or pending") % {"value": response_value})
    status = data.get("status", "").lower() or "not_started"
    if status not in STATUSES:
        raise ImportRowError(line, _("status “%(value)s” must be one of %(values)s")
                             % {"value": status, "values": ", ".join(sorted(STATUSES))})
    return ImportRow(
        line=line,
        mechanism=mechanism,
        state_under_review=data.get("state_under_review") or "Kazakhstan",
        cycle=cycle,
        year=_int(line, data, "year", low=1945, high=2100),
        document_symbol=data.get("document_symbol", ""),
        paragraph=data.get("paragraph", ""),
        text=text,
        response=RESPONSES[response_value],
        recommending_states=[(name, "") for name in split_list(data.get("recommending_states", ""), ";")],
        action_category=_int(line, data, "action_category", high=5),
        source_organization=data.get("source_organisation", ""),
        themes=split_list(data.get("themes", ""), ";"),
        affected_groups=split_list(data.get("affected_groups", ""), ";"),
        sdg_targets=split_list(data.get("sdg_targets", ""), ";"),
        responsible_agencies=split_list(data.get("responsible_agencies", ""), ";"),
        status=status,
    )
