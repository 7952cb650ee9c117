from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _


class ApiTokenForm(forms.Form):
    label = forms.CharField(
        label=_("Name of the new token"), max_length=100,
        help_text=_("What it is for, e.g. “Ministry of Justice reporting script”."),
    )
