"""Content in three languages: what each translatable record knows about its translations.

django-modeltranslation stores every translatable field once per language in the same table (`title_kk`,
`title_ru`, `title_en`; registered in each app's `translation.py`), and `obj.title` reads the active language,
falling back along settings.CONTENT_FALLBACK_LANGUAGES. This module adds what the secretariat needs on top:

- `TranslatableModel`, an abstract base: the record's original language, and per language the fingerprint of
  the original its translation was made from. A translation is *missing* when a field has original text but no
  translation, *out of date* when the original changed after the translation was saved, *complete* otherwise.
  The status is kept per language in `translation_status`, so the "To translate" queue is one filter per kind.
- `shown()`: which language a field is shown in on this page, so templates can mark a fallback
  (core/templatetags/translated.py).
- a registry of the kinds of content (`register_kind`) for the queue and the side-by-side editor.

The unnamed column (`title`) is saved with the text in the original language (TranslatableModel.save), so a
reader of the raw table, and the history tables, see the original.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Collection, Iterable
from dataclasses import dataclass
from typing import Any, cast

from django.conf import settings
from django.db import models
from django.db.models import Func, Q
from django.utils.functional import Promise
from django.utils.translation import get_language, override
from django.utils.translation import gettext_lazy as _


def languages() -> list[str]:
    return [code for code, _label in settings.LANGUAGES]


def language_name(code: str) -> str:
    return str(dict(settings.LANGUAGES).get(code, code))


def active_language() -> str:
    """The page's language, or the site's default outside a request (commands, tasks)."""
    language = (get_language() or settings.LANGUAGE_CODE)[:2]
    return language if language in languages() else settings.LANGUAGE_CODE


def fallback_order(language: str | None = None) -> list[str]:
    """The languages to try for a page in `language`: itself first, then settings.CONTENT_FALLBACK_LANGUAGES."""
    language = language or active_language()
    order = [language, *settings.CONTENT_FALLBACK_LANGUAGES.get(language, ())]
    return order + [code for code in languages() if code not in order]


def column(field: str, language: str) -> str:
    return f"{field}_{language}"


def fingerprint(texts: Iterable[str | None]) -> str:
    """A short hash of the original's texts: a translation records the one it was made from."""
    digest = hashlib.sha256("\x1f".join((text or "").strip() for text in texts).encode("utf-8"))
    return digest.hexdigest()[:16]


class Status(models.TextChoices):
    ORIGINAL = "original", _("Original")
    COMPLETE = "complete", _("Complete")
    MISSING = "missing", _("Missing")
    OUTDATED = "outdated", _("Out of date")


# The statuses the "To translate" queue lists.
TO_DO = (Status.MISSING, Status.OUTDATED)


def compute_state(
    *, original: str, fields: Iterable[str], values: dict[str, Any], sources: dict[str, str],
    changed: set[str] | None,
) -> tuple[dict[str, str], dict[str, str]]:
    """(sources, status) of a record. Pure, so data migrations use it too.

    `values` maps each column (`title_kk`) to its text; `changed` is the set of languages whose translation was
    edited in this save (None: a new record, every translation is new). An edited translation is stamped with the
    original's fingerprint: it was made from the original as it is now.
    """
    fields = list(fields)
    current = fingerprint(values.get(column(f, original)) for f in fields)
    sources = {lang: fp for lang, fp in (sources or {}).items() if lang in languages()}
    sources[original] = current
    status: dict[str, str] = {}
    for lang in languages():
        if lang == original:
            status[lang] = Status.ORIGINAL
            continue
        has_text = any(values.get(column(f, lang)) for f in fields)
        if not has_text:
            sources.pop(lang, None)
        elif changed is None or lang in changed or lang not in sources:
            sources[lang] = current
        complete = all(values.get(column(f, lang)) or not values.get(column(f, original)) for f in fields)
        if not complete:
            status[lang] = Status.MISSING
        elif sources.get(lang, current) != current:
            status[lang] = Status.OUTDATED
        else:
            status[lang] = Status.COMPLETE
    return sources, status


def default_original_language() -> str:
    return active_language()


