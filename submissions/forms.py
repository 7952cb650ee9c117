"""One crispy form per kind of submission, plus the secretariat's moderation forms.

Forms validate and collect; services.py decides (STYLE.md section 7.7).
"""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any, cast

from django import forms
from django.db.models import Q
from django.http import QueryDict
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.concurrency import VersionField
from core.dates import DateInput, DateTimeLocalInput, zone_hint
from core.uploads import validate_document_upload
from core.widgets import SearchableSelect
from meetings.models import Meeting
from participants.models import Organization, User
from recommendations import references
from recommendations.models import Mechanism, Recommendation, Review, RoadMap, Theme
from submissions import selectors
from submissions.models import CommentPeriod, Submission, SubmissionUpload
from submissions.services import SubmissionData, html_to_text

TEXT_MAX = 20000


class LocalizedChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: object) -> str:
        return getattr(obj, "localized_name", None) or str(obj)


class LocalizedMultipleChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: object) -> str:
        return getattr(obj, "localized_name", None) or str(obj)


def _themes() -> forms.ModelMultipleChoiceField:
    return LocalizedMultipleChoiceField(
        queryset=Theme.objects.order_by("name"), required=False, label=_("Themes"),
        widget=forms.CheckboxSelectMultiple,
    )


def resolve_un_references(text: str) -> list[Recommendation]:
    """The tracker's recommendations that `text` names one by one ("#123", "A/HRC/43/10 para 141.7"): they become
    the submission's related recommendations. A whole document ("CEDAW/C/KAZ/CO/5") is cited, not linked."""
    found: dict[int, Recommendation] = {}
    for checked in references.check_text(text):
        if checked.recommendation is not None:
            found.setdefault(checked.recommendation.pk, checked.recommendation)
    return list(found.values())


class SubmissionForm(forms.Form):
    """Fields shared by every kind. `kind` picks the subclass; see FORMS below."""

    kind: str = ""
    text_label = _("Text")

    form_token = forms.UUIDField(widget=forms.HiddenInput, required=False)
    version = VersionField()
    title = forms.CharField(label=_("Title"), max_length=255)
    text = forms.CharField(label=_("Text"), max_length=TEXT_MAX, widget=forms.Textarea(attrs={"rows": 8}))
    anonymous = forms.BooleanField(
        label=_("Publish without our organisation's name"), required=False,
        help_text=_("If the secretariat accepts it, the public page shows it without naming your organisation."),
    )

    def __init__(self, *args: Any, user: User, submission: Submission | None = None, **kwargs: Any) -> None:
        self.user = user
        self.submission = submission
        if submission is not None and "initial" not in kwargs:
            kwargs["initial"] = self.initial_from(submission)
        super().__init__(*args, **kwargs)
        self.fields["text"].label = self.text_label
        if submission is None and not self.is_bound:
            self.initial.setdefault("form_token", uuid.uuid4())
        elif submission is None and not self.data.get("form_token"):
            # A form returned with errors must still carry a token, or its next POST could be doubled.
            # A bound form's data is the request's QueryDict; the stubs know it only as a read-only Mapping.
            data = cast(QueryDict, self.data).copy()
            data["form_token"] = str(uuid.uuid4())
            self.data = data

    def initial_from(self, submission: Submission) -> dict[str, object]:
        return {
            "title": submission.title, "text": html_to_text(submission.text),
            "justification": html_to_text(submission.justification),
            "themes": list(submission.themes.all()), "un_references": submission.un_references,
            "road_map": submission.road_map_id, "responsible_agency": submission.responsible_agency_id,
            "comment_period": submission.comment_period_id, "mechanism": submission.mechanism_id,
            "review": submission.review_id, "meeting": submission.meeting_id, "anonymous": submission.anonymous,
            "version": submission.version,
        }

    def to_data(self) -> SubmissionData:
        data = self.cleaned_data
        return SubmissionData(
            title=data["title"], text=data["text"], justification=data.get("justification", ""),
            themes=list(data.get("themes") or []), un_references=data.get("un_references", ""),
            related_recommendations=resolve_un_references(data.get("un_references", "")),
            road_map=data.get("road_map"), responsible_agency=data.get("responsible_agency"),
            comment_period=data.get("comment_period"), mechanism=data.get("mechanism"), review=data.get("review"),
            meeting=data.get("meeting"), anonymous=data.get("anonymous", False), document=data.get("document"),
            upload=data.get("upload_token"),
        )


