"""Full-text search in the reader's language (issue 15, item 4), shared by the tracker and the minutes archive.

On PostgreSQL every searchable model keeps one stored tsvector per language (`search_kk`, `search_ru`,
`search_en`), GIN-indexed and filled by a trigger from the text in that language (or, where it has none, the text
the reader is shown instead), each with its own text-search configuration:

- ru: `russian` (Snowball stemming; its parser sends Latin words to the English stemmer, so an English fallback
  text is stemmed too);
- kk: `simple` (PostgreSQL has no Kazakh stemmer; words are matched whole, Kazakh letters intact);
- en: `english`.

The triggers lower-case the text with an ICU collation before parsing, and queries are lower-cased in Python:
a database created with the C locale (ours, and CI's `initdb --no-locale`) would otherwise leave Cyrillic and
Kazakh capitals as they are, and `Пыток` would not match `пыток`.

A query follows web-search syntax (words, "quoted phrases", -exclusions, or); words are ANDed wherever they are.
Russian Snowball keeps the fleeting vowel of the genitive plural (`пытки` -> `пытк`, but `пыток` -> `пыток`), so
each Russian lexeme is ORed with its fleeting-vowel twin (see `_fleeting_vowel_twins`).

On SQLite (development and the default test database) every word must appear (icontains, ANDed), and the snippet
is cut and highlighted in Python (`highlight`), which escapes the text first.
"""

from __future__ import annotations

import html
import re
from functools import lru_cache
from typing import TYPE_CHECKING, Any, TypedDict

from django.contrib.postgres.search import SearchQuery
from django.db import connection
from django.utils.html import strip_tags
from django.utils.safestring import SafeString, mark_safe

from core.multilingual import active_language, languages

if TYPE_CHECKING:
    from django.db.backends.base.base import BaseDatabaseWrapper
    from django.db.models.sql.compiler import SQLCompiler

CONFIGS = {"kk": "simple", "ru": "russian", "en": "english"}
# Private-use characters around matches in ts_headline's output: the snippet is HTML-escaped after the headline
# is built, and only then are these turned into <mark> elements.
START, STOP = "\ue000", "\ue001"


class HeadlineOptions(TypedDict):
    """SearchHeadline's keyword arguments, so that `SearchHeadline(..., **PASSAGE)` is checked."""

    start_sel: str
    stop_sel: str
    max_words: int
    min_words: int
    max_fragments: int
    fragment_delimiter: str


# ts_headline for a passage of long text (minutes): up to two fragments of about 30 words.
PASSAGE: HeadlineOptions = {"start_sel": START, "stop_sel": STOP, "max_words": 30, "min_words": 12, "max_fragments": 2,
           "fragment_delimiter": " … "}
SNIPPET_WORDS = 30


def search_language(language: str | None = None) -> str:
    language = (language or active_language())[:2]
    return language if language in languages() and language in CONFIGS else "en"


def config_for(language: str | None = None) -> str:
    return CONFIGS[search_language(language)]


def vector_field(language: str | None = None) -> str:
    return f"search_{search_language(language)}"


def vector_fields() -> list[str]:
    return [f"search_{code}" for code in CONFIGS]


def case_forms(word: str) -> list[str]:
    """A lower-cased word as it may be written: SQLite's LIKE folds only ASCII letters, so "қазақстандағы" would not
    find "Қазақстандағы" there. Lower, capitalised and upper case cover words as sentences and headings write them."""
    return list(dict.fromkeys([word, word.capitalize(), word.upper()]))


def normalise(query: str) -> str:
    # Python lower-cases every script (ә, Ғ, І...); the database's C locale would not.
    return " ".join(query.lower().split())


def words(query: str) -> list[str]:
    """The words of a query, for the SQLite fallback and the Python highlighter (syntax characters dropped)."""
    found = []
    for word in normalise(query).split():
        word = word.strip("\"'()-+.,;:!?«»")
        if word and word not in ("or", "and") and word not in found:
            found.append(word)
    return found


class RawTsQuery(SearchQuery):
    """A tsquery already in lexemes (from `tsquery`), cast as is: to_tsquery would parse the lexemes again."""

    def __init__(self, raw: str) -> None:
        super().__init__(raw, config="simple", search_type="raw")
        self.raw = raw

    # The parameters are a list, as Django's own expressions return them (the @@ lookup adds them to the column's
    # list); django-stubs declares a tuple.
    def as_sql(  # type: ignore[override]  # a list of parameters, as in Django (above)
        self, compiler: SQLCompiler, connection: BaseDatabaseWrapper, function: str | None = None,
        template: str | None = None, arg_joiner: str | None = None, **extra_context: Any,
    ) -> tuple[str, list[Any]]:
        return "%s::tsquery", [self.raw]


_LEXEME = re.compile(r"'((?:[^']|'')+)'")
_VOWELS = set("аеёиоуыэюя")


def _is_consonant(char: str) -> bool:
    return "а" <= char <= "я" and char not in _VOWELS and char not in "йьъ"


