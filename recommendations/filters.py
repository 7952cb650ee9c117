"""The tracker's filters. Every value lives in the query string, so a filtered view is a shareable URL."""

from __future__ import annotations

from typing import Any, cast

import django_filters
from django import forms
from django.db.models import QuerySet
from django.forms.utils import flatatt
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext_lazy as _

from core import pagecache
from core.widgets import searchable_select_attrs
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

# The tables the filters' options come from belong to these apps (core.pagecache scopes): a change to one of them
# drops the cached options.
CHOICE_SCOPES = ("recommendations", "participants")

SORT_CHOICES = [
    ("relevance", _("Relevance (with a search)")),
    ("newest", _("Newest first")),
    ("oldest", _("Oldest first")),
    ("reference", _("Document and paragraph")),
    ("status", _("Implementation status")),
]


# Filters whose names run long in Kazakh and Russian (agencies, review titles, states): a native <select> cuts the
# chosen one at the box's edge, the searchable select (core.widgets) shows it whole.
SEARCHABLE_FILTERS = frozenset({"cycle", "theme", "group", "agency", "state"})


class FastSelect(forms.Select):
    """A <select> rendered in Python: the tracker draws ~200 options per request, and Django's per-option
    templates cost more than the database queries of the page (bench/tracker.py)."""

    def render(
        self, name: str, value: object, attrs: dict[str, object] | None = None, renderer: object = None
    ) -> SafeString:
        final = self.build_attrs(self.attrs, {**(attrs or {}), "name": name})
        selected = "" if value is None else str(value)
        options = "".join(
            f'<option value="{escape(str(key))}"{" selected" if str(key) == selected else ""}>{escape(str(label))}</option>'
            for key, label in self.choices
        )
        return mark_safe(f"<select{flatatt(final)}>{options}</select>")  # noqa: S308  # nosec B703 B308: every part escaped above


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

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name in ("theme", "group", "agency"):
            # Relabelling one field's choices on the instance, which mypy reads as replacing the class's method.
            related = cast(forms.ModelChoiceField, self.form.fields[name])
            related.label_from_instance = lambda obj: obj.localized_name  # type: ignore[method-assign]
        self.form.fields["q"].widget = forms.TextInput(attrs={"type": "search", "placeholder": _("Words or a symbol")})
        self.form.fields["sort"].required = False
        model_choices = pagecache.cached_value(
            "tracker-filter-choices", CHOICE_SCOPES, "", lambda: self._model_choices(self.form.fields)
        )
        for name, field in self.form.fields.items():
            if isinstance(field, forms.ModelChoiceField):
                field.widget = FastSelect(choices=model_choices[name])
            elif name != "q":
                # The other fields are ChoiceFields, whose choices the stubs type too loosely for a widget.
                field.widget = FastSelect(choices=field.choices)  # type: ignore[attr-defined]
            if name in SEARCHABLE_FILTERS:
                field.widget.attrs.update(searchable_select_attrs())
            css = "form-control" if name == "q" else "form-select"
            if self.form.is_bound and name in self.form.errors:
                css += " is-invalid"
                field.widget.attrs["aria-describedby"] = f"id_{name}-error"
            field.widget.attrs["class"] = css

    @staticmethod
    def _model_choices(fields: dict[str, forms.Field]) -> dict[str, list[tuple[str, str]]]:
        """The options of every list drawn from a table, in the page's language: reference lists change rarely, and
        reading them (seven queries, a few hundred translated rows) cost more than the page's recommendations. A
        submitted value is still checked against the table by the field itself."""
        found = {}
        for name, field in fields.items():
            if isinstance(field, forms.ModelChoiceField):
                # A plain list, fetched with one ordinary query (ModelChoiceIterator would open a server-side cursor).
                label = field.label_from_instance
                found[name] = [("", str(field.empty_label or ""))] + [
                    (str(field.prepare_value(obj)), str(label(obj))) for obj in cast(QuerySet[Any], field.queryset)
                ]
        return found

    def filter_search(self, queryset: QuerySet[Recommendation], name: str, value: str) -> QuerySet[Recommendation]:
        return selectors.recommendation_search(queryset, value)

    def filter_noop(self, queryset: QuerySet[Recommendation], name: str, value: str) -> QuerySet[Recommendation]:
        return queryset

    @property
    def searching(self) -> bool:
        return bool(self.form.is_valid() and (self.form.cleaned_data.get("q") or "").strip())

    @property
    def ordered_qs(self) -> QuerySet[Recommendation]:
        # FilterSet keeps {} for no data, never the None its stubs allow.
        sort = self.form.cleaned_data.get("sort", "") if self.form.is_valid() else (
            self.data.get("sort") or ""  # type: ignore[union-attr]
        )
        query = (self.form.cleaned_data.get("q") or "") if self.form.is_valid() else ""
        return selectors.recommendation_order(self.qs, sort=sort or "", searching=self.searching, query=query)
