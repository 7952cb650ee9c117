"""The one tabular writer (core/tabular.py): CSV in chunks, JSON written row by row equal to json.dumps of the
whole document, write-only XLSX with several sheets, and the plain-cell convention shared by CSV and XLSX."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from decimal import Decimal

from django.core.serializers.json import DjangoJSONEncoder
from openpyxl import load_workbook

from core import tabular


def test_csv_is_streamed_in_pieces_that_read_back_as_the_whole_table() -> None:
    header = ["id", "text"]
    rows = [[n, f"Recommendation {n}, with a comma and «quotes» in Kazakh: Әділет"] for n in range(5000)]

    chunks = list(tabular.csv_chunks(header, iter(rows)))

    assert len(chunks) > 3, "a big table must not come out as one piece"
    assert all(len(chunk) < tabular.CHUNK_CHARS + 1000 for chunk in chunks)
    text = "".join(chunks)
    assert text.startswith(tabular.BOM)
    assert list(csv.reader(io.StringIO(text.removeprefix(tabular.BOM)))) == [header] + [[str(a), b] for a, b in rows]


def test_csv_without_a_byte_order_mark_or_header() -> None:
    assert "".join(tabular.csv_chunks(None, [["a", 1]], bom=False)) == "a,1\r\n"


def test_json_written_row_by_row_equals_json_dumps_of_the_whole_document() -> None:
    head = {"dataset": "recommendations", "generated_at": dt.datetime(2026, 1, 2, 3, 4, 5, tzinfo=dt.UTC),
            "fields": ["id", "themes"]}
    rows = [{"id": 1, "themes": ["Торture", "Әйелдер"], "when": dt.date(2025, 5, 1), "n": Decimal("1.5")},
            {"id": 2, "themes": [], "when": None, "n": 0}]
    stream = io.StringIO()

    writer = tabular.JsonWriter(stream, head)
    for row in rows:
        writer.write(row)
    writer.close()

    assert stream.getvalue() == json.dumps({**head, "rows": rows}, cls=DjangoJSONEncoder, ensure_ascii=False)
    assert list(json.loads(stream.getvalue())) == ["dataset", "generated_at", "fields", "rows"]


def test_json_with_no_rows_is_still_a_document() -> None:
    stream = io.StringIO()
    writer = tabular.JsonWriter(stream, {"dataset": "roadmaps"})
    writer.close()
    assert json.loads(stream.getvalue()) == {"dataset": "roadmaps", "rows": []}


def test_xlsx_has_one_sheet_per_call_with_titles_cut_to_excels_limit_and_optional_bold_headers() -> None:
    long_title = "Мероприятия, выполненные за отчётный период"
    workbook = tabular.XlsxWriter()
    workbook.sheet(long_title, ["Показатель", "Значение"], bold_header=True)
    workbook.write(["Проведено заседаний", 2])
    workbook.sheet("plain", ["a"])
    workbook.write([dt.date(2025, 1, 1)])

    book = load_workbook(io.BytesIO(workbook.to_bytes()))

    assert book.sheetnames == [long_title[:31], "plain"] and len(book.sheetnames[0]) == 31
    first = book.worksheets[0]
    assert [[c.value for c in row] for row in first.iter_rows()] == [["Показатель", "Значение"],
                                                                     ["Проведено заседаний", 2]]
    assert first["A1"].font.b and not first["A2"].font.b
    assert not book.worksheets[1]["A1"].font.b
    assert book.worksheets[1]["A2"].value.date() == dt.date(2025, 1, 1)


def test_xlsx_in_a_temporary_file_is_rewound_for_streaming() -> None:
    workbook = tabular.XlsxWriter()
    workbook.sheet("rows", ["n"])
    for n in range(1000):
        workbook.write([n])

    handle = workbook.to_temporary_file()

    assert handle.tell() == 0
    rows = list(load_workbook(handle, read_only=True).active.iter_rows(values_only=True))
    assert rows[0] == ("n",) and rows[-1] == (999,) and len(rows) == 1001


def test_plain_cells_read_the_same_in_csv_and_xlsx() -> None:
    moment = dt.datetime(2026, 3, 1, 9, 30, tzinfo=dt.timezone(dt.timedelta(hours=5)))
    assert tabular.text_cell(None) == ""
    assert tabular.text_cell(["UPR", "CAT"]) == "UPR; CAT"
    assert tabular.text_cell([3, 7]) == "3; 7"
    assert tabular.text_cell(True) == "true" and tabular.text_cell(False) == "false"
    assert tabular.text_cell(moment) == "2026-03-01T09:30:00+05:00"
    assert tabular.text_cell(dt.date(2026, 3, 1)) == "2026-03-01"
    assert tabular.text_cell(42) == 42 and tabular.text_cell("text") == "text"
