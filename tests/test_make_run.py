"""What `make run` prints and where its links point (issue 16, item 11): a short summary at the end, the demo's
e-mails in a folder instead of the console, no kombu warning, and every link on the port it serves."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

from django.conf import settings

from participants.demo import DEMO_ACCOUNTS, DEMO_PASSWORD

BASE_DIR = Path(settings.BASE_DIR)
# Variables of the developer's or CI's environment that would change what make run does.
_CONTROLLED_PREFIXES = ("DJANGO_", "DATABASE_URL", "CELERY_", "EMAIL_URL", "CACHE_URL", "PYTEST_", "COV_CORE_",
                        "NOTIFICATIONS_", "MAKEFLAGS", "MFLAGS", "PORT", "HOST")


def _make(*args: str, **env: str) -> subprocess.CompletedProcess[str]:
    clean = {key: value for key, value in os.environ.items() if not key.startswith(_CONTROLLED_PREFIXES)}
    return subprocess.run(  # noqa: S603 - GNU make on our own Makefile
        ["make", "--no-print-directory", *args], cwd=BASE_DIR, env={**clean, **env},  # noqa: S607
        capture_output=True, text=True, timeout=600, check=False,
    )


def _commands(run: subprocess.CompletedProcess[str], program: str) -> list[str]:
    return [line for line in run.stdout.splitlines() if f"manage.py {program}" in line]


def test_make_run_on_another_port_points_the_portals_links_at_that_port() -> None:
    run = _make("-n", "run", "PORT=8011")

    assert run.returncode == 0, run.stderr
    assert _commands(run, "seed_demo") == [
        "DJANGO_SITE_URL='http://127.0.0.1:8011' .venv/bin/python manage.py seed_demo --email-dir 'tmp/demo-emails'"]
    assert _commands(run, "runserver") == [
        "DJANGO_SITE_URL='http://127.0.0.1:8011' .venv/bin/python manage.py runserver 127.0.0.1:8011"]


def test_a_site_url_set_explicitly_wins_over_host_and_port() -> None:
    run = _make("-n", "run", "PORT=8011", DJANGO_SITE_URL="https://portal.example.org")

    assert run.returncode == 0, run.stderr
    assert _commands(run, "runserver") == [
        "DJANGO_SITE_URL='https://portal.example.org' .venv/bin/python manage.py runserver 127.0.0.1:8011"]


def test_seeding_prints_a_short_summary_and_writes_the_emails_to_a_folder_with_links_on_the_port(
        tmp_path: Path) -> None:
    emails = tmp_path / "demo-emails"
    run = _make(
        "migrate", "seed", "PORT=8011", "MIGRATE_VERBOSITY=0", f"DEMO_EMAIL_DIR={emails}",
        DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite3'}",
        DJANGO_MEDIA_ROOT=str(tmp_path / "media"), DJANGO_PRIVATE_MEDIA_ROOT=str(tmp_path / "media-private"),
    )
    output = run.stdout + run.stderr

    assert run.returncode == 0, output
    assert len(output.splitlines()) < 30, output
    assert "kombu" not in output
    assert "WARNING" not in output
    assert "Subject:" not in output
    summary = output[output.index("Demo data is ready."):]
    assert "http://127.0.0.1:8011/en/accounts/sign-in/" in summary
    assert f"password {DEMO_PASSWORD}" in summary
    assert all(account.email in summary for account in DEMO_ACCOUNTS)
    written = "".join(path.read_text(encoding="utf-8") for path in emails.glob("*.log"))
    count = written.count("\n" + "-" * 79 + "\n")
    assert count >= 10
    assert f"{count} demo e-mail(s) written to {emails}/" in summary
    assert "http://127.0.0.1:8011/" in written
    assert "http://127.0.0.1:8000/" not in written
    # The open data bulk files carry each record's web_url, on the same address.
    bulk = "".join(path.read_text(encoding="utf-8", errors="replace") for path in (tmp_path / "media").rglob("*.csv"))
    assert "http://127.0.0.1:8011/" in bulk
