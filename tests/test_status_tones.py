"""One colour meaning per status on every page (dialogue_platform/status_tones.py, the status_badge tag)."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from typing import Any

import pytest
from django.apps import apps
from django.template import Context, Template
from django.utils import timezone, translation

from dialogue_platform.status_tones import STATUS_TONES, TONES
from tests.test_architecture import APP_ORDER

# Fields that hold a state a reader should see as a badge: "status", "state", "response" and "*_status".
STATUS_FIELD_NAMES = {"status", "state", "response"}


def _status_fields() -> list[tuple[str, Any]]:
    found = []
    for model in apps.get_models():
        if model._meta.app_label not in APP_ORDER or model.__name__.startswith("Historical"):
            continue
        for model_field in model._meta.get_fields():
            name = getattr(model_field, "name", "")
            if getattr(model_field, "choices", None) and (name in STATUS_FIELD_NAMES or name.endswith("_status")):
                found.append((f"{model._meta.app_label}.{model._meta.model_name}.{name}", model_field))
    return found


def test_every_status_of_every_model_has_a_tone() -> None:
    fields = _status_fields()
    assert len(fields) >= 12, fields  # the walk itself works
    missing = [
        f"{key}={value!r}" for key, model_field in fields for value, _label in model_field.choices
        if value not in STATUS_TONES.get(key, {})
    ]
    assert missing == []
    assert {tone for tones in STATUS_TONES.values() for tone in tones.values()} <= set(TONES)


def test_one_label_never_has_two_colours() -> None:
    with translation.override("en"):
        tones_by_label: dict[str, set[str]] = defaultdict(set)
        for key, model_field in _status_fields():
            for value, label in model_field.choices:
                tones_by_label[str(label)].add(STATUS_TONES[key][value])
    assert {label: tones for label, tones in tones_by_label.items() if len(tones) > 1} == {}


def _render(source: str, **context: object) -> str:
    return Template("{% load portal %}" + source).render(Context(context))


@pytest.mark.django_db
def test_status_badge_shows_the_label_in_its_tone() -> None:
    from tests.meetings.factories import MeetingFactory

    meeting = MeetingFactory(status="cancelled")
    html = _render("{% status_badge meeting %}", meeting=meeting)
    assert html == '<span class="status-badge status-badge--closed">Cancelled</span>'
    with translation.override("ru"):
        assert _render("{% status_badge meeting %}", meeting=meeting) == (
            '<span class="status-badge status-badge--closed">Отменено</span>'
        )


@pytest.mark.django_db
def test_an_overdue_action_shows_overdue_in_the_attention_colour() -> None:
    from tests.recommendations.factories import ActionFactory

    action = ActionFactory(status="in_progress", deadline=timezone.localdate() - dt.timedelta(days=1))
    html = _render("{% status_badge action %}", action=action)
    assert 'status-badge--attention">Overdue</span>' in html
    assert "In progress" in html
    action.status = "done"
    assert _render("{% status_badge action %}", action=action) == (
        '<span class="status-badge status-badge--success">Done</span>'
    )
