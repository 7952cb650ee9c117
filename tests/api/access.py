"""Role x URL rules of the open data pages and API (see docs/permissions.md, "Open data")."""

from __future__ import annotations

from typing import Any

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


def _api(name: str, *args: object) -> str:
    return reverse(f"api:{name}", args=args)


def _mechanism_code() -> str:
    from tests.recommendations.factories import mechanism

    return mechanism("upr").code


def _factory(module: str, name: str, **kwargs: object) -> Any:  # a model instance, made by name (imported late)
    import importlib

    return getattr(importlib.import_module(f"tests.{module}.factories"), name)(**kwargs)


def _approved_update() -> int:
    from django.utils import timezone

    from participants.models import User
    from recommendations.models import ProgressUpdate

    reviewer = _factory("participants", "UserFactory", role=User.Role.SECRETARIAT)
    return _factory("recommendations", "ProgressUpdateFactory", state=ProgressUpdate.State.APPROVED,
                    reviewed_by=reviewer, reviewed_at=timezone.now()).pk


def _minutes_published() -> int:
    from meetings.models import Meeting

    meeting = _factory("meetings", "MeetingFactory", past=True, status=Meeting.Status.MINUTES_PUBLISHED)
    return _factory("meetings", "PublishedMinutesFactory", meeting=meeting).pk


# The API authenticates by token only (a session counts for nothing), and every read endpoint is public: the same
# answer for every role. Object endpoints are tried on a public object; what is withheld (drafts, unpublished
# minutes, participants-only documents, personal data) is tested in test_read_api.py and test_personal_data.py.
API_READ_RULES = [
    Rule("API root", lambda: _api("api-root"), PUBLIC),
    Rule("API recommendation", lambda: _api("recommendation-detail", _factory(
        "recommendations", "RecommendationFactory").pk), PUBLIC),
    Rule("API mechanisms", lambda: _api("mechanism-list"), PUBLIC),
    Rule("API mechanism", lambda: _api("mechanism-detail", _mechanism_code()), PUBLIC),
    Rule("API reviews", lambda: _api("review-list"), PUBLIC),
    Rule("API review", lambda: _api("review-detail", _factory("recommendations", "ReviewFactory").pk), PUBLIC),
    Rule("API themes", lambda: _api("theme-list"), PUBLIC),
    Rule("API theme", lambda: _api("theme-detail", _factory("recommendations", "ThemeFactory").slug), PUBLIC),
    Rule("API road maps", lambda: _api("roadmap-list"), PUBLIC),
    Rule("API road map", lambda: _api("roadmap-detail", _factory("recommendations", "RoadMapFactory").number),
         PUBLIC),
    Rule("API actions", lambda: _api("action-list"), PUBLIC),
    Rule("API action", lambda: _api("action-detail", _factory("recommendations", "ActionFactory").pk), PUBLIC),
    Rule("API progress update", lambda: _api("progressupdate-detail", _approved_update()), PUBLIC),
    Rule("API organisations", lambda: _api("organization-list"), PUBLIC),
    Rule("API organisation", lambda: _api("organization-detail", _factory(
        "participants", "OrganizationFactory").pk), PUBLIC),
    Rule("API meetings", lambda: _api("meeting-list"), PUBLIC),
    Rule("API meeting", lambda: _api("meeting-detail", _factory("meetings", "MeetingFactory").pk), PUBLIC),
    Rule("API agenda items", lambda: _api("agendaitem-list"), PUBLIC),
    Rule("API agenda item", lambda: _api("agendaitem-detail", _factory("meetings", "AgendaItemFactory").pk), PUBLIC),
    Rule("API minutes", lambda: _api("minutes-list"), PUBLIC),
    Rule("API minutes of a meeting", lambda: _api("minutes-detail", _minutes_published()), PUBLIC),
    Rule("API documents", lambda: _api("document-list"), PUBLIC),
    Rule("API document", lambda: _api("document-detail", _factory("meetings", "MeetingDocumentFactory").pk), PUBLIC),
    Rule("API reports", lambda: _api("report-list"), PUBLIC),
    Rule("API report", lambda: _api("report-detail", _factory("reports", "ReportFactory").pk), PUBLIC),
]

ACCESS_RULES = [
    *API_READ_RULES,
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