class OriginalLanguageField(models.CharField):
    """A CharField whose form field carries no hidden "initial" copy. Django adds one for a callable default (the
    page's language), and the admin puts aria-describedby on that hidden input: invalid HTML (vnu)."""

    def formfield(self, **kwargs: Any) -> Any:
        kwargs.setdefault("show_hidden_initial", False)
        return super().formfield(**kwargs)

    def deconstruct(self) -> Any:
        # Migrations see a plain CharField: the difference is only in forms.
        name, _path, args, kwargs = super().deconstruct()
        return name, "django.db.models.CharField", args, kwargs


class TranslatableModel(models.Model):
    """A record whose human-written fields exist in several languages (registered in the app's translation.py)."""

    original_language = OriginalLanguageField(
        _("original language"), max_length=2, choices=settings.LANGUAGES, default=default_original_language,
        help_text=_("The language the text was written in; the other languages are translations of it."),
    )
    # {language: fingerprint of the original its translation was made from}; the original's own entry is the
    # current fingerprint. Kept by save(); the translation editor compares against it (the optimistic check).
    translation_sources = models.JSONField(_("translation sources"), default=dict, blank=True, editable=False)
    # {language: Status}, derived from the texts and translation_sources on every save: the queue filters on it.
    translation_status = models.JSONField(_("translation status"), default=dict, blank=True, editable=False)

    class Meta:
        abstract = True

    def save(self, *args: Any, **kwargs: Any) -> None:
        update_fields = kwargs.get("update_fields")
        fields = set(self.translatable_fields())
        deferred = self.get_deferred_fields()
        touches = update_fields is None or any(
            name in fields or name.rsplit("_", 1)[0] in fields or name == "original_language"
            for name in update_fields
        )
        if touches and not (deferred & set(self.translation_columns())):
            self.refresh_translation_state()
            if update_fields is not None:
                # Saving `title` alone must not let modeltranslation copy it into the page's language column.
                kwargs["update_fields"] = {
                    *update_fields, *fields, *self.translation_columns(), "original_language",
                    "translation_sources", "translation_status",
                }
        # Under the original language, the unnamed column (which Django reads through modeltranslation's
        # descriptor) is saved as the original text, and so is what the history tables copy.
        with override(self.original_language):
            super().save(*args, **kwargs)
        self._translations_loaded = {name: self.__dict__.get(name) for name in self.translation_columns()}

    # -- reading ------------------------------------------------------------------------------------------------

    @classmethod
    def translatable_fields(cls) -> tuple[str, ...]:
        from modeltranslation.translator import translator

        names = set(translator.get_options_for_model(cls).get_field_names())
        # In the model's order (title before description), as forms and the editor show them.
        return tuple(f.name for f in cls._meta.get_fields() if f.name in names)

    @classmethod
    def translation_columns(cls) -> list[str]:
        return [column(f, lang) for f in cls.translatable_fields() for lang in languages()]

    @classmethod
    # django-stubs describes Django 6's from_db (a fetch_mode argument); Django 5.2's has none.
    def from_db(  # type: ignore[override]
        cls, db: str | None, field_names: Collection[str], values: Collection[Any],
    ) -> TranslatableModel:
        instance = super().from_db(db, field_names, values)
        # What the translations were when loaded: save() tells an edited translation from an untouched one.
        loaded = instance.__dict__
        instance._translations_loaded = {name: loaded[name] for name in cls.translation_columns() if name in loaded}
        return instance

    # Not `text()`: a model may have a field of that name (a plan measure's `text`), which would hide it.
    def text_in(self, field: str, language: str) -> str:
        return getattr(self, column(field, language)) or ""

    def original_text(self, field: str) -> str:
        return self.text_in(field, self.original_language)

    def status_of(self, language: str) -> str:
        if language == self.original_language:
            return Status.ORIGINAL
        return (self.translation_status or {}).get(language) or Status.MISSING

    def current_fingerprint(self) -> str:
        return fingerprint(self.original_text(f) for f in self.translatable_fields())

    # -- writing ------------------------------------------------------------------------------------------------

    def set_text(self, field: str, language: str, value: str) -> None:
        setattr(self, column(field, language), value)

    def refresh_translation_state(self) -> None:
        """Empty texts stored as one value, and the status recomputed."""
        fields = self.translatable_fields()
        opts = self._meta
        for name in self.translation_columns():
            if self.__dict__.get(name) in (None, ""):
                # Unique fields (a topic's name) keep NULL for "no text": NULLs never collide.
                self.__dict__[name] = None if cast("models.Field[Any, Any]", opts.get_field(name)).unique else ""
        if self.original_language not in languages():
            self.original_language = settings.LANGUAGE_CODE
        values = {name: self.__dict__.get(name) for name in self.translation_columns()}
        loaded = getattr(self, "_translations_loaded", None)
        changed = None
        if loaded is not None and not self._state.adding:
            changed = {
                lang for lang in languages()
                if any((values.get(column(f, lang)) or "") != (loaded.get(column(f, lang)) or "") for f in fields)
            }
        self.translation_sources, self.translation_status = compute_state(
            original=self.original_language, fields=fields, values=values,
            sources=dict(self.translation_sources or {}), changed=changed,
        )


