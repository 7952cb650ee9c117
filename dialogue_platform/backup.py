"""Backup and restore of the database and both media stores as one archive (docs/operations.md, "Backups").

An archive is an uncompressed tar (the dump and most uploads are compressed already) holding:

    manifest.json         format, when, versions, migrations applied, rows per table, SHA-256 and size of every member
    database.dump         PostgreSQL: `pg_dump --format=custom` (restored with pg_restore)
    database.sqlite3      SQLite: a consistent copy made with SQLite's online backup API
    media/...             every file under MEDIA_ROOT (public uploads, generated open data files)
    media-private/...     every file under PRIVATE_MEDIA_ROOT (participants-only documents, evidence)

Restore checks everything before it writes anything: the archive's checksums, the database engine, that the code
knows every migration the archive was made with, and that the database and both folders are empty. After the
restore it counts the rows of every table and checks every file against the manifest.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import json
import os
import platform
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any

import django
from django.conf import settings
from django.db import connection, transaction
from django.db.migrations.loader import MigrationLoader
from django.utils import timezone

FORMAT = "dialogue-platform-backup/1"
MANIFEST = "manifest.json"
STORES = {"media": "MEDIA_ROOT", "media-private": "PRIVATE_MEDIA_ROOT"}
CHUNK = 1024 * 1024


class BackupError(Exception):
    """A refusal with a message for the operator; nothing was changed."""


@dataclass
class RestoreReport:
    tables: int
    rows: int
    files: int
    pending_migrations: list[str]


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while block := handle.read(CHUNK):
            digest.update(block)
    return digest.hexdigest()


def _vendor() -> str:
    return connection.vendor  # "postgresql" or "sqlite"


def _quote(name: str) -> str:
    return connection.ops.quote_name(name)


def table_row_counts() -> dict[str, int]:
    """Rows of every table in the database (ours, the libraries', history tables, Django's own)."""
    counts = {}
    with connection.cursor() as cursor:
        for table in sorted(connection.introspection.table_names(cursor)):
            cursor.execute(f"SELECT COUNT(*) FROM {_quote(table)}")  # noqa: S608  # nosec B608: a table name from introspection, quoted
            counts[table] = cursor.fetchone()[0]
    return counts


def applied_migrations() -> list[str]:
    if "django_migrations" not in connection.introspection.table_names():
        return []
    with connection.cursor() as cursor:
        cursor.execute("SELECT app, name FROM django_migrations ORDER BY app, name")
        return [f"{app}.{name}" for app, name in cursor.fetchall()]


def _store_files(root: Path) -> Iterator[tuple[Path, str]]:
    """(absolute path, path inside the store) of every regular file under root, in a stable order."""
    if not root.is_dir():
        return
    for path in sorted(root.rglob("*")):
        if path.is_file() and not path.is_symlink():
            yield path, path.relative_to(root).as_posix()


def _pg_env_and_args() -> tuple[dict[str, str], list[str]]:
    db = settings.DATABASES["default"]
    env = {**os.environ}
    if db.get("PASSWORD"):
        env["PGPASSWORD"] = str(db["PASSWORD"])
    args = []
    if db.get("HOST"):
        args += ["--host", str(db["HOST"])]
    if db.get("PORT"):
        args += ["--port", str(db["PORT"])]
    if db.get("USER"):
        args += ["--username", str(db["USER"])]
    return env, args


def _tool_version(tool: str) -> str:
    result = subprocess.run([tool, "--version"], capture_output=True, text=True, check=False)  # noqa: S603
    return result.stdout.strip()


def _require_tool(tool: str) -> str:
    found = shutil.which(tool)
    if found is None:
        raise BackupError(f"{tool} was not found: install the PostgreSQL client (apt-get install postgresql-client).")
    return found


def _sqlite_counts(path: Path) -> dict[str, int]:
    db = sqlite3.connect(path)
    try:
        tables = [row[0] for row in db.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")]
        return {t: db.execute(f'SELECT COUNT(*) FROM "{t}"').fetchone()[0] for t in tables}  # noqa: S608  # nosec B608: names read from sqlite_master
    finally:
        db.close()


def _dump_database(workdir: Path) -> tuple[str, dict[str, Any], dict[str, int]]:
    """Dump the database into workdir; returns (member name, versions, rows per table as dumped)."""
    vendor = _vendor()
    if vendor == "postgresql":
        pg_dump = _require_tool("pg_dump")
        env, args = _pg_env_and_args()
        target = workdir / "database.dump"
        with transaction.atomic(), connection.cursor() as cursor:
            # The counts and pg_dump read one snapshot, so the manifest describes exactly what was dumped even
            # while the site keeps writing.
            cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
            cursor.execute("SELECT pg_export_snapshot()")
            snapshot = cursor.fetchone()[0]
            counts = table_row_counts()
            result = subprocess.run(  # noqa: S603 - fixed tool, arguments from settings
                [pg_dump, "--format=custom", "--no-owner", "--no-privileges", f"--snapshot={snapshot}",
                 "--file", str(target), *args, "--dbname", str(settings.DATABASES["default"]["NAME"])],
                env=env, capture_output=True, text=True, check=False,
            )
            cursor.execute("SHOW server_version")
            server = cursor.fetchone()[0]
        if result.returncode != 0:
            raise BackupError(f"pg_dump failed: {result.stderr.strip()}")
        return target.name, {"postgresql_server": server, "pg_dump": _tool_version(pg_dump)}, counts
    if vendor == "sqlite":
        if connection.in_atomic_block:
            # SQLite's backup would wait for this connection's own write lock for ever.
            raise BackupError("Run the backup outside a database transaction.")
        target = workdir / "database.sqlite3"
        connection.ensure_connection()
        destination = sqlite3.connect(target)
        try:
            # The online backup API: a consistent copy even while the site writes (and of an in-memory database).
            connection.connection.backup(destination)
        finally:
            destination.close()
        return target.name, {"sqlite": sqlite3.sqlite_version}, _sqlite_counts(target)
    raise BackupError(f"Backups support PostgreSQL and SQLite, not {vendor}.")


def backup_create(*, output: Path) -> dict[str, Any]:
    """Write one archive of the database and both media stores to `output`; returns its manifest."""
    output = output.resolve()
    output.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="dialogue-backup-") as tmp:
        workdir = Path(tmp)
        database_member, versions, counts = _dump_database(workdir)
        members: dict[str, dict[str, Any]] = {
            database_member: {"sha256": _sha256(workdir / database_member),
                              "size": (workdir / database_member).stat().st_size},
        }
        files: list[tuple[Path, str]] = []
        for store, setting in STORES.items():
            for path, relative in _store_files(Path(getattr(settings, setting))):
                name = f"{store}/{relative}"
                members[name] = {"sha256": _sha256(path), "size": path.stat().st_size}
                files.append((path, name))
        manifest = {
            "format": FORMAT,
            "created_at": timezone.now().isoformat(),
            "database": {"vendor": _vendor(), "member": database_member, **versions},
            "versions": {"django": django.get_version(), "python": platform.python_version()},
            "migrations": applied_migrations(),
            "tables": counts,
            "members": members,
        }
        partial = output.with_name(output.name + ".partial")
        with tarfile.open(partial, "w", format=tarfile.PAX_FORMAT) as tar:
            data = json.dumps(manifest, indent=2, ensure_ascii=False).encode()
            info = tarfile.TarInfo(MANIFEST)
            info.size, info.mtime = len(data), int(dt.datetime.now().timestamp())
            tar.addfile(info, io.BytesIO(data))
            tar.add(workdir / database_member, arcname=database_member)
            for path, name in files:
                tar.add(path, arcname=name)
        # Renamed only once complete: a half-written archive never has the final name.
        partial.replace(output)
    return manifest


# --- restore ---------------------------------------------------------------------------------------


def _safe_member_name(name: str) -> bool:
    path = PurePosixPath(name)
    return not path.is_absolute() and ".." not in path.parts and name == path.as_posix()


def _read_manifest(tar: tarfile.TarFile) -> dict[str, Any]:
    try:
        handle = tar.extractfile(MANIFEST)
    except KeyError:
        raise BackupError("This is not a backup of the portal: it has no manifest.json.") from None
    if handle is None:
        raise BackupError("The archive's manifest.json is not a file.")
    try:
        manifest: dict[str, Any] = json.loads(handle.read())
    except ValueError:
        raise BackupError("The archive's manifest.json is damaged (not valid JSON).") from None
    if manifest.get("format") != FORMAT:
        raise BackupError(f"Unknown archive format {manifest.get('format')!r}; this version reads {FORMAT}.")
    return manifest


def backup_verify(*, archive: Path) -> dict[str, Any]:
    """Check an archive without restoring it: every member present, no stranger, every checksum right."""
    try:
        tar = tarfile.open(archive, "r")  # noqa: SIM115 - closed by the with below, once known readable
    except (OSError, tarfile.TarError) as exc:
        raise BackupError(f"The archive cannot be read ({exc}): it is damaged or not a backup.") from None
    with tar:
        try:
            manifest = _read_manifest(tar)
            expected = dict(manifest["members"])
            for member in tar:
                if member.name == MANIFEST:
                    continue
                if not _safe_member_name(member.name) or not member.isfile():
                    raise BackupError(f"The archive holds an unexpected entry {member.name!r}: refused.")
                wanted = expected.pop(member.name, None)
                if wanted is None:
                    raise BackupError(f"The archive holds {member.name}, which its manifest does not list.")
                handle = tar.extractfile(member)
                digest = hashlib.sha256()
                while block := handle.read(CHUNK):  # type: ignore[union-attr]  # a file member (checked above)
                    digest.update(block)
                if digest.hexdigest() != wanted["sha256"] or member.size != wanted["size"]:
                    raise BackupError(f"The archive is damaged: {member.name} does not match its checksum.")
        except (OSError, tarfile.TarError, EOFError) as exc:
            raise BackupError(f"The archive is damaged or cut short ({exc}).") from None
        if expected:
            raise BackupError(f"The archive is incomplete: {len(expected)} file(s) of its manifest are missing, "
                              f"e.g. {sorted(expected)[0]}.")
    return manifest


def _check_compatible(manifest: dict[str, Any]) -> list[str]:
    """Refuse a backup of another engine or of newer code; return this code's migrations the backup lacks."""
    vendor = manifest["database"]["vendor"]
    if vendor != _vendor():
        raise BackupError(f"This is a backup of a {vendor} database; the portal is configured for {_vendor()} "
                          "(DATABASE_URL). Restore it into the same kind of database.")
    known = {f"{app}.{name}" for app, name in MigrationLoader(None, ignore_no_migrations=True).disk_migrations}
    unknown = sorted(set(manifest["migrations"]) - known)
    if unknown:
        raise BackupError(f"The backup was made by a newer version of the portal: this code does not know its "
                          f"migrations {', '.join(unknown[:5])}. Deploy that version (or newer) first, then restore.")
    return sorted(known - set(manifest["migrations"]))


