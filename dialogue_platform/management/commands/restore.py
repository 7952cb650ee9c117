"""python manage.py restore ARCHIVE [--check]: into an empty database and empty media folders only."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from dialogue_platform.backup import BackupError, backup_restore, backup_verify


class Command(BaseCommand):
    help = ("Restore a backup archive into the empty database of DATABASE_URL and the empty folders of "
            "DJANGO_MEDIA_ROOT and DJANGO_PRIVATE_MEDIA_ROOT; refuses a damaged or mismatching archive.")

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("archive", type=Path)
        parser.add_argument("--check", action="store_true", help="Only verify the archive's checksums; change nothing.")

    def handle(self, *args: Any, **options: Any) -> None:
        archive: Path = options["archive"]
        if not archive.is_file():
            raise CommandError(f"{archive} does not exist or is not a file.")
        try:
            if options["check"]:
                manifest = backup_verify(archive=archive)
                self.stdout.write(self.style.SUCCESS(
                    f"{archive}: intact ({len(manifest['members'])} members, made {manifest['created_at']})."))
                return
            report = backup_restore(archive=archive)
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(self.style.SUCCESS(
            f"Restored {report.tables} tables ({report.rows} rows, each table's count as in the backup) and "
            f"{report.files} files (checksums verified)."))
        if report.pending_migrations:
            self.stdout.write(self.style.WARNING(
                f"This code has {len(report.pending_migrations)} migration(s) newer than the backup: run "
                "`python manage.py migrate` now."))
