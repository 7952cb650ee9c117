"""Form widgets every app's forms share.

`SearchableSelectMultiple`: a <select multiple> that static/js/searchable-select.js turns into a searchable
multi-select (Tom Select, vendored under static/vendor/tom-select-2.6.2): type to filter, arrows and Enter to choose,
each choice a removable tag, every change announced to screen readers. Without JavaScript it stays a plain list box,
tall enough to show its names. The page loads templates/core/partials/searchable_select_assets.html.

`SearchableSelect` (and `searchable_select_attrs()` for a select built another way): the single choice of a list whose
names are long (Kazakh and Russian agency names, review titles). A closed native <select> cuts its chosen text at the
box's edge and cannot wrap it; the searchable control shows the whole name on as many lines as it needs.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django import forms
from django.utils.translation import gettext_lazy as _

if TYPE_CHECKING:
    from django.utils.choices import _Choices  # django-stubs' type of a widget's choices


def searchable_select_attrs() -> dict[str, object]:
    """The attributes that make static/js/searchable-select.js enhance a <select>, with the texts it shows in the
    page's language (the script has no catalogue of its own)."""
    return {
        "data-searchable": "",
        "data-searchable-placeholder": _("Type to search"),
        "data-searchable-no-results": _("Nothing matches"),
        "data-searchable-remove": _("Remove"),
        "data-searchable-added": _("added"),
        "data-searchable-removed": _("removed"),
    }


class SearchableSelectMultiple(forms.SelectMultiple):
    def __init__(self, attrs: dict[str, object] | None = None, choices: _Choices = ()) -> None:
        defaults: dict[str, object] = {**searchable_select_attrs(), "size": 8}
        defaults.update(attrs or {})
        super().__init__(attrs=defaults, choices=choices)


class SearchableSelect(forms.Select):
    def __init__(self, attrs: dict[str, object] | None = None, choices: _Choices = ()) -> None:
        defaults = searchable_select_attrs()
        defaults.update(attrs or {})
        super().__init__(attrs=defaults, choices=choices)
