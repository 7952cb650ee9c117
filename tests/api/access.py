"""Role x URL rules of the open data pages and API (see docs/permissions.md, "Open data")."""

from __future__ import annotations

from django.urls import reverse

from tests.access import PUBLIC, Rule

SECRETARIAT = ("secretariat",)


def _someone_elses_token_revoke_url() -> str:
    """A token of a focal point who is none of the matrix's users: only the secretariat may revoke it."""
    from api import services
    from participants.models import User
    from tests.participants.factories import UserFactory

    owner = UserFactory(role=User.Role.FOCAL_POINT, email="token-owner@example.org")
    token, _key = services.api_token_create(actor=owner, label="Reporting script")
    return reverse("open_data:token-revoke", args=[token.pk])


ACCESS_RULES = [
    Rule("open data page", lambda: reverse("open_data:downloads"), PUBLIC),
    Rule("data dictionary", lambda: reverse("open_data:dictionary"), PUBLIC),
    Rule("API documentation", lambda: reverse("open_data:api-docs"), PUBLIC),
    Rule("API docs short address", lambda: reverse("api:docs"), PUBLIC, ok_status=(302,)),
    Rule("API schema", lambda: reverse("api:schema"), PUBLIC),
    Rule("API recommendations", lambda: reverse("api:recommendation-list"), PUBLIC),
    Rule("API progress updates", lambda: reverse("api:progressupdate-list"), PUBLIC),
    Rule("new recommendations feed", lambda: reverse("api:recommendations-atom"), PUBLIC),
    Rule("road-map progress feed", lambda: reverse("api:progress-atom"), PUBLIC),
    Rule("bulk file not generated yet", lambda: reverse("api:download", args=["roadmaps", "csv"]), PUBLIC,
         ok_status=(404,)),
    Rule("own API tokens", lambda: reverse("open_data:token-list"), ("focal_point",)),
    Rule("create an API token", lambda: reverse("open_data:token-list"), ("focal_point",), method="post",
         data={"label": "Ministry script"}, ok_status=(200,)),
    Rule("all API tokens", lambda: reverse("open_data:token-admin-list"), SECRETARIAT),
    Rule("revoke someone else's API token", _someone_elses_token_revoke_url, SECRETARIAT, method="post",
         ok_status=(302,)),
    # The administration: the secretariat's role gives it the API models too (participants/backends.py).
    Rule("administration: API tokens", lambda: reverse("admin:api_apitoken_changelist"), SECRETARIAT),
    Rule("administration: bulk files", lambda: reverse("admin:api_dataexport_changelist"), SECRETARIAT),
]
