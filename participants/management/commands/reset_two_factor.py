"""Forget a person's authenticator app and recovery codes (a lost or replaced phone): docs/security.md."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from participants.backends import normalized_username
from participants.models import User
from participants.signin import second_factor_reset


class Command(BaseCommand):
    help = "Reset the two-step sign-in of one account: it sets up a new authenticator app at its next sign-in."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("email", help="the e-mail address the person signs in with (any letter case)")

    def handle(self, *args: Any, email: str, **options: Any) -> None:
        user = User.objects.filter(email__iexact=normalized_username(email)).first()
        if user is None:
            raise CommandError(f"No account signs in with {email!r}.")
        removed = second_factor_reset(user=user)
        self.stdout.write(self.style.SUCCESS(
            f"Two-step sign-in of {user.email} reset ({removed} device record(s) removed). "
            "Their open sessions lose the second factor at once; they set up their authenticator app again "
            "at their next sign-in."
        ))
