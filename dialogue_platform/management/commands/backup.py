"""python manage.py backup [--output PATH]: the database and both media stores in one verified archive."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from dialogue_platform.backup import BackupError, backup_create, backup_verify


class Command(BaseCommand):
    help = "Back up the database (pg_dump, or SQLite's backup API) and both media stores into one archive."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--output", type=Path, help="Archive to write (default: ./backups/dialogue-<time>.tar).")

    def handle(self, *args: Any, **options: Any) -> None:
        output = options["output"] or Path("backups") / f"dialogue-{timezone.now():%Y%m%d-%H%M%S}.tar"
        try:
            manifest = backup_create(output=output)
            # Read back at once: a backup that cannot be restored is found now, not on the day it is needed.
            backup_verify(archive=output)
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        files = len(manifest["members"]) - 1
        rows = sum(manifest["tables"].values())
        self.stdout.write(self.style.SUCCESS(
            f"Backup written to {output.resolve()}: {manifest['database']['vendor']} database, "
            f"{len(manifest['tables'])} tables, {rows} rows, {files} files; checksums verified."))
