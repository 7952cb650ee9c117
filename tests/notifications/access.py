"""Every URL of the notifications app against every role (tests/test_access_matrix.py walks these)."""

from __future__ import annotations

from django.urls import reverse

from tests.access import PUBLIC, SIGNED_IN, Rule


def _unsubscribe_url() -> str:
    from notifications import services
    from tests.notifications import kinds  # noqa: F401 - registers the optional test kind
    from tests.participants.factories import UserFactory

    token = services.unsubscribe_token(user_id=UserFactory().pk, topic="tests.topic")
    return reverse("notifications:unsubscribe", args=[token])


ACCESS_RULES = [
    # The signed token is the credential: it works from any mail client, signed in or not.
    Rule("notifications:unsubscribe", _unsubscribe_url, PUBLIC),
    Rule("notifications:unsubscribe (POST)", _unsubscribe_url, PUBLIC, method="post"),
    Rule("notifications:preferences", lambda: reverse("notifications:preferences"), SIGNED_IN),
    Rule(
        "notifications:preferences (POST)",
        lambda: reverse("notifications:preferences"),
        SIGNED_IN,
        method="post",
        ok_status=(302,),
    ),
]
