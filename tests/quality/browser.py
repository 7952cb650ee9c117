"""Small helpers for Playwright pages: layout, focus and CSP checks shared by the browser gates."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from playwright.sync_api import Page

LAYOUT_WIDTHS = (375, 1280)

_FOCUS_INDICATOR = """() => {
  const element = document.activeElement;
  if (!element || element === document.body) return null;
  const style = getComputedStyle(element);
  const outline = style.outlineStyle !== "none" && parseFloat(style.outlineWidth) > 0;
  const shadow = style.boxShadow && style.boxShadow !== "none";
  return {outline: outline, shadow: Boolean(shadow), tag: element.tagName.toLowerCase(),
          text: (element.innerText || element.value || element.getAttribute("aria-label") || "").trim().slice(0, 60),
          href: element.getAttribute("href"), id: element.id};
}"""


def horizontal_overflow(page: Page) -> int:
    """How many CSS pixels the page is wider than the window (0 when nothing scrolls sideways)."""
    return page.evaluate("() => document.documentElement.scrollWidth - window.innerWidth")


def broken_menu_labels(page: Page) -> list[str]:
    """Visible menu entries whose label wraps onto more than one line (squeezed mid-word or cramped)."""
    return page.evaluate("""() => [...document.querySelectorAll("header .nav-link")]
      .filter((link) => link.offsetParent !== null)
      .filter((link) => {
        const style = getComputedStyle(link);
        const line = parseFloat(style.lineHeight) || parseFloat(style.fontSize) * 1.5;
        const padding = parseFloat(style.paddingTop) + parseFloat(style.paddingBottom);
        return link.getBoundingClientRect().height - padding > line * 1.5;
      })
      .map((link) => link.innerText.trim())""")


def focused(page: Page) -> dict[str, object] | None:
    """The focused element and whether it shows a focus indicator (outline or box-shadow)."""
    return page.evaluate(_FOCUS_INDICATOR)


def focus_is_visible(page: Page) -> bool:
    info = focused(page)
    return bool(info and (info["outline"] or info["shadow"]))


def csp_violations(page: Page) -> list[str]:
    """What the browser refused under the page's Content-Security-Policy since it loaded."""
    return page.evaluate("() => window.__cspViolations || []")
