"""Turn the bytes of an uploaded export into text without mojibake.

UPR Info exports come from spreadsheets saved on Macs (Mac Roman, CR-only line endings) or on
Windows (Windows-1252), seldom as UTF-8. We accept an explicit encoding, else guess:
BOM -> UTF-8 when it decodes -> Mac Roman when lines end in CR only -> charset-normalizer's best
guess among the encodings such files really use -> Windows-1252.

Imports read files as streams (`guess_stream_encoding`, `text_lines`): a file is never held whole in memory.
`guess_encoding` and `decode_bytes` do the same for bytes already in memory.
"""

from __future__ import annotations

import codecs
import io
import re
from collections.abc import Iterator
from typing import IO

from charset_normalizer import from_bytes
from django.utils.translation import gettext as _

from core.exceptions import ApplicationError

CANDIDATES = ["cp1252", "mac_roman", "cp1251", "latin_1"]

# UTF-8 read as a single-byte encoding leaves these tell-tale pairs ("Ã©" for "é", "â€™" for "’").
_MOJIBAKE = re.compile(
    "[ÃÂÐÑ][\u0080-\u00bf€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ]"  # read as Windows-1252 / Latin-1
    "|â€"
    "|√[^\\x00-\\x7f]|‚Ä"  # read as Mac Roman
)


def _is_cr_only(raw: bytes) -> bool:
    return b"\r" in raw and b"\n" not in raw


def canonical_encoding(name: str) -> str:
    try:
        return codecs.lookup(name).name
    except LookupError:
        raise ApplicationError(
            _("Unknown encoding “%(name)s”. Use, for example, utf-8, mac_roman or cp1252.") % {"name": name},
            field="encoding",
        ) from None


def guess_encoding(raw: bytes) -> str:
    if raw.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError:
        pass
    else:
        # Pure ASCII decodes as anything; a CR-only ASCII file is a classic Mac export, say so.
        if raw.isascii() and _is_cr_only(raw):
            return "mac_roman"
        return "utf-8"
    if _is_cr_only(raw):
        try:
            raw.decode("mac_roman")
        except UnicodeDecodeError:
            pass
        else:
            return "mac_roman"
    best = from_bytes(raw, cp_isolation=CANDIDATES).best()
    if best is not None and best.encoding:
        return codecs.lookup(best.encoding).name
    return "cp1252"


def decode_bytes(raw: bytes, *, encoding: str | None = None) -> tuple[str, str]:
    """(text, encoding used). Raises ApplicationError when the bytes do not fit or would give mojibake."""
    name = canonical_encoding(encoding or guess_encoding(raw))
    try:
        text = raw.decode(name)
    except UnicodeDecodeError as exc:
        raise ApplicationError(
            _("The file is not valid %(encoding)s (byte %(position)s). Choose the encoding it was saved in.")
            % {"encoding": name, "position": exc.start},
            field="encoding",
        ) from None
    text = text.removeprefix("\ufeff")
    match = _MOJIBAKE.search(text)
    if match:
        raise ApplicationError(
            _(
                "Read as %(encoding)s, the file contains garbled characters (“%(sample)s”). "
                "Choose the encoding it was saved in."
            )
            % {"encoding": name, "sample": text[max(0, match.start() - 10) : match.end() + 10]},
            field="encoding",
        )
    return text, name


# How much of a file charset-normalizer looks at; it samples a payload in a few chunks anyway.
_SAMPLE = 1024 * 1024
_CHUNK = 1024 * 1024
_WIDE_BOMS = {
    codecs.BOM_UTF32_LE: "utf-32", codecs.BOM_UTF32_BE: "utf-32", codecs.BOM_UTF16_LE: "utf-16",
    codecs.BOM_UTF16_BE: "utf-16",
}


def guess_stream_encoding(file: IO[bytes]) -> str:
    """guess_encoding for a file, read in chunks: the whole file is checked for UTF-8, a sample guessed."""
    file.seek(0)
    head = file.read(4)
    file.seek(0)
    if head.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    for bom, name in _WIDE_BOMS.items():
        if head.startswith(bom):
            return name
    decoder = codecs.getincrementaldecoder("utf-8")()
    utf8, ascii_only, has_cr, has_lf = True, True, False, False
    sample = b""
    while chunk := file.read(_CHUNK):
        if len(sample) < _SAMPLE:
            sample += chunk[: _SAMPLE - len(sample)]
        has_cr = has_cr or b"\r" in chunk
        has_lf = has_lf or b"\n" in chunk
        ascii_only = ascii_only and chunk.isascii()
        if utf8:
            try:
                decoder.decode(chunk)
            except UnicodeDecodeError:
                utf8 = False
    if utf8:
        try:
            decoder.decode(b"", final=True)
        except UnicodeDecodeError:
            utf8 = False
    file.seek(0)
    cr_only = has_cr and not has_lf
    if utf8:
        # Pure ASCII decodes as anything; a CR-only ASCII file is a classic Mac export, say so.
        return "mac_roman" if ascii_only and cr_only else "utf-8"
    if cr_only:
        return "mac_roman"
    best = from_bytes(sample, cp_isolation=CANDIDATES).best()
    if best is not None and best.encoding:
        return codecs.lookup(best.encoding).name
    return "cp1252"


def _line_at(file: IO[bytes], position: int) -> int:
    """The line number of byte `position`, counting LF line ends (CR ones in a file without LF)."""
    file.seek(0)
    lf = cr = 0
    left = position
    while left > 0 and (chunk := file.read(min(_CHUNK, left))):
        lf += chunk.count(b"\n")
        cr += chunk.count(b"\r")
        left -= len(chunk)
    return (lf or cr) + 1


def text_lines(file: IO[bytes], *, encoding: str) -> Iterator[str]:
    """The lines of `file` decoded as `encoding`, with their line ends (for csv.reader); refuses mojibake.

    Raises ApplicationError on bytes that do not fit the encoding and on the first line that reads as mojibake.
    """
    name = canonical_encoding(encoding)
    file.seek(0)
    # newline="": lines end at CR, LF or CR LF, kept as they are, as csv.reader wants them.
    text = io.TextIOWrapper(file, encoding=name, errors="strict", newline="")
    number = 0
    try:
        for line in text:
            number += 1
            if number == 1:
                line = line.removeprefix("\ufeff")
            match = _MOJIBAKE.search(line)
            if match:
                raise ApplicationError(
                    _(
                        "Read as %(encoding)s, the file contains garbled characters (“%(sample)s”). "
                        "Choose the encoding it was saved in."
                    )
                    % {"encoding": name, "sample": line[max(0, match.start() - 10) : match.end() + 10].strip()},
                    field="encoding",
                )
            yield line
    except UnicodeDecodeError as exc:
        # The reader decodes ahead of the lines it hands out: find the line of the bad byte itself.
        position = max(0, file.tell() - len(exc.object) + exc.start)
        raise ApplicationError(
            _("The file is not valid %(encoding)s (line %(line)s). Choose the encoding it was saved in.")
            % {"encoding": name, "line": _line_at(file, position)},
            field="encoding",
        ) from None
    finally:
        # The caller owns the file: let go of it without closing it (unless the caller closed it already).
        if not file.closed:
            text.detach()