def write_original(obj: TranslatableModel, values: dict[str, Any], *, language: str | None = None) -> dict[str, Any]:
    """Write the translatable fields of `values` as `obj`'s original text (in `language`, else the record's own
    original language); return the other values untouched. `obj.title = x` would write the page's language."""
    if language:
        obj.original_language = language
    rest = {}
    fields = obj.translatable_fields()
    for name, value in values.items():
        if name in fields:
            obj.set_text(name, obj.original_language, value)
        else:
            rest[name] = value
    return rest


def original_initial(obj: TranslatableModel | None, names: Iterable[str]) -> dict[str, Any]:
    """A form's initial values for an edit: the original text (not the page language's fallback)."""
    if obj is None or obj.pk is None:
        return {"original_language": active_language()}
    initial: dict[str, Any] = {"original_language": obj.original_language}
    for name in names:
        if name in obj.translatable_fields():
            initial[name] = obj.original_text(name)
    return initial


def original_language_formfield() -> Any:
    from django import forms

    # Not required: a post without it (an older form, a script) keeps the record's language, or the page's.
    return forms.ChoiceField(
        label=_("Language of the text"), choices=settings.LANGUAGES, required=False,
        help_text=_("The language you write in. Translations into the other languages are added side by side "
                    "after saving."),
    )


def any_language_q(field: str, lookup: str, value: Any) -> Q:
    """`field__lookup=value` in any language: a search finds a meeting by its Russian title from /en/ too."""
    condition = Q()
    for lang in languages():
        condition |= Q(**{f"{column(field, lang)}__{lookup}": value})
    return condition


def fallback_expression(field: str, language: str | None = None) -> Func:
    """The SQL twin of `obj.field`: the text in the page's language, else the first fallback that has one."""
    from django.db.models import F, TextField, Value
    from django.db.models.functions import Coalesce, NullIf

    # TextField: a text column (a recommendation's) beside the '' literal would be "mixed types" otherwise.
    return Coalesce(*(NullIf(F(column(field, lang)), Value("")) for lang in fallback_order(language)), Value(""),
                    output_field=TextField())


def needs_translation_q(model: type[TranslatableModel], language: str) -> Q:
    """Records whose translation into `language` is missing or out of date."""
    return Q(**{"translation_status__" + language + "__in": [str(s) for s in TO_DO]})



def add_missing_translations(obj: TranslatableModel, texts: dict[str, dict[str, str]]) -> bool:
    """Fill `obj`'s empty translations from `texts` ({field: {language: text}}) and save, only if one was empty.

    For seeded content (the demo): a second run finds every column filled and saves nothing, and a translation
    the secretariat has edited since is never overwritten."""
    changed = False
    for field, by_language in texts.items():
        for language, text in by_language.items():
            if text and language in languages() and language != obj.original_language and not obj.text_in(field, language):
                obj.set_text(field, language, text)
                changed = True
    if changed:
        obj.save()
    return changed


def translate_from_table(
    objects: Iterable[TranslatableModel], fields: Iterable[str], table: dict[str, dict[str, str]],
) -> int:
    """Add the translations of each object's original texts found in `table` ({original text: {language:
    text}}); a text absent from the table, or a language left out of its entry, stays untranslated. Returns
    how many objects were saved."""
    fields = list(fields)
    saved = 0
    for obj in objects:
        texts = {field: table.get(obj.original_text(field), {}) for field in fields}
        saved += add_missing_translations(obj, texts)
    return saved

# -- what a page shows -------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Shown:
    """A field as a page shows it: the text, its language, and whether that is the page's language."""

    text: str
    language: str
    page_language: str
    # Whether only this language has text (the note then says "only").
    only: bool

    @property
    def is_fallback(self) -> bool:
        return bool(self.text) and self.language != self.page_language

    def __str__(self) -> str:
        return self.text


