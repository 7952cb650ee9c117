from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from core.exceptions import ApplicationError
from recommendations import services


class Command(BaseCommand):
    help = (
        "Import recommendations from a UPR Info export (--format upr-info) or the portal template "
        "(--format generic, CSV or XLSX). All or nothing; importing the same file again adds nothing."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("path", type=Path)
        parser.add_argument("--format", choices=["upr-info", "generic"], default="upr-info")
        parser.add_argument("--cycle", type=int, help="UPR cycle of every row, instead of deriving it from the session.")
        parser.add_argument("--dry-run", action="store_true", help="Check the file and print counts; write nothing.")
        parser.add_argument("--encoding", help="Encoding of a CSV file (default: detect, e.g. mac_roman, cp1252).")

    def handle(self, *args: Any, **options: Any) -> None:
        path: Path = options["path"]
        if not path.is_file():
            raise CommandError(f"No such file: {path}")
        if options["cycle"] is not None and not 1 <= int(options["cycle"]) <= 99:
            raise CommandError("--cycle must be a cycle number (1, 2, ...).")
        try:
            with path.open("rb") as handle:
                summary = services.recommendation_import(
                    file=handle, format=str(options["format"]), actor=None, filename=path.name,
                    encoding=options["encoding"] or None,
                    cycle=options["cycle"],
                    dry_run=bool(options["dry_run"]),
                )
        except ApplicationError as exc:
            raise CommandError(exc.message) from None
        self.stdout.write(f"Read {summary.total_rows} rows as {summary.encoding}.")
        self.stdout.write(f"{'state':<20} {'mech':<6} {'cycle':>5} {'session':>7} {'supported':>9} {'noted':>6} "
                          f"{'pending':>7} {'pledges':>7}")
        for line in summary.table:
            self.stdout.write(
                f"{line['state']:<20} {line['mechanism']:<6} {line['cycle']:>5} {line['session'] or '':>7} "
                f"{line['supported']:>9} {line['noted']:>6} {line['pending']:>7} {line['pledges']:>7}"
            )
        self.stdout.write(
            f"New: {summary.new_count}; already in the portal: {summary.existing}; "
            f"repeated within the file: {summary.repeated_in_file}."
        )
        if options["dry_run"]:
            self.stdout.write(self.style.WARNING("Dry run: nothing was written."))
        else:
            self.stdout.write(self.style.SUCCESS(f"Imported {summary.created} recommendations."))
