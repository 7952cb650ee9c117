"""Upload validation shared by every app that accepts documents (meetings, NGO submissions).

A file's type is decided by its content, never by its name or the browser's Content-Type: an .exe
renamed report.pdf is refused. Use `DocumentUploadValidator` as a form field validator, or call
`detect_document_type` / `validate_document_upload` directly.
"""

from __future__ import annotations

import zipfile
from dataclasses import dataclass
from typing import IO

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.deconstruct import deconstructible
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext


@dataclass(frozen=True)
class DocumentType:
    key: str
    label: str
    extension: str
    content_type: str


PDF = DocumentType("pdf", "PDF", "pdf", "application/pdf")
DOCX = DocumentType(
    "docx", "Word (DOCX)", "docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
)
XLSX = DocumentType("xlsx", "Excel (XLSX)", "xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
PPTX = DocumentType(
    "pptx", "PowerPoint (PPTX)", "pptx", "application/vnd.openxmlformats-officedocument.presentationml.presentation"
)
ODT = DocumentType("odt", "OpenDocument text (ODT)", "odt", "application/vnd.oasis.opendocument.text")

ALL_DOCUMENT_TYPES: tuple[DocumentType, ...] = (PDF, DOCX, ODT, XLSX, PPTX)

# Office Open XML files are ZIP archives; the folder of the main part tells them apart.
_OOXML_PARTS = {"word/": DOCX, "xl/": XLSX, "ppt/": PPTX}
_ODT_MIMETYPE = b"application/vnd.oasis.opendocument.text"


def upload_max_bytes() -> int:
    return int(getattr(settings, "UPLOAD_MAX_MB", 20) or 20) * 1024 * 1024


def _read_head(file: IO[bytes], size: int) -> bytes:
    position = file.tell() if hasattr(file, "tell") else 0
    file.seek(0)
    head = file.read(size)
    file.seek(position)
    return head or b""


def detect_document_type(file: IO[bytes]) -> DocumentType | None:
    """The type of `file` judged by its bytes, or None when it is none of the accepted documents."""
    head = _read_head(file, 8)
    if head.startswith(b"%PDF-"):
        return PDF
    if not head.startswith(b"PK\x03\x04"):
        return None
    position = file.tell()
    try:
        file.seek(0)
        with zipfile.ZipFile(file) as archive:
            members = archive.infolist()
            names = [member.filename for member in members]
            # ODF requires "mimetype" to be the first member, stored uncompressed.
            if members and members[0].filename == "mimetype":
                if archive.read("mimetype").strip() == _ODT_MIMETYPE:
                    return ODT
                return None
            if "[Content_Types].xml" in names:
                for prefix, document_type in _OOXML_PARTS.items():
                    if any(name.startswith(prefix) for name in names):
                        return document_type
            return None
    except (zipfile.BadZipFile, OSError, KeyError, ValueError, RuntimeError):
        return None
    finally:
        file.seek(position)


def validate_document_upload(
    file: IO[bytes], *, allowed: tuple[DocumentType, ...] = ALL_DOCUMENT_TYPES, max_bytes: int | None = None
) -> DocumentType:
    """Return the detected type of an accepted file; raise ValidationError with a message for people otherwise."""
    limit = max_bytes if max_bytes is not None else upload_max_bytes()
    size = getattr(file, "size", None)
    if size is None:
        file.seek(0, 2)
        size = file.tell()
        file.seek(0)
    if size > limit:
        megabytes = limit // (1024 * 1024)
        raise ValidationError(
            ngettext(
                "The file is too large: the limit is %(limit)d MB.",
                "The file is too large: the limit is %(limit)d MB.",
                megabytes,
            )
            % {"limit": megabytes},
            code="file_too_large",
        )
    if size == 0:
        raise ValidationError(_("The file is empty."), code="file_empty")
    document_type = detect_document_type(file)
    if document_type is None or document_type not in allowed:
        raise ValidationError(
            _("This file is not an accepted document. Accepted types: %(types)s. The type is checked from the "
              "file's content, so renaming a file does not change it.")
            % {"types": ", ".join(t.label for t in allowed)},
            code="file_type",
        )
    return document_type


@deconstructible
class DocumentUploadValidator:
    """Form/model field validator: `validators=[DocumentUploadValidator()]`."""

    def __init__(self, allowed: tuple[str, ...] | None = None) -> None:
        self.allowed = allowed

    def _allowed_types(self) -> tuple[DocumentType, ...]:
        if self.allowed is None:
            return ALL_DOCUMENT_TYPES
        return tuple(t for t in ALL_DOCUMENT_TYPES if t.key in self.allowed)

    def __call__(self, file: IO[bytes]) -> None:
        validate_document_upload(file, allowed=self._allowed_types())

    def __eq__(self, other: object) -> bool:
        return isinstance(other, DocumentUploadValidator) and other.allowed == self.allowed