def shown(obj: Any, field: str, language: str | None = None) -> Shown:
    """`obj.field` in the page's language, or in the first fallback language that has it."""
    page_language = language or active_language()
    texts = {lang: getattr(obj, column(field, lang), None) or "" for lang in languages()}
    if not any(texts.values()):
        # Not a registered field, or one filled only in the unnamed column (an unsaved object).
        value = getattr(obj, field, "") or ""
        return Shown(str(value), page_language, page_language, True)
    for lang in fallback_order(page_language):
        if texts.get(lang):
            return Shown(texts[lang], lang, page_language, sum(1 for t in texts.values() if t) == 1)
    return Shown("", page_language, page_language, True)  # pragma: no cover - any() above


def fallback_note(language: str, *, only: bool) -> str:
    """"In Russian only" in the page's language: the note beside a text shown in another language."""
    if only:
        notes = {"kk": _("In Kazakh only"), "ru": _("In Russian only"), "en": _("In English only")}
    else:
        notes = {"kk": _("In Kazakh"), "ru": _("In Russian"), "en": _("In English")}
    return str(notes.get(language, language))


# -- kinds of translatable content, for the queue and the editor -------------------------------------------------


@dataclass(frozen=True)
class Kind:
    key: str
    model: type[TranslatableModel]
    label: str | Promise
    # A short label of one record for the queue (e.g. the meeting of an agenda item); defaults to str().
    describe: Callable[[Any], str] | None = None
    # The page where readers see the record, if any.
    public_url: Callable[[Any], str | None] | None = None
    # Extra select_related for the queue's list (what `describe` reads), so rows cost no query.
    related: tuple[str, ...] = ()
    # Fields edited as rich text (minutes); the editor sanitises them as the owning app does.
    rich_fields: tuple[str, ...] = ()
    sanitize: Callable[[str], str] | None = None
    order: int = 100
    # A kind with very many records (100,000 recommendations) is counted only this far ("1000+"): an exact count
    # would read every row to translate in every language on every load of the queue and the secretariat's home.
    count_cap: int | None = None
    # The queue's order; the oldest first by default, the newest first where that is what is worked on (a new
    # review cycle's recommendations).
    ordering: tuple[str, ...] = ("pk",)
    # Columns the queue's list never reads (a recommendation's search vectors).
    defer: tuple[str, ...] = ()

    def count_label(self, count: int) -> str:
        """"1000+" past the cap, else the number."""
        if self.count_cap is not None and count > self.count_cap:
            return f"{self.count_cap}+"
        return str(count)


KINDS: dict[str, Kind] = {}


def register_kind(kind: Kind) -> Kind:
    """Offer a kind of content to the "To translate" queue and the side-by-side editor (from an app's ready())."""
    KINDS[kind.key] = kind
    return kind


def kinds() -> list[Kind]:
    return sorted(KINDS.values(), key=lambda k: (k.order, k.key))


# -- the queue and the editor ------------------------------------------------------------------------------------


def kind_of(obj: Any) -> Kind | None:
    return KINDS.get(obj._meta.label_lower)


def queue(kind: Kind, language: str) -> models.QuerySet:
    """The records of `kind` whose translation into `language` is missing or out of date, oldest change first."""
    qs = kind.model._default_manager.filter(needs_translation_q(kind.model, language))
    if kind.related:
        qs = qs.select_related(*kind.related)
    if kind.defer:
        qs = qs.defer(*kind.defer)
    return qs.order_by(*kind.ordering)


def queue_counts(language: str | None = None) -> dict[tuple[str, str], int]:
    """{(kind, language): records to translate}, every kind and language in one query (a UNION of counts). A kind
    with a `count_cap` is counted one row past it at most (Kind.count_label says "1000+")."""
    from django.db.models import Count, Value

    parts = []
    for kind in kinds():
        for lang in [language] if language else languages():
            qs = kind.model._default_manager.all()
            # modeltranslation's values_list() would group by every column; plain Django groups by none.
            qs = qs.rewrite(False) if hasattr(qs, "rewrite") else qs
            to_do = qs.filter(needs_translation_q(kind.model, lang))
            if kind.count_cap is not None:
                # The first cap + 1 keys by the partial index of the language (a LIMIT in the subquery), counted.
                to_do = qs.filter(pk__in=to_do.order_by().values("pk")[:kind.count_cap + 1])
            parts.append(
                to_do.order_by()
                .annotate(mt_kind=Value(kind.key), mt_language=Value(lang)).values("mt_kind", "mt_language")
                .annotate(mt_count=Count("pk")).values_list("mt_kind", "mt_language", "mt_count")
            )
    if not parts:
        return {}
    combined = parts[0].union(*parts[1:], all=True) if len(parts) > 1 else parts[0]
    return {(key, lang): n for key, lang, n in combined}


