"""The open data API (/api/v1/): read-only public endpoints, and focal points' progress updates by token."""

from __future__ import annotations

import json
from typing import Any, cast

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils import translation
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import mixins, status, viewsets
from rest_framework.exceptions import ValidationError
from rest_framework.permissions import SAFE_METHODS, AllowAny, BasePermission
from rest_framework.renderers import JSONRenderer
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from api import filters, selectors, serializers
from api.pagination import cursor_pagination
from core import pagecache
from participants.models import User
from recommendations import selectors as recommendations_selectors
from recommendations import services as recommendations_services
from recommendations.forms import ProgressUpdateForm

LANG_PARAMETER = OpenApiParameter(
    "lang", OpenApiTypes.STR, enum=["en", "ru", "kk"], required=False,
    description="Language of names, labels and of each plain text field (`title`), and the one listed first in "
    "each `*_translations` object (default: the Accept-Language header, else English). An unknown code is "
    "ignored: the answer comes in that default language, with no error.",
)


class LanguageMixin:
    """?lang= picks the language of localized names, labels and plain text fields, and comes first in every
    `*_translations` object; without it, or with a code we do not publish in (?lang=de), Accept-Language does."""

    def initial(self, request: Request, *args: Any, **kwargs: Any) -> None:
        lang = (request.query_params.get("lang") or "").strip().lower()[:2]
        if lang and lang in dict(settings.LANGUAGES):
            translation.activate(lang)
            request.LANGUAGE_CODE = lang
        super().initial(request, *args, **kwargs)  # type: ignore[misc]  # mixed into an APIView

    def finalize_response(self, request: Request, response: Response, *args: Any, **kwargs: Any) -> Response:
        response = super().finalize_response(request, response, *args, **kwargs)  # type: ignore[misc]  # an APIView's
        # The same URL answers in several languages: caches must key on the header that chose one.
        patch_vary_headers(response, ["Accept-Language"])
        return response


# The API reads every app's public data: a change in any of them makes its cached answers stale.
API_SCOPES = ("participants", "recommendations", "meetings", "submissions", "reports", "api")


