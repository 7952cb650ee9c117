"""API filters. Recommendations use the tracker's own FilterSet, so a query string means the same on the web page
(/recommendations/?theme=...) and in the API (/api/v1/recommendations/?theme=...)."""

from __future__ import annotations

from typing import Any

import django_filters
from django import forms
from django.db import models
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from meetings.models import AgendaItem, Meeting, MeetingDocument, Minutes
from participants.models import Organization
from recommendations.filters import RecommendationFilter
from recommendations.models import Action, ProgressUpdate, Review, RoadMap
from reports.models import Report

# Ids and numbers in a query string are whole numbers the database can hold: a bigger one (or 1.1e-38) is a clear
# 400, not a 500 from SQLite ("int too large") or from a year lookup (year 0 or 10000 has no date).
MAX_ID = 2**63 - 1


class IntegerFilter(django_filters.NumberFilter):
    """A whole number in [min_value, max_value]; anything else is a 400 naming the parameter."""

    field_class = forms.IntegerField  # type: ignore[assignment]  # the stubs expect NumberFilter's DecimalField

    def __init__(self, *args: Any, min_value: int = 1, max_value: int = MAX_ID, **kwargs: Any) -> None:
        super().__init__(*args, min_value=min_value, max_value=max_value, **kwargs)


def YearFilter(**kwargs: Any) -> IntegerFilter:  # noqa: N802 - reads as a filter class in a FilterSet
    return IntegerFilter(min_value=1, max_value=9999, **kwargs)


class BoundedModelChoiceField(django_filters.fields.ModelChoiceField):
    def to_python(self, value: object) -> object:
        if value not in self.empty_values:
            try:
                number = int(str(value))
            except ValueError:
                number = None
            if number is not None and not 1 <= number <= MAX_ID:
                raise forms.ValidationError(self.error_messages["invalid_choice"], code="invalid_choice")
        return super().to_python(value)


class BoundedModelChoiceFilter(django_filters.ModelChoiceFilter):
    field_class = BoundedModelChoiceField


class ApiFilterSet(django_filters.FilterSet):
    """Filters generated from Meta.fields get the bounded number and choice filters above."""

    FILTER_DEFAULTS = {
        **django_filters.FilterSet.FILTER_DEFAULTS,
        models.IntegerField: {"filter_class": IntegerFilter, "extra": lambda f: {"min_value": -MAX_ID}},
        models.PositiveIntegerField: {"filter_class": IntegerFilter, "extra": lambda f: {"min_value": 0}},
        models.PositiveSmallIntegerField: {"filter_class": IntegerFilter,
                                           "extra": lambda f: {"min_value": 0, "max_value": 32767}},
        models.SmallIntegerField: {"filter_class": IntegerFilter, "extra": lambda f: {"min_value": -32768,
                                                                                      "max_value": 32767}},
        models.ForeignKey: {
            "filter_class": BoundedModelChoiceFilter,
            "extra": lambda f: {"queryset": django_filters.filterset.remote_queryset(f)},
        },
    }


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


class ReviewFilter(ApiFilterSet):
    mechanism = django_filters.CharFilter(field_name="mechanism__code", label=_("Mechanism code"))

    class Meta:
        model = Review
        fields = ["state_under_review", "year"]


class RoadMapFilter(ApiFilterSet):
    theme = django_filters.CharFilter(field_name="theme__slug", label=_("Theme"))
    agency = IntegerFilter(field_name="lead_agency", label=_("Lead agency (organisation id)"))

    class Meta:
        model = RoadMap
        fields: list[str] = []


class ActionFilter(ApiFilterSet):
    road_map = IntegerFilter(field_name="road_map__number", label=_("Road map number"))
    agency = IntegerFilter(method="filter_agency", label=_("Responsible agency (organisation id)"))
    status = django_filters.ChoiceFilter(choices=Action.Status.choices, label=_("Status"))
    deadline_before = django_filters.DateFilter(field_name="deadline", lookup_expr="lte", label=_("Deadline on or before"))

    class Meta:
        model = Action
        fields: list[str] = []

    def filter_agency(self, queryset: QuerySet[Action], name: str, value: int) -> QuerySet[Action]:
        # An exists-style filter rather than a join, so an action with two agencies is listed once.
        return queryset.filter(pk__in=Action.responsible_agencies.through.objects.filter(
            organization_id=value).values("action_id"))


class ProgressUpdateFilter(ApiFilterSet):
    road_map = IntegerFilter(field_name="action__road_map__number", label=_("Road map number"))
    since = django_filters.DateFilter(field_name="date", lookup_expr="gte", label=_("On or after"))

    class Meta:
        model = ProgressUpdate
        fields = ["action"]


class OrganizationFilter(ApiFilterSet):
    kind = django_filters.ChoiceFilter(choices=Organization.Kind.choices, label=_("Kind"))
    standing = django_filters.ChoiceFilter(choices=Organization.Standing.choices, label=_("Standing"))

    class Meta:
        model = Organization
        fields: list[str] = []


class MeetingFilter(ApiFilterSet):
    year = YearFilter(field_name="starts_at__year", label=_("Year"))
    status = django_filters.ChoiceFilter(
        choices=[c for c in Meeting.Status.choices if c[0] != Meeting.Status.DRAFT], label=_("Status")
    )
    subgroup = IntegerFilter(field_name="subgroup", label=_("Subgroup id"))

    class Meta:
        model = Meeting
        fields: list[str] = []


class AgendaItemFilter(ApiFilterSet):
    class Meta:
        model = AgendaItem
        fields = ["meeting"]


class MinutesFilter(ApiFilterSet):
    class Meta:
        model = Minutes
        fields = ["meeting"]


class DocumentFilter(ApiFilterSet):
    class Meta:
        model = MeetingDocument
        fields = ["meeting"]


class ReportFilter(ApiFilterSet):
    kind = django_filters.ChoiceFilter(choices=Report.Kind.choices, label=_("Kind"))
    mechanism = django_filters.CharFilter(field_name="mechanism__code", label=_("Mechanism code"))

    class Meta:
        model = Report
        fields = ["year"]
