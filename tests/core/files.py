"""Sample files for upload tests, built in memory: the accepted documents, and what an attacker would send."""

from __future__ import annotations

import io
import zipfile

from django.core.files.uploadedfile import SimpleUploadedFile

PDF_BYTES = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\ntrailer<<>>\n%%EOF\n"
EXE_BYTES = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00\xb8" + b"\x00" * 200 + b"This program cannot be run"
HTML_BYTES = b"<!doctype html><html><body><script>fetch('/en/accounts/')</script></body></html>"
SVG_BYTES = (b'<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" onload="alert(document.cookie)">'
             b"<script>alert(1)</script></svg>")


def zip_bytes(members: list[tuple[str, bytes]], *, compression: int = zipfile.ZIP_DEFLATED) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=compression) as archive:
        for name, data in members:
            archive.writestr(name, data)
    return buffer.getvalue()


def ooxml(part: str, *, padding: int = 0) -> bytes:
    """A minimal Office Open XML file ("word", "xl" or "ppt"); `padding` bytes of zeros unpack from a few."""
    members = [("[Content_Types].xml", b"<Types/>"), (f"{part}/document.xml", b"<x/>")]
    if padding:
        members.append((f"{part}/padding.xml", b"\0" * padding))
    return zip_bytes(members)


DOCX_BYTES = ooxml("word")
XLSX_BYTES = ooxml("xl")
PPTX_BYTES = ooxml("ppt")
ODT_BYTES = zip_bytes([("mimetype", b"application/vnd.oasis.opendocument.text"), ("content.xml", b"<x/>")],
                      compression=zipfile.ZIP_STORED)

# (file name, content): what the attacker sent as "evidence" and the like.
BAD_UPLOADS = {
    "html": ("evidence.html", HTML_BYTES),
    "svg": ("evidence.svg", SVG_BYTES),
    "exe": ("evidence.exe", EXE_BYTES),
    "exe renamed pdf": ("evidence.pdf", EXE_BYTES),
}


def upload(name: str, data: bytes, content_type: str = "application/octet-stream") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data, content_type=content_type)