def _fleeting_vowel_twins(lexeme: str) -> list[str]:
    """Russian nouns lose or gain a vowel before their last consonant (пытка, пытки -> пытк; пыток): the Snowball
    stem of one form is not that of the other, so a query word also matches its twin. A twin that is no word
    matches nothing."""
    if len(lexeme) < 4 or not all("а" <= c <= "я" or c == "ё" for c in lexeme):
        return []
    a, b, c = lexeme[-3], lexeme[-2], lexeme[-1]
    if _is_consonant(b) and _is_consonant(c):
        return [lexeme[:-1] + "о" + c, lexeme[:-1] + "е" + c]
    if _is_consonant(a) and b in "оеё" and _is_consonant(c) and len(lexeme) >= 5:
        return [lexeme[:-2] + c]
    return []


def _with_twins(raw: str) -> str:
    def replace(match: re.Match[str]) -> str:
        lexeme = match.group(1).replace("''", "'")
        twins = _fleeting_vowel_twins(lexeme)
        if not twins:
            return match.group(0)
        return "(" + " | ".join("'" + t.replace("'", "''") + "'" for t in [lexeme, *twins]) + ")"

    return _LEXEME.sub(replace, raw)


def tsquery(query: str, language: str | None = None) -> RawTsQuery | None:
    """The PostgreSQL query for `query` in `language`, or None when it has no searchable word (only stop words).

    One small query parses it with the language's configuration (websearch_to_tsquery); the result is then used
    as a constant, so the GIN index on the stored vector serves the search.
    """
    language = search_language(language)
    text = normalise(query)
    if not text:
        return None
    raw = _parsed(text, language)
    return RawTsQuery(raw) if raw else None


@lru_cache(maxsize=512)
def _parsed(text: str, language: str) -> str:
    # A pure function of the text and PostgreSQL's configuration: the tracker's filter, order and snippets parse
    # the same query, and a crowd repeats the popular ones.
    with connection.cursor() as cursor:
        cursor.execute("SELECT websearch_to_tsquery(%s::regconfig, %s)::text", [CONFIGS[language], text])
        raw: str = cursor.fetchone()[0]
    if raw and language == "ru":
        raw = _with_twins(raw)
    return raw


def headline_query(query: RawTsQuery) -> RawTsQuery:
    """`query` for ts_headline, each non-ASCII lexeme also Capitalised and in CAPITALS.

    The vectors are lower-cased with ICU (the migrations), but ts_headline parses the original text, and under the
    C locale PostgreSQL lower-cases only ASCII: `Әйелдердің` at the start of a sentence would not be marked. On a
    database with a UTF-8 locale the extra forms never match and change nothing.
    """
    def replace(match: re.Match[str]) -> str:
        lexeme = match.group(1).replace("''", "'")
        if lexeme.isascii():
            return match.group(0)
        forms = list(dict.fromkeys([lexeme, lexeme.capitalize(), lexeme.upper()]))
        return "(" + " | ".join("'" + f.replace("'", "''") + "'" for f in forms) + ")"

    return RawTsQuery(_LEXEME.sub(replace, query.raw))


def marked(headline: str | None, *, rich: bool = False) -> SafeString:
    """ts_headline's output (START/STOP around matches) as escaped HTML with <mark> elements. `rich`: the
    headline was cut from rich text with its tags removed, so its entities (&amp;) are decoded first."""
    text = headline or ""
    text = html.escape(html.unescape(text) if rich else text, quote=False)
    return mark_safe(text.replace(START, "<mark>").replace(STOP, "</mark>"))  # noqa: S308  # nosec B308 B703: the text is escaped above


def plain_text(value: str) -> str:
    """Rich text (minutes) as the words a reader sees: tags out, entities decoded, spaces collapsed."""
    return " ".join(html.unescape(strip_tags(value or "")).split())


def highlight(text: str, query_words: list[str], *, size: int = SNIPPET_WORDS, rich: bool = False) -> SafeString:
    """A snippet of `text` (rich text: its words, tags out) around the first matching word, escaped, with every
    match marked: SQLite's twin of ts_headline."""
    text = plain_text(text) if rich else " ".join((text or "").split())
    if not text:
        return mark_safe("")  # noqa: S308  # nosec B308: an empty constant string
    tokens = text.split(" ")
    lowered = [t.lower() for t in tokens]
    first = next((i for i, t in enumerate(lowered) if any(w in t for w in query_words)), 0)
    start = max(0, first - size // 3)
    window = tokens[start:start + size]
    pattern = re.compile("|".join(re.escape(w) for w in sorted(query_words, key=len, reverse=True)), re.IGNORECASE) \
        if query_words else None
    parts = []
    for token in window:
        if pattern is None:
            parts.append(html.escape(token, quote=False))
            continue
        pieces, last = [], 0
        for match in pattern.finditer(token):
            pieces.append(html.escape(token[last:match.start()], quote=False))
            pieces.append("<mark>" + html.escape(match.group(0), quote=False) + "</mark>")
            last = match.end()
        pieces.append(html.escape(token[last:], quote=False))
        parts.append("".join(pieces))
    snippet = " ".join(parts)
    if start > 0:
        snippet = "… " + snippet
    if start + size < len(tokens):
        snippet += " …"
    return mark_safe(snippet)  # noqa: S308  # nosec B308 B703: every piece escaped above
