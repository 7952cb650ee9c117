"""manage.py backup / restore: the seeded demo with uploads in both media stores, backed up, restored into an EMPTY
database and EMPTY media folders by a separate process (as an operator would), and every row and file found again.

Runs on the database of the pass: SQLite in `make test`, PostgreSQL (pg_dump/pg_restore) in .ci/run's PostgreSQL
pass, which checks that it ran there. Refusals (damaged, mismatching, non-empty target) change nothing.
"""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
import subprocess
import sys
import tarfile
from collections.abc import Iterator
from io import StringIO
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from pytest_django.fixtures import Settings

from dialogue_platform.backup import BackupError, backup_restore, backup_verify, table_row_counts

ROOT = Path(__file__).resolve().parents[2]

UPLOADS = {
    "MEDIA_ROOT": {
        "exports/recommendations.csv": b"id,text\n1,Abolish the death penalty\n",
        "recommendations/evidence/2026/report.pdf": b"%PDF-1.7\n" + os.urandom(300_000),
        "reports/annual-2025.pdf": b"%PDF-1.4 annual report",
    },
    "PRIVATE_MEDIA_ROOT": {
        "meetings/documents/повестка дня.docx": b"PK\x03\x04 agenda in Russian",
        "submissions/uploads/alternative-report.pdf": b"%PDF-1.7\n" + os.urandom(50_000),
        "empty.txt": b"",
    },
}


def _write_uploads() -> None:
    for setting, files in UPLOADS.items():
        root = Path(getattr(django_settings, setting))
        for name, data in files.items():
            (root / name).parent.mkdir(parents=True, exist_ok=True)
            (root / name).write_bytes(data)


def _checksums(root: Path) -> dict[str, str]:
    return {p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(root.rglob("*")) if p.is_file()}


@pytest.fixture
def empty_target(tmp_path: Path) -> Iterator[dict[str, str]]:
    """A new, empty database of the same kind and two new folders, as environment variables for manage.py."""
    env = {"DJANGO_MEDIA_ROOT": str(tmp_path / "restored-media"),
           "DJANGO_PRIVATE_MEDIA_ROOT": str(tmp_path / "restored-private")}
    if connection.vendor == "sqlite":
        env["DATABASE_URL"] = f"sqlite:///{tmp_path / 'restored.sqlite3'}"
        yield env
        return
    import psycopg2

    db = connection.settings_dict
    name = f"{db['NAME']}_restore"
    params = {"host": db["HOST"] or "127.0.0.1", "port": db["PORT"] or 5432, "user": db["USER"],
              "password": db["PASSWORD"] or None, "dbname": "postgres"}
    admin = psycopg2.connect(**params)
    admin.autocommit = True
    with admin.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{name}"')
        cursor.execute(f'CREATE DATABASE "{name}"')
    auth = f"{db['USER']}:{db['PASSWORD']}@" if db["PASSWORD"] else f"{db['USER']}@"
    env["DATABASE_URL"] = f"postgres://{auth}{params['host']}:{params['port']}/{name}"
    try:
        yield env
    finally:
        with admin.cursor() as cursor:
            cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.close()


def _manage(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    full_env = {**os.environ, "DJANGO_SETTINGS_MODULE": "dialogue_platform.settings", **env}
    return subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=full_env,  # noqa: S603
                          capture_output=True, text=True, timeout=600, check=False)


def _restored_counts(env: dict[str, str]) -> dict[str, int]:
    url = env["DATABASE_URL"]
    if url.startswith("sqlite"):
        db = sqlite3.connect(url.removeprefix("sqlite:///"))
        tables = [r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE "
                                           "'sqlite_%'")]
        counts = {t: db.execute(f'SELECT COUNT(*) FROM "{t}"').fetchone()[0] for t in tables}  # noqa: S608
        db.close()
        return counts
    import psycopg2

    pg = psycopg2.connect(url)
    with pg.cursor() as cursor:
        cursor.execute("SELECT tablename FROM pg_tables WHERE schemaname = 'public'")
        tables = [r[0] for r in cursor.fetchall()]
        counts = {}
        for table in tables:
            cursor.execute(f'SELECT COUNT(*) FROM "{table}"')  # noqa: S608
            counts[table] = cursor.fetchone()[0]
    pg.close()
    return counts


