"""Language-neutral URLs: the API, its schema and docs, the bulk files and the Atom feeds. Machines call them;
they must not redirect to a language prefix."""

from __future__ import annotations

from django.urls import include, path
from django.views.decorators.http import conditional_page
from drf_spectacular.views import SpectacularAPIView
from rest_framework.routers import DefaultRouter

from api import feeds, pages, views

app_name = "api"

router = DefaultRouter()
router.register("recommendations", views.RecommendationViewSet, basename="recommendation")
router.register("mechanisms", views.MechanismViewSet, basename="mechanism")
router.register("reviews", views.ReviewViewSet, basename="review")
router.register("themes", views.ThemeViewSet, basename="theme")
router.register("road-maps", views.RoadMapViewSet, basename="roadmap")
router.register("actions", views.ActionViewSet, basename="action")
router.register("progress-updates", views.ProgressUpdateViewSet, basename="progressupdate")
router.register("organizations", views.OrganizationViewSet, basename="organization")
router.register("meetings", views.MeetingViewSet, basename="meeting")
router.register("agenda-items", views.AgendaItemViewSet, basename="agendaitem")
router.register("minutes", views.MinutesViewSet, basename="minutes")
router.register("documents", views.DocumentViewSet, basename="document")
router.register("reports", views.ReportViewSet, basename="report")

api_patterns = router.urls
for pattern in api_patterns:
    # A strong ETag from the body: a client that sends If-None-Match gets 304 and no body when nothing changed.
    pattern.callback = conditional_page(pattern.callback)  # type: ignore[type-var]  # a router's routes all have a view

urlpatterns = [
    path("api/v1/", include(api_patterns)),
    path("api/v1/schema/", SpectacularAPIView.as_view(), name="schema"),
    path("api/v1/docs/", pages.api_docs_redirect, name="docs"),
    path("open-data/files/<str:dataset>.<str:fmt>", pages.download, name="download"),
    path("feeds/recommendations.atom", feeds.NewRecommendationsFeed(), name="recommendations-atom"),
    path("feeds/roadmaps/progress.atom", feeds.RoadMapProgressFeed(), name="progress-atom"),
]
