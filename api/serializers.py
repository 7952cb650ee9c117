"""What the API shows. Organisations appear by id and name; people never appear (no names, e-mails, user ids)."""

from __future__ import annotations

from typing import Any, cast

from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from core import dates
from core.multilingual import fallback_order
from meetings.models import AgendaItem, Meeting, MeetingDocument, Minutes
from participants.models import Organization
from recommendations.models import Action, Mechanism, ProgressUpdate, Recommendation, Review, RoadMap, Theme
from reports.models import Report, ReportDocument, ReportVersion


def absolute(path: str) -> str:
    return settings.SITE_URL + path


class TranslationsSchema(serializers.Serializer):
    """For the schema: one text per language; "" where there is none."""

    kk = serializers.CharField(help_text="Kazakh.")
    ru = serializers.CharField(help_text="Russian.")
    en = serializers.CharField(help_text="English.")


def translations(obj: Any, field: str) -> dict[str, str]:
    """`field` of `obj` in every language, the requested one first (?lang=, else Accept-Language), then its
    fallback order: {"ru": ..., "en": ..., "kk": ...} on ?lang=ru."""
    return {language: getattr(obj, f"{field}_{language}", None) or "" for language in fallback_order()}


@extend_schema_field(TranslationsSchema)
class Translations(serializers.Field):
    """`<field>_translations`: the field in all three languages, beside the plain field, which keeps the text in
    the requested language (or its fallback) so existing clients read what they always read (docs/api.md)."""

    def __init__(self, field: str, **kwargs: Any) -> None:
        self.translated_field = field
        kwargs.update(source="*", read_only=True)
        kwargs.setdefault("help_text", f"The {field.replace('_', ' ')} in Kazakh, Russian and English (\"\" where "
                                       "there is none), the requested language first.")
        super().__init__(**kwargs)

    def to_representation(self, value: Any) -> dict[str, str]:
        return translations(value, self.translated_field)


class LocalizedNames(serializers.Serializer):
    """The name in each language ("" where there is none)."""

    en = serializers.SerializerMethodField()
    ru = serializers.SerializerMethodField()
    kk = serializers.SerializerMethodField()

    def get_en(self, obj: Any) -> str:
        return obj.name_en or ""

    def get_ru(self, obj: Any) -> str:
        return obj.name_ru or ""

    def get_kk(self, obj: Any) -> str:
        return obj.name_kk or ""


class OrganizationRefSerializer(serializers.ModelSerializer):
    name = serializers.CharField(source="localized_name", help_text="Name in the requested language.")

    class Meta:
        model = Organization
        fields = ["id", "name", "acronym"]


class OrganizationSerializer(serializers.ModelSerializer):
    name = serializers.CharField(source="localized_name", help_text="Name in the requested language.")
    names = LocalizedNames(source="*")
    kind_label = serializers.CharField(source="get_kind_display")
    standing_label = serializers.CharField(source="get_standing_display")

    class Meta:
        model = Organization
        fields = ["id", "name", "names", "acronym", "kind", "kind_label", "standing", "standing_label", "country",
                  "website", "description"]


class MechanismSerializer(serializers.ModelSerializer):
    name_translations = Translations("name")

    class Meta:
        model = Mechanism
        fields = ["code", "acronym", "name", "name_translations", "kind"]


class ReviewSerializer(serializers.ModelSerializer):
    mechanism: serializers.SlugRelatedField[Mechanism] = serializers.SlugRelatedField(slug_field="code", read_only=True)
    cycle = serializers.IntegerField(source="number", help_text="UPR cycle or number of the periodic report.")
    title_translations = Translations("title")

    class Meta:
        model = Review
        fields = ["id", "mechanism", "state_under_review", "cycle", "session", "year", "title", "title_translations",
                  "document_symbol"]


class ThemeSerializer(serializers.ModelSerializer):
    name = serializers.CharField(source="localized_name", help_text="Name in the requested language.")
    names = LocalizedNames(source="*")

    class Meta:
        model = Theme
        fields = ["slug", "name", "names"]


