from __future__ import annotations

import codecs

from django import forms
from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.widgets import SearchableSelect, SearchableSelectMultiple
from participants.models import Organization
from recommendations.models import Action, ImportUpload, ProgressUpdate, Recommendation, RoadMap, Theme
from recommendations.references import RecommendationReferencesField

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

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self.fields["responsible_agencies"].queryset = Organization.objects.filter(kind__in=AGENCY_KINDS)
        if self.instance.pk:
            self.fields["road_maps"].initial = list(self.instance.road_maps.values_list("pk", flat=True))
            if self.instance.kind == Recommendation.Kind.VOLUNTARY_PLEDGE:
                del self.fields["response"]
            else:
                self.fields["response"].choices = [c for c in Recommendation.Response.choices if c[0]]


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

    def __init__(self, *args: object, **kwargs: object) -> None:
        # The tracker shows this form beside the filter form, which has fields of the same names:
        # distinct ids keep the labels pointing at the right control.
        kwargs.setdefault("auto_id", "bulk-%s")
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]

    def clean(self) -> dict[str, object]:
        data = super().clean()
        if not any(data.get(name) for name in ("theme", "agency", "road_map", "status")):
            raise forms.ValidationError(_("Choose a theme, an agency, a road map or a status to apply."))
        return data


class ImportUploadForm(forms.Form):
    file = forms.FileField(label=_("File"), help_text=_("CSV (any encoding) or XLSX."))
    format = forms.ChoiceField(label=_("Format"), choices=ImportUpload.Format.choices)
    encoding = forms.CharField(
        label=_("Encoding"), required=False, max_length=32,
        help_text=_("Leave empty to detect. UPR Info exports are often mac_roman or cp1252."),
    )
    cycle = forms.IntegerField(
        label=_("UPR cycle"), required=False, min_value=1, max_value=99,
        help_text=_("Only if every row belongs to this cycle; otherwise it follows from the session."),
    )

    def clean_encoding(self) -> str:
        value = self.cleaned_data["encoding"].strip()
        if value:
            try:
                codecs.lookup(value)
            except LookupError:
                raise forms.ValidationError(
                    _("Unknown encoding “%(name)s”. Use, for example, utf-8, mac_roman or cp1252."),
                    params={"name": value},
                ) from None
        return value

    def clean_file(self) -> object:
        file = self.cleaned_data["file"]
        if file.size > settings.UPLOAD_MAX_MB * 1024 * 1024:
            raise forms.ValidationError(_("The file is larger than %(mb)s MB."), params={"mb": settings.UPLOAD_MAX_MB})
        if file.size == 0:
            raise forms.ValidationError(_("The file is empty."))
        return file


class ProgressUpdateForm(forms.ModelForm):
    evidence_url = forms.URLField(label=_("Evidence link"), required=False, assume_scheme="https")

    class Meta:
        model = ProgressUpdate
        fields = ["date", "text", "evidence_url", "evidence_file", "proposed_status"]
        # A date input takes ISO dates whatever the page language; a localised value would show as empty.
        widgets = {
            "date": forms.DateInput(format="%Y-%m-%d", attrs={"type": "date"}),
            "text": forms.Textarea(attrs={"rows": 4}),
        }

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self.fields["date"].initial = timezone.localdate()
        self.fields["proposed_status"].choices = [("", _("No change")), *Action.Status.choices]

    def clean_evidence_file(self) -> object:
        file = self.cleaned_data.get("evidence_file")
        if file and getattr(file, "size", 0) > settings.UPLOAD_MAX_MB * 1024 * 1024:
            raise forms.ValidationError(_("The file is larger than %(mb)s MB."), params={"mb": settings.UPLOAD_MAX_MB})
        return file


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
    deadline = forms.DateField(label=_("Deadline"), required=False,
                               widget=forms.DateInput(format="%Y-%m-%d", attrs={"type": "date"}))
    indicator = forms.CharField(label=_("Indicator"), required=False, max_length=500,
                                help_text=_("How progress is measured, e.g. the number of regions covered."))
