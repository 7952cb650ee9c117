"""Hooks of the participants app: what higher apps add to its pages, and what they hear of its changes, without it
naming them (core.hooks, Django signals)."""

from __future__ import annotations

from django.dispatch import Signal

from core.hooks import Hook

# `provider(user) -> list[core.hooks.Link]`: settings pages of other apps listed under "My account"
# (the e-mail notices, API tokens, ...), only those the person may open.
ACCOUNT_LINKS = Hook("participants.account_links")

# Signals sent inside the service's transaction, so what a receiver writes (the notifications app: the e-mail to
# send, exactly once) commits or rolls back with the change itself. participants sends no e-mail of its own.
#
# application_event(sender=OrganizationApplication, application=..., event=RECEIVED | APPROVED | DECLINED)
application_event = Signal()
RECEIVED, APPROVED, DECLINED = "received", "approved", "declined"
# colleague_invited(sender=OrganizationInvitation, invitation=..., language="kk" | "ru" | "en")
colleague_invited = Signal()
