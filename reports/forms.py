from __future__ import annotations

import datetime
from typing import Any, cast

from django import forms
from django.utils import timezone
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from core.concurrency import VersionField
from core.dates import DateInput, DateTimeLocalInput, zone_hint
from core.uploads import DocumentUploadValidator, upload_max_bytes
from participants.models import Organization
from recommendations.models import Mechanism, Review
from reports.models import Report, ReportDocument

MANUAL_KINDS = [(value, label) for value, label in Report.Kind.choices if value not in Report.GENERATED_KINDS]


def _year_field(**kwargs: Any) -> forms.IntegerField:
    return forms.IntegerField(label=_("Year"), min_value=1990, max_value=timezone.localdate().year + 1, **kwargs)


class ReportFilterForm(forms.Form):
    """Rendered by hand (reports/partials/filter_field.html): cheaper than crispy on a list page."""

    kind = forms.ChoiceField(label=_("Kind"), required=False, choices=[("", _("All kinds")), *Report.Kind.choices])
    mechanism: forms.ModelChoiceField[Mechanism] = forms.ModelChoiceField(
        label=_("Mechanism"), required=False, queryset=None,
                                       empty_label=_("All mechanisms"))
    year = forms.TypedChoiceField(label=_("Year"), required=False, coerce=int, empty_value=None)

    def __init__(self, *args: Any, years: list[int], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        mechanisms = Mechanism.objects.order_by("sort_order", "acronym")
        cast(forms.ModelChoiceField, self.fields["mechanism"]).queryset = mechanisms
        cast(forms.ChoiceField, self.fields["year"]).choices = [("", _("All years")), *[(y, str(y)) for y in years]]
        for field in self.fields.values():
            field.widget.attrs["class"] = "form-select"


class ReportForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=MANUAL_KINDS)
    title = forms.CharField(label=_("Title (English)"), max_length=500)
    title_ru = forms.CharField(label=_("Title (Russian)"), max_length=500, required=False)
    title_kk = forms.CharField(label=_("Title (Kazakh)"), max_length=500, required=False)
    document_symbol = forms.CharField(label=_("Document symbol"), max_length=64, required=False,
                                      help_text=_("For UN documents, e.g. A/HRC/WG.6/34/KAZ/1."))
    year = _year_field()
    mechanism = forms.ModelChoiceField(
        label=_("Mechanism"), required=False, queryset=Mechanism.objects.order_by("sort_order", "acronym"),
        help_text=_("The UN mechanism the report is submitted to: required for a treaty-body report."),
    )
    review = forms.ModelChoiceField(
        label=_("Review cycle or report"), required=False,
        queryset=Review.objects.select_related("mechanism").order_by("mechanism__sort_order", "number"),
    )
    author_organization = forms.ModelChoiceField(
        label=_("Author organisation"), required=False,
        queryset=Organization.objects.filter(is_active=True).order_by("name"),
        help_text=_("For alternative reports: the NGO or coalition that wrote it."),
    )
    summary = forms.CharField(label=_("Summary"), required=False, widget=forms.Textarea(attrs={"rows": 4}))
    version = VersionField()


class VersionForm(forms.Form):
    date = forms.DateField(label=_("Date"), widget=DateInput())
    notes = forms.CharField(label=_("Notes"), required=False, widget=forms.Textarea(attrs={"rows": 3}),
                            help_text=_("What changed in this version, e.g. the draft put to comment."))


class DocumentForm(forms.Form):
    file = forms.FileField(label=_("File"), validators=[DocumentUploadValidator()])
    title = forms.CharField(label=_("Title"), max_length=255, required=False,
                            help_text=_("Left empty, the file name is used."))
    language = forms.ChoiceField(label=_("Language"), choices=ReportDocument.Language.choices, required=False)
    visibility = forms.ChoiceField(label=_("Visible to"), choices=ReportDocument.Visibility.choices,
                                   initial=ReportDocument.Visibility.PUBLIC)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["file"].help_text = _("PDF, DOCX, ODT, XLSX or PPTX, up to %(limit)d MB.") % {
            "limit": upload_max_bytes() // (1024 * 1024)
        }


class DigestBuildForm(forms.Form):
    kind = forms.ChoiceField(label=_("What to build"), choices=[
        (Report.Kind.QUARTERLY_DIGEST, _("Quarterly digest")), (Report.Kind.ANNUAL_REPORT, _("Annual report")),
    ])
    year = _year_field()
    quarter = forms.TypedChoiceField(
        label=_("Quarter"), required=False, coerce=int, empty_value=None,
        choices=[("", _("Not needed for an annual report")), (1, "Q1"), (2, "Q2"), (3, "Q3"), (4, "Q4")],
    )

    def clean(self) -> dict[str, object]:
        data = super().clean() or {}
        if data.get("kind") == Report.Kind.QUARTERLY_DIGEST and not data.get("quarter"):
            self.add_error("quarter", _("Choose the quarter."))
        return data


class CommentPeriodForm(forms.Form):
    opens_at = forms.DateTimeField(label=_("Opens"), widget=DateTimeLocalInput(), help_text=zone_hint())
    closes_at = forms.DateTimeField(label=_("Closes"), widget=DateTimeLocalInput(),
                                    help_text=format_lazy("{} {}", zone_hint(), _("NGOs can comment until this moment.")))
    description = forms.CharField(label=_("What to comment on"), required=False,
                                  widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            now = timezone.localtime().replace(second=0, microsecond=0)
            self.initial = {"opens_at": now, "closes_at": now + datetime.timedelta(days=30)}
