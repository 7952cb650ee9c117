"""Form widgets every app's forms share.

`SearchableSelectMultiple`: a <select multiple> that static/js/searchable-select.js turns into a searchable
multi-select (Tom Select, vendored under static/vendor/tom-select-2.6.2): type to filter, arrows and Enter to choose,
each choice a removable tag, every change announced to screen readers. Without JavaScript it stays a plain list box,
tall enough to show its names. The page loads templates/core/partials/searchable_select_assets.html.
"""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _


class SearchableSelectMultiple(forms.SelectMultiple):
    def __init__(self, attrs: dict[str, object] | None = None, choices: object = ()) -> None:
        defaults: dict[str, object] = {
            "data-searchable": "",
            "size": 8,
            # The texts the script shows, in the page's language (it has no catalogue of its own).
            "data-searchable-placeholder": _("Type to search"),
            "data-searchable-no-results": _("Nothing matches"),
            "data-searchable-remove": _("Remove"),
            "data-searchable-added": _("added"),
            "data-searchable-removed": _("removed"),
        }
        defaults.update(attrs or {})
        super().__init__(attrs=defaults, choices=choices)  # type: ignore[arg-type]
