"""Text that breaks naive code: every Kazakh letter, mixed scripts, right-to-left marks around Hebrew, Arabic,
emoji (one a zero-width-joiner sequence with a skin tone), HTML-looking text, an ampersand and quotes.

The round-trip tests of each app (forms, search, PDF, XLSX, CSV, iCal, the API, e-mail) save it and read it back.
"""

from __future__ import annotations

import unicodedata

KAZAKH_LETTERS = "ә ғ қ ң ө ұ ү һ і Ә Ғ Қ Ң Ө Ұ Ү Һ І"
MIXED = (
    "Қазақстандағы әділдік: " + KAZAKH_LETTERS + " — права человека, human rights & \"quotes\" 'apostrophe' "
    "<b>not bold</b> \u200fשלום\u200f مرحبا 👩🏽\u200d⚖️ 😀"
)
# A word of it to search for.
KAZAKH_WORD = "Қазақстандағы"


def visible(text: str) -> str:
    """What a reader sees, for formats that keep only drawn glyphs (a PDF's text layer): no invisible format
    characters (right-to-left marks, joiners), no variation selectors, no spaces (extraction guesses them)."""
    return "".join(
        ch for ch in text
        if not ch.isspace() and unicodedata.category(ch) != "Cf" and not 0xFE00 <= ord(ch) <= 0xFE0F
    )
