from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandParser

from api import demo as api_demo
from meetings import demo as meetings_demo
from participants import demo as participants_demo
from recommendations import demo as recommendations_demo
from reports import demo as reports_demo
from submissions import demo as submissions_demo


class Command(BaseCommand):
    help = "Load demo data drawn from public facts about the Dialogue Platform. Running it again adds nothing."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--recommendations", type=int, default=0, metavar="N",
            help="Also add N synthetic recommendations (for benchmarks); running it again adds nothing.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        # Known passwords on a public server would be an open door: only on a developer's machine.
        with_passwords = bool(settings.DEBUG)
        accounts = participants_demo.seed(with_passwords=with_passwords)
        recommendations_demo.seed()
        meetings_demo.seed()
        submissions_demo.seed()
        reports_demo.seed()
        if options.get("recommendations"):
            added = recommendations_demo.seed_volume(count=int(options["recommendations"]))
            self.stdout.write(f"Added {added} synthetic recommendations.")
        # Last: the bulk files are built from everything seeded above.
        api_demo.seed()
        self.stdout.write(self.style.SUCCESS("Demo data is ready."))
        self.stdout.write("Demo accounts (sign in at /en/accounts/sign-in/):")
        for account in accounts:
            secret = participants_demo.DEMO_PASSWORD if with_passwords else "(no password: DEBUG is off; use reset)"
            self.stdout.write(f"  {account.role:<12} {account.email:<28} {secret}")
        if with_passwords:
            self.stdout.write(
                "The secretariat also needs a code from an authenticator app (two-step sign-in). Add the demo key "
                f"{participants_demo.demo_totp_secret()} to an app (time-based, 6 digits), or run "
                "`python manage.py demo_totp_code` for the current code. Never on a public server: with DEBUG off "
                "seed_demo removes this demo key."
            )
