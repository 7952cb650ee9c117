"""Where the quality gates find their external tools, and whether each one is present.

.ci/install-quality-tools installs all of them; docs/quality.md says which gate needs which.
"""

from __future__ import annotations

import os
import shutil
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

CHROMIUM = Path(os.environ.get("QUALITY_CHROMIUM", "/usr/bin/chromium"))
# Flags for Debian's Chromium on a machine with no network but loopback and no display; without the
# background-networking ones Chromium keeps dialling Google hosts and logs refused connections.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
AXE_JS = ROOT / "node_modules" / "axe-core" / "axe.min.js"
VNU_JAR = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"


@dataclass(frozen=True)
class Tool:
    name: str
    hint: str

    def missing(self) -> bool:
        return not _PRESENT[self.name]()


def _playwright_present() -> bool:
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return False
    return True


def java_path() -> str | None:
    return shutil.which("java")


_PRESENT = {
    "chromium": lambda: CHROMIUM.is_file() and os.access(CHROMIUM, os.X_OK),
    "playwright": _playwright_present,
    "axe-core": AXE_JS.is_file,
    "java": lambda: java_path() is not None,
    "vnu-jar": VNU_JAR.is_file,
}

TOOLS = {
    "chromium": Tool("chromium", f"{CHROMIUM} (Debian package chromium)"),
    "playwright": Tool("playwright", "the Python package playwright (requirements-dev.txt)"),
    "axe-core": Tool("axe-core", f"{AXE_JS.relative_to(ROOT)} (npm ci)"),
    "java": Tool("java", "java on PATH (Debian package default-jre-headless)"),
    "vnu-jar": Tool("vnu-jar", f"{VNU_JAR.relative_to(ROOT)} (npm ci)"),
}

# Each gate and the tools it cannot run without. The crawler, security headers and bandit gates need
# nothing beyond requirements-dev.txt, so they always run.
GATES: dict[str, tuple[str, ...]] = {
    "browser journeys": ("playwright", "chromium"),
    "keyboard navigation": ("playwright", "chromium"),
    "accessibility (axe-core)": ("playwright", "chromium", "axe-core"),
    "valid HTML (Nu HTML Checker)": ("java", "vnu-jar"),
}


def missing_tools(gate: str) -> list[Tool]:
    return [TOOLS[name] for name in GATES[gate] if TOOLS[name].missing()]
