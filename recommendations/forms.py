from __future__ import annotations

import codecs
from typing import Any, cast

from django import forms
from django.conf import settings
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.translation import gettext_lazy as _

from core.concurrency import VersionField
from core.dates import DateInput
from core.exceptions import ApplicationError
from core.multilingual import original_language_formfield
from core.uploads import ALL_DOCUMENT_TYPES, DocumentUploadValidator
from core.widgets import SearchableSelect, SearchableSelectMultiple
from participants.models import Organization
from recommendations.models import Action, ImportJob, ProgressUpdate, Recommendation, RoadMap, Theme
from recommendations.references import RecommendationReferencesField
from recommendations.services import validate_import_file

# What the file picker offers first; the server decides by content whatever the name says.
EVIDENCE_ACCEPT = ",".join(f".{t.extension}" for t in ALL_DOCUMENT_TYPES)

AGENCY_KINDS = [
    Organization.Kind.MINISTRY, Organization.Kind.PARLIAMENT, Organization.Kind.OMBUDSMAN, Organization.Kind.COURT,
    Organization.Kind.PRESIDENTIAL_COMMISSION,
]


class AgencyChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Organization) -> str:
        return obj.localized_name


class OrganizationsField(forms.ModelMultipleChoiceField):
    """Organisations by their full name in the page's language, with the acronym people search by."""

    def label_from_instance(self, obj: Organization) -> str:
        name = obj.localized_name
        return f"{name} ({obj.acronym})" if obj.acronym and obj.acronym != name else name


class ThemeChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Theme) -> str:
        return obj.localized_name


class LocalizedNamesField(forms.ModelMultipleChoiceField):
    """Themes and affected groups by their name in the page's language."""

    def label_from_instance(self, obj: Theme) -> str:
        return obj.localized_name


class RecommendationForm(forms.ModelForm):
    # Every list of several choices is the searchable multi-select (issue 16, item 6): no Ctrl-click list boxes.
    road_maps = forms.ModelMultipleChoiceField(
        label=_("Road maps"), queryset=RoadMap.objects.order_by("number"), required=False,
        widget=SearchableSelectMultiple,
    )
    version = VersionField()

    class Meta:
        model = Recommendation
        fields = [
            "document_symbol", "paragraph", "text", "response", "action_category", "status", "themes",
            "affected_groups", "sdg_targets", "responsible_agencies", "source_organization",
        ]
        widgets = {
            "text": forms.Textarea(attrs={"rows": 4}),
            "themes": SearchableSelectMultiple, "affected_groups": SearchableSelectMultiple,
            "sdg_targets": SearchableSelectMultiple, "responsible_agencies": SearchableSelectMultiple,
            "source_organization": SearchableSelect,
        }
        field_classes = {
            "themes": LocalizedNamesField, "affected_groups": LocalizedNamesField,
            "responsible_agencies": OrganizationsField, "source_organization": AgencyChoiceField,
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        agencies = Organization.objects.filter(kind__in=AGENCY_KINDS)
        cast(forms.ModelChoiceField, self.fields["responsible_agencies"]).queryset = agencies
        if self.instance.pk:
            self.fields["road_maps"].initial = list(self.instance.road_maps.values_list("pk", flat=True))
            self.fields["version"].initial = self.instance.version
            if self.instance.kind == Recommendation.Kind.VOLUNTARY_PLEDGE:
                del self.fields["response"]
            else:
                responses = [c for c in Recommendation.Response.choices if c[0]]
                cast(forms.ChoiceField, self.fields["response"]).choices = responses


class BulkClassifyForm(forms.Form):
    recommendations = forms.ModelMultipleChoiceField(
        queryset=Recommendation.objects.only("pk"), error_messages={"required": _("Select at least one recommendation.")}
    )
    # Names in the page's language, as in the filters above the list.
    theme = ThemeChoiceField(label=_("Add theme"), queryset=Theme.objects.order_by("name"), required=False)
    agency = AgencyChoiceField(
        label=_("Add responsible agency"), queryset=Organization.objects.filter(kind__in=AGENCY_KINDS).order_by("name"),
        required=False,
    )
    road_map = forms.ModelChoiceField(label=_("Add to road map"), queryset=RoadMap.objects.order_by("number"),
                                      required=False)
    status = forms.ChoiceField(label=_("Set status"), choices=[("", "—"), *Recommendation.Status.choices],
                               required=False)
    next = forms.CharField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        # The tracker shows this form beside the filter form, which has fields of the same names:
        # distinct ids keep the labels pointing at the right control.
        kwargs.setdefault("auto_id", "bulk-%s")
        super().__init__(*args, **kwargs)

    def clean(self) -> dict[str, object]:
        data = cast(dict[str, Any], super().clean())  # Form.clean returns cleaned_data; the stubs allow None
        if not any(data.get(name) for name in ("theme", "agency", "road_map", "status")):
            raise forms.ValidationError(_("Choose a theme, an agency, a road map or a status to apply."))
        return data


class ImportUploadForm(forms.Form):
    file = forms.FileField(
        label=_("File"),
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,.xlsx,text/csv,"
                                               "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"}),
    )
    format = forms.ChoiceField(label=_("Format"), choices=ImportJob.Format.choices)
    encoding = forms.CharField(
        label=_("Encoding"), required=False, max_length=32,
        help_text=_("Leave empty to detect. UPR Info exports are often mac_roman or cp1252."),
    )
    cycle = forms.IntegerField(
        label=_("UPR cycle"), required=False, min_value=1, max_value=99,
        help_text=_("Only if every row belongs to this cycle; otherwise it follows from the session."),
    )

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["file"].help_text = _(
            "CSV (any encoding) or XLSX, up to %(mb)s MB and %(rows)s rows. The type is checked from the file's "
            "content."
        ) % {"mb": settings.IMPORT_MAX_MB, "rows": number_format(settings.IMPORT_MAX_ROWS, force_grouping=True)}

    def clean_encoding(self) -> str:
        value: str = self.cleaned_data["encoding"].strip()
        if value:
            try:
                codecs.lookup(value)
            except LookupError:
                raise forms.ValidationError(
                    _("Unknown encoding “%(name)s”. Use, for example, utf-8, mac_roman or cp1252."),
                    params={"name": value},
                ) from None
        return value

    def clean(self) -> dict[str, object]:
        data = cast("dict[str, Any]", super().clean())  # Form.clean() returns cleaned_data
        file, format = data.get("file"), data.get("format")
        if file is not None and format:
            # The one upload checker, with the import's types and limits (services check again).
            try:
                validate_import_file(file, format=str(format))
            except ApplicationError as exc:
                self.add_error("file", exc.message)
        return data


