from __future__ import annotations

import datetime as dt
import re
from typing import Any, cast

from django import forms
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.forms.utils import flatatt
from django.utils import timezone
from django.utils.html import format_html, format_html_join, linebreaks
from django.utils.safestring import SafeString
from django.utils.translation import gettext_lazy as _

from core.concurrency import VersionField
from core.dates import (
    DateInput,
    DateTimeLocalInput,
    TimeInput,
    WallClockDateTimeField,
    ZoneField,
    default_time_zone,
    exists_in_zone,
    in_zone,
    zone_hint,
    zone_label,
)
from core.multilingual import original_initial, original_language_formfield
from core.uploads import DocumentUploadValidator, upload_max_bytes
from core.widgets import SearchableSelectMultiple
from meetings.lead_times import LEAD_TIME_FIELDS, lead_time_errors
from meetings.models import AgendaItem, FollowUpAction, Invitation, Meeting, MeetingDocument, Subgroup, Topic
from participants.models import Organization, User
from recommendations.models import RoadMap
from recommendations.references import RecommendationReferencesField


class PeopleField(forms.ModelMultipleChoiceField):
    """People by name, with the e-mail that tells two namesakes apart (and that the search also finds)."""

    def label_from_instance(self, obj: User) -> str:
        name = obj.get_full_name()
        return f"{name} · {obj.email}" if name else obj.email


class OrganizationsField(forms.ModelMultipleChoiceField):
    """Organisations by their full name in the page's language, with the acronym people search by."""

    def label_from_instance(self, obj: Organization) -> str:
        name = obj.localized_name
        return f"{name} ({obj.acronym})" if obj.acronym and obj.acronym != name else name


def _people() -> forms.ModelMultipleChoiceField:
    return PeopleField(
        queryset=User.objects.filter(is_active=True).order_by("last_name", "first_name", "email"), required=False,
        widget=SearchableSelectMultiple,
    )


def _organizations() -> forms.ModelMultipleChoiceField:
    return OrganizationsField(
        queryset=Organization.objects.filter(is_active=True).order_by("name"), required=False,
        widget=SearchableSelectMultiple,
    )


