"""Issue 13 item 8: no edit form silently overwrites someone else's saved work (core.concurrency).

Every edit screen, ours and the administration's, is driven as two people would: both open the form, the first
saves, the second saves what they typed over the version they opened. The second save must be refused with the
merge screen: the second person's typed values kept in the form, the first person's saved values shown beside
them, the stored record untouched; and saving again from that screen (after merging) must succeed.

The same race with two real concurrent transactions on PostgreSQL: test_concurrent_edits_postgres.py.
"""

from __future__ import annotations

import html
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest
from django.db import models
from django.test import Client
from django.urls import reverse

from core.exceptions import ApplicationError
from meetings.models import Meeting, Minutes
from participants.models import Membership, Organization, User
from recommendations.models import Action, NationalPlan, PlanMeasure, Recommendation, RoadMap, Theme
from reports.models import Report, ReportVersion
from submissions.models import Submission
from tests.auth import force_login
from tests.html_forms import form_data
from tests.meetings.factories import AgendaItemFactory, MeetingFactory, MinutesFactory, SubgroupFactory, TopicFactory
from tests.participants.factories import MembershipFactory, OrganizationFactory, UserFactory
from tests.recommendations.factories import (
    ActionFactory,
    NationalPlanFactory,
    RecommendationFactory,
    RoadMapFactory,
    ThemeFactory,
    mechanism,
)
from tests.reports.factories import ReportFactory, ReportVersionFactory
from tests.submissions.factories import SubmissionFactory, ngo_user

pytestmark = pytest.mark.django_db


@dataclass
class Case:
    """One edit screen: `make()` returns (record, url, editor A's client, editor B's client)."""

    name: str
    # Records of several models, each read through its own fields: typed Any.
    make: Callable[[], tuple[Any, str, Client, Client]]
    field: str
    read: Callable[[Any], object]
    first: str = "Saved first by Aliya"
    second: str = "Typed meanwhile by Bolat"


def _client(user: User) -> Client:
    client = Client()
    force_login(client, user)
    return client


def _secretaries() -> tuple[Client, Client]:
    return (_client(UserFactory(role=User.Role.SECRETARIAT, first_name="Aliya")),
            _client(UserFactory(role=User.Role.SECRETARIAT, first_name="Bolat")))


def _ours(url_name: str, factory: Callable[[], models.Model], args: Callable[[Any], list[object]]
          ) -> Callable[[], tuple[models.Model, str, Client, Client]]:
    def make() -> tuple[models.Model, str, Client, Client]:
        record = factory()
        return (record, reverse(url_name, args=args(record)), *_secretaries())
    return make


def _admin(model: type[models.Model], factory: Callable[[], models.Model]
           ) -> Callable[[], tuple[models.Model, str, Client, Client]]:
    def make() -> tuple[models.Model, str, Client, Client]:
        record = factory()
        url = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_change", args=[record.pk])
        return (record, url, *_secretaries())
    return make


def _submission() -> tuple[models.Model, str, Client, Client]:
    submission = SubmissionFactory(sent=True)
    colleagues = (_client(ngo_user(submission.organization)), _client(ngo_user(submission.organization)))
    return (submission, reverse("submissions:edit", args=[submission.pk]), *colleagues)


def _profile() -> tuple[models.Model, str, Client, Client]:
    # One person, two browser tabs.
    person = UserFactory(role=User.Role.OBSERVER)
    return person, reverse("participants:profile"), _client(person), _client(person)


def _report() -> Report:
    return ReportFactory(status=Report.Status.DRAFT, kind=Report.Kind.UPR_NATIONAL, mechanism=mechanism("upr"))


