"""Content-Security-Policy checks: the policy header itself, and markup the policy would block.

The portal's policy forbids inline scripts and styles, so a template that adds `<script>` code,
an `onclick=` handler or a `style=` attribute works in no browser: inline_code() finds them in
rendered HTML before a user does.
"""

from __future__ import annotations

from html.parser import HTMLParser
from urllib.parse import urlparse

# Script types that browsers do not execute: data blocks, allowed inline.
_DATA_SCRIPT_TYPES = {"application/json", "application/ld+json", "text/template", "importmap-disabled"}


def parse_policy(header: str) -> dict[str, list[str]]:
    policy: dict[str, list[str]] = {}
    for directive in header.split(";"):
        parts = directive.split()
        if parts:
            policy.setdefault(parts[0].lower(), parts[1:])
    return policy


def policy_problems(header: str | None) -> list[str]:
    """What makes a Content-Security-Policy header too weak for the portal; empty when it is sound."""
    if not header:
        return ["no Content-Security-Policy header"]
    policy = parse_policy(header)
    problems = []
    script_src = policy.get("script-src", policy.get("default-src"))
    if script_src is None:
        problems.append("neither script-src nor default-src is set")
    else:
        for weak in ("'unsafe-inline'", "'unsafe-eval'", "*", "http:", "https:", "data:"):
            if weak in script_src:
                problems.append(f"script-src allows {weak}")
    style_src = policy.get("style-src", policy.get("default-src", []))
    if "'unsafe-inline'" in style_src:
        problems.append("style-src allows 'unsafe-inline'")
    if policy.get("frame-ancestors") not in (["'none'"], ["'self'"]):
        problems.append("frame-ancestors is not 'none' or 'self'")
    if policy.get("object-src", policy.get("default-src")) != ["'none'"]:
        problems.append("object-src is not 'none'")
    if "base-uri" not in policy:
        problems.append("base-uri is not restricted")
    return problems


class _InlineCodeFinder(HTMLParser):
    def __init__(self, host: str) -> None:
        super().__init__(convert_charrefs=True)
        self.host = host
        self.problems: list[str] = []
        self._in_script = False
        self._script_body: list[str] = []
        self._line = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        line = self.getpos()[0]
        values = {name: value or "" for name, value in attrs}
        for name, value in values.items():
            if name.startswith("on"):
                self.problems.append(f"line {line}: inline event handler {name}= on <{tag}>")
            if name == "style":
                self.problems.append(f"line {line}: inline style= attribute on <{tag}>")
            if name in ("href", "src", "action", "formaction") and value.strip().lower().startswith("javascript:"):
                self.problems.append(f"line {line}: javascript: URL in {name}= on <{tag}>")
        if tag == "style":
            self.problems.append(f"line {line}: inline <style> element")
        external = values.get("src") if tag == "script" else None
        if tag == "link" and "stylesheet" in values.get("rel", "").lower().split():
            external = values.get("href")
        if external and urlparse(external).netloc not in ("", self.host):
            self.problems.append(f"line {line}: <{tag}> loads {external} from another host (no CDN)")
        if tag == "script" and "src" not in values and values.get("type", "").lower() not in _DATA_SCRIPT_TYPES:
            self._in_script = True
            self._script_body = []
            self._line = line

    def handle_data(self, data: str) -> None:
        if self._in_script:
            self._script_body.append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "script" and self._in_script:
            self._in_script = False
            if "".join(self._script_body).strip():
                self.problems.append(f"line {self._line}: inline <script> code")


def inline_code(html: str, *, host: str = "testserver") -> list[str]:
    """Inline scripts, event handlers, styles and off-site assets in `html`, which the CSP would block."""
    finder = _InlineCodeFinder(host)
    finder.feed(html)
    finder.close()
    return finder.problems
