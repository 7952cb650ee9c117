"""The one upload checker and the private store, shared by every app that accepts files.

Every upload path (meeting and report documents, NGO reports and drafts, evidence of progress updates, imports of
recommendations) passes `validate_document_upload` and keeps the file in `private_storage` under a `random_name`:

- A file's type is decided by its content, never by its name or the browser's Content-Type: an .exe renamed
  report.pdf is refused, and so are HTML and SVG pages (they would run script if served inline).
- A ZIP-based file (DOCX, XLSX, PPTX, ODT) is refused when its central directory declares more unpacked bytes or
  more members than allowed, before any member is unpacked: a small "zip bomb" never reaches openpyxl. Python's
  zipfile never unpacks more than a member's declared size (it stops there and fails the CRC check), so the
  declared sizes bound what any later reader can unpack.
- Stored names are random: nobody can guess another file's path or choose their own (the uploader's name stays in
  the database, for display and as the download's file name). Files are served only by permission-checked views,
  as attachments (core.views.private_file_response).
"""

from __future__ import annotations

import codecs
import secrets
import zipfile
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import IO, Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.storage import FileSystemStorage, storages
from django.utils import timezone
from django.utils.deconstruct import deconstructible
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
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
# Plain text, for imports only: an HTML or SVG page is text too, so documents people read never accept it.
CSV = DocumentType("csv", "CSV", "csv", "text/csv")

ALL_DOCUMENT_TYPES: tuple[DocumentType, ...] = (PDF, DOCX, ODT, XLSX, PPTX)
_EVERY_TYPE: tuple[DocumentType, ...] = (*ALL_DOCUMENT_TYPES, CSV)

# Real office files have a few dozen members; thousands only serve to make the directory itself expensive.
MAX_ARCHIVE_MEMBERS = 1000

# Office Open XML files are ZIP archives; the folder of the main part tells them apart.
_OOXML_PARTS = {"word/": DOCX, "xl/": XLSX, "ppt/": PPTX}
_ODT_MIMETYPE = b"application/vnd.oasis.opendocument.text"
_ZIP_MAGIC = b"PK\x03\x04"
# How much of a file decides whether it is text: enough for many lines, little enough to read at once.
_TEXT_SAMPLE = 64 * 1024
# Formats whose first bytes say they are not text (executables, archives, images, audio, old Office files).
_BINARY_SIGNATURES = (
    b"MZ", b"\x7fELF", b"\xca\xfe\xba\xbe", b"\xcf\xfa\xed\xfe", b"\xce\xfa\xed\xfe", b"\xfe\xed\xfa", b"\x00asm",
    b"%PDF", b"PK", b"\x1f\x8b", b"BZh", b"\xfd7zXZ", b"7z\xbc\xaf", b"Rar!", b"\xd0\xcf\x11\xe0", b"\x89PNG",
    b"\xff\xd8\xff", b"GIF8", b"RIFF", b"OggS", b"ID3", b"fLaC", b"wOFF", b"\x00\x00\x01\x00",
)
_WIDE_BOMS = (codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)
# Tab, line feed, form feed, carriage return and escape turn up in real text files; other control bytes do not.
_TEXT_CONTROLS = {9, 10, 12, 13, 27}


def upload_max_bytes() -> int:
    return int(getattr(settings, "UPLOAD_MAX_MB", 20) or 20) * 1024 * 1024


def unpacked_max_bytes() -> int:
    return int(getattr(settings, "UPLOAD_MAX_UNPACKED_MB", 300) or 300) * 1024 * 1024