CASES = [
    Case("meeting", _ours("meetings:meeting-edit", MeetingFactory, lambda r: [r.pk]), "title",
         lambda r: Meeting.objects.get(pk=r.pk).title),
    Case("subgroup", _ours("meetings:subgroup-edit", SubgroupFactory, lambda r: [r.pk]), "mandate",
         lambda r: type(r).objects.get(pk=r.pk).mandate),
    Case("agenda item", _ours("meetings:agenda-item-edit", AgendaItemFactory, lambda r: [r.meeting_id, r.pk]),
         "title", lambda r: type(r).objects.get(pk=r.pk).title),
    Case("minutes", _ours("meetings:minutes", MinutesFactory, lambda r: [r.meeting_id]), "body",
         lambda r: Minutes.objects.get(pk=r.pk).body, first="<p>Saved first by Aliya</p>",
         second="<p>Typed meanwhile by Bolat</p>"),
    Case("recommendation", _ours("recommendations:recommendation-edit", RecommendationFactory, lambda r: [r.pk]),
         "text", lambda r: Recommendation.objects.get(pk=r.pk).text),
    Case("report", _ours("reports:report-edit", _report, lambda r: [r.pk]), "title",
         lambda r: Report.objects.get(pk=r.pk).title),
    Case("submission by an NGO", _submission, "title", lambda r: Submission.objects.get(pk=r.pk).title),
    Case("profile", _profile, "first_name", lambda r: User.objects.get(pk=r.pk).first_name),
    # The administration, where no screen of ours edits the record (core.admin.ServiceAdminMixin).
    Case("admin: road map", _admin(RoadMap, RoadMapFactory), "title", lambda r: RoadMap.objects.get(pk=r.pk).title),
    Case("admin: action", _admin(Action, ActionFactory), "description",
         lambda r: Action.objects.get(pk=r.pk).description),
    Case("admin: theme", _admin(Theme, ThemeFactory), "name", lambda r: Theme.objects.get(pk=r.pk).name),
    Case("admin: topic", _admin(TopicFactory._meta.model, TopicFactory), "name",
         lambda r: type(r).objects.get(pk=r.pk).name),
    Case("admin: organisation", _admin(Organization, OrganizationFactory), "description",
         lambda r: Organization.objects.get(pk=r.pk).description),
    Case("admin: membership", _admin(Membership, MembershipFactory), "position",
         lambda r: Membership.objects.get(pk=r.pk).position),
    Case("admin: user", _admin(User, lambda: UserFactory(role=User.Role.NGO)), "last_name",
         lambda r: User.objects.get(pk=r.pk).last_name),
    Case("admin: national plan", _admin(NationalPlan, NationalPlanFactory), "description",
         lambda r: NationalPlan.objects.get(pk=r.pk).description),
    Case("admin: plan measure",
         _admin(PlanMeasure, lambda: PlanMeasure.objects.create(plan=NationalPlanFactory(), number="1", text="x")),
         "text", lambda r: PlanMeasure.objects.get(pk=r.pk).text),
    Case("admin: report version", _admin(ReportVersion, ReportVersionFactory), "notes",
         lambda r: ReportVersion.objects.get(pk=r.pk).notes),
]


def _conflict_panel(page: str) -> str:
    start = page.find("Saved meanwhile by someone else")
    assert start != -1, "no merge screen on the page"
    return page[start:page.find("</section>", start)]


@pytest.mark.parametrize("case", CASES, ids=[case.name for case in CASES])
def test_a_stale_save_shows_the_merge_screen_and_loses_nothing(case: Case) -> None:
    record, url, aliya, bolat = case.make()
    aliya_form = form_data(aliya.get(url).content)
    bolat_form = form_data(bolat.get(url).content)

    saved = aliya.post(url, {**aliya_form, case.field: case.first})
    assert saved.status_code == 302, saved.content.decode()[:2000]
    assert case.read(record) == case.first

    refused = bolat.post(url, {**bolat_form, case.field: case.second})
    page = refused.content.decode()
    assert refused.status_code == 200
    assert case.read(record) == case.first  # nothing of Aliya's was overwritten
    # Bolat's typed text is still in the form, Aliya's saved text is shown beside it.
    kept = form_data(page)
    assert kept[case.field] == [case.second]
    assert html.escape(case.first) in _conflict_panel(page) or case.first in _conflict_panel(page)

    # After merging, saving again from the merge screen succeeds.
    merged = bolat.post(url, {**kept, case.field: case.second})
    assert merged.status_code == 302, merged.content.decode()[:2000]
    assert case.read(record) == case.second


