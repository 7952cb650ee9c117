"""An e-mail backend for tests: the locmem outbox, but some addresses are refused like a real SMTP server would."""

from __future__ import annotations

import smtplib

from django.core.mail.backends.locmem import EmailBackend

# address -> list of SMTP reply codes, consumed one per attempt (e.g. [451] fails once, then accepts).
REPLIES: dict[str, list[int]] = {}
DISCONNECT: set[str] = set()
opened = 0


class FlakyBackend(EmailBackend):
    def open(self) -> bool:
        global opened
        opened += 1
        return True

    def send_messages(self, messages):  # noqa: ANN001, ANN201
        for message in messages:
            for address in message.to:
                if address in DISCONNECT:
                    raise smtplib.SMTPServerDisconnected("Connection unexpectedly closed")
                codes = REPLIES.get(address)
                if codes:
                    code = codes.pop(0)
                    raise smtplib.SMTPRecipientsRefused({address: (code, b"5.1.1 mailbox unavailable")})
        return super().send_messages(messages)
