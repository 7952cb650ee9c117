"""Issue 13 item 9: the administration goes through the services, never around them (core.admin).

- Every registered ModelAdmin of our apps is either read only (a screen of ours owns the model) or saves through
  the app's service; for the read-only ones neither the secretariat nor a superuser can add, change or delete,
  through the permission checks or a forged POST.
- Statuses cannot jump: not through the administration, not through an edit service's keyword arguments.
- Rich text is sanitised whatever writes it.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable

import pytest
from django.apps import apps as django_apps
from django.contrib import admin
from django.db import models
from django.test import Client, RequestFactory
from django.urls import reverse

from core.admin import ReadOnlyAdminMixin, ReadOnlyInlineMixin, ServiceAdminMixin
from meetings import services as meeting_services
from meetings.models import Meeting, Minutes
from participants.models import User
from recommendations.models import Action
from submissions.models import Submission
from tests.auth import force_login
from tests.html_forms import form_data
from tests.meetings.factories import MeetingFactory, MinutesFactory
from tests.participants.factories import UserFactory
from tests.recommendations.factories import ActionFactory, RoadMapFactory
from tests.submissions.factories import SubmissionFactory

pytestmark = pytest.mark.django_db

OUR_APPS = {"core", "participants", "notifications", "recommendations", "meetings", "submissions", "reports", "api"}
OURS = {model: model_admin for model, model_admin in admin.site._registry.items()
        if model._meta.app_label in OUR_APPS}
READ_ONLY = {model: ma for model, ma in OURS.items() if isinstance(ma, ReadOnlyAdminMixin)}
THROUGH_SERVICES = {model: ma for model, ma in OURS.items() if isinstance(ma, ServiceAdminMixin)}
# Allowed to delete, and why: a membership is a person's place in an organisation, not a published record; an
# account that never took part may be deleted by a superuser (those that did are protected by their records).
MAY_DELETE = {"participants.Membership": {"secretariat", "superuser"}, "participants.User": {"superuser"}}


def _people() -> dict[str, User]:
    return {
        "secretariat": UserFactory(role=User.Role.SECRETARIAT, is_staff=True),
        "superuser": UserFactory(role=User.Role.SECRETARIAT, is_staff=True, is_superuser=True),
    }


def test_every_admin_of_our_apps_is_read_only_or_saves_through_a_service() -> None:
    assert OURS, "no admin registered"
    for model, model_admin in OURS.items():
        assert isinstance(model_admin, (ReadOnlyAdminMixin, ServiceAdminMixin)), model._meta.label
        assert not (isinstance(model_admin, ReadOnlyAdminMixin) and isinstance(model_admin, ServiceAdminMixin))
        for inline in model_admin.inlines:
            assert issubclass(inline, ReadOnlyInlineMixin), f"{model._meta.label}: {inline.__name__}"
        if isinstance(model_admin, ServiceAdminMixin):
            assert callable(type(model_admin).__dict__.get("save_service") or model_admin.save_service)


@pytest.mark.parametrize("model", list(READ_ONLY), ids=[m._meta.label for m in READ_ONLY])
def test_read_only_admins_refuse_every_change_to_the_secretariat_and_superusers(model: type[models.Model]) -> None:
    model_admin = READ_ONLY[model]
    for person in _people().values():
        request = RequestFactory().post("/")
        request.user = person
        for check in (model_admin.has_add_permission, model_admin.has_change_permission,
                      model_admin.has_delete_permission):
            assert check(request) is False, (model._meta.label, check.__name__, person.is_superuser)
        assert "delete_selected" not in model_admin.get_actions(request)


@pytest.mark.parametrize("model", list(THROUGH_SERVICES), ids=[m._meta.label for m in THROUGH_SERVICES])
def test_admins_that_still_write_delete_nothing_published(model: type[models.Model]) -> None:
    model_admin = THROUGH_SERVICES[model]
    for role, person in _people().items():
        request = RequestFactory().post("/")
        request.user = person
        allowed = role in MAY_DELETE.get(model._meta.label, set())
        assert model_admin.has_delete_permission(request) is allowed, (model._meta.label, role)


@pytest.fixture
def superuser_client() -> Client:
    client = Client()
    force_login(client, UserFactory(role=User.Role.SECRETARIAT, is_staff=True, is_superuser=True))
    return client


def _change_url(record: models.Model) -> str:
    return reverse(f"admin:{record._meta.app_label}_{record._meta.model_name}_change", args=[record.pk])


@pytest.mark.parametrize("role", ["secretariat", "superuser"])
def test_minutes_cannot_be_published_or_given_a_script_through_the_administration(role: str) -> None:
    minutes = MinutesFactory(meeting=MeetingFactory(status=Meeting.Status.SCHEDULED), body="<p>Draft</p>")
    client = Client()
    force_login(client, _people()[role])
    url = _change_url(minutes)
    page = client.get(url)
    assert page.status_code == 200  # shown

    response = client.post(url, {
        "meeting": minutes.meeting_id, "status": Minutes.Status.PUBLISHED, "version": minutes.version,
        "body": "<p>x</p><script>alert(1)</script><img src=x onerror=alert(2)>", "decisions": "",
    })

    assert response.status_code == 403
    minutes.refresh_from_db()
    assert (minutes.status, minutes.body, minutes.published_at) == (Minutes.Status.DRAFT, "<p>Draft</p>", None)
    assert client.get(reverse("admin:meetings_minutes_add")).status_code == 403
    assert client.post(reverse("admin:meetings_minutes_delete", args=[minutes.pk]), {"post": "yes"}).status_code == 403
    assert Minutes.objects.filter(pk=minutes.pk).exists()


def test_deleting_a_meeting_or_a_road_map_in_the_administration_is_refused(superuser_client: Client) -> None:
    minutes = MinutesFactory(meeting=MeetingFactory(past=True))
    action = ActionFactory(road_map=RoadMapFactory())
    for record in (minutes.meeting, action.road_map, action):
        url = reverse(f"admin:{record._meta.app_label}_{record._meta.model_name}_delete", args=[record.pk])
        assert superuser_client.post(url, {"post": "yes"}).status_code == 403
        assert type(record).all_objects.filter(pk=record.pk).exists()
    changelist = reverse("admin:recommendations_roadmap_changelist")
    response = superuser_client.post(changelist, {"action": "delete_selected", "_selected_action": [action.road_map_id],
                                                  "post": "yes"})
    assert response.status_code in (200, 302)
    assert type(action.road_map).all_objects.filter(pk=action.road_map_id).exists()


def test_an_actions_status_cannot_be_set_in_the_administration(superuser_client: Client) -> None:
    action = ActionFactory(status=Action.Status.NOT_STARTED)
    url = _change_url(action)
    data = form_data(superuser_client.get(url).content)
    assert "status" not in data  # shown read only

    response = superuser_client.post(url, {**data, "status": Action.Status.DONE, "description": "Renamed"})

    assert response.status_code == 302
    action.refresh_from_db()
    assert (action.description, action.status, action.version) == ("Renamed", Action.Status.NOT_STARTED, 2)


def test_the_history_revert_page_saves_nothing(superuser_client: Client) -> None:
    action = ActionFactory(description="First")
    old = action.history.earliest()  # type: ignore[attr-defined]  # simple-history's manager
    action.description = "Second"
    action.save()
    url = reverse("admin:recommendations_action_simple_history", args=[action.pk, old.history_id])

    response = superuser_client.post(url, {"description": "First", "road_map": action.road_map_id, "number": 1})

    assert response.status_code == 403
    action.refresh_from_db()
    assert action.description == "Second"


def test_a_rule_broken_in_the_administration_is_a_form_error_not_a_500(superuser_client: Client) -> None:
    taken = RoadMapFactory(number=7)
    taken.withdrawn_at = taken.created_at
    taken.save()
    response = superuser_client.post(reverse("admin:recommendations_roadmap_add"), {
        "number": 7, "title": "Again", "lead_agency": taken.lead_agency_id, "description": "",
        "actions-TOTAL_FORMS": 0, "actions-INITIAL_FORMS": 0,
    })
    assert response.status_code == 200
    assert "There is already a road map number 7." in response.content.decode()


def test_meeting_update_cannot_set_a_status() -> None:
    meeting = MeetingFactory(status=Meeting.Status.DRAFT)
    secretary = UserFactory(role=User.Role.SECRETARIAT)
    with pytest.raises(TypeError, match="meeting_transition"):
        meeting_services.meeting_update(actor=secretary, meeting=meeting, version=meeting.version,
                                        status=Meeting.Status.MINUTES_PUBLISHED)
    meeting.refresh_from_db()
    assert meeting.status == Meeting.Status.DRAFT


def test_the_edit_form_ignores_a_forged_status(client_as: Callable[[str], Client]) -> None:
    meeting = MeetingFactory(status=Meeting.Status.DRAFT)
    client = client_as("secretariat")
    url = reverse("meetings:meeting-edit", args=[meeting.pk])
    data = form_data(client.get(url).content)

    client.post(url, {**data, "status": Meeting.Status.MINUTES_PUBLISHED})

    meeting.refresh_from_db()
    assert meeting.status == Meeting.Status.DRAFT


def test_a_transition_cannot_jump_to_published_minutes() -> None:
    from core.exceptions import ApplicationError

    meeting = MeetingFactory(status=Meeting.Status.DRAFT)
    secretary = UserFactory(role=User.Role.SECRETARIAT)
    for target in (Meeting.Status.MINUTES_PUBLISHED, Meeting.Status.HELD, "anything"):
        with pytest.raises(ApplicationError):
            meeting_services.meeting_transition(actor=secretary, meeting=meeting, to=target)
    meeting.refresh_from_db()
    assert meeting.status == Meeting.Status.DRAFT


# --- Stored HTML is sanitised whatever the path -------------------------------------------------------


SCRIPT = '<p>Agreed</p><script>alert(1)</script><img src="x" onerror="alert(2)"><a href="javascript:alert(3)">x</a>'


def test_minutes_saved_past_the_services_are_sanitised() -> None:
    minutes = MinutesFactory(body=SCRIPT, decisions=SCRIPT)  # a plain ORM create, as a shell or script would
    stored = Minutes.objects.get(pk=minutes.pk)
    for text in (stored.body, stored.decisions):
        assert "<script" not in text and "onerror" not in text and "javascript:" not in text
        assert "<p>Agreed</p>" in text
    stored.body = SCRIPT
    stored.save(update_fields=["body"])
    assert "<script" not in Minutes.objects.get(pk=minutes.pk).body


def test_submission_texts_saved_past_the_services_are_sanitised() -> None:
    submission = SubmissionFactory(text=SCRIPT, justification=SCRIPT)
    stored = Submission.objects.get(pk=submission.pk)
    assert "<script" not in stored.text and "onerror" not in stored.justification


def test_html_stored_before_the_fix_is_cleaned_by_the_migration(client: Client) -> None:
    minutes = MinutesFactory(meeting=MeetingFactory(past=True, status=Meeting.Status.MINUTES_PUBLISHED),
                             status=Minutes.Status.PUBLISHED)
    # What the old administration stored: update() skips the field's sanitising, like the old admin did.
    Minutes.objects.filter(pk=minutes.pk).update(body=SCRIPT)
    submission = SubmissionFactory()
    Submission.objects.filter(pk=submission.pk).update(text=SCRIPT)

    importlib.import_module("meetings.migrations.0007_integrity_guards").sanitise_stored_minutes(django_apps, None)
    importlib.import_module("submissions.migrations.0006_integrity_guards").sanitise_stored_submissions(
        django_apps, None)

    assert "<script" not in Minutes.objects.get(pk=minutes.pk).body
    assert "<script" not in Submission.objects.get(pk=submission.pk).text
    page = client.get(reverse("meetings:meeting-detail", args=[minutes.meeting_id])).content.decode()
    assert "Agreed" in page and "<script>alert(1)" not in page and "onerror" not in page
