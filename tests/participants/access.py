from __future__ import annotations

from django.urls import reverse

from tests.access import PUBLIC, SIGNED_IN, Rule


def _application_url(suffix: str = "") -> str:
    from tests.participants.factories import OrganizationApplicationFactory

    return reverse(f"participants:application-{suffix or 'detail'}", args=[OrganizationApplicationFactory().pk])


def _own_invitation_revoke_url() -> str:
    # The NGO fixture user sits in "Human Rights Bureau" (conftest.py): the invitation is theirs.
    from tests.participants.factories import OrganizationFactory, OrganizationInvitationFactory

    invitation = OrganizationInvitationFactory(organization=OrganizationFactory(name="Human Rights Bureau"))
    return reverse("participants:invitation-revoke", args=[invitation.pk])


def _invitation_link() -> str:
    from tests.participants.factories import OrganizationInvitationFactory

    OrganizationInvitationFactory(token="access-matrix-token")
    return reverse("participants:invitation-accept", args=["access-matrix-token"])

ACCESS_RULES = [
    Rule("home", lambda: reverse("home"), PUBLIC),
    Rule("organisations (public list)", lambda: reverse("participants:organization-list"), PUBLIC),
    Rule("sign-in page", lambda: reverse("participants:login"), PUBLIC, ok_status=(200, 302)),
    Rule("password reset", lambda: reverse("participants:password-reset"), PUBLIC),
    Rule("password reset requested", lambda: reverse("participants:password-reset-done"), PUBLIC),
    # Other roles pass straight through to where they were going; the secretariat's session has passed already.
    Rule("two-step sign-in: code", lambda: reverse("participants:two-factor-verify"), SIGNED_IN, ok_status=(302,)),
    Rule("two-step sign-in: set up", lambda: reverse("participants:two-factor-enrol"), SIGNED_IN, ok_status=(302,)),
    Rule("two-step sign-in: recovery codes", lambda: reverse("participants:two-factor-recovery-codes"),
         ("secretariat",)),
    Rule("two-step sign-in: new recovery codes", lambda: reverse("participants:two-factor-recovery-codes"),
         ("secretariat",), method="post"),
    # A link with a wrong token gets the page that says the link is invalid, for anyone.
    Rule("password reset link", lambda: reverse("participants:password-reset-confirm", args=["MQ", "wrong-token"]),
         PUBLIC),
    Rule("password reset complete", lambda: reverse("participants:password-reset-complete"), PUBLIC),
    # Django's LogoutView: POST only; signing out when signed out just goes home.
    Rule("sign out", lambda: reverse("participants:logout"), PUBLIC, method="post", ok_status=(302,)),
    Rule("directory", lambda: reverse("participants:directory"), SIGNED_IN),
    Rule("my account", lambda: reverse("participants:profile"), SIGNED_IN),
    Rule("password change", lambda: reverse("participants:password-change"), SIGNED_IN),
    Rule("password changed", lambda: reverse("participants:password-change-done"), SIGNED_IN),
    Rule("apply to join", lambda: reverse("participants:application-create"), PUBLIC),
    Rule("application received", lambda: reverse("participants:application-received"), PUBLIC),
    Rule("colleague invitation link", _invitation_link, PUBLIC),
    Rule("applications queue", lambda: reverse("participants:application-queue"), ("secretariat",)),
    Rule("application detail", _application_url, ("secretariat",)),
    Rule("application approve", lambda: _application_url("approve"), ("secretariat",), method="post",
         ok_status=(302,)),
    Rule("application decline", lambda: _application_url("decline"), ("secretariat",), method="post",
         data={"reason": "Registered abroad."}, ok_status=(302,)),
    Rule("my organisation", lambda: reverse("participants:my-organization"), ("ngo",)),
    Rule("invite a colleague", lambda: reverse("participants:invitation-create"), ("ngo",), method="post",
         data={"email": "colleague@ngo.example.kz", "language": "en"}, ok_status=(302,)),
    Rule("revoke an invitation", _own_invitation_revoke_url, ("ngo",), method="post", ok_status=(302,)),
    Rule("administration", lambda: reverse("admin:index"), ("secretariat",)),
    Rule("administration: users", lambda: reverse("admin:participants_user_changelist"), ("secretariat",)),
    Rule(
        "administration: organisations",
        lambda: reverse("admin:participants_organization_changelist"),
        ("secretariat",),
    ),
    Rule(
        "administration: applications",
        lambda: reverse("admin:participants_organizationapplication_changelist"),
        ("secretariat",),
    ),
    Rule(
        "administration: invitations",
        lambda: reverse("admin:participants_organizationinvitation_changelist"),
        ("secretariat",),
    ),
    Rule(
        "administration: memberships",
        lambda: reverse("admin:participants_membership_changelist"),
        ("secretariat",),
    ),
]