class ThemeRefSerializer(serializers.ModelSerializer):
    name = serializers.CharField(source="localized_name")

    class Meta:
        model = Theme
        fields = ["slug", "name"]


class RecommendationSerializer(serializers.ModelSerializer):
    mechanism: serializers.SlugRelatedField[Mechanism] = serializers.SlugRelatedField(slug_field="code", read_only=True)
    review = ReviewSerializer(read_only=True)
    kind_label = serializers.CharField(source="get_kind_display")
    response_label = serializers.CharField(source="get_response_display")
    status_label = serializers.CharField(source="get_status_display")
    recommending_states = serializers.SerializerMethodField()
    themes = ThemeRefSerializer(source="theme_list", many=True, read_only=True)
    responsible_agencies = OrganizationRefSerializer(source="agency_list", many=True, read_only=True)
    source_organization = OrganizationRefSerializer(read_only=True, allow_null=True)
    web_url = serializers.SerializerMethodField()
    text = serializers.CharField(read_only=True, help_text="The text in the requested language, or its fallback.")
    text_translations = Translations("text")
    original_language = serializers.CharField(read_only=True, help_text="The language the text was written in.")

    class Meta:
        model = Recommendation
        fields = [
            "id", "reference", "kind", "kind_label", "mechanism", "review", "document_symbol", "paragraph", "text",
            "text_translations", "original_language", "recommending_states", "action_category", "response", "response_label", "status", "status_label",
            "themes", "responsible_agencies", "source_organization", "web_url", "created_at", "updated_at",
        ]

    def get_recommending_states(self, obj: Recommendation) -> list[str]:
        return [state.name for state in obj.state_list]

    def get_web_url(self, obj: Recommendation) -> str:
        return absolute(reverse("recommendations:recommendation-detail", args=[obj.pk]))

    def to_representation(self, obj: Recommendation) -> dict[str, Any]:
        """Built by hand, with the declared fields' keys and types (the schema; tests/api/test_schema.py checks
        responses against it): DRF's generic walk costs about 1 ms a row here, mostly inspect.signature() on every
        get_*_display, which was three quarters of a 50-row request at 100,000 rows (bench/api.py)."""
        cache = self.__dict__.setdefault("_cache", {"reviews": {}})
        if "labels" not in cache:
            cache["labels"] = {
                field: {value: str(label) for value, label in choices}
                for field, choices in (("kind", Recommendation.Kind.choices),
                                       ("response", Recommendation.Response.choices),
                                       ("status", Recommendation.Status.choices))
            }
            cache["datetime"] = serializers.DateTimeField().to_representation
        labels, as_datetime = cache["labels"], cache["datetime"]
        review = cache["reviews"].get(obj.review_id)
        if review is None:
            review = cache["reviews"][obj.review_id] = ReviewSerializer(obj.review).data
        source = obj.source_organization
        return {
            "id": obj.pk,
            "reference": obj.reference,
            "kind": obj.kind,
            "kind_label": labels["kind"].get(obj.kind, obj.kind),
            "mechanism": obj.mechanism.code,
            "review": review,
            "document_symbol": obj.document_symbol,
            "paragraph": obj.paragraph,
            "text": obj.text,
            "text_translations": translations(obj, "text"),
            "original_language": obj.original_language,
            "recommending_states": [state.name for state in obj.state_list],
            "action_category": obj.action_category,
            "response": obj.response,
            "response_label": labels["response"].get(obj.response, obj.response),
            "status": obj.status,
            "status_label": labels["status"].get(obj.status, obj.status),
            "themes": [{"slug": t.slug, "name": t.localized_name} for t in obj.theme_list],
            "responsible_agencies": [
                {"id": a.pk, "name": a.localized_name, "acronym": a.acronym}
                for a in obj.agency_list
            ],
            "source_organization": (
                {"id": source.pk, "name": source.localized_name, "acronym": source.acronym} if source else None
            ),
            "web_url": self.get_web_url(obj),
            "created_at": as_datetime(obj.created_at),
            "updated_at": as_datetime(obj.updated_at),
        }


