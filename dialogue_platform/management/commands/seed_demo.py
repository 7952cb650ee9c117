from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandParser
from django.test.utils import override_settings

from api import demo as api_demo
from meetings import demo as meetings_demo
from participants import demo as participants_demo
from recommendations import demo as recommendations_demo
from reports import demo as reports_demo
from submissions import demo as submissions_demo

CONSOLE_BACKEND = "django.core.mail.backends.console.EmailBackend"
FILE_BACKEND = "django.core.mail.backends.filebased.EmailBackend"


class Command(BaseCommand):
    help = "Load demo data drawn from public facts about the Dialogue Platform. Running it again adds nothing."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--recommendations", type=int, default=0, metavar="N",
            help="Also add N synthetic recommendations (for benchmarks); running it again adds nothing.",
        )
        parser.add_argument(
            "--email-dir", default=str(Path(settings.BASE_DIR) / "tmp" / "demo-emails"), metavar="DIR",
            help="Where the demo's e-mails (invitations, notices) are written when e-mail goes to the console "
                 "(the development default); with EMAIL_URL set they go where it says.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        # Known passwords on a public server would be an open door: only on a developer's machine.
        with_passwords = bool(settings.DEBUG)
        email_dir = Path(str(options["email_dir"])).resolve()
        # About 40 e-mails printed to the console would bury the summary below: while seeding, Django's file
        # backend writes them to a folder instead. A backend someone chose (SMTP to a mail catcher) is kept.
        to_files = settings.EMAIL_BACKEND == CONSOLE_BACKEND
        files_before = set(email_dir.glob("*.log")) if to_files else set()
        with ExitStack() as stack:
            if to_files:
                email_dir.mkdir(parents=True, exist_ok=True)
                stack.enter_context(override_settings(EMAIL_BACKEND=FILE_BACKEND, EMAIL_FILE_PATH=str(email_dir)))
            # Tasks run in-process here: Celery's "Task ... succeeded" line for each is noise in a set-up log.
            stack.enter_context(_logger_level("celery.app.trace", logging.WARNING))
            accounts = self._seed(options)
        self._summary(accounts, with_passwords=with_passwords,
                      emails=_written(email_dir, files_before) if to_files else None, email_dir=email_dir)

    def _seed(self, options: dict[str, Any]) -> list[participants_demo.DemoAccount]:
        accounts = participants_demo.seed(with_passwords=bool(settings.DEBUG))
        recommendations_demo.seed()
        meetings_demo.seed()
        submissions_demo.seed()
        reports_demo.seed()
        if options.get("recommendations"):
            added = recommendations_demo.seed_volume(count=int(options["recommendations"]))
            self.stdout.write(f"Added {added} synthetic recommendations.")
        # Last: the bulk files are built from everything seeded above.
        api_demo.seed()
        return accounts

    def _summary(self, accounts: list[participants_demo.DemoAccount], *, with_passwords: bool,
                 emails: int | None, email_dir: Path) -> None:
        site = settings.SITE_URL
        self.stdout.write(self.style.SUCCESS("Demo data is ready."))
        self.stdout.write(f"  Portal:    {site}/  (links in e-mails, calendars and the API use this address:"
                          " DJANGO_SITE_URL)")
        self.stdout.write(f"  Sign in:   {site}/en/accounts/sign-in/")
        if with_passwords:
            self.stdout.write(f"  Accounts (password {participants_demo.DEMO_PASSWORD}):")
        else:
            self.stdout.write("  Accounts (no password: DEBUG is off; use the password-reset page):")
        for account in accounts:
            self.stdout.write(f"    {account.role:<12} {account.email}")
        if with_passwords:
            # The secretariat signs in with a second factor (issue 13): the demo key makes it usable at once.
            self.stdout.write(f"  Two-step sign-in (secretariat): demo authenticator key {participants_demo.demo_totp_secret()}"
                              " (time-based, 6 digits), or `python manage.py demo_totp_code` for the current code;"
                              " with DEBUG off seed_demo removes this key.")
        if emails is not None:
            where = _display_path(email_dir)
            self.stdout.write(f"  E-mails:   {emails} demo e-mail(s) written to {where}/ (one .log file per batch)")
        else:
            self.stdout.write(f"  E-mails:   sent through the configured backend ({settings.EMAIL_BACKEND})")


@contextmanager
def _logger_level(name: str, level: int) -> Iterator[None]:
    logger = logging.getLogger(name)
    previous = logger.level
    logger.setLevel(level)
    try:
        yield
    finally:
        logger.setLevel(previous)


def _written(email_dir: Path, before: set[Path]) -> int:
    """Messages in the files this run wrote (the file backend separates messages by a line of 79 dashes)."""
    return sum(
        path.read_text(encoding="utf-8", errors="replace").count("\n" + "-" * 79 + "\n")
        for path in set(email_dir.glob("*.log")) - before
    )


def _display_path(path: Path) -> str:
    try:
        return str(path.relative_to(Path.cwd()))
    except ValueError:
        return str(path)
