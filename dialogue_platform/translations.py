"""The secretariat's translation workspace: the "To translate" queue and the side-by-side editor.

Site pages of the composition root (like the role homes): they read every app's translatable content through the
kinds each app registers in its translation.py (core.multilingual.register_kind), and name no app's models.
"""

from __future__ import annotations

from typing import Any, cast

from django import forms
from django.contrib import messages
from django.db import models
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, override
from django.views.decorators.http import require_http_methods

from core import multilingual
from core.exceptions import ApplicationError
from core.views import PAGE_SIZE, paginate
from participants.permissions import AuthenticatedHttpRequest, secretariat_required
from recommendations.pagination import CappedPaginator

# How long a field is before the editor gives it a text area rather than a line.
LONG_TEXT = 200


def _language(value: str | None, default: str) -> str:
    """An unknown ?lang= falls back to the default, with no error."""
    return value if value in multilingual.languages() else default


def _default_target(page_language: str) -> str:
    """The queue opens on the page's language, or on Kazakh for an English page (most content is kk/ru)."""
    return page_language if page_language != "en" else "kk"


@secretariat_required
def translation_queue(request: AuthenticatedHttpRequest) -> HttpResponse:
    language = _language(request.GET.get("lang"), _default_target(multilingual.active_language()))
    counts = multilingual.queue_counts()
    kinds = multilingual.kinds()
    kind_counts = [(kind, counts.get((kind.key, language), 0)) for kind in kinds]
    count_labels = {kind.key: kind.count_label(n) for kind, n in kind_counts}
    totals = {lang: _total(counts, lang) for lang in multilingual.languages()}
    requested = request.GET.get("kind", "")
    kind = multilingual.KINDS.get(requested) or next((k for k, n in kind_counts if n), kinds[0] if kinds else None)
    rows: list[dict[str, Any]] = []
    page = None
    querystring = ""
    if kind is not None:
        queue = multilingual.queue(kind, language)
        if kind.count_cap is not None:
            # Counted only as far as the requested page needs (past the cap): every page stays reachable.
            paginator = CappedPaginator(queue, PAGE_SIZE, requested=request.GET.get("page") or 1, cap=kind.count_cap)
            page = paginator.get_page(request.GET.get("page"))
            query = request.GET.copy()
            query.pop("page", None)
            querystring = query.urlencode()
        else:
            page, querystring = paginate(request, queue)
        for obj in page.object_list:
            rows.append({
                "obj": obj,
                "label": _label(kind, obj),
                "status": obj.status_of(language),
                "original": obj.original_language,
                "edit_url": reverse("translation-edit", args=[kind.key, obj.pk, language]),
            })
    return render(request, "translations/queue.html", {
        "language": language, "target_languages": _language_choices(), "totals": totals, "kind": kind,
        "kind_counts": [(k, n, count_labels[k.key]) for k, n in kind_counts], "done_kinds": [k for k, n in kind_counts if not n and k != kind], "rows": rows, "page": page, "querystring": querystring,
    })


def _total(counts: dict[tuple[str, str], int], language: str) -> str:
    """The records to translate into `language`, "1234+" when a kind was counted only to its cap."""
    total, capped = 0, False
    for kind in multilingual.kinds():
        n = counts.get((kind.key, language), 0)
        if kind.count_cap is not None and n > kind.count_cap:
            # Counted one past the cap: "at least the cap".
            n, capped = kind.count_cap, True
        total += n
    return f"{total}+" if capped else str(total)


def _label(kind: multilingual.Kind, obj: multilingual.TranslatableModel) -> str:
    """The record as its original reads (templates mark it with the original's lang): what is being translated."""
    with override(obj.original_language):
        return kind.describe(obj) if kind.describe else str(obj)


def _language_choices() -> list[tuple[str, str]]:
    return [(code, multilingual.language_name(code)) for code in multilingual.languages()]