def _check_empty_target() -> None:
    tables = connection.introspection.table_names()
    if tables:
        raise BackupError(f"The database {settings.DATABASES['default']['NAME']} is not empty ({len(tables)} tables, "
                          "e.g. " + ", ".join(sorted(tables)[:3]) + "). Restore only into a new, empty database: "
                          "createdb a new one and point DATABASE_URL at it.")
    for store, setting in STORES.items():
        root = Path(getattr(settings, setting))
        if root.exists() and any(root.iterdir()):
            raise BackupError(f"{setting} ({root}) is not empty. Restore the {store} store only into an empty "
                              "or new folder.")


def _restore_database(tar: tarfile.TarFile, manifest: dict[str, Any], workdir: Path) -> None:
    member = manifest["database"]["member"]
    tar.extract(member, path=workdir, filter="data")
    source = workdir / member
    if _vendor() == "postgresql":
        pg_restore = _require_tool("pg_restore")
        env, args = _pg_env_and_args()
        connection.close()
        result = subprocess.run(  # noqa: S603 - fixed tool, arguments from settings
            [pg_restore, "--no-owner", "--no-privileges", "--exit-on-error", "--single-transaction", *args,
             "--dbname", str(settings.DATABASES["default"]["NAME"]), str(source)],
            env=env, capture_output=True, text=True, check=False,
        )
        if result.returncode != 0:
            raise BackupError(f"pg_restore failed; the database was left empty: {result.stderr.strip()}")
    else:
        name = settings.DATABASES["default"]["NAME"]
        connection.close()
        origin = sqlite3.connect(source)
        target = sqlite3.connect(name)
        try:
            origin.backup(target)
        finally:
            origin.close()
            target.close()


