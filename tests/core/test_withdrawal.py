"""Issue 13 item 10: what was published is withdrawn, not deleted (core.withdrawal).

For each kind of published record: the secretariat's screen needs a reason; the record then leaves the lists,
the open data API and the feeds, while its own page says when and why (a file's link answers 410), and its public
history shows the withdrawal. Deleting is refused by the services, the administration (test_admin_rules.py) and
the ORM (PROTECT: nothing published goes with a deleted parent); drafts that were never public may still go.
PostgreSQL's own refusal of DELETE: test_withdrawal_postgres.py.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TypeVar, cast

import pytest
from django.db.models import ProtectedError
from django.test import Client
from django.urls import reverse

from core.exceptions import ApplicationError
from core.withdrawal import WithdrawableModel
from meetings import services as meeting_services
from meetings.models import Meeting, MeetingDocument, Minutes
from participants.models import User
from recommendations.models import Action, ProgressUpdate, Recommendation, RoadMap
from reports import services as report_services
from reports.models import Report, ReportDocument
from submissions.models import Submission
from tests.meetings.factories import (
    InvitationFactory,
    MeetingDocumentFactory,
    MeetingFactory,
    PublishedMinutesFactory,
)
from tests.participants.factories import UserFactory
from tests.recommendations.factories import ActionFactory, ProgressUpdateFactory, RecommendationFactory, RoadMapFactory
from tests.reports.factories import ReportDocumentFactory
from tests.submissions.factories import SubmissionFactory

pytestmark = pytest.mark.django_db

REASON = "Published by mistake: the paragraph belongs to another cycle."


@dataclass
class Kind:
    # Records of nine models, each read through its own fields: typed Any (a union would need a check per use).
    name: str
    make: Callable[[], Any]
    withdraw_url: Callable[[Any], str]
    page_url: Callable[[Any], str]  # where the public reads that it was withdrawn
    lists: Callable[[Any], list[str]]  # public lists, API lists and feeds that showed it
    shown_as: Callable[[Any], str]  # how those lists name it


def _approved_update() -> ProgressUpdate:
    return ProgressUpdateFactory(state=ProgressUpdate.State.APPROVED, reviewed_at="2026-01-10T10:00:00Z",
                                 text="Law adopted by the Mazhilis on 10 January")


KINDS = [
    Kind("meeting", lambda: MeetingFactory(title="Meeting No. 43 of the Platform"),
         lambda m: reverse("meetings:meeting-withdraw", args=[m.pk]),
         lambda m: reverse("meetings:meeting-detail", args=[m.pk]),
         lambda m: [reverse("meetings:meeting-list"), reverse("api:meeting-list"),
                    reverse("meetings_feeds:schedule-ics")],
         lambda m: m.title),
    Kind("minutes", lambda: PublishedMinutesFactory(body="<p>The Platform agreed the roadmap on torture.</p>"),
         lambda m: reverse("meetings:minutes-withdraw", args=[m.meeting_id]),
         lambda m: reverse("meetings:meeting-detail", args=[m.meeting_id]),
         lambda m: [reverse("api:minutes-list"), reverse("meetings_feeds:minutes-atom"),
                    reverse("meetings:meeting-detail", args=[m.meeting_id])],
         lambda m: "agreed the roadmap on torture"),
    Kind("meeting document", lambda: MeetingDocumentFactory(title="Concept note on torture prevention"),
         lambda d: reverse("meetings:document-withdraw", args=[d.meeting_id, d.pk]),
         lambda d: reverse("meetings:document-download", args=[d.pk]),
         # The meeting's page keeps a line saying it was withdrawn (test below), without the link.
         lambda d: [reverse("api:document-list")],
         lambda d: d.title),
    Kind("recommendation", lambda: RecommendationFactory(text="Ratify the Optional Protocol to CAT, variant 77"),
         lambda r: reverse("recommendations:recommendation-withdraw", args=[r.pk]),
         lambda r: reverse("recommendations:recommendation-detail", args=[r.pk]),
         lambda r: [reverse("recommendations:tracker"), reverse("api:recommendation-list"),
                    reverse("api:recommendations-atom")],
         lambda r: "Optional Protocol to CAT, variant 77"),
    Kind("road map", lambda: RoadMapFactory(title="Road map on prevention of torture 77"),
         lambda r: reverse("recommendations:roadmap-withdraw", args=[r.number]),
         lambda r: reverse("recommendations:roadmap-detail", args=[r.number]),
         lambda r: [reverse("recommendations:roadmap-list"), reverse("api:roadmap-list")],
         lambda r: r.title),
    Kind("action", lambda: ActionFactory(description="Set up the national preventive mechanism 77"),
         lambda a: reverse("recommendations:action-withdraw", args=[a.pk]),
         lambda a: reverse("recommendations:roadmap-detail", args=[a.road_map.number]),
         lambda a: [reverse("api:action-list"), reverse("recommendations:agency-detail", args=[a.road_map.lead_agency_id])],
         lambda a: a.description),
    Kind("progress update", _approved_update,
         lambda u: reverse("recommendations:progress-withdraw", args=[u.pk]),
         lambda u: reverse("recommendations:roadmap-detail", args=[u.action.road_map.number]),
         lambda u: [reverse("api:progressupdate-list"), reverse("api:progress-atom")],
         lambda u: "Law adopted by the Mazhilis"),
    Kind("submission", lambda: SubmissionFactory(accepted=True, title="Proposal on detention monitoring 77"),
         lambda s: reverse("submissions:publication-withdraw", args=[s.pk]),
         lambda s: reverse("submissions:public-detail", args=[s.pk]),
         lambda s: [reverse("submissions:public-list")],
         lambda s: s.title),
    Kind("report document", lambda: ReportDocumentFactory(title="National report 77 (PDF)"),
         lambda d: reverse("reports:document-withdraw", args=[d.pk]),
         lambda d: reverse("reports:document-download", args=[d.pk]),
         lambda d: [reverse("reports:report-detail", args=[d.version.report_id]), reverse("api:report-list")],
         lambda d: d.title),
]


W = TypeVar("W", bound=WithdrawableModel)


def _fresh(record: W) -> W:
    return cast(W, type(record).all_objects.get(pk=record.pk))


@pytest.mark.parametrize("kind", KINDS, ids=[k.name for k in KINDS])
def test_the_secretariat_withdraws_with_a_reason_and_the_page_says_when_and_why(
    kind: Kind, client_as: Callable[[str], Client], client: Client,
) -> None:
    record = kind.make()
    for url in kind.lists(record):
        assert kind.shown_as(record) in client.get(url).content.decode(), url  # published before
    secretariat = client_as("secretariat")
    url = kind.withdraw_url(record)
    assert secretariat.get(url).status_code == 200

    refused = secretariat.post(url, {"reason": "   "})
    assert refused.status_code == 200
    assert "Say why it is withdrawn" in refused.content.decode()
    assert _fresh(record).withdrawn_at is None

    assert secretariat.post(url, {"reason": REASON}).status_code == 302
    withdrawn = _fresh(record)
    assert withdrawn.withdrawn_at is not None
    assert withdrawn.withdrawal_reason == REASON
    assert withdrawn.withdrawn_by.role == User.Role.SECRETARIAT

    for url in kind.lists(record):
        assert kind.shown_as(record) not in client.get(url).content.decode(), url
    page = client.get(kind.page_url(record))
    assert page.status_code in (200, 410)
    text = page.content.decode()
    assert "withdrawn on" in text.lower() and REASON in text


@pytest.mark.parametrize("role", ["anonymous", "observer", "ngo", "focal_point"])
def test_only_the_secretariat_withdraws(role: str, client_as: Callable[[str], Client]) -> None:
    recommendation = RecommendationFactory()
    response = client_as(role).post(reverse("recommendations:recommendation-withdraw", args=[recommendation.pk]),
                                    {"reason": REASON})
    assert response.status_code in (302, 403)
    assert _fresh(recommendation).withdrawn_at is None


def test_a_withdrawn_meeting_takes_its_minutes_and_documents_with_it(client_as: Callable[[str], Client]) -> None:
    minutes = PublishedMinutesFactory()
    document = MeetingDocumentFactory(meeting=minutes.meeting)
    client_as("secretariat").post(reverse("meetings:meeting-withdraw", args=[minutes.meeting_id]), {"reason": REASON})
    assert _fresh(minutes).withdrawal_reason == REASON
    assert _fresh(document).withdrawal_reason == REASON
    assert not Minutes.objects.filter(pk=minutes.pk).exists()
    assert reverse("meetings:meeting-ics", args=[minutes.meeting_id])
    assert client_as("anonymous").get(reverse("meetings:meeting-ics", args=[minutes.meeting_id])).status_code == 404


def test_a_withdrawn_road_map_takes_its_actions_and_updates_with_it(client_as: Callable[[str], Client]) -> None:
    update = _approved_update()
    road_map = update.action.road_map
    client_as("secretariat").post(reverse("recommendations:roadmap-withdraw", args=[road_map.number]),
                                  {"reason": REASON})
    assert _fresh(update.action).withdrawn_at is not None
    assert _fresh(update).withdrawn_at is not None
    assert not Action.objects.filter(road_map=road_map).exists()


def test_the_withdrawal_is_in_the_recommendations_public_history(client: Client, client_as: Callable[[str], Client]
                                                                 ) -> None:
    recommendation = RecommendationFactory()
    client_as("secretariat").post(reverse("recommendations:recommendation-withdraw", args=[recommendation.pk]),
                                  {"reason": REASON})
    page = client.get(reverse("recommendations:recommendation-detail", args=[recommendation.pk])).content.decode()
    assert f"Withdrawn: {REASON}" in page
    assert Recommendation.history.filter(  # type: ignore[attr-defined]  # simple-history's manager
        id=recommendation.pk, withdrawn_at__isnull=False).count() == 1


def test_withdrawn_actions_and_updates_are_listed_on_the_road_maps_page(client: Client, client_as: Callable[[str], Client]
                                                                       ) -> None:
    update = _approved_update()
    other = ActionFactory(road_map=update.action.road_map, description="Train prison staff 77")
    secretariat = client_as("secretariat")
    secretariat.post(reverse("recommendations:progress-withdraw", args=[update.pk]), {"reason": "Wrong date."})
    secretariat.post(reverse("recommendations:action-withdraw", args=[other.pk]), {"reason": "Duplicate action."})
    page = client.get(reverse("recommendations:roadmap-detail", args=[other.road_map.number])).content.decode()
    history = page[page.index(">Withdrawn</h2>"):]
    assert "Wrong date." in history and "Duplicate action." in history
    assert "Law adopted by the Mazhilis" not in page[:page.index(">Withdrawn</h2>")]


def test_the_secretariat_still_sees_a_withdrawn_documents_trace_and_file(client_as: Callable[[str], Client]) -> None:
    document = MeetingDocumentFactory(title="Concept note 77")
    secretariat = client_as("secretariat")
    secretariat.post(reverse("meetings:document-withdraw", args=[document.meeting_id, document.pk]),
                     {"reason": REASON})
    listing = secretariat.get(reverse("meetings:documents", args=[document.meeting_id])).content.decode()
    assert "Concept note 77" in listing and REASON in listing
    assert secretariat.get(reverse("meetings:document-download", args=[document.pk])).status_code == 200
    assert client_as("observer").get(reverse("meetings:document-download", args=[document.pk])).status_code == 410
    public_page = client_as("anonymous").get(reverse("meetings:meeting-detail", args=[document.meeting_id]))
    assert "“Concept note 77” was withdrawn on" in public_page.content.decode()
    assert REASON in public_page.content.decode()
    assert reverse("meetings:document-download", args=[document.pk]) not in public_page.content.decode()


def test_a_withdrawn_record_cannot_be_edited(client_as: Callable[[str], Client]) -> None:
    meeting = MeetingFactory()
    secretary = UserFactory(role=User.Role.SECRETARIAT)
    meeting_services.meeting_withdraw(actor=secretary, meeting=meeting, reason=REASON)
    with pytest.raises(ApplicationError):
        meeting_services.meeting_update(actor=secretary, meeting=meeting, version=_fresh(meeting).version, title="x")
    assert client_as("secretariat").get(reverse("meetings:meeting-edit", args=[meeting.pk])).status_code == 404


def test_a_withdrawn_meeting_keeps_its_number(client_as: Callable[[str], Client]) -> None:
    meeting = MeetingFactory(number=43)
    meeting_services.meeting_withdraw(actor=UserFactory(role=User.Role.SECRETARIAT), meeting=meeting, reason=REASON)
    with pytest.raises(ApplicationError, match="already a plenary meeting number 43"):
        meeting_services.meeting_create(actor=None, title="Again", number=43, starts_at=meeting.starts_at,
                                        ends_at=meeting.ends_at)


# --- Deleting -----------------------------------------------------------------------------------------


def test_deleting_a_meeting_never_takes_its_minutes_attendance_or_documents() -> None:
    for child in (PublishedMinutesFactory(), InvitationFactory(attended=True), MeetingDocumentFactory()):
        with pytest.raises(ProtectedError):
            Meeting.all_objects.get(pk=child.meeting_id).delete()
        # Two of the three have all_objects, which mypy cannot resolve on their union (hasattr decides at run time).
        assert type(child).all_objects.filter(pk=child.pk).exists() if hasattr(type(child), "all_objects") else (  # type: ignore[misc]
            type(child).objects.filter(pk=child.pk).exists())


def test_deleting_a_road_map_never_takes_its_actions_or_their_updates() -> None:
    update = _approved_update()
    with pytest.raises(ProtectedError):
        RoadMap.all_objects.get(pk=update.action.road_map_id).delete()
    with pytest.raises(ProtectedError):
        Action.all_objects.get(pk=update.action_id).delete()
    assert ProgressUpdate.all_objects.filter(pk=update.pk).exists()


def test_deleting_a_person_never_takes_their_attendance() -> None:
    invitation = InvitationFactory(attended=True)
    with pytest.raises(ProtectedError):
        invitation.person.delete()


def test_documents_of_a_public_meeting_are_withdrawn_not_deleted(client_as: Callable[[str], Client]) -> None:
    document = MeetingDocumentFactory(meeting=MeetingFactory(status=Meeting.Status.SCHEDULED))
    response = client_as("secretariat").post(
        reverse("meetings:document-delete", args=[document.meeting_id, document.pk]), follow=True)
    assert "withdrawn, not deleted" in response.content.decode()
    assert MeetingDocument.objects.filter(pk=document.pk).exists()


def test_a_draft_meetings_document_may_still_be_deleted(client_as: Callable[[str], Client]) -> None:
    document = MeetingDocumentFactory(meeting=MeetingFactory(status=Meeting.Status.DRAFT))
    client_as("secretariat").post(reverse("meetings:document-delete", args=[document.meeting_id, document.pk]))
    assert not MeetingDocument.all_objects.filter(pk=document.pk).exists()


def test_a_published_reports_documents_are_withdrawn_not_deleted() -> None:
    document = ReportDocumentFactory(version__report__status=Report.Status.PUBLISHED)
    with pytest.raises(ApplicationError, match="withdrawn, not deleted"):
        report_services.document_delete(actor=UserFactory(role=User.Role.SECRETARIAT), document=document)
    assert ReportDocument.objects.filter(pk=document.pk).exists()


def test_only_published_submissions_are_withdrawn_from_publication(client_as: Callable[[str], Client]) -> None:
    draft = SubmissionFactory()
    response = client_as("secretariat").post(reverse("submissions:publication-withdraw", args=[draft.pk]),
                                             {"reason": REASON})
    assert response.status_code == 404
    assert Submission.objects.get(pk=draft.pk).withdrawn_at is None


def test_the_ngo_still_sees_its_withdrawn_submission_with_the_reason(client_as: Callable[[str], Client]) -> None:
    from tests.submissions.factories import ngo_user

    author = ngo_user()
    submission = SubmissionFactory(accepted=True, author=author)
    client_as("secretariat").post(reverse("submissions:publication-withdraw", args=[submission.pk]),
                                  {"reason": REASON})
    client = Client()
    from tests.auth import force_login

    force_login(client, author)
    assert submission.title in client.get(reverse("submissions:mine")).content.decode()
    assert REASON in client.get(reverse("submissions:detail", args=[submission.pk])).content.decode()