class TranslationForm(forms.Form):
    """One text field per translatable field, plus the fingerprint of the original it is made from."""

    # Lost only by an old or tampered form: the message says what to do, and the typed text stays in the form.
    base = forms.CharField(widget=forms.HiddenInput, error_messages={
        "required": gettext_lazy("This form did not say which version of the original it was translated from. "
                                 "Compare your text with the original beside it, and save again."),
    })

    def __init__(self, *args: Any, obj: multilingual.TranslatableModel, kind: multilingual.Kind, language: str,
                 **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        model = type(obj)
        for name in obj.translatable_fields():
            field = cast("models.Field[Any, Any]", model._meta.get_field(name))  # a translated column
            original = obj.original_text(name)
            long = isinstance(field, models.TextField) or len(original) > LONG_TEXT
            attrs: dict[str, Any] = {"lang": language, "class": "form-control"}
            if name in kind.rich_fields:
                attrs["data-rich-text"] = "minutes"
            widget = forms.Textarea(attrs={**attrs, "rows": 12 if name in kind.rich_fields else 4}) if long \
                else forms.TextInput(attrs=attrs)
            self.fields[name] = forms.CharField(
                label=field.verbose_name, required=False, widget=widget,
                max_length=getattr(field, "max_length", None),
            )


@require_http_methods(["GET", "POST"])
@secretariat_required
def translation_edit(request: AuthenticatedHttpRequest, kind: str, pk: int, language: str) -> HttpResponse:
    found = multilingual.KINDS.get(kind)
    if found is None or language not in multilingual.languages():
        raise Http404
    obj = found.model._default_manager.filter(pk=pk).first()
    if obj is None:
        raise Http404
    if language == obj.original_language:
        messages.info(request, _("That is the original language of this text; choose a language to translate into."))
        others = [code for code in multilingual.languages() if code != obj.original_language]
        return redirect("translation-edit", kind=kind, pk=pk, language=others[0])
    initial = {"base": obj.current_fingerprint(), **{f: obj.text_in(f, language) for f in obj.translatable_fields()}}
    form = TranslationForm(request.POST or None, initial=initial, obj=obj, kind=found, language=language)
    conflict = False
    if request.method == "POST" and form.is_valid():
        texts = {f: form.cleaned_data.get(f, "") for f in obj.translatable_fields()}
        try:
            multilingual.translation_save(obj=obj, language=language, texts=texts,
                                          base_fingerprint=form.cleaned_data["base"])
        except multilingual.TranslationConflict as exc:
            # The merge screen: the new original beside the translator's text, which is kept; the next save is
            # based on the original as it is now.
            conflict = True
            obj = exc.current
            form.data = form.data.copy()  # type: ignore[attr-defined]  # a bound form's data: a QueryDict
            form.data["base"] = obj.current_fingerprint()  # type: ignore[index]  # the copy is mutable
            form.add_error(None, exc.message)
        except ApplicationError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, _("The translation was saved."))
            target = request.POST.get("next_url", "")
            return redirect(target if target.startswith("/") and not target.startswith("//")
                            else reverse("translation-queue") + f"?lang={language}&kind={kind}")
    if request.method == "POST" and "base" in form.errors:
        # As on the merge screen: the original is shown as it is now, and the next save is based on it.
        form.data = form.data.copy()  # type: ignore[attr-defined]  # a bound form's data: a QueryDict
        form.data["base"] = obj.current_fingerprint()  # type: ignore[index]  # the copy is mutable
    rows = [
        {"name": name, "label": form[name].label, "original": obj.original_text(name), "field": form[name],
         "rich": name in found.rich_fields}
        for name in obj.translatable_fields()
    ]
    statuses = [
        {"code": code, "name": multilingual.language_name(code), "status": obj.status_of(code),
         "url": reverse("translation-edit", args=[kind, pk, code])}
        for code in multilingual.languages()
    ]
    return render(request, "translations/edit.html", {
        "obj": obj, "kind": found, "label": _label(found, obj),
        "language": language, "language_name": multilingual.language_name(language),
        "original_name": multilingual.language_name(obj.original_language), "form": form, "rows": rows,
        "conflict": conflict, "statuses": statuses, "public_url": found.public_url(obj) if found.public_url else None,
        "has_rich": any(r["rich"] for r in rows), "next_url": request.GET.get("next", request.POST.get("next_url", "")),
    })

