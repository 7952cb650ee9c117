"""One writer for every table the portal hands out: CSV, XLSX and JSON, written row by row.

Used by the bulk open-data files (api), the tracker's "export this view" and the import template
(recommendations) and the digest workbooks (reports). Nothing here holds a whole table in memory, so the same
code writes ten rows or a hundred thousand:

- CSV goes through the csv module into a file, or in chunks of about 64 KB into a StreamingHttpResponse;
- XLSX is openpyxl's write-only workbook, which keeps rows in a temporary file and inline strings, saved to a
  path, a file object or a temporary file that a FileResponse then streams;
- JSON is one document whose "rows" array is written one row at a time.

tablib was the alternative; it keeps every row in memory, which the 100,000-row files must not (issue 17).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import tempfile
from collections.abc import Iterable, Iterator, Sequence
from typing import IO, Any

from django.core.serializers.json import DjangoJSONEncoder

# Excel opens a UTF-8 CSV correctly only with a byte order mark.
BOM = "\ufeff"
CSV_CONTENT_TYPE = "text/csv; charset=utf-8"
XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
JSON_CONTENT_TYPE = "application/json"
# Size of one piece of a streamed CSV: big enough that the per-chunk cost vanishes, small enough to stay cheap.
CHUNK_CHARS = 64 * 1024
# Excel refuses longer sheet names.
SHEET_TITLE_MAX = 31


def text_cell(value: Any) -> Any:
    """A value as a plain cell that reads the same in CSV and XLSX: lists joined with "; ", true/false, dates
    and times as ISO text (Excel cells hold no time zone), None as empty; numbers and text unchanged."""
    if value is None:
        return ""
    if isinstance(value, (list, tuple)):
        return "; ".join(str(v) for v in value)
    if isinstance(value, bool):
        return "true" if value else "false"
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return value


class CsvWriter:
    """Rows into an open text file (opened with newline="")."""

    def __init__(self, stream: IO[str], header: Sequence[Any] | None = None, *, bom: bool = True) -> None:
        if bom:
            stream.write(BOM)
        self._writer = csv.writer(stream)
        if header is not None:
            self._writer.writerow(header)

    def write(self, row: Sequence[Any]) -> None:
        self._writer.writerow(row)


def csv_chunks(header: Sequence[Any] | None, rows: Iterable[Sequence[Any]], *, bom: bool = True) -> Iterator[str]:
    """The CSV text in pieces of about CHUNK_CHARS, for a StreamingHttpResponse: memory stays flat however many
    rows there are."""
    buffer = io.StringIO()
    writer = CsvWriter(buffer, header, bom=bom)
    for row in rows:
        writer.write(row)
        if buffer.tell() > CHUNK_CHARS:
            yield buffer.getvalue()
            buffer.seek(0)
            buffer.truncate()
    yield buffer.getvalue()


class XlsxWriter:
    """A write-only workbook of one or more sheets; rows are appended to the latest sheet.

    `bold_header` sets the header row in bold (the digest workbooks); plain cells otherwise, which keeps writing
    100,000 rows fast.
    """

    def __init__(self, *, language: str | None = None, iso_dates: bool = False) -> None:
        from openpyxl import Workbook  # only the code paths that write a workbook pay for the import

        from core import xlsx

        self._cell = xlsx.cell  # looked up once, not per row of a 100,000-row file
        self._workbook = Workbook(write_only=True)
        self._sheet: Any = None
        # Dates become real date cells in the language's format (core.xlsx), or ISO for language-neutral files.
        self._language = language
        self._iso_dates = iso_dates

    def sheet(self, title: str, header: Sequence[Any] | None = None, *, bold_header: bool = False) -> None:
        self._sheet = self._workbook.create_sheet(title=str(title)[:SHEET_TITLE_MAX])
        if header is None:
            return
        if bold_header:
            from openpyxl.cell import WriteOnlyCell
            from openpyxl.styles import Font

            bold = Font(bold=True)
            cells = []
            for value in header:
                cell = WriteOnlyCell(self._sheet, value=value)
                cell.font = bold
                cells.append(cell)
            self._sheet.append(cells)
        else:
            self._sheet.append(list(header))

    def write(self, row: Sequence[Any]) -> None:
        if self._sheet is None:
            raise RuntimeError("call sheet() before writing rows")
        # Text and dates through core.xlsx: a text starting with "=" stays text, not a formula; characters XML
        # cannot carry are dropped; a date is a date cell. Numbers go as they are (fast for 100,000 rows).
        self._sheet.append([
            self._cell(self._sheet, value, language=self._language, iso=self._iso_dates)
            if isinstance(value, (str, dt.date)) else value
            for value in row
        ])

    def save(self, target: str | IO[bytes]) -> None:
        """Write the workbook to a path or a binary file object; a workbook can be saved once."""
        self._workbook.save(target)

    def to_bytes(self) -> bytes:
        """For small workbooks only (a digest): the whole file in memory."""
        buffer = io.BytesIO()
        self.save(buffer)
        return buffer.getvalue()

    def to_temporary_file(self) -> IO[bytes]:
        """The workbook in an anonymous temporary file, rewound, for a FileResponse (which closes it, and the
        operating system then frees it)."""
        handle = tempfile.TemporaryFile()  # noqa: SIM115 - handed over to the response, which closes it
        self.save(handle)
        handle.seek(0)
        return handle


class JsonWriter:
    """A JSON document `{**head, rows_key: [row, row, ...]}` written one row at a time.

    The result is what json.dumps of the whole document gives (same separators, same order of keys, the head's
    keys first), without the document ever being in memory.
    """

    def __init__(self, stream: IO[str], head: dict[str, Any], *, rows_key: str = "rows") -> None:
        self._stream = stream
        self._encoder = DjangoJSONEncoder(ensure_ascii=False)
        opening = self._encoder.encode({**head, rows_key: []})
        # '...,"rows": []}' -> write everything before the closing "]}", then the rows, then "]}".
        if not opening.endswith("[]}"):
            raise ValueError("the rows key must come last")
        stream.write(opening[:-2])
        self._first = True

    def write(self, row: Any) -> None:
        if not self._first:
            self._stream.write(", ")
        self._first = False
        self._stream.write(self._encoder.encode(row))

    def close(self) -> None:
        self._stream.write("]}")


def json_dumps(value: Any) -> str:
    """The one JSON spelling of the portal's files: UTF-8 text, dates in ISO 8601."""
    return json.dumps(value, cls=DjangoJSONEncoder, ensure_ascii=False)