class TranslationConflict(Exception):
    """The original changed after the translator opened it; `current` is the record as it is now."""

    def __init__(self, message: str, *, current: TranslatableModel) -> None:
        super().__init__(message)
        self.message = message
        self.current = current


def translation_save(
    *, obj: TranslatableModel, language: str, texts: dict[str, str], base_fingerprint: str,
) -> TranslatableModel:
    """Save the translation of `obj` into `language`, made from the original whose fingerprint is
    `base_fingerprint`. If the original has changed since, nothing is saved: TranslationConflict (the merge
    screen). Saving unchanged text confirms it: the translation counts as made from the current original."""
    from django.db import transaction

    from core.exceptions import ApplicationError

    with transaction.atomic():
        current = type(obj)._default_manager.select_for_update().get(pk=obj.pk)
        if language not in languages():
            raise ApplicationError(_("Unknown language."))  # type: ignore[arg-type]  # lazy: shown in the reader's language
        if language == current.original_language:
            raise ApplicationError(
                _("This is the original language; edit the text itself, not a translation.")  # type: ignore[arg-type]  # lazy
            )
        if current.current_fingerprint() != base_fingerprint:
            raise TranslationConflict(
                str(_("The original was changed while you were translating. Your translation is kept below, next "
                      "to the new original: compare, adjust, and save again.")),
                current=current,
            )
        kind = kind_of(current)
        for field in current.translatable_fields():
            if field not in texts:
                continue
            text = (texts[field] or "").strip()
            if text and kind is not None and field in kind.rich_fields and kind.sanitize is not None:
                text = kind.sanitize(text)
            current.set_text(field, language, text)
        sources = dict(current.translation_sources or {})
        sources[language] = base_fingerprint
        # Stamped explicitly, so an unchanged text is confirmed too (compute_state keeps the stamp).
        current.translation_sources = sources
        current.save()
    return current


# -- data migrations ---------------------------------------------------------------------------------------------


def backfill(
    app_label: str, models_fields: dict[str, tuple[str, ...]], *, original: str = "en",
    null_when_empty: tuple[str, ...] = (),
) -> Callable:
    """A RunPython function for the migration that moves an app's content into the per-language columns.

    Until then every text was written in English in the unnamed column (`title`), and a few models kept their
    own Russian and Kazakh columns (`name_ru`, `name_kk`), which modeltranslation now owns under the same names.
    The English text goes to `<field>_en`, nothing else is touched, and each record gets its original language and
    translation status: a translation already there counts as made from the current original. Columns that are
    (or are about to be made) unique keep NULL for "no text" (`null_when_empty`): NULLs never collide.
    """

    def run(apps: Any, schema_editor: Any) -> None:
        for model_name, fields in models_fields.items():
            model = apps.get_model(app_label, model_name)
            unique = {
                column(f, lang) for f in fields for lang in languages()
                if model._meta.get_field(column(f, lang)).unique or f in null_when_empty
            }
            batch = []
            for obj in model.objects.all().iterator(chunk_size=500):
                for f in fields:
                    if not getattr(obj, column(f, original)):
                        setattr(obj, column(f, original), getattr(obj, f))
                    for lang in languages():
                        name = column(f, lang)
                        if getattr(obj, name) in (None, ""):
                            setattr(obj, name, None if name in unique else "")
                values = {column(f, lang): getattr(obj, column(f, lang)) for f in fields for lang in languages()}
                obj.original_language = original
                obj.translation_sources, obj.translation_status = compute_state(
                    original=original, fields=fields, values=values, sources={}, changed=None,
                )
                batch.append(obj)
            update = [column(f, lang) for f in fields for lang in languages()]
            update += ["original_language", "translation_sources", "translation_status"]
            if batch:
                model.objects.bulk_update(batch, update, batch_size=500)

    return run
