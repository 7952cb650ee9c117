"""UN references as people write them, checked against the tracker: "A/HRC/43/10 para 141.7", several paragraphs of
one document ("A/HRC/43/10 para 141.7, 141.8"), a whole document ("CEDAW/C/KAZ/CO/5") or a tracker number ("#12").

One parser for every form that takes references (a meeting's agenda items, an NGO's proposal), and one check that
tells which references the tracker knows, so a page never shows an unknown reference as if it existed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from django import forms
from django.db.models import Q
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from recommendations.models import Recommendation

# Words that may stand between a document symbol and its paragraph, in the portal's three languages.
PARAGRAPH_WORDS = frozenset({
    "para", "para.", "paragraph", "paras", "paras.", "paragraphs", "§",
    "п.", "пп.", "пункт", "пункты", "параграф", "тармақ", "тармағы", "тармақтар",
})

# The most entries one text may name: a longer list is cut, so a pasted report cannot make a huge query.
MAX_ENTRIES = 100


@dataclass(frozen=True)
class Entry:
    """One reference as typed: a tracker number ("id", "12", "#12") or a document with an optional paragraph
    ("ref", "A/HRC/43/10", "141.7")."""

    kind: str
    first: str
    second: str = ""

    @property
    def typed(self) -> str:
        if self.kind == "id":
            return f"#{self.first}"
        return f"{self.first} para {self.second}" if self.second else self.first


@dataclass
class Checked:
    """An entry with what the tracker holds for it: one recommendation, several (a whole document), or none."""

    entry: Entry
    matches: list[Recommendation] = field(default_factory=list)

    @property
    def known(self) -> bool:
        return bool(self.matches)

    @property
    def recommendation(self) -> Recommendation | None:
        return self.matches[0] if len(self.matches) == 1 else None


def parse(text: str, *, lenient: bool = False) -> tuple[list[Entry], list[str]]:
    """The references in `text` and the words not understood.

    Entries are separated by new lines, semicolons or commas; a paragraph number right after a document symbol
    belongs to it. With lenient=True (a free-text field) words that are not references are skipped, not returned.
    """
    entries: list[Entry] = []
    bad: list[str] = []
    for line in re.split(r"[\n;]+", text or ""):
        symbol, attached = "", False
        for token in (t for t in re.split(r"[\s,]+", line) if t):
            lower = token.lower()
            if token.startswith("#"):
                number = token[1:].rstrip(".:)")
                if number.isdigit() and int(number) > 0:
                    entries.append(Entry("id", number))
                elif not lenient:
                    bad.append(token)
            elif "/" in token and re.search(r"\d", token):  # a UN document symbol: A/HRC/43/10, CERD/C/KAZ/CO/8-9
                if symbol and not attached:
                    entries.append(Entry("ref", symbol))
                symbol, attached = token.strip("().:").upper(), False
            elif lower in PARAGRAPH_WORDS:
                if not symbol and not lenient:
                    bad.append(token)
            elif symbol and re.fullmatch(r"\d+(?:\.\d+)*(?:\([a-z]\)|[a-z])?\.?", lower):
                entries.append(Entry("ref", symbol, token.rstrip(".")))
                attached = True
            elif not symbol and token.isdigit() and int(token) > 0 and not lenient:
                entries.append(Entry("id", token))
            else:
                if symbol and not attached:
                    entries.append(Entry("ref", symbol))
                symbol, attached = "", False
                if not lenient:
                    bad.append(token)
        if symbol and not attached:
            entries.append(Entry("ref", symbol))
    unique = list(dict.fromkeys(entries))
    return unique[:MAX_ENTRIES], bad


def check(entries: list[Entry]) -> list[Checked]:
    """Each entry with the tracker's recommendations it names, in one query."""
    if not entries:
        return []
    ids = {int(e.first) for e in entries if e.kind == "id"}
    match = Q(pk__in=ids)
    for symbol in {e.first for e in entries if e.kind == "ref"}:
        match |= Q(document_symbol__iexact=symbol)
    rows = list(
        Recommendation.objects.filter(match).select_related("mechanism", "review", "source_organization")
        .order_by("document_symbol", "paragraph", "pk")
    )
    by_pk = {r.pk: r for r in rows}
    checked = []
    for entry in entries:
        if entry.kind == "id":
            hits = [by_pk[int(entry.first)]] if int(entry.first) in by_pk else []
        else:
            hits = [r for r in rows if r.document_symbol.lower() == entry.first.lower()
                    and (not entry.second or r.paragraph.lower() == entry.second.lower())]
        checked.append(Checked(entry, hits))
    return checked


