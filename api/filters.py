"""API filters. Recommendations use the tracker's own FilterSet, so a query string means the same on the web page
(/recommendations/?theme=...) and in the API (/api/v1/recommendations/?theme=...)."""

from __future__ import annotations

from typing import Any

import django_filters
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from meetings.models import AgendaItem, Meeting, MeetingDocument, Minutes
from participants.models import Organization
from recommendations.filters import RecommendationFilter
from recommendations.models import Action, ProgressUpdate, Review, RoadMap
from reports.models import Report


class ApiRecommendationFilter(RecommendationFilter):
    # The API pages by cursor in one fixed order; the web page's sort choice has no meaning here.
    sort = None  # type: ignore[assignment]  # django-filter's way to drop an inherited filter
    updated_since = django_filters.IsoDateTimeFilter(
        field_name="updated_at", lookup_expr="gte", label=_("Changed at or after (ISO 8601)")
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        # Skip the web form's widget set-up: it loads every choice list for the <select>s, which an API
        # request never renders (FilterSet.__init__ itself validates the same values).
        django_filters.FilterSet.__init__(self, *args, **kwargs)


class ReviewFilter(django_filters.FilterSet):
    mechanism = django_filters.CharFilter(field_name="mechanism__code", label=_("Mechanism code"))

    class Meta:
        model = Review
        fields = ["state_under_review", "year"]


class RoadMapFilter(django_filters.FilterSet):
    theme = django_filters.CharFilter(field_name="theme__slug", label=_("Theme"))
    agency = django_filters.NumberFilter(field_name="lead_agency", label=_("Lead agency (organisation id)"))

    class Meta:
        model = RoadMap
        fields: list[str] = []


class ActionFilter(django_filters.FilterSet):
    road_map = django_filters.NumberFilter(field_name="road_map__number", label=_("Road map number"))
    agency = django_filters.NumberFilter(method="filter_agency", label=_("Responsible agency (organisation id)"))
    status = django_filters.ChoiceFilter(choices=Action.Status.choices, label=_("Status"))
    deadline_before = django_filters.DateFilter(field_name="deadline", lookup_expr="lte", label=_("Deadline on or before"))

    class Meta:
        model = Action
        fields: list[str] = []

    def filter_agency(self, queryset: QuerySet[Action], name: str, value: int) -> QuerySet[Action]:
        # An exists-style filter rather than a join, so an action with two agencies is listed once.
        return queryset.filter(pk__in=Action.responsible_agencies.through.objects.filter(
            organization_id=value).values("action_id"))


class ProgressUpdateFilter(django_filters.FilterSet):
    road_map = django_filters.NumberFilter(field_name="action__road_map__number", label=_("Road map number"))
    since = django_filters.DateFilter(field_name="date", lookup_expr="gte", label=_("On or after"))

    class Meta:
        model = ProgressUpdate
        fields = ["action"]


class OrganizationFilter(django_filters.FilterSet):
    kind = django_filters.ChoiceFilter(choices=Organization.Kind.choices, label=_("Kind"))
    standing = django_filters.ChoiceFilter(choices=Organization.Standing.choices, label=_("Standing"))

    class Meta:
        model = Organization
        fields: list[str] = []


class MeetingFilter(django_filters.FilterSet):
    year = django_filters.NumberFilter(field_name="starts_at__year", label=_("Year"))
    status = django_filters.ChoiceFilter(
        choices=[c for c in Meeting.Status.choices if c[0] != Meeting.Status.DRAFT], label=_("Status")
    )
    subgroup = django_filters.NumberFilter(field_name="subgroup", label=_("Subgroup id"))

    class Meta:
        model = Meeting
        fields: list[str] = []


class AgendaItemFilter(django_filters.FilterSet):
    class Meta:
        model = AgendaItem
        fields = ["meeting"]


class MinutesFilter(django_filters.FilterSet):
    class Meta:
        model = Minutes
        fields = ["meeting"]


class DocumentFilter(django_filters.FilterSet):
    class Meta:
        model = MeetingDocument
        fields = ["meeting"]


class ReportFilter(django_filters.FilterSet):
    kind = django_filters.ChoiceFilter(choices=Report.Kind.choices, label=_("Kind"))
    mechanism = django_filters.CharFilter(field_name="mechanism__code", label=_("Mechanism code"))

    class Meta:
        model = Report
        fields = ["year"]
