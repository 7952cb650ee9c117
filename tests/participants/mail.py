"""An e-mail backend whose mail server is down: every send fails as smtplib fails when it cannot connect."""

from __future__ import annotations

import smtplib

from django.core.mail.backends.base import BaseEmailBackend

attempts = 0


class MailServerDownBackend(BaseEmailBackend):
    def send_messages(self, email_messages):  # noqa: ANN001, ANN201
        global attempts
        attempts += 1
        raise smtplib.SMTPConnectError(421, b"4.3.2 Service not available")
