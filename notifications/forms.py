from __future__ import annotations

from typing import Any, cast

from django import forms
from django.utils.translation import gettext_lazy as _

from notifications.models import Delivery


class NoticeFilterForm(forms.Form):
    PROBLEMS = [
        ("", _("All notices")),
        ("failed", _("With failed deliveries")),
        ("retrying", _("With deliveries being retried")),
        ("pending", _("With deliveries not sent yet")),
    ]

    kind = forms.ChoiceField(label=_("Kind"), required=False)
    problem = forms.ChoiceField(label=_("Show"), choices=PROBLEMS, required=False)
    email = forms.EmailField(label=_("Recipient's e-mail address"), required=False)

    def __init__(self, *args: Any, kinds: list[str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["kind"]).choices = [("", _("All kinds")), *[(k, k) for k in kinds]]


class DeliveryFilterForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Status"), choices=[("", _("All statuses")), *Delivery.Status.choices], required=False
    )