class ProposalForm(SubmissionForm):
    kind = Submission.Kind.PROPOSAL
    text_label = _("Recommendation or proposal")

    justification = forms.CharField(
        label=_("Justification"), max_length=TEXT_MAX, widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Why it is needed: facts, sources, people affected."),
    )
    un_references = forms.CharField(
        label=_("Related UN recommendations"), max_length=500, required=False,
        help_text=_("Document symbols with paragraph numbers, as in the recommendations tracker, e.g. "
                    "A/HRC/43/10 para 141.7, CEDAW/C/KAZ/CO/5 para 14."),
    )
    keep_unverified = forms.BooleanField(
        label=_("Send the references not found in the tracker as I wrote them, marked “not verified”"),
        required=False,
    )
    road_map = forms.ModelChoiceField(
        queryset=RoadMap.objects.order_by("number"), required=False, label=_("Related road map")
    )
    responsible_agency = LocalizedChoiceField(
        queryset=Organization.objects.filter(is_active=True, kind=Organization.Kind.MINISTRY).order_by("name"),
        required=False, label=_("Suggested responsible agency"), widget=SearchableSelect,
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["themes"] = _themes()
        # The box to keep references the tracker does not know appears only when there are some (one query).
        typed = self.data.get("un_references", "") if self.is_bound else self.initial.get("un_references", "")
        self.unknown_references = [c for c in references.check_text(typed or "") if not c.known]
        if not self.unknown_references:
            del self.fields["keep_unverified"]
        elif not self.is_bound:
            self.initial["keep_unverified"] = True  # a saved draft already chose to keep them
        self.order_fields(["form_token", "title", "text", "justification", "themes", "un_references",
                           "keep_unverified", "road_map", "responsible_agency", "anonymous"])

    def clean(self) -> dict[str, object]:
        data = super().clean() or {}
        if self.unknown_references and not data.get("keep_unverified") and "un_references" not in self.errors:
            self.add_error("un_references", forms.ValidationError(
                "%(unknown)s %(advice)s",
                params={"unknown": references.unknown_message(self.unknown_references),
                        "advice": _("Check the document symbol and paragraph, or tick the box below to send them "
                                    "as you wrote them: they will be shown marked “not verified”.")},
                code="unknown",
            ))
        return data


class PeriodChoiceField(forms.ModelChoiceField):
    """Lists open periods, but accepts any existing one: a comment sent just after closing is then kept as a
    draft with a clear message (services.submission_submit) instead of failing as an "invalid choice"."""

    def to_python(self, value: object) -> CommentPeriod | None:
        if value in self.empty_values:
            return None
        try:
            return CommentPeriod.objects.select_related("road_map").get(pk=int(str(value)))
        except (ValueError, TypeError, CommentPeriod.DoesNotExist) as exc:
            raise forms.ValidationError(self.error_messages["invalid_choice"], code="invalid_choice") from exc


class CommentForm(SubmissionForm):
    kind = Submission.Kind.COMMENT
    text_label = _("Comment")

    comment_period = PeriodChoiceField(
        queryset=CommentPeriod.objects.none(), label=_("Draft you comment on"),
        help_text=_("Only drafts whose comment period is open are listed."),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        periods = selectors.comment_periods_open()
        if self.submission is not None and self.submission.comment_period_id:
            # A draft keeps its period even after it closed, so the text is not lost on the edit page.
            periods = CommentPeriod.objects.filter(
                Q(pk__in=periods.values("pk")) | Q(pk=self.submission.comment_period_id)
            ).select_related("road_map")
        periods_field = cast(forms.ModelChoiceField, self.fields["comment_period"])
        periods_field.queryset = periods
        # Relabelling one field's choices on the instance, which mypy reads as replacing the class's method.
        periods_field.label_from_instance = lambda period: period.subject_title  # type: ignore[method-assign, assignment]
        self.fields["title"].label = _("Subject")
        self.order_fields(["form_token", "comment_period", "title", "text", "anonymous"])


class ShadowReportForm(SubmissionForm):
    kind = Submission.Kind.SHADOW_REPORT
    text_label = _("Summary")

    mechanism = forms.ModelChoiceField(
        queryset=Mechanism.objects.order_by("sort_order", "acronym"), label=_("Mechanism"),
        help_text=_("The UN body the report is addressed to."),
    )
    review = forms.ModelChoiceField(
        queryset=Review.objects.select_related("mechanism").order_by("-year", "title"), required=False,
        label=_("Cycle or review"),
    )
    document = forms.FileField(
        label=_("Report file"), required=False,
        help_text=_("PDF, DOCX or ODT. The type is checked from the file's content."),
    )
    upload_token = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["themes"] = _themes()
        self.kept_upload: SubmissionUpload | None = None
        self.order_fields(["form_token", "upload_token", "title", "mechanism", "review", "document", "text", "themes",
                           "anonymous"])

    def clean_document(self) -> object:
        file = self.cleaned_data.get("document")
        if file:
            validate_document_upload(file)
        return file

    def clean_upload_token(self) -> SubmissionUpload | None:
        token = self.cleaned_data.get("upload_token") or ""
        if not token:
            return None
        upload = SubmissionUpload.objects.filter(token=token, uploaded_by=self.user).first()
        self.kept_upload = upload
        return upload

    def clean(self) -> dict[str, object]:
        data = super().clean() or {}
        review, mechanism = data.get("review"), data.get("mechanism")
        if review is not None and mechanism is not None and review.mechanism_id != mechanism.pk:
            self.add_error("review", _("This cycle belongs to another mechanism."))
        has_file = data.get("document") or data.get("upload_token") or (
            self.submission is not None and self.submission.document
        )
        if not has_file and "document" not in self.errors:
            self.add_error("document", _("Attach the report file."))
        return data

    def keep_valid_upload(self) -> None:
        """After other errors: store a file that passed its checks so the person need not send it again."""
        from submissions.services import upload_keep

        file = self.cleaned_data.get("document") if hasattr(self, "cleaned_data") else None
        if not file or "document" in self.errors:
            return
        self.kept_upload = upload_keep(actor=self.user, file=file)
        data = cast(QueryDict, self.data).copy()  # the request's QueryDict, a read-only Mapping to the stubs
        data["upload_token"] = self.kept_upload.token
        self.data = data


class AgendaSuggestionForm(SubmissionForm):
    kind = Submission.Kind.AGENDA
    text_label = _("What should the meeting discuss?")

    justification = forms.CharField(
        label=_("Why now"), max_length=TEXT_MAX, required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
    meeting = forms.ModelChoiceField(
        queryset=Meeting.objects.none(), required=False, label=_("Meeting"),
        empty_label=_("The next meeting"),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["themes"] = _themes()
        cast(forms.ModelChoiceField, self.fields["meeting"]).queryset = selectors.upcoming_meetings()
        self.fields["title"].label = _("Suggested agenda item")
        self.order_fields(["form_token", "title", "text", "justification", "meeting", "themes", "anonymous"])


FORMS: dict[str, type[SubmissionForm]] = {
    Submission.Kind.PROPOSAL: ProposalForm,
    Submission.Kind.COMMENT: CommentForm,
    Submission.Kind.SHADOW_REPORT: ShadowReportForm,
    Submission.Kind.AGENDA: AgendaSuggestionForm,
}


# --- Secretariat --------------------------------------------------------------------------------


def _reviewer_field(required: bool = True) -> forms.ModelChoiceField:
    return forms.ModelChoiceField(queryset=selectors.reviewers(), required=required, label=_("Reviewer"))


class QueueFilterForm(forms.Form):
    """Rendered by hand in the queue template; every field is optional."""

    kind = forms.ChoiceField(label=_("Kind"), required=False, choices=[("", _("All kinds")), *Submission.Kind.choices])
    status = forms.ChoiceField(
        label=_("Status"), required=False,
        choices=[("", _("All statuses")), *[c for c in Submission.Status.choices if c[0] != "draft"]],
    )
    theme = LocalizedChoiceField(
        queryset=Theme.objects.order_by("name"), required=False, label=_("Theme"), empty_label=_("All themes"),
        to_field_name="slug",
    )
    organization = LocalizedChoiceField(
        queryset=Organization.objects.none(), required=False, label=_("Organisation"),
        empty_label=_("All organisations"),
    )
    reviewer = forms.ModelChoiceField(
        queryset=User.objects.none(), required=False, label=_("Reviewer"), empty_label=_("Anyone"),
    )
    month = forms.DateField(
        label=_("Month submitted"), required=False, input_formats=["%Y-%m"],
        widget=forms.DateInput(attrs={"type": "month"}, format="%Y-%m"),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ModelChoiceField, self.fields["organization"]).queryset = selectors.organizations_with_submissions()
        cast(forms.ModelChoiceField, self.fields["reviewer"]).queryset = selectors.reviewers()
        for field in self.fields.values():
            field.widget.attrs["class"] = "form-control" if field.widget.input_type in ("text", "month") else "form-select"


class BulkForm(forms.Form):
    ACTIONS = [
        ("assign", _("Assign to the reviewer")),
        ("start_review", _("Start review")),
        ("decline", _("Decline with the reason below")),
    ]
    action = forms.ChoiceField(label=_("Action"), choices=ACTIONS)
    reviewer = _reviewer_field(required=False)
    reason = forms.CharField(label=_("Reason (public answer)"), required=False, max_length=4000,
                             widget=forms.Textarea(attrs={"rows": 2}))
    ids = forms.ModelMultipleChoiceField(queryset=Submission.objects.exclude(status="draft"), label=_("Submissions"),
                                         error_messages={"required": _("Tick at least one submission.")})

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ModelChoiceField, self.fields["reviewer"]).queryset = selectors.reviewers()

    def clean(self) -> dict[str, object]:
        data = super().clean() or {}
        if data.get("action") == "assign" and not data.get("reviewer"):
            self.add_error("reviewer", _("Choose the reviewer."))
        if data.get("action") == "decline" and not (data.get("reason") or "").strip():
            self.add_error("reason", _("Give the reason for declining: every NGO concerned reads it."))
        return data


class AssignForm(forms.Form):
    reviewer = _reviewer_field()

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ModelChoiceField, self.fields["reviewer"]).queryset = selectors.reviewers()


class NoteForm(forms.Form):
    note = forms.CharField(label=_("Internal note"), max_length=4000, widget=forms.Textarea(attrs={"rows": 3}),
                           help_text=_("Seen by the secretariat only, never by the NGO."))


class DecisionForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Decision"), widget=forms.RadioSelect,
        choices=[(value, label) for value, label in Submission.Status.choices if value in Submission.DECIDED],
    )
    public_answer = forms.CharField(
        label=_("Answer to the NGO, with the reason"), max_length=4000, widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("The NGO reads it; if accepted, the public too."),
    )
    internal_note = forms.CharField(label=_("Internal note"), required=False, max_length=4000,
                                    widget=forms.Textarea(attrs={"rows": 2}),
                                    help_text=_("Seen by the secretariat only."))


class ConvertAgendaForm(forms.Form):
    meeting = forms.ModelChoiceField(queryset=Meeting.objects.none(), label=_("Upcoming meeting"))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ModelChoiceField, self.fields["meeting"]).queryset = selectors.upcoming_meetings()


