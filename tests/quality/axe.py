"""axe-core in a Playwright page: WCAG 2.2 A/AA rules, serious and critical findings block the build."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING
from urllib.parse import urljoin

from tests.quality.tools import AXE_JS

if TYPE_CHECKING:
    from playwright.sync_api import BrowserContext, Page

WCAG_TAGS = ("wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa")
BLOCKING_IMPACTS = frozenset({"serious", "critical"})
# The portal's CSP allows scripts from 'self' only, so axe is served as if it were one of the portal's
# own files: the browser context answers this path from node_modules, and the page keeps its real CSP.
AXE_ROUTE = "/__quality__/axe.min.js"

_RUN_AXE = """async (tags) => {
  const result = await axe.run(document, {runOnly: {type: "tag", values: tags}, resultTypes: ["violations"]});
  return result.violations.map((v) => ({
    rule: v.id, impact: v.impact || "", help: v.help,
    targets: v.nodes.map((n) => n.target.join(" ")),
  }));
}"""


@dataclass(frozen=True)
class Violation:
    rule: str
    impact: str
    help: str
    targets: tuple[str, ...]

    @property
    def blocking(self) -> bool:
        return self.impact in BLOCKING_IMPACTS

    def describe(self) -> str:
        shown = ", ".join(self.targets[:5]) + (f" (+{len(self.targets) - 5} more)" if len(self.targets) > 5 else "")
        return f"{self.rule} [{self.impact}] {self.help}: {shown}"


def serve_axe(context: BrowserContext) -> None:
    """Let pages of this context load axe from their own origin (see AXE_ROUTE)."""
    script = AXE_JS.read_bytes()
    context.route(
        f"**{AXE_ROUTE}",
        lambda route: route.fulfill(status=200, body=script, content_type="application/javascript"),
    )


def run_axe(page: Page) -> list[Violation]:
    """Every WCAG 2.2 A/AA violation axe finds on the page as it is now."""
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        if page.url.startswith("http"):
            page.add_script_tag(url=urljoin(page.url, AXE_ROUTE))
        else:
            # A document set with page.set_content has no CSP and no origin to serve from.
            page.add_script_tag(path=str(AXE_JS))
    found = page.evaluate(_RUN_AXE, list(WCAG_TAGS))
    return [Violation(rule=v["rule"], impact=v["impact"], help=v["help"], targets=tuple(v["targets"])) for v in found]


# Findings in Django's own admin (django.contrib.admin 5.2 and its JavaScript), accepted on
# /<lang>/admin/ pages only, with the cause. Every finding on the portal's own pages blocks.
KNOWN_ADMIN_VIOLATIONS = {
    "target-size": "the admin change list's filter sidebar links are under 24 px high",
    "link-in-text-block": "the admin breadcrumbs' links differ from their text by colour only",
}
# The admin's bundled JavaScript inserts a <style> element on some change forms; the CSP blocks it
# and the form still works (checked in the browser: widgets render and save).
KNOWN_ADMIN_CSP = ("style-src-elem blocked inline",)


def blocking(violations: list[Violation], url: str = "") -> list[Violation]:
    """The violations that fail the build on the page at `url`."""
    admin = "/admin/" in url
    return [v for v in violations if v.blocking and not (admin and v.rule in KNOWN_ADMIN_VIOLATIONS)]


def blocking_csp(violations: list[str], url: str = "") -> list[str]:
    admin = "/admin/" in url
    return [v for v in violations if not (admin and v.startswith(KNOWN_ADMIN_CSP))]
