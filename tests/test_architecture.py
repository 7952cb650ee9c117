"""The one-way import rule between our apps (STYLE.md section 0), checked on the source itself.

A later app may import an earlier one, never the reverse, so each app can be read and tested without
the ones above it. Apps not yet created are simply absent from the walk.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

# Lowest first. core holds what every app shares and imports none of them; notifications sits right above
# participants because every app sends through it; submissions sits above meetings because an accepted proposal
# becomes an agenda item. dialogue_platform wires them together (settings, urls, celery, seed_demo): it is the top,
# and nothing but its own modules, manage.py and the settings wiring may name it.
APP_ORDER = [
    "core", "participants", "notifications", "recommendations", "meetings", "submissions", "reports", "api",
    "dialogue_platform",
]


def _imported_apps(path: Path) -> set[tuple[str, int]]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    found: set[tuple[str, int]] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names = [node.module]
        else:
            continue
        for name in names:
            top = name.split(".", 1)[0]
            if top in APP_ORDER:
                found.add((top, node.lineno))
    return found


def _app_sources(app: str) -> list[Path]:
    return sorted(p for p in (ROOT / app).rglob("*.py") if "migrations" not in p.parts)


def _violations(app: str) -> list[str]:
    rank = APP_ORDER.index(app)
    bad = []
    for path in _app_sources(app):
        for other, line in sorted(_imported_apps(path)):
            if APP_ORDER.index(other) > rank:
                bad.append(f"{path.relative_to(ROOT)}:{line} imports {other}")
    return bad


@pytest.mark.parametrize("app", [app for app in APP_ORDER if (ROOT / app).is_dir()])
def test_app_imports_only_apps_below_it(app):
    assert _violations(app) == []


def test_the_checker_sees_an_upward_import(tmp_path, monkeypatch):
    """Guard the guard: a participants module importing meetings must be reported."""
    package = tmp_path / "participants"
    package.mkdir()
    (package / "bad.py").write_text("from meetings.models import Meeting\nimport participants.models\n")
    monkeypatch.setattr(f"{__name__}.ROOT", tmp_path)
    assert _violations("participants") == ["participants/bad.py:1 imports meetings"]


def test_every_app_of_ours_is_ranked():
    from django.conf import settings

    ours = [app for app in settings.INSTALLED_APPS if (ROOT / app / "apps.py").exists()]
    assert [app for app in ours if app not in APP_ORDER] == []
    # INSTALLED_APPS lists them in the same order, so reading settings tells the rule too.
    assert ours == [app for app in APP_ORDER if app in ours]
