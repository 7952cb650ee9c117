"""The Nu HTML Checker (vnu.jar) over saved pages, in one Java run for all of them."""

from __future__ import annotations

import json
import re
import subprocess  # nosec B404: runs the pinned vnu.jar from node_modules, no shell, no user input
from dataclasses import dataclass
from pathlib import Path

from tests.quality.tools import VNU_JAR, java_path

# Conformance errors in the markup of Django's own admin (django.contrib.admin 5.2), accepted on
# /<lang>/admin/ pages only, each with its cause. Everything else on admin pages, and every error
# on the portal's own pages, fails the gate. Review this list when Django is upgraded.
DJANGO_ADMIN_KNOWN_ERRORS = {
    # AutocompleteSelect renders lang="{{ select2 language }}", which is None for Kazakh (select2 ships
    # no kk translation), and an empty required <select> that select2 fills by AJAX.
    "Bad value “None” for attribute “lang” on element “select”": "admin autocomplete widget, no select2 kk locale",
    "must have a descendant “option” element": "admin autocomplete widget fills options by AJAX",
    "The first “option” element in a “select” element with a “required” attribute": "admin autocomplete widget",
    "Element “option” without attribute “label” must not be empty": "admin autocomplete widget's empty choice",
    # ReadOnlyPasswordHashWidget renders <div disabled> on the user change form.
    "Attribute “disabled” not allowed on element “div”": "admin read-only password hash widget",
    # The admin password form wraps the validators' <ul> help text in a <p>.
    "No “p” element in scope but a “p” end tag seen": "admin password form help text",
}
# Django's Russian catalogue translates "Change selected %(model)s" (and Add/Delete/View) with double
# quotes around the model name, and admin/widgets/related_widget_wrapper.html prints it raw inside
# title="...". A template override cannot fix it while FORM_RENDERER is Django's default (widget
# templates are not looked up in templates/). Accepted only on that link's markup.
_RELATED_WIDGET_MESSAGES = ('Quote “"” in attribute name', "No space between attributes", "not allowed on element “a”")
_RELATED_WIDGET_EXTRACTS = ("related-widget-wrapper-link", '""><img', '"><img')


# Errors found by this gate in other apps' pages when it was introduced, tolerated until their
# owners fix them: (URL regex, message substring, owner and cause). Each is printed in the
# terminal summary, and an entry that no longer matches anything is reported so it gets removed.
KNOWN_PAGE_ERRORS: list[tuple[str, str, str]] = []


def known_page_error(message: str, url: str) -> str | None:
    """The baseline entry (its owner and cause) that tolerates this error, if any."""
    for pattern, known, reason in KNOWN_PAGE_ERRORS:
        if known in message and re.search(pattern, url.split(" as ")[0].split("?")[0]):
            return reason
    return None


def is_known_admin_error(message: str, url: str, extract: str = "") -> bool:
    if "/admin/" not in url:
        return False
    if any(known in message for known in DJANGO_ADMIN_KNOWN_ERRORS):
        return True
    return any(m in message for m in _RELATED_WIDGET_MESSAGES) and any(e in extract for e in _RELATED_WIDGET_EXTRACTS)


@dataclass(frozen=True)
class HtmlError:
    file: str
    line: int
    message: str
    extract: str

    def describe(self) -> str:
        return f"{self.file}:{self.line}: {self.message} [{self.extract.strip()[:120]}]"


def validate(paths: list[Path]) -> list[HtmlError]:
    """Errors (not warnings) in each file; an empty list means every document is valid HTML."""
    if not paths:
        return []
    java = java_path()
    if java is None:
        raise RuntimeError("java is not on PATH; run .ci/install-quality-tools")
    completed = subprocess.run(  # noqa: S603  # nosec B603: fixed argv: the checker and files we wrote
        [java, "-Xss8m", "-jar", str(VNU_JAR), "--errors-only", "--format", "json", *map(str, paths)],
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    # vnu prints its JSON report on stderr and exits 1 when it found errors.
    try:
        report = json.loads(completed.stderr or "{}")
    except json.JSONDecodeError as error:
        raise RuntimeError(f"vnu.jar did not print a JSON report: {completed.stderr[:2000]}") from error
    errors = []
    for message in report.get("messages", []):
        if message.get("type") not in ("error", "non-document-error"):
            continue
        url = message.get("url", "")
        errors.append(
            HtmlError(
                file=url.removeprefix("file:").rsplit("/", 1)[-1],
                line=int(message.get("lastLine", 0)),
                message=message.get("message", ""),
                extract=message.get("extract", ""),
            )
        )
    return errors


def summarize(errors: list[HtmlError], names: dict[str, str] | None = None, examples: int = 3) -> str:
    """One line per distinct message with its count, then a few pages (by URL when `names` maps files)."""
    names = names or {}
    grouped: dict[str, list[HtmlError]] = {}
    for error in errors:
        grouped.setdefault(error.message, []).append(error)
    lines = []
    for message, group in sorted(grouped.items(), key=lambda item: -len(item[1])):
        lines.append(f"{len(group)}x {message}")
        for error in group[:examples]:
            where = names.get(error.file, error.file)
            lines.append(f"    {where} line {error.line}: {' '.join(error.extract.split())[:120]}")
    return "\n".join(lines)
