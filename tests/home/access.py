from __future__ import annotations

from django.urls import reverse

from tests.access import SIGNED_IN, Rule

# The role home pages of dialogue_platform/home.py: one URL, its content chosen by the person's role.
ACCESS_RULES = [
    Rule("workspace (role home)", lambda: reverse("workspace"), SIGNED_IN),
]