def test_a_form_without_its_version_is_a_conflict_not_an_overwrite(client_as: Callable[[str], Client]) -> None:
    meeting = MeetingFactory(title="Stored title")
    client = client_as("secretariat")
    url = reverse("meetings:meeting-edit", args=[meeting.pk])
    data = form_data(client.get(url).content)
    data.pop("version")

    response = client.post(url, {**data, "title": "Blind overwrite"})

    assert response.status_code == 200
    assert Meeting.objects.get(pk=meeting.pk).title == "Stored title"
    assert form_data(response.content)["version"] == [str(meeting.version)]


def test_the_merge_screen_lists_only_the_fields_that_differ(client_as: Callable[[str], Client]) -> None:
    meeting = MeetingFactory(title="Same", venue="Old venue")
    client = client_as("secretariat")
    url = reverse("meetings:meeting-edit", args=[meeting.pk])
    stale = form_data(client.get(url).content)
    client.post(url, {**stale, "venue": "Their venue"})

    response = client.post(url, {**stale, "venue": "My venue"})

    rows = response.context["conflict"].differences
    assert [(row.label, row.theirs, row.yours) for row in rows] == [("Venue", "Their venue", "My venue")]


def test_a_follow_up_status_changed_meanwhile_is_not_overwritten(client_as: Callable[[str], Client]) -> None:
    from tests.meetings.factories import FollowUpActionFactory

    action = FollowUpActionFactory()
    client = client_as("secretariat")
    url = reverse("meetings:follow-up-status", args=[action.meeting_id, action.pk])
    client.post(url, {"status": "done", "version": action.version})

    response = client.post(url, {"status": "dropped", "version": action.version}, follow=True)

    action.refresh_from_db()
    assert action.status == "done"
    assert "it is now “Done”. Your choice “Dropped” was not saved" in response.content.decode()


def test_a_bulk_classification_counts_as_a_save_for_open_edit_forms(client_as: Callable[[str], Client]) -> None:
    recommendation = RecommendationFactory()
    theme = ThemeFactory()
    client = client_as("secretariat")
    url = reverse("recommendations:recommendation-edit", args=[recommendation.pk])
    stale = form_data(client.get(url).content)
    client.post(reverse("recommendations:bulk-classify"), {"recommendations": [recommendation.pk],
                                                            "theme": theme.pk})

    response = client.post(url, stale)

    assert response.status_code == 200
    assert list(Recommendation.objects.get(pk=recommendation.pk).themes.all()) == [theme]


# Records without an edit form change through decisions; a decision taken meanwhile is never overwritten by a second
# one made from a page opened before it: the service locks the row and refuses.


def test_a_second_decision_on_an_application_is_refused() -> None:
    from participants import services as participant_services
    from participants.models import OrganizationApplication
    from tests.participants.factories import OrganizationApplicationFactory

    application = OrganizationApplicationFactory()
    aliya, bolat = (UserFactory(role=User.Role.SECRETARIAT) for _ in range(2))
    participant_services.application_decline(application=application, actor=aliya, reason="Registered abroad.")
    with pytest.raises(ApplicationError, match="already been declined"):
        participant_services.application_approve(application=application, actor=bolat)
    stored = OrganizationApplication.objects.get(pk=application.pk)
    assert (stored.status, stored.decided_by) == (OrganizationApplication.Status.DECLINED, aliya)


def test_a_second_review_of_a_progress_update_is_refused() -> None:
    from recommendations import services as recommendation_services
    from recommendations.models import ProgressUpdate
    from tests.recommendations.factories import ProgressUpdateFactory

    update = ProgressUpdateFactory()
    aliya, bolat = (UserFactory(role=User.Role.SECRETARIAT) for _ in range(2))
    recommendation_services.progress_update_approve(actor=aliya, update=update)
    with pytest.raises(ApplicationError, match="already been reviewed"):
        recommendation_services.progress_update_reject(actor=bolat, update=update, note="Too late.")
    assert ProgressUpdate.objects.get(pk=update.pk).state == ProgressUpdate.State.APPROVED
