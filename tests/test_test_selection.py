"""The root conftest leaves out what a machine cannot run, says so, and never does it in CI.

Each test runs pytest in a subprocess on a machine made to lack Chromium (QUALITY_CHROMIUM points nowhere), on
SQLite, with a browser test and a quick test that needs nothing.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from django.conf import settings

BASE_DIR = Path(settings.BASE_DIR)
BROWSER_TEST = "tests/participants/test_browser_journeys.py"
PLAIN_TEST = "tests/test_requirements.py::test_the_runtime_set_holds_no_test_or_tooling_package"


def _pytest(*args: str, ci: bool) -> subprocess.CompletedProcess[str]:
    env = {
        name: value
        for name, value in os.environ.items()
        # The child uses its own in-memory SQLite database, never the test database of this run, and its own workers.
        if not name.startswith(("PYTEST_", "DATABASE_URL", "CELERY_", "COV_CORE_")) and name != "CI"
    }
    env["QUALITY_CHROMIUM"] = "/nonexistent/chromium"
    if ci:
        env["CI"] = "true"
    return subprocess.run(  # noqa: S603 - our own pytest, arguments from this module
        [sys.executable, "-m", "pytest", "-p", "no:cacheprovider", "--no-cov", *args],
        cwd=BASE_DIR, env=env, capture_output=True, text=True, timeout=300, check=False,
    )


def test_without_chromium_one_folders_browser_tests_are_deselected_and_named() -> None:
    run = _pytest(BROWSER_TEST, PLAIN_TEST, ci=False)

    assert run.returncode == 0, run.stdout + run.stderr
    assert "1 passed" in run.stdout
    assert "deselected" in run.stdout
    assert "tests NOT run on this machine (deselected)" in run.stdout
    assert "quality gate 'browser journeys': missing chromium (/nonexistent/chromium" in run.stdout
    assert f"    {BROWSER_TEST} (" in run.stdout


def test_under_xdist_the_controller_still_names_what_was_deselected() -> None:
    run = _pytest("-n", "2", BROWSER_TEST, PLAIN_TEST, ci=False)

    assert run.returncode == 0, run.stdout + run.stderr
    assert "1 passed" in run.stdout
    assert "quality gate 'browser journeys': missing chromium" in run.stdout
    assert f"    {BROWSER_TEST} (" in run.stdout


def test_in_ci_a_missing_chromium_fails_the_browser_tests_instead() -> None:
    run = _pytest(BROWSER_TEST, ci=True)

    assert run.returncode == 1, run.stdout + run.stderr
    assert "deselected" not in run.stdout
    assert "quality gate 'browser journeys' cannot run in CI: missing chromium" in run.stdout
