"""Texts of submissions: editing stored HTML as plain text, and comparing texts for duplicates."""

from __future__ import annotations

import re
import unicodedata
from html import unescape

from core import richtext

DUPLICATE_RATIO = 0.9


def html_to_text(html: str) -> str:
    """For editing in a plain text area: paragraphs and line breaks back to new lines when that is all there is."""
    if re.search(r"<(?!/?(?:p|br)\b)[a-z]", html or "", re.IGNORECASE):
        return html
    text = re.sub(r"\s*</p>\s*<p>\s*", "\n\n", html or "")
    text = re.sub(r"<br\s*/?>", "\n", text)
    return unescape(re.sub(r"</?p>", "", text)).strip()


def normalize_for_comparison(text: str) -> str:
    """Lower-case words only: markup, punctuation, accents and spacing do not make a text new."""
    plain = richtext.plain_text(text)
    plain = unicodedata.normalize("NFKC", plain).casefold()
    return " ".join(re.findall(r"\w+", plain))
