"""The one upload checker (core.uploads): type by content, zip bombs refused unread, random stored names.

The basic type checks are in tests/meetings/test_uploads.py, where the checker began.
"""

from __future__ import annotations

import zipfile
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from pytest_django.fixtures import Settings

from core.uploads import (
    CSV,
    DOCX,
    MAX_ARCHIVE_MEMBERS,
    PDF,
    XLSX,
    check_archive,
    detect_document_type,
    download_name,
    private_storage,
    random_name,
    validate_document_upload,
)
from tests.core.files import BAD_UPLOADS, EXE_BYTES, HTML_BYTES, PDF_BYTES, SVG_BYTES, ooxml, upload, zip_bytes


@pytest.mark.parametrize("kind", sorted(BAD_UPLOADS))
def test_documents_refuse_pages_and_programs_whatever_their_name(kind: str) -> None:
    name, data = BAD_UPLOADS[kind]
    with pytest.raises(ValidationError) as exc:
        validate_document_upload(upload(name, data, "application/pdf"))
    assert exc.value.code == "file_type"


def test_text_is_csv_for_imports_only() -> None:
    text = upload("list.csv", "mechanism,cycle,text\ncat,3,Prévenir la torture\n".encode())
    assert detect_document_type(text) == CSV
    assert validate_document_upload(text, allowed=(CSV, XLSX)) == CSV
    with pytest.raises(ValidationError):
        validate_document_upload(text)  # documents people read never take text: it could be a page


@pytest.mark.parametrize("data", [EXE_BYTES, PDF_BYTES, b"\x89PNG\r\n\x1a\n" + b"\x00" * 50, bytes(range(256)) * 4])
def test_binary_content_is_never_taken_for_csv(data: bytes) -> None:
    with pytest.raises(ValidationError):
        validate_document_upload(upload("rows.csv", data), allowed=(CSV,))


def test_a_stray_nul_byte_leaves_csv_for_the_importer_to_report_with_its_line() -> None:
    data = b"mechanism,cycle,text\n" + b"cat,3,Prevent torture\n" * 50 + b"cat,3,Bad\x00row\n"
    assert detect_document_type(upload("rows.csv", data)) == CSV


def test_utf16_text_with_its_byte_order_mark_is_text() -> None:
    assert detect_document_type(upload("rows.csv", "mechanism,cycle,text\n".encode("utf-16"))) == CSV


def test_html_and_svg_are_text_but_not_documents() -> None:
    assert detect_document_type(upload("a.html", HTML_BYTES)) == CSV
    assert detect_document_type(upload("a.svg", SVG_BYTES)) == CSV


def test_an_archive_declaring_more_than_the_limit_is_refused_before_any_member_is_unpacked(
    settings: Settings, monkeypatch: pytest.MonkeyPatch,
) -> None:
    settings.UPLOAD_MAX_UNPACKED_MB = 1
    bomb = upload("book.xlsx", ooxml("xl", padding=3 * 1024 * 1024))
    assert len(bomb) < 20 * 1024  # small on the wire
    opened: list[str] = []
    original_open = zipfile.ZipFile.open

    def spy(self: zipfile.ZipFile, name: Any, *args: Any, **kwargs: Any) -> Any:
        opened.append(str(name))
        return original_open(self, name, *args, **kwargs)

    monkeypatch.setattr(zipfile.ZipFile, "open", spy)
    with pytest.raises(ValidationError) as exc:
        validate_document_upload(bomb)

    assert exc.value.code == "archive_too_large"
    assert "Unpacked, this file would take 4 MB, more than the 1 MB allowed" in exc.value.messages[0]
    assert opened == [], "a member was unpacked before the refusal"
    settings.UPLOAD_MAX_UNPACKED_MB = 5
    assert validate_document_upload(bomb) == XLSX


def test_an_archive_of_thousands_of_members_is_refused() -> None:
    members = [("[Content_Types].xml", b"<Types/>"), ("word/document.xml", b"<x/>")]
    members += [(f"word/media/{n}.xml", b"") for n in range(MAX_ARCHIVE_MEMBERS)]
    with pytest.raises(ValidationError) as exc:
        check_archive(upload("many.docx", zip_bytes(members)))
    assert exc.value.code == "archive_too_large"


def test_random_names_follow_the_detected_type_never_the_uploaded_name() -> None:
    first = random_name("x", content_type=PDF.content_type, filename="../../etc/passwd.html")
    second = random_name("x", content_type=PDF.content_type, filename="../../etc/passwd.html")
    assert first != second
    assert first.startswith("x/") and first.endswith(".pdf") and ".." not in first and "passwd" not in first
    assert random_name("x", filename="report.DOCX").endswith(".docx")
    assert "." not in random_name("x", filename="page.html").rsplit("/", 1)[-1]


@pytest.mark.parametrize(
    ("name", "content_type", "expected"),
    [
        ("Отчёт 2025.pdf", PDF.content_type, "Отчёт 2025.pdf"),
        ("report.html", PDF.content_type, "report.html.pdf"),  # the real type decides what opens it
        ("C:\\Users\\me\\plan.docx", DOCX.content_type, "plan.docx"),
        ("", PDF.content_type, "document.pdf"),
        ("Agenda v2.1", DOCX.content_type, "Agenda v2.1.docx"),
    ],
)
def test_download_name_keeps_the_uploaders_name_with_the_real_extension(name: str, content_type: str, expected: str) -> None:
    assert download_name(name, content_type=content_type) == expected


def test_private_files_have_no_public_url_and_live_outside_media_root(settings: Settings) -> None:
    with pytest.raises(ValueError, match="no public URL"):
        private_storage.url("recommendations/evidence/x.pdf")
    assert private_storage.location == str(settings.PRIVATE_MEDIA_ROOT.resolve())
    assert not private_storage.location.startswith(str(settings.MEDIA_ROOT.resolve()) + "/")