class RoadMapSerializer(serializers.ModelSerializer):
    theme = ThemeRefSerializer(read_only=True, allow_null=True)
    lead_agency = OrganizationRefSerializer(read_only=True)
    recommendations = serializers.SerializerMethodField(help_text="Ids of the recommendations it answers.")
    action_count = serializers.IntegerField(read_only=True)
    done_count = serializers.IntegerField(read_only=True)
    overdue_count = serializers.IntegerField(read_only=True)
    progress_percent = serializers.SerializerMethodField()
    web_url = serializers.SerializerMethodField()
    title_translations = Translations("title")
    description_translations = Translations("description")

    class Meta:
        model = RoadMap
        fields = ["number", "title", "title_translations", "description", "description_translations", "theme", "lead_agency", "recommendations", "action_count",
                  "done_count", "overdue_count", "progress_percent", "web_url", "created_at", "updated_at"]

    def get_recommendations(self, obj: RoadMap) -> list[int]:
        return [r.pk for r in obj.recommendation_list]

    def get_progress_percent(self, obj: RoadMap) -> int:
        total = obj.action_count
        return round(obj.done_count * 100 / total) if total else 0

    def get_web_url(self, obj: RoadMap) -> str:
        return absolute(reverse("recommendations:roadmap-detail", args=[obj.number]))


class ActionSerializer(serializers.ModelSerializer):
    road_map = serializers.IntegerField(source="road_map.number", help_text="Number of the road map.")
    responsible_agencies = OrganizationRefSerializer(source="agency_list", many=True, read_only=True)
    partners = OrganizationRefSerializer(source="partner_list", many=True, read_only=True)
    status_label = serializers.CharField(source="get_status_display")
    deadline_label = serializers.SerializerMethodField(
        help_text="The deadline as people read it in the requested language (\"20.06.2027\", \"20 June 2027\"); "
                  "\"\" when there is none. deadline is the machine-readable date."
    )
    completed_on_label = serializers.SerializerMethodField(
        help_text="completed_on as people read it in the requested language; \"\" while the action is open."
    )
    is_overdue = serializers.SerializerMethodField()
    description_translations = Translations("description")
    indicator_translations = Translations("indicator")

    class Meta:
        model = Action
        fields = ["id", "road_map", "number", "description", "description_translations", "responsible_agencies",
                  "partners", "deadline", "deadline_label", "indicator", "indicator_translations", "status",
                  "status_label", "completed_on", "completed_on_label", "is_overdue", "updated_at"]

    def get_deadline_label(self, obj: Action) -> str:
        return dates.date_text(obj.deadline)

    def get_completed_on_label(self, obj: Action) -> str:
        return dates.date_text(obj.completed_on)

    def get_is_overdue(self, obj: Action) -> bool:
        # One date for the whole response; DRF's context is a dict (its stubs say Mapping).
        return obj.is_overdue_on(cast(dict[str, Any], self.context).setdefault("today", timezone.localdate()))


def evidence_file_url(update: ProgressUpdate) -> str | None:
    """The permission-checked download of an update's evidence file (never a media URL), or None without one."""
    if not update.evidence_file:
        return None
    return absolute(reverse("recommendations:progress-evidence", args=[update.pk]))


class ProgressUpdateSerializer(serializers.ModelSerializer):
    """An approved update as the public sees it: no author, no reviewer."""

    road_map = serializers.IntegerField(source="action.road_map.number")
    evidence_file_url = serializers.SerializerMethodField()
    approved_at = serializers.DateTimeField(source="reviewed_at")
    date_label = serializers.SerializerMethodField(
        help_text="date as people read it in the requested language (\"20.06.2027\", \"20 June 2027\")."
    )

    class Meta:
        model = ProgressUpdate
        fields = ["id", "action", "road_map", "date", "date_label", "text", "evidence_url", "evidence_file_url",
                  "proposed_status", "approved_at"]

    def get_date_label(self, obj: ProgressUpdate) -> str:
        return dates.date_text(obj.date)

    # null, not "", when there is no file: "" is not a URI, and the published schema says format: uri.
    @extend_schema_field(serializers.URLField(allow_null=True))
    def get_evidence_file_url(self, obj: ProgressUpdate) -> str | None:
        return evidence_file_url(obj)