class ConvertActionForm(forms.Form):
    road_map = forms.ModelChoiceField(queryset=RoadMap.objects.order_by("number"), label=_("Road map"))
    deadline = forms.DateField(label=_("Deadline"), required=False, widget=DateInput())


class CommentPeriodForm(forms.Form):
    road_map = forms.ModelChoiceField(
        queryset=RoadMap.objects.order_by("number"), required=False, label=_("Road map"),
        help_text=_("Either a road map, or the title of a draft document below."),
    )
    title = forms.CharField(label=_("Title of the draft (English)"), max_length=500, required=False)
    title_ru = forms.CharField(label=_("Title of the draft (Russian)"), max_length=500, required=False)
    title_kk = forms.CharField(label=_("Title of the draft (Kazakh)"), max_length=500, required=False)
    description = forms.CharField(label=_("What comments are sought"), required=False, max_length=4000,
                                  widget=forms.Textarea(attrs={"rows": 3}))
    document = forms.FileField(label=_("Draft document"), required=False)
    url = forms.URLField(label=_("Page of the draft"), required=False, max_length=500, assume_scheme="https")
    opens_at = forms.DateTimeField(label=_("Opens"), widget=DateTimeLocalInput(), input_formats=["%Y-%m-%dT%H:%M"],
                                   help_text=zone_hint())
    closes_at = forms.DateTimeField(label=_("Closes"), widget=DateTimeLocalInput(), input_formats=["%Y-%m-%dT%H:%M"],
                                    help_text=zone_hint())

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("initial", {
            "opens_at": timezone.localtime().replace(second=0, microsecond=0),
            "closes_at": (timezone.localtime() + dt.timedelta(days=30)).replace(second=0, microsecond=0),
        })
        super().__init__(*args, **kwargs)

    def clean_document(self) -> object:
        file = self.cleaned_data.get("document")
        if file:
            validate_document_upload(file)
        return file
