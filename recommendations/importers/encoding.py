"""Turn the bytes of an uploaded export into text without mojibake.

UPR Info exports come from spreadsheets saved on Macs (Mac Roman, CR-only line endings) or on
Windows (Windows-1252), seldom as UTF-8. We accept an explicit encoding, else guess:
BOM -> UTF-8 when it decodes -> Mac Roman when lines end in CR only -> charset-normalizer's best
guess among the encodings such files really use -> Windows-1252.
"""

from __future__ import annotations

import codecs
import re

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
