"""Withdrawing instead of deleting: what the portal published stays on record, with who, when and why.

A published record (a meeting, its minutes and documents, a road map, an action, a progress update, a
recommendation, a submission) is never deleted. The secretariat withdraws it, with a reason:

- `WithdrawableModel` adds `withdrawn_at`, `withdrawn_by` and `withdrawal_reason`.
- Its default manager (`objects`) leaves withdrawn records out, so every list, count, search, API endpoint, feed,
  calendar and export hides them without asking; `all_objects` sees them too (its page, the administration,
  uniqueness checks). Related records reached through a foreign key (`document.meeting`) use Django's base
  manager and are always found.
- A record's own page still answers, with "Withdrawn on ... because ..." above what it showed
  (`templates/core/partials/withdrawn_notice.html`); a withdrawn file answers 410 Gone with the same notice.
- `withdraw()` is the one write (called by each app's withdraw service inside its transaction); the screen is
  `withdraw_page()` with `templates/core/withdraw.html`.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Self, TypeVar

from django import forms
from django.conf import settings
from django.contrib import messages
from django.db import models
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.exceptions import ApplicationError

M = TypeVar("M", bound="WithdrawableModel")
_Row = TypeVar("_Row", bound=models.Model, covariant=True)  # as django-stubs declares QuerySet and Manager

REASON_MAX_LENGTH = 2000


class WithdrawableQuerySet(models.QuerySet[_Row]):
    def live(self) -> Self:
        return self.filter(withdrawn_at__isnull=True)

    def withdrawn(self) -> Self:
        return self.filter(withdrawn_at__isnull=False)


class LiveManager(models.Manager[_Row]):
    """The default manager of a withdrawable model: withdrawn records are left out."""

    def get_queryset(self) -> models.QuerySet[_Row]:
        return super().get_queryset().filter(withdrawn_at__isnull=True)


# The managers of a withdrawable model without a QuerySet of its own. Named at module level so that annotations can
# use them: django-modeltranslation replaces a translated model's manager class when the app loads, so django-stubs
# cannot find it and each translated model declares its managers' types (`objects: ClassVar[...]`, TYPE_CHECKING).
WithdrawableLiveManager = LiveManager.from_queryset(WithdrawableQuerySet)
WithdrawableAllManager = models.Manager.from_queryset(WithdrawableQuerySet)


class WithdrawableModel(models.Model):
    """Soft deletion with who, when and why. A subclass with its own QuerySet (which extends WithdrawableQuerySet)
    sets `objects` to a `LiveManager.from_queryset(QS)()` and `all_objects` to a `models.Manager.from_queryset(QS)()`
    (the first manager declared is the default)."""

    withdrawn_at = models.DateTimeField(gettext_lazy("withdrawn on"), null=True, blank=True, editable=False)
    withdrawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, editable=False,
        related_name="+", verbose_name=gettext_lazy("withdrawn by"),
    )
    withdrawal_reason = models.TextField(gettext_lazy("reason for withdrawal"), blank=True, editable=False)

    objects = WithdrawableLiveManager()
    all_objects = WithdrawableAllManager()

    class Meta:
        abstract = True

    @property
    def is_withdrawn(self) -> bool:
        return self.withdrawn_at is not None


def withdraw(record: M, *, actor: Any, reason: str, when: Any = None) -> M:
    """Mark `record` withdrawn (call inside the service's transaction, `record` locked). Refuses a record already
    withdrawn and an empty reason; the reason is kept as typed, without surrounding spaces."""
    reason = (reason or "").strip()
    if not reason:
        raise ApplicationError(_("Say why it is withdrawn: the reason is shown on its page."), field="reason")
    if len(reason) > REASON_MAX_LENGTH:
        raise ApplicationError(
            _("Keep the reason under %(limit)d characters.") % {"limit": REASON_MAX_LENGTH}, field="reason"
        )
    if record.withdrawn_at is not None:
        raise ApplicationError(_("This was already withdrawn."))
    record.withdrawn_at = when or timezone.now()
    record.withdrawn_by = actor
    record.withdrawal_reason = reason
    record._history_user = actor  # type: ignore[attr-defined]  # simple-history: who, in the record's history
    record.save()
    return record


def withdraw_many(records: Any, *, actor: Any, reason: str, when: Any) -> int:
    """Withdraw the still-live `records` (an iterable of locked records) with the same time and reason: what goes
    with a withdrawn parent (a meeting's minutes and documents, a road map's actions)."""
    count = 0
    for record in records:
        if record.withdrawn_at is None:
            withdraw(record, actor=actor, reason=reason, when=when)
            count += 1
    return count


class WithdrawForm(forms.Form):
    reason = forms.CharField(
        label=gettext_lazy("Why is it withdrawn?"), max_length=REASON_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=gettext_lazy("Shown on its page to everyone who could see it, with the date."),
        error_messages={"required": gettext_lazy("Say why it is withdrawn: the reason is shown on its page.")},
    )


def withdraw_page(
    request: HttpRequest, *, record: WithdrawableModel, title: str, withdraw: Callable[[str], object],
    done_url: str, cancel_url: str, consequences: list[str] | None = None, base_template: str = "base.html",
) -> HttpResponse:
    """GET: what withdrawing does, and a required reason; POST: withdraw through `withdraw(reason)` (the app's
    service) and go to `done_url`. A refusal keeps the typed reason and says why."""
    if record.withdrawn_at is not None:
        messages.info(request, _("This was already withdrawn."))
        return redirect(done_url)
    form = WithdrawForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            withdraw(form.cleaned_data["reason"])
        except ApplicationError as exc:
            form.add_error("reason" if exc.field == "reason" else None, exc.message)
        else:
            messages.success(request, _("Withdrawn. Its page now says when and why."))
            return redirect(done_url)
    return render(request, "core/withdraw.html", {
        "form": form, "record": record, "title": title, "cancel_url": cancel_url,
        "consequences": consequences or [], "base_template": base_template,
    })
