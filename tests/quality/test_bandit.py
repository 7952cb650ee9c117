"""bandit over the portal's code: no medium or high finding without a written reason.

An accepted finding carries `# nosec BXXX: why it is safe` on its line. bandit runs here with
--ignore-nosec, so every finding is seen and a bare `# nosec` (no test id, no reason) fails too.
"""

from __future__ import annotations

import json
import re
import subprocess  # nosec B404: runs bandit from this virtualenv on our own sources
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PACKAGES = ["core", "dialogue_platform", "participants", "recommendations", "meetings", "reports"]
BLOCKING_SEVERITIES = {"MEDIUM", "HIGH"}

# Findings reviewed and accepted where the owner explained them in a ruff `noqa` comment instead of
# `# nosec`: (file, bandit test id, the exact statement) -> why it is safe. If the statement changes,
# the acceptance lapses and the finding has to be reviewed again. Prefer `# nosec BXXX: reason`.
ACCEPTED: dict[tuple[str, str, str], str] = {
    (
        "recommendations/filters.py",
        test_id,
        'return mark_safe(f"<select{flatatt(final)}>{options}</select>")',
    ): "every option key and label goes through escape(), and flatatt() escapes the attributes"
    for test_id in ("B308", "B703")
}


def _bandit(*paths: str) -> dict:
    completed = subprocess.run(  # noqa: S603  # nosec B603: fixed argv, our own directories
        [sys.executable, "-m", "bandit", "-r", *paths, "--ignore-nosec", "-f", "json", "-q"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    return json.loads(completed.stdout)


def explained(source_line: str, test_id: str) -> bool:
    """True when the line says `# nosec <test_id>: <reason of three words or more>`."""
    match = re.search(r"#\s*nosec\b([^#]*)", source_line)
    if not match or test_id not in match.group(1):
        return False
    reason = match.group(1).split(":", 1)[1] if ":" in match.group(1) else ""
    return len(reason.split()) >= 3


def unexplained_findings(report: dict) -> list[str]:
    problems = []
    for result in report["results"]:
        if result["issue_severity"] not in BLOCKING_SEVERITIES:
            continue
        path = ROOT / result["filename"]
        line = path.read_text(encoding="utf-8").splitlines()[result["line_number"] - 1]
        key = (str(path.relative_to(ROOT)) if path.is_relative_to(ROOT) else str(path), result["test_id"])
        if any(key == accepted[:2] and accepted[2] in line for accepted in ACCEPTED):
            continue
        if not explained(line, result["test_id"]):
            problems.append(
                f"{result['filename']}:{result['line_number']}: {result['test_id']} "
                f"[{result['issue_severity']}/{result['issue_confidence']}] {result['issue_text']}"
            )
    return problems


def test_bandit_finds_no_unexplained_medium_or_high_issue() -> None:
    report = _bandit(*[name for name in PACKAGES if (ROOT / name).is_dir()])
    assert report["errors"] == [], report["errors"]
    assert report["metrics"]["_totals"]["loc"] > 500, "bandit scanned (almost) nothing"
    problems = unexplained_findings(report)
    assert not problems, (
        "bandit findings without a reason; fix them, or add `# nosec BXXX: why it is safe` on the line:\n"
        + "\n".join(problems)
    )


def test_bandit_gate_fails_on_an_unexplained_finding_and_accepts_an_explained_one(tmp_path: Path) -> None:
    sample = tmp_path / "sample"
    sample.mkdir()
    (sample / "risky.py").write_text(
        "import subprocess\n"
        "def run(command):\n"
        "    return subprocess.call(command, shell=True)\n"
        "def run_checked(command):\n"
        "    return subprocess.call(command, shell=True)  # nosec B602: the caller passes a constant command\n"
        "def run_bare(command):\n"
        "    return subprocess.call(command, shell=True)  # nosec\n"
    )
    report = _bandit(str(sample))
    problems = unexplained_findings(report)
    lines = sorted(int(problem.split(":")[1]) for problem in problems)
    assert lines == [3, 7], problems


def test_nosec_needs_the_test_id_and_a_reason() -> None:
    assert explained("x = 1  # nosec B105: demo password, only with DEBUG on", "B105")
    assert not explained("x = 1  # nosec", "B105")
    assert not explained("x = 1  # nosec B105", "B105")
    assert not explained("x = 1  # nosec B603: fixed argv only", "B105")