class PublicReadOnlyViewSet(LanguageMixin, viewsets.ReadOnlyModelViewSet):  # type: ignore[type-arg]  # any model
    permission_classes = [AllowAny]

    def _shared(self, request: Request, build: Any) -> Response:
        """An anonymous client's answer comes from the page cache (core.pagecache) once one client asked for it;
        throttling has run already (initial()), so limits hold. Token holders always get a fresh answer."""
        if not pagecache.shareable(request._request):
            fresh: Response = build()
            return fresh
        vary = request._request.get_host() + request._request.get_full_path()
        # Plain JSON values: the serializer's ReturnList would drag the serializer into the cache.
        data = pagecache.cached_value("api", API_SCOPES, vary, lambda: json.loads(JSONRenderer().render(build().data)))
        return Response(data)

    def list(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return self._shared(request, lambda: super(PublicReadOnlyViewSet, self).list(request, *args, **kwargs))

    def retrieve(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return self._shared(request, lambda: super(PublicReadOnlyViewSet, self).retrieve(request, *args, **kwargs))


def _read_only(tag: str, noun: str) -> Any:
    return extend_schema_view(
        list=extend_schema(tags=[tag], summary=f"List {noun}", parameters=[LANG_PARAMETER]),
        retrieve=extend_schema(tags=[tag], summary=f"One of the {noun}", parameters=[LANG_PARAMETER]),
    )


@_read_only("recommendations", "recommendations")
class RecommendationViewSet(PublicReadOnlyViewSet):
    """Recommendations with the tracker's filters (`q`, `mechanism`, `cycle`, `response`, `kind`, `theme`, `group`,
    `sdg`, `agency`, `status`, `state`), newest first."""

    serializer_class = serializers.RecommendationSerializer
    filterset_class = filters.ApiRecommendationFilter
    pagination_class = cursor_pagination("-id")

    def get_queryset(self) -> Any:
        # The ordering is the paginator's; a search's rank annotation does not change it.
        return selectors.recommendation_list().order_by("-id")


@_read_only("recommendations", "mechanisms")
class MechanismViewSet(PublicReadOnlyViewSet):
    serializer_class = serializers.MechanismSerializer
    lookup_field = "code"
    pagination_class = None
    queryset = selectors.mechanism_list().order_by("sort_order", "id")


@_read_only("recommendations", "review cycles and treaty-body reports")
class ReviewViewSet(PublicReadOnlyViewSet):
    serializer_class = serializers.ReviewSerializer
    filterset_class = filters.ReviewFilter
    pagination_class = cursor_pagination("id")

    def get_queryset(self) -> Any:
        return selectors.review_list().order_by("id")


@_read_only("recommendations", "themes")
class ThemeViewSet(PublicReadOnlyViewSet):
    serializer_class = serializers.ThemeSerializer
    lookup_field = "slug"
    pagination_class = cursor_pagination("slug")

    def get_queryset(self) -> Any:
        return selectors.theme_list().order_by("slug")


@_read_only("road maps", "road maps")
class RoadMapViewSet(PublicReadOnlyViewSet):
    serializer_class = serializers.RoadMapSerializer
    filterset_class = filters.RoadMapFilter
    lookup_field = "number"
    lookup_value_regex = r"\d+"
    pagination_class = cursor_pagination("number")

    def get_queryset(self) -> Any:
        return selectors.roadmap_list().order_by("number")


@_read_only("road maps", "road-map actions")
class ActionViewSet(PublicReadOnlyViewSet):
    serializer_class = serializers.ActionSerializer
    filterset_class = filters.ActionFilter
    pagination_class = cursor_pagination("id")

    def get_queryset(self) -> Any:
        return selectors.action_list().order_by("id")


class ReadOrFocalPointWrite(BasePermission):
    """Anyone reads; only a focal point, signed in by an API token, writes."""

    message = "Only government focal points may submit progress updates, with their personal API token."

    def has_permission(self, request: Request, view: APIView) -> bool:
        if request.method in SAFE_METHODS:
            return True
        return bool(request.auth is not None and request.user.is_authenticated and request.user.is_focal_point)


@extend_schema_view(
    list=extend_schema(tags=["road maps"], summary="List approved progress updates", parameters=[LANG_PARAMETER]),
    retrieve=extend_schema(tags=["road maps"], summary="One approved progress update", parameters=[LANG_PARAMETER]),
    create=extend_schema(
        tags=["road maps"], summary="Submit a progress update (focal points, with a token)",
        description="The same rules as the web form: only actions of your own agency, a date not in the future, "
        "and a text. The secretariat reviews it before it is published. Errors come as 400 with a message per field, "
        "in the language of Accept-Language or ?lang=.",
        request={"application/json": serializers.ProgressUpdateCreateSerializer,
                 "multipart/form-data": serializers.ProgressUpdateCreateSerializer},
        responses={201: serializers.ProgressUpdateReceiptSerializer},
        parameters=[LANG_PARAMETER],
    ),
)
class ProgressUpdateViewSet(LanguageMixin, mixins.CreateModelMixin, viewsets.ReadOnlyModelViewSet):  # type: ignore[type-arg]
    permission_classes = [ReadOrFocalPointWrite]
    serializer_class = serializers.ProgressUpdateSerializer
    filterset_class = filters.ProgressUpdateFilter
    pagination_class = cursor_pagination("-id")

    def get_queryset(self) -> Any:
        return selectors.progress_update_public_list().order_by("-id")

    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        # Types first (a number where a date belongs is a 400, not a crash), then the web form's own rules.
        incoming = serializers.ProgressUpdateCreateSerializer(data=request.data)
        incoming.is_valid(raise_exception=True)
        data = incoming.validated_data
        actor = cast(User, request.user)  # ReadOrFocalPointWrite lets only signed-in focal points create
        try:
            action = recommendations_selectors.action_get_for_reporting(user=actor, pk=data["action"])
        except Http404:
            raise ValidationError({"action": [_("There is no road-map action with this id.")]}) from None
        except PermissionDenied as exc:
            raise ValidationError({"action": [str(exc)]}) from None
        form = ProgressUpdateForm(
            data={key: "" if value is None else str(value) for key, value in data.items() if key != "evidence_file"},
            files={"evidence_file": data["evidence_file"]} if data.get("evidence_file") else None,
        )
        if not form.is_valid():
            raise ValidationError({field: [str(m) for m in messages] for field, messages in form.errors.items()})
        update = recommendations_services.progress_update_submit(actor=actor, action=action,
                                                                 **form.cleaned_data)
        return Response(serializers.ProgressUpdateReceiptSerializer(update).data, status=status.HTTP_201_CREATED)


@_read_only("organisations", "member and observer organisations")
class OrganizationViewSet(PublicReadOnlyViewSet):
    serializer_class = serializers.OrganizationSerializer
    filterset_class = filters.OrganizationFilter
    pagination_class = cursor_pagination("id")

    def get_queryset(self) -> Any:
        return selectors.organization_list().order_by("id")


@_read_only("meetings", "meetings (drafts are never listed)")
class MeetingViewSet(PublicReadOnlyViewSet):
    serializer_class = serializers.MeetingSerializer
    filterset_class = filters.MeetingFilter
    pagination_class = cursor_pagination("-id")

    def get_queryset(self) -> Any:
        return selectors.meeting_list().order_by("-id")


@_read_only("meetings", "agenda items")
class AgendaItemViewSet(PublicReadOnlyViewSet):
    serializer_class = serializers.AgendaItemSerializer
    filterset_class = filters.AgendaItemFilter
    pagination_class = cursor_pagination("id")

    def get_queryset(self) -> Any:
        return selectors.agenda_item_list().order_by("id")


@_read_only("meetings", "published minutes")
class MinutesViewSet(PublicReadOnlyViewSet):
    serializer_class = serializers.MinutesSerializer
    filterset_class = filters.MinutesFilter
    pagination_class = cursor_pagination("-id")

    def get_queryset(self) -> Any:
        return selectors.minutes_published_list().order_by("-id")


@_read_only("meetings", "public meeting documents")
class DocumentViewSet(PublicReadOnlyViewSet):
    serializer_class = serializers.DocumentSerializer
    filterset_class = filters.DocumentFilter
    pagination_class = cursor_pagination("-id")

    def get_queryset(self) -> Any:
        return selectors.document_public_list().order_by("-id")


@_read_only("reports", "published reports (national, treaty-body and NGO reports, digests)")
class ReportViewSet(PublicReadOnlyViewSet):
    serializer_class = serializers.ReportSerializer
    filterset_class = filters.ReportFilter
    pagination_class = cursor_pagination("-id")

    def get_queryset(self) -> Any:
        return selectors.report_published_list().order_by("-id")