def check_text(text: str) -> list[Checked]:
    """The references of a free-text field (an NGO's "related UN recommendations"), each checked."""
    entries, _bad = parse(text, lenient=True)
    return check(entries)


def unknown_message(unknown: list[Checked]) -> str:
    return _("Not in the recommendations tracker: %(values)s.") % {
        "values": ", ".join(c.entry.typed for c in unknown)
    }


class RecommendationReferencesField(forms.CharField):
    """Recommendations as the tracker shows them: "A/HRC/43/10 para 141.7" (document symbol, then the
    paragraph). Several paragraphs of one document: "A/HRC/43/10 para 141.7, 141.8"; entries are separated by
    new lines or semicolons. The tracker number ("#12") still works. Cleans to a list of Recommendation objects.
    Used by every form that links recommendations (a meeting's agenda items, a road map).
    """

    widget = forms.Textarea(attrs={"rows": 3})

    def __init__(self, **kwargs: object) -> None:
        kwargs.setdefault("required", False)
        kwargs.setdefault("max_length", 2000)
        kwargs.setdefault("label", gettext_lazy("Recommendations"))
        kwargs.setdefault("help_text", gettext_lazy(
            "As shown in the recommendations tracker, one per line: document symbol and paragraph, e.g. "
            "A/HRC/43/10 para 141.7. Several paragraphs of one document: A/HRC/43/10 para 141.7, 141.98. "
            "Tracker numbers such as #12 work too."
        ))
        super().__init__(**kwargs)  # type: ignore[arg-type]  # CharField's own keywords, passed through

    def prepare_value(self, value: object) -> object:
        if hasattr(value, "all"):  # the form's initial value: a related manager or a queryset
            return "\n".join(_reference_text(r) for r in value.all())
        if isinstance(value, (list, tuple)):
            return "\n".join(_reference_text(r) for r in value)
        return value

    def clean(self, value: object) -> list[Recommendation]:
        text = super().clean(value) or ""
        entries, bad = parse(text)
        errors: list[forms.ValidationError] = []
        if bad:
            errors.append(forms.ValidationError(
                _("Not understood: %(values)s. Write the document symbol and paragraph as the tracker shows them, "
                  "e.g. A/HRC/43/10 para 141.7, or a tracker number such as #12."),
                code="invalid", params={"values": ", ".join(bad)},
            ))
        found: list[Recommendation] = []
        unknown: list[str] = []
        for checked in check(entries):
            if not checked.known:
                unknown.append(checked.entry.typed)
            elif checked.recommendation is None:
                errors.append(forms.ValidationError(
                    _("%(value)s names %(count)d recommendations: add the paragraph (e.g. %(example)s) or use the "
                      "tracker number."),
                    code="ambiguous",
                    params={"value": checked.entry.typed, "count": len(checked.matches),
                            "example": _reference_text(checked.matches[0])},
                ))
            elif checked.recommendation not in found:
                found.append(checked.recommendation)
        if unknown:
            errors.append(forms.ValidationError(
                _("No recommendation in the tracker is %(values)s."), code="unknown",
                params={"values": ", ".join(unknown)},
            ))
        if errors:
            raise forms.ValidationError(errors)
        return found


def _reference_text(recommendation: Recommendation) -> str:
    """How the field writes a recommendation back: the tracker's reference, or its number when that is vague."""
    if recommendation.document_symbol and recommendation.paragraph:
        return f"{recommendation.document_symbol} para {recommendation.paragraph}"
    return f"#{recommendation.pk}"
