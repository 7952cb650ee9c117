"""Optimistic locking for every edit form: nobody's saved work is silently overwritten.

How it works, the same on every screen (docs/security.md, "Concurrent edits"):

- A model that people edit inherits `VersionedModel`: a `version` number, raised by one on every save, whatever
  saves it (an edit form, a status change, the administration, a task).
- Its edit form carries the version it was opened with (`VersionField`, hidden).
- The service that saves the edit calls `claim()` first, inside its transaction: a conditional
  `UPDATE ... SET version = version WHERE id = %s AND version = %s`. It matches no row when someone saved in
  between, and then `EditConflict` carries the record as it is now. The UPDATE also holds the row until the
  transaction ends, so of two saves made at the same moment the second waits and then finds the new version
  (PostgreSQL re-checks the condition on the row the first one committed; SQLite has one writer at a time).
- The view keeps what the person typed, shows the other person's saved values beside it (`edit_conflict()` with
  `templates/core/partials/edit_conflict.html`) and bases the next save on the stored version, so saving again
  after merging succeeds.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any, ClassVar, TypeVar, cast

from django import forms
from django.db import models
from django.db.models import F, QuerySet
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core import dates
from core.exceptions import ApplicationError
from core.views import form_error

M = TypeVar("M", bound=models.Model)
R = TypeVar("R")


class VersionedModel(models.Model):
    """`version`: how many times the record was saved; every save adds one (see the module's docstring)."""

    version = models.PositiveIntegerField(gettext_lazy("version"), default=1, editable=False)

    # Fields whose change alone is not an edit (a sign-in's last_login): a save of only these keeps the version.
    unversioned_fields: ClassVar[frozenset[str]] = frozenset()

    class Meta:
        abstract = True

    def save(self, *args: Any, **kwargs: Any) -> None:
        update_fields = kwargs.get("update_fields")
        bookkeeping = update_fields is not None and set(update_fields) <= self.unversioned_fields
        if not self._state.adding and self.pk is not None and not bookkeeping:
            self.version = (self.version or 0) + 1
            if update_fields is not None:
                kwargs["update_fields"] = {*update_fields, "version"}
        super().save(*args, **kwargs)


class EditConflict(ApplicationError):
    """Someone saved the record after this editor opened it; `current` is the record as it is now."""

    def __init__(self, message: str | None = None, *, current: models.Model, field: str | None = None) -> None:
        super().__init__(message or _(
            "Someone else saved this while you were editing it. What you typed is kept below, beside their "
            "version: compare the two, keep what you need, and save again."
        ), field=field)
        self.current = current


def claim(
    model: type[M], *, pk: object, version: int | None, queryset: QuerySet[M] | None = None,
    message: str | None = None,
) -> M:
    """The record `pk`, locked for this transaction, if it is still at `version`; else EditConflict.

    Call it inside the service's transaction, before changing anything. Withdrawn records are found too (the
    base manager): the service decides what may be done with them. A record deleted meanwhile is an
    ApplicationError, never a 500.
    """
    qs = queryset if queryset is not None else model._base_manager.all()
    matched = qs.filter(pk=pk, version=version).update(version=F("version")) if version is not None else 0
    if matched != 1:
        current = qs.filter(pk=pk).first()
        if current is None:
            raise ApplicationError(_("This record was deleted while you were editing it."))
        raise EditConflict(message, current=current)
    return qs.select_for_update().get(pk=pk)


def bump_versions(qs: QuerySet[Any]) -> int:
    """Raise the version of every row of `qs`: for bulk writes (QuerySet.update) that skip save()."""
    return qs.update(version=F("version") + 1)


class VersionField(forms.IntegerField):
    """The hidden version an edit form was opened with. Missing or garbled, the save becomes a conflict (the
    person sees the stored values and saves again), never a lost update."""

    widget = forms.HiddenInput

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("required", False)
        kwargs.setdefault("min_value", 1)
        super().__init__(**kwargs)

    def clean(self, value: object) -> int | None:
        try:
            cleaned: int | None = super().clean(value)
            return cleaned
        except forms.ValidationError:
            # A hidden field the person cannot correct: treat it as unknown, which the service refuses as a
            # conflict with the stored values shown.
            return None


# --- The merge screen --------------------------------------------------------------------------


@dataclass
class ConflictRow:
    label: str
    theirs: str
    yours: str

    @property
    def differs(self) -> bool:
        return self.theirs != self.yours


@dataclass
class Conflict:
    """What the merge screen shows: who saved, when, and each field's saved value beside the typed one."""

    current: models.Model
    rows: list[ConflictRow] = field(default_factory=list)
    saved_at: dt.datetime | None = None
    saved_by: object = None

    @property
    def differences(self) -> list[ConflictRow]:
        return [row for row in self.rows if row.differs]


def _saved_by(record: models.Model) -> object:
    """Who saved `record` last, when the model records it (a last-editor field or its history)."""
    for name in ("updated_by", "last_edited_by"):
        if getattr(record, f"{name}_id", None):
            return getattr(record, name)
    history = getattr(record, "history", None)
    if history is not None:
        latest = history.first()  # simple-history orders the newest first
        if latest is not None:
            return latest.history_user
    return None


def _as_list(value: object) -> list[object]:
    if isinstance(value, (str, bytes, models.Model)) or not isinstance(value, Iterable):
        return [value]
    return list(value)  # a list, a tuple or a queryset


def display_value(form_field: forms.Field, value: object) -> str:
    """`value` of `form_field` as a person reads it: labels of choices, names of records, local dates."""
    empty = "—"
    if value is None or value == "" or (isinstance(value, (list, tuple)) and not value):
        return empty
    if isinstance(form_field, forms.ModelChoiceField):  # ModelMultipleChoiceField too
        items = _as_list(value)
        records = [item for item in items if isinstance(item, models.Model)]
        keys = [item for item in items if not isinstance(item, models.Model) and item not in (None, "")]
        if keys:
            records += list(form_field.queryset.model._base_manager.filter(pk__in=keys))  # type: ignore[union-attr]  # a bound ModelChoiceField has its queryset
        return ", ".join(str(form_field.label_from_instance(record)) for record in records) or empty
    if isinstance(form_field, (forms.BooleanField, forms.NullBooleanField)):
        return str(_("Yes") if value else _("No"))
    if isinstance(form_field, forms.ChoiceField):  # typed and multiple choices too
        labels: dict[str, object] = {}
        for key, label in cast(Iterable[tuple[Any, Any]], form_field.choices):  # choices are normalised to pairs
            if isinstance(label, (list, tuple)):
                labels.update({str(k): v for k, v in label})
            else:
                labels[str(key)] = label
        return ", ".join(str(labels.get(str(item), item)) for item in _as_list(value)) or empty
    if isinstance(form_field, forms.FileField):
        return str(getattr(value, "name", value) or empty)
    value = form_field.prepare_value(value)
    if isinstance(value, dt.date):
        return dates.datetime_text(value) if isinstance(value, dt.datetime) else dates.date_text(value)
    if isinstance(value, (list, tuple)):
        return ", ".join(str(item) for item in value) or empty
    return str(value).strip() or empty


def edit_conflict(form: forms.BaseForm, exc: EditConflict, *, theirs: Mapping[str, object]) -> Conflict:
    """After a refused save: keep what was typed, base the next save on the stored version, say why above the
    form, and list the other person's saved values (`theirs`, the form's initial data for the stored record)
    beside the typed ones."""
    current = exc.current
    data = form.data.copy()  # type: ignore[attr-defined]  # a bound form's data: a QueryDict or a dict
    data[form.add_prefix("version")] = str(current.version)  # type: ignore[attr-defined]
    form.data = data
    form_error(form, exc)
    cleaned = getattr(form, "cleaned_data", {})
    rows = []
    for name, form_field in form.fields.items():
        if name == "version" or isinstance(form_field.widget, forms.HiddenInput):
            continue
        yours = cleaned[name] if name in cleaned else form[name].value()
        rows.append(ConflictRow(
            label=str(form_field.label or name), theirs=display_value(form_field, theirs.get(name)),
            yours=display_value(form_field, yours),
        ))
    return Conflict(current=current, rows=rows, saved_at=getattr(current, "updated_at", None),
                    saved_by=_saved_by(current))


def form_initial(form_class: type[forms.BaseForm], **kwargs: Any) -> dict[str, object]:
    """The initial values an unbound `form_class(**kwargs)` shows (for a ModelForm: `instance=record`)."""
    unbound = form_class(**kwargs)
    return {name: unbound[name].initial for name in unbound.fields}


@dataclass(frozen=True)
class Refused:
    """A form's save that the service refused: the reason is on the form, which the view shows again with what was
    typed; `conflict` is the merge screen when the refusal was an edit conflict."""

    conflict: Conflict | None = None


def save_form(
    form: forms.BaseForm, save: Callable[[], R], *, theirs: Callable[[EditConflict], Mapping[str, object]] | None = None,
) -> R | Refused:
    """`save()` (the view's one service call for a valid `form`) and what it returned, or Refused.

    A refusal (ApplicationError) is shown next to the form's field or above it. An EditConflict, on a form that
    edits a versioned record (`theirs(exc)`: the stored record's values, as the form's initial data), becomes the
    merge screen (edit_conflict): what was typed is kept and the next save is based on the stored version. The
    view flashes its message and redirects when the result is not Refused."""
    try:
        return save()
    except EditConflict as exc:
        if theirs is None:
            form_error(form, exc)
            return Refused()
        return Refused(edit_conflict(form, exc, theirs=theirs(exc)))
    except ApplicationError as exc:
        form_error(form, exc)
        return Refused()


def save_edited(instance: M, *, version: int | None, change: bool, keep: tuple[str, ...] = ()) -> M:
    """Save `instance`, whose fields an edit form (the administration's) has set, as an app service would: for a
    change, claim the stored record at `version` first (EditConflict otherwise), and keep the `keep` fields
    (statuses, which change only through transition services) and any withdrawal as stored. Call inside the
    service's transaction."""
    if change:
        stored = claim(type(instance), pk=instance.pk, version=version)
        if getattr(stored, "withdrawn_at", None) is not None:
            raise ApplicationError(_("A withdrawn record can no longer be edited."))
        for name in (*keep, "version", "withdrawn_at", "withdrawn_by_id", "withdrawal_reason"):
            if hasattr(stored, name):
                setattr(instance, name, getattr(stored, name))
    instance.save()
    return instance
