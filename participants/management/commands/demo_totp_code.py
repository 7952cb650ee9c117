"""Print the current two-step sign-in code of the demo secretariat (DEBUG only): README's demo accounts."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from participants import demo


class Command(BaseCommand):
    help = "Print the code an authenticator app with the demo secretariat's key shows now (DEBUG only)."

    def handle(self, *args: Any, **options: Any) -> None:
        if not settings.DEBUG:
            raise CommandError("Only with DJANGO_DEBUG on: with it off the demo key is not installed.")
        self.stdout.write(f"{demo.demo_totp_code()}  (valid for up to 30 seconds; key {demo.demo_totp_secret()})")