class ProgressUpdateCreateSerializer(serializers.Serializer):
    """The web form's fields; validation itself is the web form's (ProgressUpdateForm) and the service's."""

    action = serializers.IntegerField(help_text="Id of a road-map action of your agency.")
    date = serializers.DateField(help_text="When the progress happened (not in the future).")
    text = serializers.CharField(help_text="What was done.")
    evidence_url = serializers.URLField(required=False, allow_blank=True)
    evidence_file = serializers.FileField(
        required=False,
        help_text="PDF, DOCX, ODT, XLSX or PPTX, checked by content (a renamed file of another type is refused), "
        "at most DJANGO_UPLOAD_MAX_MB (20 MB by default). Stored privately; public once the update is approved.",
    )
    proposed_status = serializers.ChoiceField(choices=[("", _("No change")), *Action.Status.choices],
                                              required=False, allow_blank=True)


class ProgressUpdateReceiptSerializer(serializers.ModelSerializer):
    state_label = serializers.CharField(source="get_state_display")
    evidence_file_url = serializers.SerializerMethodField(
        help_text="Download of the evidence file: for your agency and the secretariat until the update is approved."
    )

    class Meta:
        model = ProgressUpdate
        fields = ["id", "action", "date", "text", "evidence_url", "evidence_file_url", "proposed_status", "state",
                  "state_label", "created_at"]

    @extend_schema_field(serializers.URLField(allow_null=True))
    def get_evidence_file_url(self, obj: ProgressUpdate) -> str | None:
        return evidence_file_url(obj)


# --- Meetings ---------------------------------------------------------------------------------


class MeetingSerializer(serializers.ModelSerializer):
    """The chair's name and the online link are left out: one names a person, the other is for invitees."""

    subgroup = serializers.CharField(source="subgroup.name", allow_null=True, default=None)
    topics = serializers.SerializerMethodField()
    format_label = serializers.CharField(source="get_format_display")
    status_label = serializers.CharField(source="get_status_display")
    when_label = serializers.SerializerMethodField(
        help_text="Date, hours and time zone as people read them in the requested language, in the meeting's own "
                  "zone, e.g. \"20.06.2027, 10:00–13:00 (Алматы, UTC+5)\" or \"20 June 2027, 10:00–13:00 (Almaty, "
                  "UTC+5)\"; a meeting held in another zone adds Almaty's time: \"20 June 2027, 10:00–13:00 (Geneva, "
                  "UTC+2; Almaty time: 13:00–16:00)\". starts_at and ends_at are the machine-readable times."
    )
    time_zone = serializers.CharField(
        read_only=True, help_text="The IANA time zone the meeting is held in (e.g. Asia/Almaty, Europe/Zurich)."
    )
    web_url = serializers.SerializerMethodField()
    title_translations = Translations("title")
    description_translations = Translations("description")
    venue_translations = Translations("venue")

    class Meta:
        model = Meeting
        fields = ["id", "number", "title", "title_translations", "description", "description_translations",
                  "starts_at", "ends_at", "time_zone", "when_label", "format", "format_label", "venue", "venue_translations",
                  "status", "status_label", "subgroup", "topics", "web_url", "updated_at"]

    def get_topics(self, obj: Meeting) -> list[str]:
        return sorted(topic.name for topic in obj.topics.all())

    def get_when_label(self, obj: Meeting) -> str:
        return dates.range_text(obj.starts_at, obj.ends_at, obj.time_zone)

    def get_web_url(self, obj: Meeting) -> str:
        return absolute(reverse("meetings:meeting-detail", args=[obj.pk]))


