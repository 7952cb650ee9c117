from __future__ import annotations

from django.urls import reverse

from tests.access import PUBLIC, SIGNED_IN, Rule

ACCESS_RULES = [
    Rule("home", lambda: reverse("home"), PUBLIC),
    Rule("organisations (public list)", lambda: reverse("participants:organization-list"), PUBLIC),
    Rule("sign-in page", lambda: reverse("participants:login"), PUBLIC, ok_status=(200, 302)),
    Rule("password reset", lambda: reverse("participants:password-reset"), PUBLIC),
    Rule("directory", lambda: reverse("participants:directory"), SIGNED_IN),
    Rule("my account", lambda: reverse("participants:profile"), SIGNED_IN),
    Rule("password change", lambda: reverse("participants:password-change"), SIGNED_IN),
    Rule("administration", lambda: reverse("admin:index"), ("secretariat",)),
    Rule("administration: users", lambda: reverse("admin:participants_user_changelist"), ("secretariat",)),
    Rule(
        "administration: organisations",
        lambda: reverse("admin:participants_organization_changelist"),
        ("secretariat",),
    ),
    Rule(
        "administration: memberships",
        lambda: reverse("admin:participants_membership_changelist"),
        ("secretariat",),
    ),
]
