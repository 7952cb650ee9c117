"""The two helpers views use around a service call: save_form (a form's save, core.concurrency) and run_service (a
button's action, core.views)."""

from __future__ import annotations

from django import forms
from django.contrib.messages import get_messages
from django.contrib.messages.storage.fallback import FallbackStorage
from django.contrib.sessions.backends.signed_cookies import SessionStore
from django.http import HttpRequest
from django.test import RequestFactory

from core.concurrency import EditConflict, Refused, save_form
from core.exceptions import ApplicationError
from core.views import run_service
from participants.models import User


class _TitleForm(forms.Form):
    title = forms.CharField(label="Title")
    version = forms.IntegerField(required=False, widget=forms.HiddenInput)


def _form() -> _TitleForm:
    form = _TitleForm({"title": "Typed", "version": "1"})
    assert form.is_valid()
    return form


def _request() -> HttpRequest:
    request = RequestFactory().post("/")
    request.session = SessionStore()
    request._messages = FallbackStorage(request)  # type: ignore[attr-defined]  # what MessageMiddleware sets
    return request


def _messages(request: HttpRequest) -> list[tuple[str, str]]:
    return [(message.level_tag, str(message)) for message in get_messages(request)]


def _refuse(exc: ApplicationError) -> object:
    raise exc


def test_save_form_gives_what_the_service_returned() -> None:
    assert save_form(_form(), lambda: 42) == 42


def test_save_form_puts_a_refusal_next_to_its_field_or_above_the_form() -> None:
    form = _form()
    assert save_form(form, lambda: _refuse(ApplicationError("Too short.", field="title"))) == Refused()
    assert form.errors["title"] == ["Too short."]
    form = _form()
    assert save_form(form, lambda: _refuse(ApplicationError("Not now."))) == Refused()
    assert form.non_field_errors() == ["Not now."]


def test_save_form_shows_the_merge_screen_for_an_edit_conflict() -> None:
    stored = User(pk=7, email="colleague@example.org")
    stored.version = 3  # the record a colleague saved, at its new version
    form = _form()
    refused = save_form(form, lambda: _refuse(EditConflict(current=stored)),
                        theirs=lambda exc: {"title": "Theirs", "version": 3})
    assert isinstance(refused, Refused) and refused.conflict is not None
    assert refused.conflict.current is stored
    assert [(row.label, row.theirs, row.yours) for row in refused.conflict.rows] == [("Title", "Theirs", "Typed")]
    assert form.data["version"] == "3"  # the next save is based on the stored version
    assert form.non_field_errors()


def test_save_form_without_their_values_shows_an_edit_conflict_as_a_refusal() -> None:
    form = _form()
    refused = save_form(form, lambda: _refuse(EditConflict("Saved meanwhile.", current=User(pk=7))))
    assert refused == Refused()
    assert form.non_field_errors() == ["Saved meanwhile."]


def test_run_service_says_what_happened_as_the_pages_message() -> None:
    request = _request()
    assert run_service(request, lambda: 3, success=lambda count: f"{count} classified.") is True
    assert run_service(request, lambda: None, success="Done.") is True
    assert run_service(request, lambda: None) is True
    assert run_service(request, lambda: _refuse(ApplicationError("Already closed.")), success="Closed.") is False
    assert _messages(request) == [("success", "3 classified."), ("success", "Done."), ("error", "Already closed.")]