class AgendaItemSerializer(serializers.ModelSerializer):
    presenter_organizations = OrganizationRefSerializer(many=True, read_only=True)
    road_maps = serializers.SerializerMethodField(help_text="Numbers of the road maps discussed.")
    recommendations = serializers.SerializerMethodField(help_text="Ids of the recommendations discussed.")
    topics = serializers.SerializerMethodField()
    title_translations = Translations("title")
    description_translations = Translations("description")

    class Meta:
        model = AgendaItem
        fields = ["id", "meeting", "position", "title", "title_translations", "description",
                  "description_translations", "minutes_allotted", "presenter_organizations",
                  "road_maps", "recommendations", "topics"]

    def get_road_maps(self, obj: AgendaItem) -> list[int]:
        return [road_map.number for road_map in obj.road_maps.all()]

    def get_recommendations(self, obj: AgendaItem) -> list[int]:
        return [recommendation.pk for recommendation in obj.recommendations.all()]

    def get_topics(self, obj: AgendaItem) -> list[str]:
        return sorted(topic.name for topic in obj.topics.all())


class MinutesSerializer(serializers.ModelSerializer):
    meeting_title = serializers.CharField(source="meeting.title")
    body_translations = Translations("body")
    decisions_translations = Translations("decisions")

    class Meta:
        model = Minutes
        fields = ["id", "meeting", "meeting_title", "body", "body_translations", "decisions", "decisions_translations",
                  "original_language", "version", "published_at"]


class DocumentSerializer(serializers.ModelSerializer):
    download_url = serializers.SerializerMethodField()
    title_translations = Translations("title")

    class Meta:
        model = MeetingDocument
        fields = ["id", "meeting", "agenda_item", "title", "title_translations", "content_type", "size", "download_url", "created_at"]

    @extend_schema_field(OpenApiTypes.URI)
    def get_download_url(self, obj: MeetingDocument) -> str:
        return absolute(reverse("meetings:document-download", args=[obj.pk]))


# --- Reports ----------------------------------------------------------------------------------


class ReportDocumentSerializer(serializers.ModelSerializer):
    download_url = serializers.SerializerMethodField()
    title_translations = Translations("title")

    class Meta:
        model = ReportDocument
        fields = ["id", "title", "title_translations", "language", "content_type", "size", "download_url"]

    @extend_schema_field(OpenApiTypes.URI)
    def get_download_url(self, obj: ReportDocument) -> str:
        return absolute(reverse("reports:document-download", args=[obj.pk]))


class ReportVersionSerializer(serializers.ModelSerializer):
    documents = ReportDocumentSerializer(source="public_documents", many=True, read_only=True)
    notes_translations = Translations("notes")

    class Meta:
        model = ReportVersion
        fields = ["number", "date", "notes", "notes_translations", "documents"]


class ReportSerializer(serializers.ModelSerializer):
    """A published report of the registry; who uploaded or edited it is left out."""

    title = serializers.CharField(source="localized_title", help_text="Title in the requested language.")
    titles = serializers.SerializerMethodField(help_text="Kept for existing clients: title_translations.")
    title_translations = Translations("title")
    summary_translations = Translations("summary")
    kind_label = serializers.CharField(source="get_kind_display")
    mechanism: serializers.SlugRelatedField[Mechanism] = serializers.SlugRelatedField(slug_field="code", read_only=True, allow_null=True)
    author_organization = OrganizationRefSerializer(read_only=True, allow_null=True)
    versions = ReportVersionSerializer(source="version_list", many=True, read_only=True)
    web_url = serializers.SerializerMethodField()

    class Meta:
        model = Report
        fields = ["id", "kind", "kind_label", "title", "titles", "title_translations", "document_symbol", "year",
                  "mechanism", "review", "author_organization", "summary", "summary_translations", "period_start", "period_end", "published_at", "versions",
                  "web_url"]

    def get_titles(self, obj: Report) -> dict[str, str]:
        return {"en": obj.title_en or "", "ru": obj.title_ru or "", "kk": obj.title_kk or ""}

    def get_web_url(self, obj: Report) -> str:
        return absolute(reverse("reports:report-detail", args=[obj.pk]))
