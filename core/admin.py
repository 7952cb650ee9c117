"""Bases for every ModelAdmin of the portal's apps: the administration never goes around the services.

Each app's admin.py registers its own models; this module registers core's operational records (below). Every
registered admin of our apps is one of two kinds (tests/core/test_admin_rules.py checks it):

- `ReadOnlyAdminMixin` / `ReadOnlyModelAdmin`: the portal has its own screen for the model, with its rules
  (status transitions, sanitising, version checks, withdrawal). The administration only shows it: no add, change
  or delete, for the secretariat and superusers alike. Inlines use `ReadOnlyInlineMixin`.
- `ServiceAdminMixin`: no screen of ours edits the model (reference lists, road maps, organisations, users...),
  so the administration still edits it, but through the app's service (`save_service`): the form carries the
  record's version (the optimistic check of our screens, with the other person's saved values shown on a
  conflict), the service keeps statuses as stored (they change only through transition services) and refuses
  what its rules refuse, shown on the form. Nothing is deleted unless `allow_delete` says so (never a record the
  public has seen: those are withdrawn on our screens).

Both compose with other admin bases (modeltranslation's TranslationAdmin, simple-history's SimpleHistoryAdmin):
put them first, e.g. `class ThemeAdmin(ServiceAdminMixin, TranslationAdmin)`.
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, ClassVar

from django import forms
from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.db import models, transaction
from django.forms.models import model_to_dict
from django.http import HttpRequest

from core.concurrency import Conflict, EditConflict, VersionedModel, VersionField, claim, edit_conflict
from core.exceptions import ApplicationError
from core.models import DeferredTask, WorkerHeartbeat
from core.multilingual import (
    TranslatableModel,
    column,
    default_original_language,
    languages,
    original_initial,
    write_original,
)

if TYPE_CHECKING:
    from django.template.response import _TemplateForResponseT  # django-stubs' type of ModelAdmin's templates


def _all_rows(model_admin: Any, request: HttpRequest) -> models.QuerySet:
    """The administration lists withdrawn records too (their default manager hides them everywhere else)."""
    manager = getattr(model_admin.model, "all_objects", model_admin.model._default_manager)
    qs: models.QuerySet[Any] = manager.get_queryset()
    ordering = model_admin.get_ordering(request)
    return qs.order_by(*ordering) if ordering else qs


class _PortalAdminBase:
    """What both kinds share.

    simple-history's "revert to this version" page saves a whole old version through the admin's form on POST,
    checking only that the person may view the history: refused here (and hidden by SIMPLE_HISTORY_REVERT_DISABLED).
    Harmless on admins without history (the method is then never routed)."""

    def formfield_for_dbfield(self, db_field: models.Field, request: HttpRequest, **kwargs: Any) -> Any:
        if isinstance(db_field, models.URLField):
            kwargs.setdefault("assume_scheme", "https")  # Django 6's default, and what our own forms use
        return super().formfield_for_dbfield(db_field, request, **kwargs)  # type: ignore[misc]

    def history_form_view(self, request: HttpRequest, object_id: str, version_id: str,
                          extra_context: dict[str, Any] | None = None) -> Any:
        if request.method != "GET":
            raise PermissionDenied
        return super().history_form_view(request, object_id, version_id, extra_context)  # type: ignore[misc]


class _NoWrites:
    """Nobody adds, changes or deletes here, whatever their permissions: the portal's screens do, through the
    services (checked on the server: the admin's views ask these before showing or saving anything)."""

    def has_add_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False


class ReadOnlyAdminMixin(_NoWrites, _PortalAdminBase):
    """Shown for reference only; changes happen on the portal's own screens, through the services."""

    def get_queryset(self, request: HttpRequest) -> models.QuerySet:
        return _all_rows(self, request)


class ReadOnlyModelAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    pass


class ReadOnlyInlineMixin(_NoWrites):
    """An inline shown for reference inside another record's page (its `fields` are all shown read only)."""

    extra = 0
    can_delete = False

    def get_readonly_fields(self, request: HttpRequest, obj: object = None) -> tuple[str, ...]:
        return (*super().get_readonly_fields(request, obj), *(getattr(self, "fields", None) or ()))  # type: ignore[misc]


class _DryRun(Exception):
    """Rolls back the service's trial run in the form's validation."""


def _service_form(base: type[forms.ModelForm], model_admin: ServiceAdminMixin, request: HttpRequest) -> type:
    """`base` with the record's version (hidden), checked in clean(), and a trial run of the service after the
    model's own validation, so every refusal shows on the form instead of failing the save.

    The admin's change view runs in one transaction: clean()'s claim (a conditional UPDATE that also holds the
    row) and the real save in save_model() are atomic together, and the trial run (in a savepoint, rolled back)
    sees exactly what the save will."""
    versioned = issubclass(model_admin.model, VersionedModel)
    translatable = issubclass(model_admin.model, TranslatableModel)

    class ServiceAdminForm(base):  # type: ignore[valid-type, misc]
        if versioned:
            version = VersionField()

        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self.edit_conflict: Conflict | None = None
            if versioned and self.instance.pk is not None:
                self.fields["version"].initial = self.instance.version
            if translatable:
                # The administration edits the original text, as our own forms do; translations are made in the
                # translation editor. What the columns hold now is kept to undo modeltranslation's descriptor,
                # which would write a typed `title` into the page language's column.
                # Where the admin lists the per-language columns themselves (names of reference lists), those
                # are what is edited.
                listed = set(self.fields)
                self._original_only = [
                    name for name in self.instance.translatable_fields()
                    if name in listed and not any(column(name, lang) in listed for lang in languages())
                ]
                self._columns = {
                    column(name, lang): self.instance.__dict__.get(column(name, lang))
                    for name in self._original_only for lang in languages()
                }
                if self.instance.pk is not None:
                    self.initial.update(original_initial(self.instance, self._original_only))
                if "original_language" in self.fields:
                    # Left out of a post, the text is in the record's language (a new one's: the default).
                    self.fields["original_language"].required = False
                    # Its default is computed: Django would add a hidden "initial-" copy carrying the visible
                    # field's aria-describedby, which HTML forbids on a hidden input.
                    self.fields["original_language"].show_hidden_initial = False

        def _translated_texts(self) -> None:
            texts = {name: self.cleaned_data[name] for name in self._original_only if name in self.cleaned_data}
            for name, value in self._columns.items():
                setattr(self.instance, name, value)
            write_original(self.instance, texts, language=self.cleaned_data.get("original_language"))

        def clean(self) -> dict[str, Any]:
            data: dict[str, Any] = super().clean()
            if translatable and "original_language" in self.fields and not data.get("original_language"):
                data["original_language"] = self.instance.original_language or default_original_language()
            if versioned and self.instance.pk is not None:
                try:
                    claim(type(self.instance), pk=self.instance.pk, version=data.get("version"))
                except EditConflict as exc:
                    theirs = model_to_dict(exc.current, fields=[n for n in self.fields if n != "version"])
                    self.edit_conflict = edit_conflict(self, exc, theirs=theirs)
                except ApplicationError as exc:
                    self.add_error(None, exc.message)
            return data

        def _post_clean(self) -> None:
            super()._post_clean()
            if translatable:
                self._translated_texts()
            if self.errors:
                return
            trial = copy.copy(self.instance)
            try:
                with transaction.atomic():
                    model_admin.save_service(
                        actor=request.user, instance=trial, version=self.cleaned_data.get("version"),
                        change=self.instance.pk is not None,
                    )
                    raise _DryRun
            except _DryRun:
                pass
            except ApplicationError as exc:
                self.add_error(exc.field if exc.field in self.fields else None, exc.message)

    ServiceAdminForm.__name__ = base.__name__
    return ServiceAdminForm


class ServiceAdminMixin(_PortalAdminBase):
    """Edits go through the app's service; see the module's docstring.

    `save_service = staticmethod(app_service)`: `app_service(*, actor, instance, version, change)` saves `instance`, on which
    the admin's form has put the typed values, and returns it; many-to-many fields follow in save_related, in the
    same transaction. It raises ApplicationError for a broken rule (shown on the form).
    """

    save_service: Callable[..., models.Model]
    model: type[models.Model]  # set by admin.ModelAdmin, which every subclass also extends
    allow_delete: bool = False
    change_form_template: ClassVar[_TemplateForResponseT | None] = "admin/core/change_form.html"

    def get_queryset(self, request: HttpRequest) -> models.QuerySet:
        return _all_rows(self, request)

    def has_delete_permission(self, request: HttpRequest, obj: object = None) -> bool:
        if not self.allow_delete:
            return False
        allowed: bool = super().has_delete_permission(request, obj)  # type: ignore[misc]  # a mixin: ModelAdmin's
        return allowed

    def get_fields(self, request: HttpRequest, obj: object = None) -> list[str | list[str] | tuple[str, ...]]:
        # The version is rendered once, hidden, by admin/core/change_form.html, not as a row of the form. The
        # per-language columns of translated text are the translation editor's (core.multilingual).
        hidden = {"version"}
        fields = super().get_fields(request, obj)  # type: ignore[misc]  # a mixin: ModelAdmin's
        if issubclass(self.model, TranslatableModel):
            # Names of reference lists and organisations too: one way to translate, the translation editor.
            hidden |= set(self.model.translation_columns())
        return [f for f in fields if f not in hidden]

    def get_form(self, request: HttpRequest, obj: object = None, change: bool = False, **kwargs: Any) -> type:
        form = super().get_form(request, obj, change=change, **kwargs)  # type: ignore[misc]
        return _service_form(form, self, request)

    def save_model(self, request: HttpRequest, obj: models.Model, form: forms.ModelForm, change: bool) -> None:
        self.save_service(actor=request.user, instance=obj, version=form.cleaned_data.get("version"), change=change)

    def delete_model(self, request: HttpRequest, obj: models.Model) -> None:
        if not self.has_delete_permission(request, obj):
            raise PermissionDenied
        super().delete_model(request, obj)  # type: ignore[misc]


# --- core's own records -----------------------------------------------------------------------------------


@admin.register(DeferredTask)
class DeferredTaskAdmin(ReadOnlyModelAdmin):
    # Written by the site itself (enqueue, the catch-up sweep, workers); an edit here could only lose an e-mail.
    list_display = ["name", "created_at", "eta", "attempts", "last_error"]
    list_filter = ["name"]
    search_fields = ["name", "last_error"]
    ordering = ["pk"]


@admin.register(WorkerHeartbeat)
class WorkerHeartbeatAdmin(ReadOnlyModelAdmin):
    list_display = ["hostname", "seen_at"]
    list_filter = ["seen_at"]
    search_fields = ["hostname"]
    ordering = ["-seen_at"]