def _restore_files(tar: tarfile.TarFile, manifest: dict[str, Any]) -> int:
    restored = 0
    for member in tar:
        store = member.name.split("/", 1)[0]
        if member.name == MANIFEST or store not in STORES or member.name not in manifest["members"]:
            continue
        root = Path(getattr(settings, STORES[store]))
        relative = member.name.split("/", 1)[1]
        target = root / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        with tar.extractfile(member) as source, target.open("wb") as out:  # type: ignore[union-attr]  # listed files
            shutil.copyfileobj(source, out, CHUNK)
        if _sha256(target) != manifest["members"][member.name]["sha256"]:
            raise BackupError(f"{target} was written but does not match its checksum: check the disk.")
        restored += 1
    return restored


def backup_restore(*, archive: Path) -> RestoreReport:
    """Restore an archive into the empty database and empty media folders the settings point at."""
    manifest = backup_verify(archive=archive)
    pending = _check_compatible(manifest)
    _check_empty_target()
    with tempfile.TemporaryDirectory(prefix="dialogue-restore-") as tmp, tarfile.open(archive, "r") as tar:
        _restore_database(tar, manifest, Path(tmp))
        files = _restore_files(tar, manifest)
    counts = table_row_counts()
    differences = {t: (n, counts.get(t)) for t, n in manifest["tables"].items() if counts.get(t) != n}
    if differences:
        raise BackupError(f"Restored, but the row counts differ from the backup's for {len(differences)} table(s): "
                          + ", ".join(f"{t} {a}->{b}" for t, (a, b) in sorted(differences.items())[:5]))
    return RestoreReport(tables=len(counts), rows=sum(counts.values()), files=files, pending_migrations=pending)