class TopicsField(forms.CharField):
    """Topics as a comma-separated list of keywords."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("required", False)
        kwargs.setdefault("max_length", 500)
        kwargs.setdefault("label", _("Topics"))
        kwargs.setdefault("help_text", _("Keywords separated by commas, e.g. UPR, children's rights."))
        super().__init__(**kwargs)

    def clean(self, value: object) -> list[str]:
        text = super().clean(value)
        return [part.strip()[:100] for part in (text or "").split(",") if part.strip()]


def _road_maps() -> forms.ModelMultipleChoiceField:
    return forms.ModelMultipleChoiceField(
        queryset=RoadMap.objects.order_by("number"), required=False, label=_("Road maps"),
        widget=SearchableSelectMultiple,
    )



def _place_on_clocks(form: forms.BaseForm, data: dict[str, Any], zone: str) -> None:
    """The typed wall-clock start and end read on the meeting's clocks (10:00 in Geneva is 14:00 in Almaty); a time
    those clocks skip is refused on its field."""
    for name in ("starts_at", "ends_at"):
        value = data.get(name)
        if not isinstance(value, dt.datetime):
            continue
        if not exists_in_zone(value, zone):
            form.add_error(name, _("This time does not exist in that time zone: the clocks are put forward then. "
                                   "Choose another time."))
        else:
            data[name] = in_zone(value, zone)

class MeetingForm(forms.ModelForm):
    time_zone = ZoneField(label=_("Time zone"), required=False, help_text=_(
        "Where the meeting's clocks are, e.g. Geneva for a session at the UN there. Start and end are typed in this "
        "zone; pages show Almaty's time beside it."))
    starts_at = WallClockDateTimeField(
        label=_("Starts"), widget=DateTimeLocalInput(), help_text=_("In the meeting's time zone."),
    )
    ends_at = WallClockDateTimeField(
        label=_("Ends"), widget=DateTimeLocalInput(), help_text=_("In the meeting's time zone."),
    )
    online_link = forms.URLField(
        label=_("Online link"), required=False, max_length=500, assume_scheme="https",
        help_text=_("Shown only to invitees and the secretariat."),
    )
    topics_text = TopicsField()
    original_language = original_language_formfield()
    version = VersionField()

    class Meta:
        model = Meeting
        fields = [
            "number", "title", "subgroup", "format", "venue", "chair", "description",
            *LEAD_TIME_FIELDS,
        ]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ModelChoiceField, self.fields["subgroup"]).queryset = Subgroup.objects.order_by("name")
        zone = self.instance.time_zone if self.instance.pk else default_time_zone()
        for name in ("starts_at", "ends_at"):
            field = cast(WallClockDateTimeField, self.fields[name])
            field.input_formats = ["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%Y-%m-%d %H:%M:%S"]
            # An existing meeting's times are shown on its own clocks, as they were typed.
            field.display_zone = zone
        if not self.is_bound:
            # The text in the language it was written in, not the page language's fallback.
            self.initial.update(original_initial(self.instance, ("title", "venue", "chair", "description")))
            self.initial.setdefault("time_zone", zone)
            if self.instance.pk:
                self.initial.update(starts_at=self.instance.starts_at, ends_at=self.instance.ends_at)
        self.order_fields([
            "original_language", "number", "title", "subgroup", "time_zone", "starts_at", "ends_at", "format",
            "venue", "online_link", "chair", "description", "topics_text", *LEAD_TIME_FIELDS,
        ])
        for name, upper in LEAD_TIME_FIELDS.items():
            lead = self.fields[name]
            # Left empty: the default on a new meeting, the current value on an edit.
            lead.required = False
            lead.show_hidden_initial = False
            # In place of the model field's "at least 0": one message per problem, with our bounds.
            lead.validators = [
                v for v in lead.validators if not isinstance(v, (MinValueValidator, MaxValueValidator))
            ] + [MinValueValidator(1), MaxValueValidator(upper)]
            lead.widget.attrs.update({"min": 1, "max": upper})
            if not self.instance.pk:
                lead.initial = cast("models.Field[Any, Any]", Meeting._meta.get_field(name)).get_default()
        if self.instance.pk and not self.is_bound:
            self.initial["online_link"] = self.instance.online_link
            self.initial["topics_text"] = ", ".join(t.name for t in self.instance.topics.all())
            self.initial["version"] = self.instance.version

    def clean(self) -> dict[str, object]:
        data = cast(dict[str, Any], super().clean())  # Form.clean returns cleaned_data; the stubs allow None
        if "time_zone" not in self.errors:
            # Left empty: the meeting keeps its zone (a new one takes the portal's).
            data["time_zone"] = data.get("time_zone") or (
                self.instance.time_zone if self.instance.pk else default_time_zone()
            )
            # The typed wall-clock times are read on the meeting's clocks (10:00 in Geneva is 14:00 in Almaty).
            _place_on_clocks(self, data, data["time_zone"])
        else:
            # Without a zone the times cannot be placed; they are kept as typed for the page shown again.
            data.pop("starts_at", None)
            data.pop("ends_at", None)
        starts_at, ends_at = data.get("starts_at"), data.get("ends_at")
        if (isinstance(starts_at, dt.datetime) and isinstance(ends_at, dt.datetime) and timezone.is_aware(starts_at)
                and timezone.is_aware(ends_at) and ends_at <= starts_at):
            self.add_error("ends_at", _("The meeting must end after it starts."))
        fmt = data.get("format")
        if fmt == Meeting.Format.IN_PERSON and not data.get("venue"):
            self.add_error("venue", _("Give a venue for a meeting held in person."))
        # An empty lead time keeps the current (or default) value, which the other fields are checked against.
        lead_times = {
            name: data[name] if data.get(name) is not None else getattr(self.instance, name)
            for name in LEAD_TIME_FIELDS
            if name not in self.errors
        }
        for field, message in lead_time_errors(lead_times).items():
            if field not in self.errors:
                self.add_error(field, message)
        return data

    def service_kwargs(self) -> dict[str, Any]:
        data = dict(self.cleaned_data)
        data.pop("version", None)  # passed on its own to meeting_update (core.concurrency)
        data["topics"] = data.pop("topics_text")
        for name in LEAD_TIME_FIELDS:
            if data.get(name) is None:
                data.pop(name, None)
        return data

    def _post_clean(self) -> None:
        """Deliberately empty: this ModelForm only collects input; meetings.services checks the rules and writes.

        ModelForm's own _post_clean would (1) copy the typed values onto self.instance, the meeting the view
        passed in, before any service accepted them, and (2) check the model's constraints, so a duplicate plenary
        number would come back as Django's generic constraint message instead of the service's, on the number
        field ("There is already a plenary meeting number 44."). Both are tested (test_duplicate_meeting_number_
        gets_a_field_error, test_a_refused_meeting_form_leaves_the_meeting_unchanged). The form fields' own
        validation (types, choices, bounds) and clean() still run.
        """


class PlanYearForm(forms.Form):
    year = forms.IntegerField(label=_("Year"), min_value=2013, max_value=2100)
    first_number = forms.IntegerField(
        label=_("Number of the first meeting"), min_value=1, required=False,
        help_text=_("Left empty: the number after the last plenary meeting."),
    )
    start_time = forms.TimeField(label=_("Start time"), initial=dt.time(10, 0), widget=TimeInput(),
                                 help_text=zone_hint())
    duration_hours = forms.IntegerField(label=_("Duration in hours"), min_value=1, max_value=12, initial=3)
    format = forms.ChoiceField(label=_("Format"), choices=Meeting.Format.choices, initial=Meeting.Format.HYBRID)
    venue = forms.CharField(label=_("Venue"), required=False, max_length=255)
    chair = forms.CharField(label=_("Chair or moderator"), required=False, max_length=255)


class StatusForm(forms.Form):
    status = forms.ChoiceField(label=_("New status"), choices=Meeting.Status.choices)


class CancelForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason (sent to invitees)"), required=False, widget=forms.Textarea(attrs={"rows": 3}), max_length=2000
    )


class RescheduleForm(forms.Form):
    starts_at = WallClockDateTimeField(label=_("New start"), widget=DateTimeLocalInput(),
                                       input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"])
    ends_at = WallClockDateTimeField(label=_("New end"), widget=DateTimeLocalInput(),
                                     input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"])
    reason = forms.CharField(label=_("Reason (sent to invitees)"), required=False, max_length=2000,
                             widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args: Any, zone: str | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # The meeting's own clocks (core.dates): typed and shown there.
        self.zone = zone or default_time_zone()
        for name in ("starts_at", "ends_at"):
            field = cast(WallClockDateTimeField, self.fields[name])
            field.display_zone = self.zone
            field.help_text = _("Time zone: %(zone)s.") % {"zone": zone_label(tz=self.zone)}

    def clean(self) -> dict[str, Any]:
        data = cast(dict[str, Any], super().clean())  # Form.clean returns cleaned_data; the stubs allow None
        _place_on_clocks(self, data, self.zone)
        starts_at, ends_at = data.get("starts_at"), data.get("ends_at")
        if isinstance(starts_at, dt.datetime) and isinstance(ends_at, dt.datetime) and ends_at <= starts_at:
            self.add_error("ends_at", _("The meeting must end after it starts."))
        return data


class AgendaItemForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=255)
    description = forms.CharField(label=_("Description"), required=False, widget=forms.Textarea(attrs={"rows": 3}))
    minutes_allotted = forms.IntegerField(label=_("Time allotted (minutes)"), required=False, min_value=1,
                                          max_value=600)
    presenter_organizations = _organizations()
    presenter_people = _people()
    topics = TopicsField()
    road_maps = _road_maps()
    recommendations = RecommendationReferencesField()
    follow_up_of = forms.IntegerField(required=False, widget=forms.HiddenInput)
    version = VersionField()

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["presenter_organizations"].label = _("Presenting organisations")
        self.fields["presenter_people"].label = _("Presenting people")


class InviteForm(forms.Form):
    kinds = forms.MultipleChoiceField(
        label=_("Everyone from organisations of these kinds"), choices=Organization.Kind.choices, required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    standings = forms.MultipleChoiceField(
        label=_("Everyone from organisations with this standing"), choices=Organization.Standing.choices,
        required=False, widget=forms.CheckboxSelectMultiple,
    )
    organizations = _organizations()
    people = _people()

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["organizations"].label = _("Everyone from these organisations")
        self.fields["people"].label = _("And these people")

    def clean(self) -> dict[str, object]:
        data = cast(dict[str, Any], super().clean())  # Form.clean returns cleaned_data; the stubs allow None
        if not (data.get("kinds") or data.get("standings") or data.get("organizations") or data.get("people")):
            raise forms.ValidationError(_("Choose organisation kinds, a standing, organisations or people to invite."))
        return data


class RsvpForm(forms.Form):
    response = forms.ChoiceField(
        label=_("Your answer"),
        choices=[
            (Invitation.Response.ACCEPTED, _("Accept")),
            (Invitation.Response.TENTATIVE, _("Tentative")),
            (Invitation.Response.DECLINED, _("Decline")),
        ],
    )
    attendance_mode = forms.ChoiceField(
        label=_("I will attend"), choices=[("", _("As the format allows"))] + Invitation.AttendanceMode.choices,
        required=False,
    )


def _rich_text_attrs(rows: int) -> dict[str, object]:
    # static/js/meetings-minutes.js turns each such textarea into the rich-text editor; its labels are in
    # templates/meetings/partials/rich_editor_labels.html.
    return {"rows": rows, "data-rich-text": "minutes"}


# Any HTML tag: without one, the text was typed plainly (JavaScript off) and becomes paragraphs.
_HTML_TAG = re.compile(r"</?[a-zA-Z][^>]*>")


def plain_text_as_html(text: str) -> str:
    """Plain text typed without the editor: a blank line starts a paragraph, a line break stays a line break.
    Text that already holds HTML (the editor's output) is left for the sanitiser."""
    if not text.strip() or _HTML_TAG.search(text):
        return text
    return linebreaks(text.strip(), autoescape=True)


class MinutesForm(forms.Form):
    original_language = original_language_formfield()
    body = forms.CharField(
        label=_("Minutes"), required=False, widget=forms.Textarea(attrs=_rich_text_attrs(16)),
        help_text=_("Headings, lists, bold, italics, links and tables are kept; text pasted from Word keeps its "
                    "structure. Without the editor, type plain text: an empty line starts a new paragraph."),
    )
    decisions = forms.CharField(label=_("Decisions"), required=False, widget=forms.Textarea(attrs=_rich_text_attrs(6)))
    version = VersionField()

    def clean_body(self) -> str:
        return plain_text_as_html(self.cleaned_data["body"])

    def clean_decisions(self) -> str:
        return plain_text_as_html(self.cleaned_data["decisions"])


class FollowUpActionForm(forms.ModelForm):
    class Meta:
        model = FollowUpAction
        fields = ["description", "owner_organization", "due_date", "status", "road_map"]
        widgets = {"description": forms.Textarea(attrs={"rows": 2}), "due_date": DateInput()}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ModelChoiceField, self.fields["owner_organization"]).queryset = Organization.objects.filter(
            is_active=True
        ).order_by("name")
        cast(forms.ModelChoiceField, self.fields["road_map"]).queryset = RoadMap.objects.order_by("number")
        self.fields["road_map"].help_text = _("The road map this decision advances, if any.")


class DocumentForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=255)
    file = forms.FileField(label=_("File"), validators=[DocumentUploadValidator()])
    visibility = forms.ChoiceField(label=_("Visible to"), choices=MeetingDocument.Visibility.choices,
                                   initial=MeetingDocument.Visibility.PARTICIPANTS)
    agenda_item: forms.ModelChoiceField[AgendaItem] = forms.ModelChoiceField(
        label=_("Agenda item"), queryset=None, required=False,
                                         empty_label=_("The meeting as a whole"))

    def __init__(self, *args: Any, meeting: Meeting, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ModelChoiceField, self.fields["agenda_item"]).queryset = meeting.agenda_items.order_by("position")
        self.fields["file"].help_text = _("PDF, DOCX, ODT, XLSX or PPTX, up to %(limit)d MB.") % {
            "limit": upload_max_bytes() // (1024 * 1024)
        }


class SubgroupForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=255)
    mandate = forms.CharField(label=_("Mandate"), required=False, widget=forms.Textarea(attrs={"rows": 4}))
    co_chair_organizations = _organizations()
    co_chair_people = _people()
    members = _people()
    is_active = forms.BooleanField(label=_("Active"), required=False, initial=True)
    version = VersionField()

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["co_chair_organizations"].label = _("Co-chairing organisations")
        self.fields["co_chair_people"].label = _("Co-chairs")
        self.fields["members"].label = _("Members")


