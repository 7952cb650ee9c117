"""The portal's own template (CSV or XLSX) for treaty-body observations and NGO recommendations.

docs/import-format.md documents the columns; template_rows() feeds the downloadable template.
"""

from __future__ import annotations

import csv
import io
import zipfile

from django.utils.translation import gettext as _

from core.exceptions import ApplicationError
from recommendations.importers.base import ImportRow, ImportRowError, normalize_text, split_list
from recommendations.importers.encoding import decode_bytes

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


def _is_xlsx(raw: bytes, filename: str) -> bool:
    return filename.lower().endswith(".xlsx") or raw[:4] == b"PK\x03\x04"


def _xlsx_rows(raw: bytes) -> list[list[str]]:
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(io.BytesIO(raw), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError):
        raise ApplicationError(_("The file is not a readable XLSX workbook."), field="file") from None
    sheet = workbook.worksheets[0]
    rows = []
    for values in sheet.iter_rows(values_only=True):
        rows.append(["" if v is None else (str(int(v)) if isinstance(v, float) and v.is_integer() else str(v)) for v in values])
    workbook.close()
    return rows


def parse(raw: bytes, *, filename: str = "", encoding: str | None = None) -> tuple[list[ImportRow], str]:
    if _is_xlsx(raw, filename):
        table, used = _xlsx_rows(raw), "xlsx"
    else:
        text, used = decode_bytes(raw, encoding=encoding)
        try:
            table = list(csv.reader(io.StringIO(text, newline="")))
        except csv.Error as exc:
            raise ApplicationError(_("The CSV file cannot be read: %(error)s") % {"error": exc}, field="file") from None
    if not table:
        raise ApplicationError(_("The file is empty."), field="file")
    header = [normalize_text(h).lower() for h in table[0]]
    while header and not header[-1]:
        header.pop()
    unknown = [h for h in header if h not in COLUMNS]
    missing = sorted(REQUIRED - set(header))
    if unknown or missing:
        raise ApplicationError(
            _("The first line must name the template's columns (%(columns)s). Unknown: %(unknown)s. Missing: %(missing)s.")
            % {"columns": ", ".join(COLUMNS), "unknown": ", ".join(unknown) or "—", "missing": ", ".join(missing) or "—"},
            field="file",
        )
    rows = []
    for index, values in enumerate(table[1:], start=2):
        if not any(str(v).strip() for v in values):
            continue
        data = {name: normalize_text(values[i]) if i < len(values) else "" for i, name in enumerate(header)}
        rows.append(_row(index, data))
    if not rows:
        raise ApplicationError(_("The file has a header but no recommendations."), field="file")
    return rows, used


def _int(line: int, data: dict[str, str], name: str, *, low: int = 1, high: int = 9999) -> int | None:
    value = data.get(name, "")
    if not value:
        return None
    if not value.isdigit() or not low <= int(value) <= high:
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
