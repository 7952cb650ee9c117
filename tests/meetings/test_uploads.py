from __future__ import annotations

import io
import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from pytest_django.fixtures import Settings

from core.uploads import (
    DOCX,
    ODT,
    PDF,
    PPTX,
    XLSX,
    DocumentUploadValidator,
    detect_document_type,
    validate_document_upload,
)


def zip_bytes(members: list[tuple[str, bytes]]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in members:
            archive.writestr(name, data)
    return buffer.getvalue()


def ooxml(part: str) -> bytes:
    return zip_bytes([("[Content_Types].xml", b"<Types/>"), (f"{part}/document.xml", b"<x/>")])


ODT_BYTES = zip_bytes([("mimetype", b"application/vnd.oasis.opendocument.text"), ("content.xml", b"<x/>")])
PDF_BYTES = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n%%EOF"
EXE_BYTES = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff" + b"\x00" * 100


@pytest.mark.parametrize(
    ("data", "expected"),
    [(PDF_BYTES, PDF), (ooxml("word"), DOCX), (ooxml("xl"), XLSX), (ooxml("ppt"), PPTX), (ODT_BYTES, ODT)],
)
def test_accepted_types_are_recognised_by_content(data: bytes, expected: object) -> None:
    upload = SimpleUploadedFile("whatever.bin", data)
    assert detect_document_type(upload) == expected
    assert validate_document_upload(upload) == expected


@pytest.mark.parametrize(
    "data",
    [
        EXE_BYTES,
        zip_bytes([("readme.txt", b"hello")]),  # a ZIP, but no Office parts
        zip_bytes([("[Content_Types].xml", b"<Types/>"), ("other/x.xml", b"<x/>")]),
        zip_bytes([("mimetype", b"application/vnd.oasis.opendocument.spreadsheet"), ("content.xml", b"")]),
        b"PK\x03\x04 broken zip",
        b"<html><script>alert(1)</script></html>",
    ],
)
def test_other_content_is_refused_whatever_its_name(data: bytes) -> None:
    with pytest.raises(ValidationError) as exc:
        validate_document_upload(SimpleUploadedFile("report.pdf", data, content_type="application/pdf"))
    assert exc.value.code == "file_type"
    assert "renaming a file does not change it" in exc.value.messages[0]


def test_size_limit_comes_from_settings(settings: Settings) -> None:
    settings.UPLOAD_MAX_MB = 1
    big = SimpleUploadedFile("big.pdf", b"%PDF-" + b"0" * (1024 * 1024))
    with pytest.raises(ValidationError) as exc:
        validate_document_upload(big)
    assert exc.value.code == "file_too_large"
    assert "1 MB" in exc.value.messages[0]
    settings.UPLOAD_MAX_MB = 2
    assert validate_document_upload(big) == PDF


def test_empty_file_is_refused() -> None:
    with pytest.raises(ValidationError):
        validate_document_upload(SimpleUploadedFile("empty.pdf", b""))


def test_validator_can_restrict_types_and_leaves_the_file_position() -> None:
    upload = SimpleUploadedFile("a.docx", ooxml("word"))
    upload.seek(3)
    with pytest.raises(ValidationError):
        DocumentUploadValidator(allowed=("pdf",))(upload)
    DocumentUploadValidator(allowed=("pdf", "docx"))(upload)
    assert upload.tell() == 3