class FilterSelect(forms.Select):
    """A <select> built in Python: Django's template widget renders one template per option, a few ms on each
    public list page (profiled: the filter selects were a tenth of the meeting list's time)."""

    def render(self, name: str, value: object, attrs: dict | None = None, renderer: object = None) -> SafeString:
        widget = self.get_context(name, value, attrs)["widget"]
        options = format_html_join(
            "", "<option value=\"{}\"{}>{}</option>",
            ((option["value"], " selected" if option["selected"] else "", option["label"])
             for _group, group_options, _index in widget["optgroups"] for option in group_options),
        )
        return format_html("<select name=\"{}\"{}>{}</select>", name, flatatt(widget["attrs"]), options)


class _Bootstrap:
    """Filter forms are rendered by hand (meetings/partials/filter_field.html): cheaper than crispy on lists."""

    fields: dict[str, forms.Field]  # the form's, for the type checker: this mixin comes before forms.Form

    def _style(self) -> None:
        for field in self.fields.values():
            is_select = isinstance(field.widget, forms.Select)
            if type(field.widget) is forms.Select:
                # A Select is the widget of a ChoiceField, whose choices the stubs type too loosely for a widget.
                field.widget = FilterSelect(attrs=field.widget.attrs, choices=field.choices)  # type: ignore[attr-defined]
            field.widget.attrs.setdefault("class", "form-select" if is_select else "form-control")


