"""A view of the meetings data for the secretariat's technical staff; every change happens on meetings' own pages,
through the services (core.admin). Topics, which no page of ours edits, are renamed here through a service."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.db.models import Field
from django.forms import Field as FormField
from django.http import HttpRequest
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from core.admin import ReadOnlyInlineMixin, ReadOnlyModelAdmin, ServiceAdminMixin
from meetings import services
from meetings.lead_times import LEAD_TIME_FIELDS
from meetings.models import (
    AgendaItem,
    CalendarToken,
    FollowUpAction,
    Invitation,
    Meeting,
    MeetingChange,
    MeetingDocument,
    Minutes,
    Subgroup,
    Topic,
)


class AgendaItemInline(ReadOnlyInlineMixin, admin.TabularInline):
    model = AgendaItem
    extra = 0
    fields = ["position", "title", "minutes_allotted"]


@admin.register(Meeting)
class MeetingAdmin(ReadOnlyModelAdmin):
    list_display = ["number", "title", "starts_at", "status", "subgroup"]
    list_filter = ["status", "format", "subgroup"]
    search_fields = ["title", "venue"]
    date_hierarchy = "starts_at"
    inlines = [AgendaItemInline]
    list_select_related = ["subgroup"]

    def formfield_for_dbfield(self, db_field: Field, request: HttpRequest, **kwargs: Any) -> FormField | None:
        field: FormField | None = super().formfield_for_dbfield(db_field, request, **kwargs)
        # The lead times' defaults are callables (read from settings), for which Django adds hidden "initial-"
        # inputs carrying the help text's aria-describedby, which is invalid HTML. The form needs no change check.
        if field is not None and db_field.name in LEAD_TIME_FIELDS:
            field.show_hidden_initial = False
        return field


@admin.register(Subgroup)
class SubgroupAdmin(ReadOnlyModelAdmin):
    list_display = ["name", "is_active"]
    list_filter = ["is_active"]
    search_fields = ["name"]
    filter_horizontal = ["co_chair_people", "co_chair_organizations", "members"]


@admin.register(Invitation)
class InvitationAdmin(ReadOnlyModelAdmin):
    list_display = ["meeting", "person", "response", "attendance_mode", "attended"]
    list_filter = ["response", "attended"]
    search_fields = ["meeting__title", "person__email", "person__last_name"]
    raw_id_fields = ["meeting", "person", "organization"]
    list_select_related = ["meeting", "person"]


@admin.register(Minutes)
class MinutesAdmin(ReadOnlyModelAdmin):
    # Read only: minutes are written, approved, published and withdrawn on the secretariat's minutes page, which
    # sanitises them and checks their version and the meeting's state (issue 13: the admin used to bypass all
    # three). Version history is shown there too (simple-history's admin view needs inline styles).
    list_display = ["meeting", "status", "version", "published_at"]
    list_filter = ["status"]
    search_fields = ["meeting__title", "body"]
    raw_id_fields = ["meeting"]


@admin.register(MeetingDocument)
class MeetingDocumentAdmin(ReadOnlyModelAdmin):
    list_display = ["title", "meeting", "visibility", "content_type", "size"]
    list_filter = ["visibility", "content_type"]
    search_fields = ["title", "meeting__title"]
    raw_id_fields = ["meeting", "agenda_item"]
    # Files are private: no storage URL; uploads go through the secretariat's documents page, which checks content.
    fields = ["meeting", "agenda_item", "title", "visibility", "download", "content_type", "size", "uploaded_by"]
    readonly_fields = ["download", "content_type", "size", "uploaded_by"]

    @admin.display(description=_("file"))
    def download(self, obj: MeetingDocument) -> str:
        return format_html('<a href="{}">{}</a>', reverse("meetings:document-download", args=[obj.pk]), obj.title)


@admin.register(Topic)
class TopicAdmin(ServiceAdminMixin, admin.ModelAdmin):
    # No page of ours renames a topic (they are typed on meetings and agenda items): the admin does, through a
    # service with the version check; topics are never deleted (meetings and agenda items keep their links).
    save_service = staticmethod(services.topic_save)
    search_fields = ["name"]
    list_filter = [("meetings", admin.EmptyFieldListFilter)]


@admin.register(FollowUpAction)
class FollowUpActionAdmin(ReadOnlyModelAdmin):
    list_display = ["description", "owner_organization", "due_date", "status"]
    list_filter = ["status", "due_date"]
    search_fields = ["description", "meeting__title"]
    raw_id_fields = ["meeting", "owner_organization"]


@admin.register(MeetingChange)
class MeetingChangeAdmin(ReadOnlyModelAdmin):
    list_display = ["meeting", "kind", "created_at"]
    list_filter = ["kind"]
    search_fields = ["meeting__title", "reason"]
    raw_id_fields = ["meeting", "made_by"]


@admin.register(CalendarToken)
class CalendarTokenAdmin(ReadOnlyModelAdmin):
    list_display = ["user", "created_at"]
    list_filter = ["created_at"]
    search_fields = ["user__email"]
    raw_id_fields = ["user"]
    # The token itself is a password in all but name.
    exclude = ["token"]


@admin.register(AgendaItem)
class AgendaItemAdmin(ReadOnlyModelAdmin):
    list_display = ["title", "meeting", "position"]
    list_filter = ["meeting__status"]
    search_fields = ["title", "meeting__title"]
    raw_id_fields = ["meeting", "follow_up_of"]