@pytest.mark.django_db(transaction=True)  # pg_dump and the restoring process read committed data only
def test_backup_then_restore_into_an_empty_database_finds_every_row_and_every_file(
    tmp_path: Path, settings: Settings, empty_target: dict[str, str]
) -> None:
    settings.DEBUG = True
    call_command("seed_demo", stdout=StringIO())
    _write_uploads()
    source_counts = table_row_counts()
    source_files = {store: _checksums(Path(getattr(django_settings, store))) for store in UPLOADS}
    assert sum(source_counts.values()) > 500
    # Our uploads, and the demo's own generated files (open data exports, report PDFs).
    assert all(set(UPLOADS[store]) < set(source_files[store]) or set(UPLOADS[store]) == set(source_files[store])
               for store in UPLOADS)

    archive = tmp_path / "backups" / "dialogue.tar"
    out = StringIO()
    call_command("backup", output=archive, stdout=out)
    assert "checksums verified" in out.getvalue()

    restored = _manage("restore", str(archive), env=empty_target)

    assert restored.returncode == 0, restored.stderr
    assert "Restored" in restored.stdout
    counts = _restored_counts(empty_target)
    assert {t: (n, counts.get(t)) for t, n in source_counts.items() if counts.get(t) != n} == {}
    assert _checksums(Path(empty_target["DJANGO_MEDIA_ROOT"])) == source_files["MEDIA_ROOT"]
    assert _checksums(Path(empty_target["DJANGO_PRIVATE_MEDIA_ROOT"])) == source_files["PRIVATE_MEDIA_ROOT"]

    # Again into the same, now full, database: refused, nothing changed.
    again = _manage("restore", str(archive), env=empty_target)
    assert again.returncode != 0
    assert "is not empty" in again.stderr
    assert _restored_counts(empty_target) == counts


@pytest.fixture
def archive(tmp_path: Path, transactional_db: None) -> Path:
    # Committed data: pg_dump reads from its own connection, SQLite's backup API cannot copy an open transaction.
    _write_uploads()
    path = tmp_path / "small.tar"
    call_command("backup", output=path, stdout=StringIO())
    return path


def _rewrite(archive: Path, target: Path, *, change: dict[str, bytes] | None = None,
             manifest: dict | None = None) -> Path:
    with tarfile.open(archive) as source, tarfile.open(target, "w") as out:
        for member in source:
            data = source.extractfile(member).read()
            if member.name == "manifest.json" and manifest is not None:
                data = json.dumps(manifest).encode()
            elif change and member.name in change:
                data = change[member.name]
            member.size = len(data)
            import io

            out.addfile(member, io.BytesIO(data))
    return target


def test_a_damaged_file_in_the_archive_is_refused_by_name(archive: Path, tmp_path: Path) -> None:
    damaged = _rewrite(archive, tmp_path / "damaged.tar", change={"media/reports/annual-2025.pdf": b"%PDF-1.4 annuaX"})
    with pytest.raises(BackupError, match="damaged: media/reports/annual-2025.pdf does not match its checksum"):
        backup_verify(archive=damaged)


def test_a_cut_short_archive_is_refused(archive: Path, tmp_path: Path) -> None:
    cut = tmp_path / "cut.tar"
    cut.write_bytes(archive.read_bytes()[: archive.stat().st_size // 2])
    with pytest.raises(CommandError, match="damaged|cut short|incomplete|cannot be read"):
        call_command("restore", str(cut), "--check", stdout=StringIO())


def test_an_archive_of_another_database_engine_is_refused_and_nothing_changes(archive: Path, tmp_path: Path) -> None:
    with tarfile.open(archive) as tar:
        manifest = json.loads(tar.extractfile("manifest.json").read())
    manifest["database"]["vendor"] = "oracle"
    other = _rewrite(archive, tmp_path / "other.tar", manifest=manifest)
    before = table_row_counts()
    with pytest.raises(BackupError, match="backup of a oracle database"):
        backup_restore(archive=other)
    assert table_row_counts() == before


def test_an_archive_of_newer_code_is_refused(archive: Path, tmp_path: Path) -> None:
    with tarfile.open(archive) as tar:
        manifest = json.loads(tar.extractfile("manifest.json").read())
    manifest["migrations"].append("meetings.9999_from_the_future")
    newer = _rewrite(archive, tmp_path / "newer.tar", manifest=manifest)
    with pytest.raises(BackupError, match="newer version of the portal.*meetings.9999_from_the_future"):
        backup_restore(archive=newer)


def test_restoring_over_a_database_in_use_is_refused_and_nothing_changes(archive: Path) -> None:
    before = table_row_counts()
    with pytest.raises(BackupError, match="is not empty"):
        backup_restore(archive=archive)
    assert table_row_counts() == before


def test_a_file_not_in_the_manifest_is_refused(archive: Path, tmp_path: Path) -> None:
    import io

    smuggled = tmp_path / "smuggled.tar"
    smuggled.write_bytes(archive.read_bytes())
    with tarfile.open(smuggled, "a") as tar:
        info = tarfile.TarInfo("media/extra.html")
        info.size = 4
        tar.addfile(info, io.BytesIO(b"<b/>"))
    with pytest.raises(BackupError, match="manifest does not list"):
        backup_verify(archive=smuggled)
