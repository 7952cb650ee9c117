"""Submitting a page's form as a browser would: what the rendered HTML holds, not what a test guesses.

`form_data(html, has="version")` reads the first <form> holding a field named `has` and returns what a browser
posts for it unchanged: inputs with their values (checkboxes and radios only when checked; no buttons or files),
the selected options of each select (the first option of a single select when none is marked), textareas with
their text. Pass the result, changed as needed, to the test client's post().
"""

from __future__ import annotations

from html.parser import HTMLParser


class _Forms(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.forms: list[list[tuple[str, str]]] = []
        self._form: list[tuple[str, str]] | None = None
        self._select: tuple[str, bool] | None = None
        self._options: list[tuple[str, bool]] = []
        self._option: dict[str, object] | None = None
        self._textarea: str | None = None
        self._text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attr = {k: (v if v is not None else "") for k, v in attrs}
        if tag == "form":
            self._form = []
            self.forms.append(self._form)
        if self._form is None:
            return
        name = attr.get("name", "")
        if tag == "input" and name and "disabled" not in attr:
            kind = attr.get("type", "text").lower()
            if kind in ("submit", "button", "image", "reset", "file"):
                return
            if kind in ("checkbox", "radio") and "checked" not in attr:
                return
            self._form.append((name, attr.get("value", "on" if kind in ("checkbox", "radio") else "")))
        elif tag == "select" and name and "disabled" not in attr:
            self._select = (name, "multiple" in attr)
            self._options = []
        elif tag == "option" and self._select is not None:
            self._option = {"value": attr.get("value"), "selected": "selected" in attr, "text": []}
        elif tag == "textarea" and name and "disabled" not in attr:
            self._textarea, self._text = name, []

    def handle_data(self, data: str) -> None:
        if self._option is not None:
            self._option["text"].append(data)  # type: ignore[attr-defined]  # the list handle_starttag put there
        if self._textarea is not None:
            self._text.append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "option" and self._option is not None:
            value = self._option["value"]
            if value is None:
                value = "".join(self._option["text"]).strip()  # type: ignore[arg-type]
            self._options.append((str(value), bool(self._option["selected"])))
            self._option = None
        elif tag == "select" and self._select is not None and self._form is not None:
            name, multiple = self._select
            chosen = [value for value, selected in self._options if selected]
            if not chosen and not multiple and self._options:
                chosen = [self._options[0][0]]
            self._form.extend((name, value) for value in chosen)
            self._select = None
        elif tag == "textarea" and self._textarea is not None and self._form is not None:
            text = "".join(self._text)
            # A browser drops the newline that opens a textarea's content (Django writes one).
            self._form.append((self._textarea, text[1:] if text.startswith("\n") else text))
            self._textarea = None
        elif tag == "form":
            self._form = None


def form_data(html: str | bytes, *, has: str = "version") -> dict[str, list[str]]:
    parser = _Forms()
    parser.feed(html.decode() if isinstance(html, bytes) else html)
    for fields in parser.forms:
        if any(name == has for name, _value in fields):
            data: dict[str, list[str]] = {}
            for name, value in fields:
                data.setdefault(name, []).append(value)
            return data
    raise AssertionError(f"no form with a field named {has!r} on the page")
