"""The tracker's filters. Every value lives in the query string, so a filtered view is a shareable URL."""

from __future__ import annotations

import django_filters
from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from participants.models import Organization
from recommendations import selectors
from recommendations.models import (
    AffectedGroup,
    Mechanism,
    Recommendation,
    RecommendingState,
    Review,
    SdgTarget,
    Theme,
)

SORT_CHOICES = [
    ("relevance", _("Relevance (with a search)")),
    ("newest", _("Newest first")),
    ("oldest", _("Oldest first")),
    ("reference", _("Document and paragraph")),
    ("status", _("Implementation status")),
]


class RecommendationFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Search"), method="filter_search")
    mechanism = django_filters.ModelChoiceFilter(
        label=_("Mechanism"), queryset=Mechanism.objects.order_by("sort_order"), to_field_name="code",
        empty_label=_("All mechanisms"),
    )
    cycle = django_filters.ModelChoiceFilter(
        label=_("Cycle or report"), field_name="review",
        queryset=Review.objects.select_related("mechanism").order_by("mechanism__sort_order", "state_under_review",
                                                                      "number"),
        empty_label=_("All cycles and reports"),
    )
    response = django_filters.ChoiceFilter(
        label=_("Response"), choices=[c for c in Recommendation.Response.choices if c[0]], empty_label=_("Any response")
    )
    kind = django_filters.ChoiceFilter(label=_("Kind"), choices=Recommendation.Kind.choices, empty_label=_("Any kind"))
    theme = django_filters.ModelChoiceFilter(
        label=_("Theme"), field_name="themes", queryset=Theme.objects.order_by("name"), to_field_name="slug",
        empty_label=_("All themes"),
    )
    group = django_filters.ModelChoiceFilter(
        label=_("Affected group"), field_name="affected_groups", queryset=AffectedGroup.objects.order_by("name"),
        to_field_name="slug", empty_label=_("All groups"),
    )
    sdg = django_filters.ModelChoiceFilter(
        label=_("SDG target"), field_name="sdg_targets", queryset=SdgTarget.objects.order_by("code"),
        to_field_name="code", empty_label=_("All SDG targets"),
    )
    agency = django_filters.ModelChoiceFilter(
        label=_("Responsible agency"), field_name="responsible_agencies",
        queryset=Organization.objects.filter(kind__in=[
            Organization.Kind.MINISTRY, Organization.Kind.PARLIAMENT, Organization.Kind.OMBUDSMAN,
            Organization.Kind.COURT, Organization.Kind.PRESIDENTIAL_COMMISSION,
        ]).order_by("name"),
        empty_label=_("All agencies"),
    )
    status = django_filters.ChoiceFilter(
        label=_("Implementation status"), choices=Recommendation.Status.choices, empty_label=_("Any status")
    )
    state = django_filters.ModelChoiceFilter(
        label=_("Recommending state"), field_name="recommending_states",
        queryset=RecommendingState.objects.order_by("name"), to_field_name="name", empty_label=_("All states"),
    )
    sort = django_filters.ChoiceFilter(label=_("Sort by"), choices=SORT_CHOICES, method="filter_noop",
                                       empty_label=None)

    class Meta:
        model = Recommendation
        fields: list[str] = []

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        for name in ("theme", "group", "agency"):
            self.form.fields[name].label_from_instance = lambda obj: obj.localized_name  # type: ignore[attr-defined]
        self.form.fields["q"].widget = forms.TextInput(attrs={"type": "search", "placeholder": _("Words or a symbol")})
        self.form.fields["sort"].required = False

    def filter_search(self, queryset: QuerySet[Recommendation], name: str, value: str) -> QuerySet[Recommendation]:
        return selectors.recommendation_search(queryset, value)

    def filter_noop(self, queryset: QuerySet[Recommendation], name: str, value: str) -> QuerySet[Recommendation]:
        return queryset

    @property
    def searching(self) -> bool:
        return bool(self.form.is_valid() and (self.form.cleaned_data.get("q") or "").strip())

    @property
    def ordered_qs(self) -> QuerySet[Recommendation]:
        sort = self.form.cleaned_data.get("sort", "") if self.form.is_valid() else (self.data.get("sort") or "")
        return selectors.recommendation_order(self.qs, sort=sort or "", searching=self.searching)
