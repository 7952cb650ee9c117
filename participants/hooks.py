"""Hooks of the participants app: what higher apps add to its pages without it naming them (core.hooks)."""

from __future__ import annotations

from core.hooks import Hook

# `provider(user) -> list[core.hooks.Link]`: settings pages of other apps listed under "My account"
# (the e-mail notices, API tokens, ...), only those the person may open.
ACCOUNT_LINKS = Hook("participants.account_links")