class _FilterForm(_Bootstrap, forms.Form):
    year = forms.TypedChoiceField(label=_("Year"), required=False, coerce=int, empty_value=None)
    subgroup: forms.ModelChoiceField[Subgroup] = forms.ModelChoiceField(
        label=_("Working subgroup"), queryset=None, required=False,
                                      empty_label=_("All"))

    def __init__(self, *args: Any, years: list[int], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["year"]).choices = [("", _("Any year"))] + [(y, str(y)) for y in years]
        cast(forms.ModelChoiceField, self.fields["subgroup"]).queryset = Subgroup.objects.order_by("name")
        self._style()


class ArchiveFilterForm(_FilterForm):
    topic = forms.ModelChoiceField(label=_("Topic"), queryset=Topic.objects.order_by("name"), required=False,
                                   empty_label=_("Any topic"))
    q = forms.CharField(label=_("Search the minutes"), required=False, max_length=200)


class UpcomingFilterForm(_Bootstrap, forms.Form):
    subgroup = forms.ModelChoiceField(label=_("Working subgroup"), queryset=Subgroup.objects.order_by("name"),
                                      required=False, empty_label=_("All"))
    topic = forms.ModelChoiceField(label=_("Topic"), queryset=Topic.objects.order_by("name"), required=False,
                                   empty_label=_("Any topic"))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._style()


class SubgroupFilterForm(_Bootstrap, forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=200)
    active = forms.TypedChoiceField(
        label=_("Status"), required=False, empty_value=None, coerce=lambda v: v == "1",
        choices=[("", _("Active and closed")), ("1", _("Active")), ("0", _("Closed"))],
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._style()


class ManageFilterForm(_FilterForm):
    status = forms.ChoiceField(label=_("Status"), required=False,
                               choices=[("", _("Any status"))] + Meeting.Status.choices)
    q = forms.CharField(label=_("Search"), required=False, max_length=200)


class StatisticsFilterForm(_Bootstrap, forms.Form):
    year = forms.TypedChoiceField(label=_("Year"), required=False, coerce=int, empty_value=None)

    def __init__(self, *args: Any, years: list[int], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["year"]).choices = [("", _("Any year"))] + [(y, str(y)) for y in years]
        self._style()


def current_year() -> int:
    return timezone.localdate().year