class ProgressUpdateForm(forms.ModelForm):
    evidence_url = forms.URLField(label=_("Evidence link"), required=False, assume_scheme="https")
    # Checked by content with the one upload checker; stored privately (services.progress_update_submit).
    evidence_file = forms.FileField(
        label=_("Evidence file"), required=False, validators=[DocumentUploadValidator()],
        widget=forms.ClearableFileInput(attrs={"accept": EVIDENCE_ACCEPT}),
    )

    class Meta:
        model = ProgressUpdate
        fields = ["date", "text", "evidence_url", "evidence_file", "proposed_status"]
        # A date input takes ISO dates whatever the page language; a localised value would show as empty.
        widgets = {
            "date": DateInput(),
            "text": forms.Textarea(attrs={"rows": 4}),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["date"].initial = timezone.localdate()
        cast(forms.ChoiceField, self.fields["proposed_status"]).choices = [("", _("No change")), *Action.Status.choices]
        self.fields["evidence_file"].help_text = _(
            "PDF, Word (DOCX), OpenDocument (ODT), Excel (XLSX) or PowerPoint (PPTX), up to %(mb)s MB. "
            "It is public once the secretariat approves the update."
        ) % {"mb": settings.UPLOAD_MAX_MB}


class ReturnUpdateForm(forms.Form):
    note = forms.CharField(label=_("Why is it returned?"), widget=forms.Textarea(attrs={"rows": 2}))


# --- The secretariat's road-map screens -----------------------------------------------------------


class RoadMapForm(forms.Form):
    number = forms.IntegerField(label=_("Number"), min_value=1, max_value=32767)
    title = forms.CharField(label=_("Title"), max_length=500)
    description = forms.CharField(label=_("Description"), required=False, widget=forms.Textarea(attrs={"rows": 4}))
    lead_agency = AgencyChoiceField(
        label=_("Lead agency"), widget=SearchableSelect, queryset=Organization.objects.filter(kind__in=AGENCY_KINDS, is_active=True)
        .order_by("name"),
    )
    theme = ThemeChoiceField(label=_("Theme"), queryset=Theme.objects.order_by("name"), required=False)
    recommendations = RecommendationReferencesField(label=_("Recommendations it answers"))
    original_language = original_language_formfield()
    version = VersionField()


class ActionForm(forms.Form):
    number = forms.IntegerField(label=_("Number"), min_value=1, max_value=32767,
                                help_text=_("The action's number within its road map (1, 2, 3...)."))
    description = forms.CharField(label=_("Action"), widget=forms.Textarea(attrs={"rows": 3}))
    responsible_agencies = OrganizationsField(
        label=_("Responsible agencies"), widget=SearchableSelectMultiple,
        queryset=Organization.objects.filter(kind__in=AGENCY_KINDS, is_active=True).order_by("name"),
        error_messages={"required": _("Name at least one responsible agency.")},
    )
    partners = OrganizationsField(
        label=_("Partner organisations"), required=False, widget=SearchableSelectMultiple,
        queryset=Organization.objects.filter(is_active=True).order_by("name"),
        help_text=_("NGOs and international organisations may be partners."),
    )
    # A date input takes ISO dates whatever the page language.
    deadline = forms.DateField(label=_("Deadline"), required=False, widget=DateInput())
    indicator = forms.CharField(label=_("Indicator"), required=False, max_length=500,
                                help_text=_("How progress is measured, e.g. the number of regions covered."))
    original_language = original_language_formfield()
    version = VersionField()
