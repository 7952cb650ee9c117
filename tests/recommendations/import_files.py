"""Import files generated on the fly, for tests (a few thousand rows) and bench/import.py (100,000 rows)."""

from __future__ import annotations

import csv
import io
import zipfile
from pathlib import Path

WORDS = ["ensure", "protect", "rights", "children", "women", "journalists", "law", "adopt", "measures", "guarantee", "freedom", "assembly", "expression", "independent", "judiciary", "torture", "prevention", "detention", "monitoring", "access", "justice", "persons", "disabilities"]

GENERIC_HEADER = ["mechanism", "cycle", "state_under_review", "year", "document_symbol", "paragraph", "text",
                  "response", "themes", "affected_groups", "sdg_targets", "status"]


def _text(n: int, tag: str = "") -> str:
    # Distinct texts (the natural key includes the text) of a realistic length, about 250 characters.
    words = [WORDS[(n * 7 + i * 3) % len(WORDS)] for i in range(30)]
    return f"{tag}Recommendation {n}: " + " ".join(words).capitalize() + "."


def generic_rows(count: int, *, start: int = 0, tag: str = "") -> list[list[str]]:
    rows = []
    for n in range(start, start + count):
        mechanism, cycle = (("cedaw", "5"), ("cat", "3"), ("crc", "4"), ("crpd", "1"))[n % 4]
        rows.append([mechanism, cycle, "Kazakhstan", "2019", f"{mechanism.upper()}/C/KAZ/CO/{cycle}", str(n),
                     _text(n, tag), ("supported", "noted", "pending")[n % 3], ("Women's rights; Torture", "Children")[n % 2],
                     "Women" if n % 2 else "", "16.3", "in_progress"])
    return rows


def generic_csv(count: int, *, extra: list[list[str]] | None = None) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(GENERIC_HEADER)
    writer.writerows(generic_rows(count))
    writer.writerows(extra or [])
    return buffer.getvalue().encode("utf-8")


def generic_csv_file(path: Path, count: int, *, tag: str = "") -> Path:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(GENERIC_HEADER)
        for start in range(0, count, 10_000):
            writer.writerows(generic_rows(min(10_000, count - start), start=start, tag=tag))
    return path


def generic_xlsx(count: int, *, extra: list[list[str]] | None = None) -> bytes:
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("recommendations")
    sheet.append(GENERIC_HEADER)
    for row in [*generic_rows(count), *(extra or [])]:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def xlsx_bomb(unpacked_mb: int) -> bytes:
    """A real workbook whose shared strings (which openpyxl loads whole) unpack to `unpacked_mb` MB from far less."""
    from openpyxl import Workbook

    workbook = Workbook()
    workbook.active.append(GENERIC_HEADER)
    workbook.active.append(generic_rows(1)[0])
    source_bytes = io.BytesIO()
    workbook.save(source_bytes)
    out = io.BytesIO()
    with zipfile.ZipFile(source_bytes) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as bomb:
        for item in source.infolist():
            if item.filename != "xl/sharedStrings.xml":
                bomb.writestr(item, source.read(item.filename))
        with bomb.open("xl/sharedStrings.xml", "w", force_zip64=True) as member:
            member.write(b'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><t>')
            chunk = b"A" * (1024 * 1024)
            for _ in range(unpacked_mb):
                member.write(chunk)
            member.write(b"</t></si></sst>")
    return out.getvalue()