def _megabytes(size: int) -> int:
    return max(1, -(-size // (1024 * 1024)))


def _read_head(file: IO[bytes], size: int) -> bytes:
    position = file.tell() if hasattr(file, "tell") else 0
    file.seek(0)
    head = file.read(size)
    file.seek(position)
    return head or b""


def _looks_like_text(head: bytes) -> bool:
    if head.startswith(_WIDE_BOMS):
        return True
    if head.startswith(_BINARY_SIGNATURES):
        return False
    controls = sum(1 for byte in head if byte < 32 and byte not in _TEXT_CONTROLS)
    # A stray control byte is the importer's to report, with its line; binary files have them everywhere.
    return controls * 100 <= len(head)


def check_archive(file: IO[bytes], *, max_unpacked: int | None = None) -> None:
    """Refuse a ZIP whose central directory declares too much; reads the directory only, unpacks nothing.

    Does nothing for a file that is not a ZIP archive.
    """
    if not _read_head(file, 4).startswith(_ZIP_MAGIC):
        return
    limit = max_unpacked if max_unpacked is not None else unpacked_max_bytes()
    position = file.tell()
    try:
        file.seek(0)
        with zipfile.ZipFile(file) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError, RuntimeError, EOFError):
        return  # not a readable archive: detect_document_type refuses it
    finally:
        file.seek(position)
    if len(members) > MAX_ARCHIVE_MEMBERS:
        raise ValidationError(
            _("This archive holds %(count)s files, more than the %(limit)s a document can have. It is refused.")
            % {"count": len(members), "limit": MAX_ARCHIVE_MEMBERS},
            code="archive_too_large",
        )
    unpacked = sum(member.file_size for member in members)
    if unpacked > limit:
        raise ValidationError(
            _("Unpacked, this file would take %(size)s MB, more than the %(limit)s MB allowed (it may be a "
              "“zip bomb”). Save it again without the extra content, or split it.")
            % {"size": _megabytes(unpacked), "limit": _megabytes(limit)},
            code="archive_too_large",
        )


def detect_document_type(file: IO[bytes]) -> DocumentType | None:
    """The type of `file` judged by its bytes, or None when it is none of the accepted types."""
    head = _read_head(file, _TEXT_SAMPLE)
    if head.startswith(b"%PDF-"):
        return PDF
    if not head.startswith(_ZIP_MAGIC):
        return CSV if head and _looks_like_text(head) else None
    position = file.tell()
    try:
        file.seek(0)
        with zipfile.ZipFile(file) as archive:
            members = archive.infolist()
            names = [member.filename for member in members]
            # ODF requires "mimetype" to be the first member, stored uncompressed.
            if members and members[0].filename == "mimetype":
                if members[0].file_size <= 100 and archive.read("mimetype").strip() == _ODT_MIMETYPE:
                    return ODT
                return None
            if "[Content_Types].xml" in names:
                for prefix, document_type in _OOXML_PARTS.items():
                    if any(name.startswith(prefix) for name in names):
                        return document_type
            return None
    except (zipfile.BadZipFile, OSError, KeyError, ValueError, RuntimeError, EOFError):
        return None
    finally:
        file.seek(position)


def validate_document_upload(
    file: IO[bytes], *, allowed: tuple[DocumentType, ...] = ALL_DOCUMENT_TYPES, max_bytes: int | None = None,
    max_unpacked: int | None = None,
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
    check_archive(file, max_unpacked=max_unpacked)
    document_type = detect_document_type(file)
    if document_type is None or document_type not in allowed:
        raise ValidationError(
            _("This file is not an accepted document. Accepted types: %(types)s. The type is checked from the "
              "file's content, so renaming a file does not change it.")
            % {"types": ", ".join(t.label for t in allowed)},
            code="file_type",
        )
    return document_type


def type_for_content_type(content_type: str) -> DocumentType | None:
    return next((t for t in _EVERY_TYPE if t.content_type == content_type), None)


def type_for_name(name: str) -> DocumentType | None:
    extension = PurePosixPath(name or "").suffix.lower().lstrip(".")
    return next((t for t in _EVERY_TYPE if t.extension == extension), None)


def random_name(folder: str, *, content_type: str = "", filename: str = "") -> str:
    """A stored name nobody can guess or choose: `<folder>/<year>/<month>/<32 hex digits>.<extension>`.

    The extension follows the detected type (`content_type`), else the uploaded name's when it is one we accept.
    """
    document_type = type_for_content_type(content_type) or type_for_name(filename)
    suffix = f".{document_type.extension}" if document_type else ""
    return f"{folder}/{timezone.now():%Y/%m}/{secrets.token_hex(16)}{suffix}"


def download_name(name: str, *, content_type: str, fallback: str = "document") -> str:
    """The file name a download offers: the uploader's name (or a title), ending in the extension of its real type."""
    base = (name or "").replace("\\", "/").rsplit("/", 1)[-1].strip() or fallback
    document_type = type_for_content_type(content_type)
    if document_type and not base.lower().endswith(f".{document_type.extension}"):
        base = f"{base}.{document_type.extension}"
    return base


class PrivateStorage(FileSystemStorage):
    """Uploaded files live outside MEDIA_ROOT, so no web server or DEBUG route serves them directly.

    They are streamed only by each app's permission-checked download views (core.views.private_file_response).
    With object storage switched on (settings.STORAGES["private"], DJANGO_MEDIA_S3_BUCKET) that storage is used
    instead, so that every web host and worker reads the same files (docs/scaling.md).
    """

    def __new__(cls, *args: Any, **kwargs: Any) -> Any:
        if "private" in settings.STORAGES:
            return storages["private"]
        return super().__new__(cls)

    @cached_property
    def base_location(self) -> str:
        configured = getattr(settings, "PRIVATE_MEDIA_ROOT", None)
        if configured:
            return str(configured)
        media = Path(settings.MEDIA_ROOT)
        return str(media.with_name(media.name + "-private"))

    @cached_property
    def location(self) -> str:
        return str(Path(self.base_location).resolve())

    def _clear_cached_properties(self, setting: str, **kwargs: Any) -> None:
        # Django forgets the location when MEDIA_ROOT changes (tests change it); ours follows PRIVATE_MEDIA_ROOT.
        super()._clear_cached_properties(setting, **kwargs)  # type: ignore[arg-type]  # the signal's any setting
        if setting in ("PRIVATE_MEDIA_ROOT", "MEDIA_ROOT"):
            self.__dict__.pop("base_location", None)
            self.__dict__.pop("location", None)

    def url(self, name: str | None) -> str:
        raise ValueError("Private files have no public URL; link to the download view of their app.")


private_storage = PrivateStorage()


@deconstructible
class DocumentUploadValidator:
    """Form/model field validator: `validators=[DocumentUploadValidator()]`."""

    def __init__(self, allowed: tuple[str, ...] | None = None) -> None:
        self.allowed = allowed

    def _allowed_types(self) -> tuple[DocumentType, ...]:
        if self.allowed is None:
            return ALL_DOCUMENT_TYPES
        return tuple(t for t in _EVERY_TYPE if t.key in self.allowed)

    def __call__(self, file: IO[bytes]) -> None:
        validate_document_upload(file, allowed=self._allowed_types())

    def __eq__(self, other: object) -> bool:
        return isinstance(other, DocumentUploadValidator) and other.allowed == self.allowed
