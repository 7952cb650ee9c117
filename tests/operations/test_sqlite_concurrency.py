"""Two simultaneous posts of one form on SQLite: both requests end normally, one record is written.

The transactions run on a file database through Django's own SQLite backend with the OPTIONS of settings.py (the
test database is in memory, where SQLite locks differently). Each does what a form post does: read whether the
record exists, then write it; the other arrives while the first is between its read and its write.
"""

from __future__ import annotations

import threading
import time
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.db import OperationalError, connections, transaction
from pytest_django import DjangoDbBlocker

ALIAS = "sqlite_concurrency"


def _post_once(key: str, start: threading.Barrier, errors: list[BaseException]) -> None:
    try:
        start.wait(timeout=10)
        with transaction.atomic(using=ALIAS), connections[ALIAS].cursor() as cursor:
            cursor.execute("SELECT COUNT(*) FROM submission WHERE form_token = %s", [key])
            exists = cursor.fetchone()[0]
            time.sleep(0.3)  # the other request arrives now
            if not exists:
                cursor.execute("INSERT INTO submission (form_token) VALUES (%s)", [key])
    except BaseException as exc:  # noqa: BLE001 - reported by the test
        errors.append(exc)
    finally:
        connections[ALIAS].close()


def _two_simultaneous_posts(path: Path, options: dict) -> tuple[list[BaseException], int]:
    connections.settings[ALIAS] = {
        **connections.settings["default"], "ENGINE": "django.db.backends.sqlite3", "NAME": str(path),
        "OPTIONS": options, "TEST": {}}
    try:
        with connections[ALIAS].cursor() as cursor:
            cursor.execute("CREATE TABLE submission (id INTEGER PRIMARY KEY, form_token TEXT)")
        connections[ALIAS].close()
        errors: list[BaseException] = []
        start = threading.Barrier(2)
        threads = [threading.Thread(target=_post_once, args=("token-1", start, errors)) for _ in range(2)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=30)
        with connections[ALIAS].cursor() as cursor:
            cursor.execute("SELECT COUNT(*) FROM submission")
            rows = cursor.fetchone()[0]
        return errors, rows
    finally:
        connections[ALIAS].close()
        del connections[ALIAS]
        del connections.settings[ALIAS]


@pytest.fixture(autouse=True)
def _own_database(django_db_blocker: DjangoDbBlocker) -> object:
    with django_db_blocker.unblock():  # our own file database, not the test database
        yield


def test_two_simultaneous_posts_on_sqlite_both_succeed_and_write_one_record(tmp_path: Path) -> None:
    errors, rows = _two_simultaneous_posts(tmp_path / "db.sqlite3", dict(django_settings.SQLITE_OPTIONS))
    assert errors == []
    assert rows == 1


def test_without_immediate_transactions_one_of_them_fails_with_database_is_locked(tmp_path: Path) -> None:
    """Guard the guard: the same two posts with SQLite's default (deferred) transactions fail as they did."""
    errors, rows = _two_simultaneous_posts(tmp_path / "db.sqlite3", {"timeout": 20})
    assert rows == 1
    assert len(errors) == 1 and isinstance(errors[0], OperationalError)
    assert "database is locked" in str(errors[0])


def test_the_site_uses_these_options_on_sqlite() -> None:
    default = django_settings.DATABASES["default"]
    if default["ENGINE"] == "django.db.backends.sqlite3":
        assert default["OPTIONS"]["transaction_mode"] == "IMMEDIATE"
    assert django_settings.SQLITE_OPTIONS["timeout"] >= 5
