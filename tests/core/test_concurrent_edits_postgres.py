"""Issue 13 item 8 under real concurrency, on PostgreSQL (.ci/run's PostgreSQL pass runs these and checks they
passed): two people save the same record at the same moment, each in their own transaction.

Editor A saves and holds the transaction open; editor B saves the version both opened while A's transaction is
still open. B must wait for A (the version check is inside B's transaction, on the locked row, not a read made
before it), then be refused with EditConflict once A commits; A's save stands. A check made before the
transaction, or a compare-then-save without the conditional UPDATE, lets B overwrite A: these tests fail then.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest
from django.db import connection, transaction

from core.concurrency import EditConflict
from meetings import services as meeting_services
from meetings.models import AgendaItem, Meeting, Minutes, Subgroup
from participants import services as participant_services
from participants.models import User
from recommendations import services as recommendation_services
from recommendations.models import Recommendation, RoadMap
from reports import services as report_services
from reports.models import Report
from submissions import services as submission_services
from submissions.models import Submission
from submissions.services import SubmissionData
from tests.meetings.factories import AgendaItemFactory, MeetingFactory, MinutesFactory, SubgroupFactory
from tests.participants.factories import UserFactory
from tests.recommendations.factories import RecommendationFactory, RoadMapFactory, mechanism
from tests.reports.factories import ReportFactory
from tests.submissions.factories import SubmissionFactory, ngo_user

pytestmark = [pytest.mark.postgresql, pytest.mark.django_db(transaction=True)]

WAIT = 10  # seconds: generous, the CI machine is shared


@dataclass
class Race:
    name: str
    # Records of several models, each saved through its own service: typed Any.
    make: Callable[[], tuple[Any, User]]
    # save(record, actor, version, text): one editor's save through the app's service.
    save: Callable[[Any, User, int, str], object]
    read: Callable[[Any], str]


def _secretary() -> User:
    return UserFactory(role=User.Role.SECRETARIAT)


def _save_profile(person: User, actor: User, version: int, text: str) -> object:
    return participant_services.profile_update(actor=actor, user=person, version=version, first_name=text,
                                               last_name="Nurlanova", preferred_language="kk")


def _save_submission(submission: Submission, actor: User, version: int, text: str) -> object:
    data = SubmissionData(title=text, text="<p>Independent monitoring of detention.</p>")
    return submission_services.submission_update(actor=actor, submission=submission, data=data, version=version)


def _submission() -> tuple[Submission, User]:
    submission = SubmissionFactory(sent=True)
    return submission, ngo_user(submission.organization)


def _save_road_map(road_map: RoadMap, actor: User, version: int, text: str) -> object:
    # The administration's save (core.admin.ServiceAdminMixin): its form has set the typed values on an instance.
    edited = RoadMap.objects.get(pk=road_map.pk)
    edited.title = text
    return recommendation_services.roadmap_save(actor=actor, instance=edited, version=version, change=True)


RACES = [
    Race("meeting", lambda: (MeetingFactory(), _secretary()),
         lambda r, a, v, t: meeting_services.meeting_update(actor=a, meeting=r, version=v, title=t),
         lambda r: Meeting.objects.get(pk=r.pk).title),
    Race("subgroup", lambda: (SubgroupFactory(), _secretary()),
         lambda r, a, v, t: meeting_services.subgroup_save(actor=a, subgroup=r, version=v, name=r.name, mandate=t),
         lambda r: Subgroup.objects.get(pk=r.pk).mandate),
    Race("agenda item", lambda: (AgendaItemFactory(), _secretary()),
         lambda r, a, v, t: meeting_services.agenda_item_update(actor=a, item=r, version=v, title=t),
         lambda r: AgendaItem.objects.get(pk=r.pk).title),
    Race("minutes", lambda: (MinutesFactory(), _secretary()),
         lambda r, a, v, t: meeting_services.minutes_save(actor=a, meeting=r.meeting, version=v, body=f"<p>{t}</p>",
                                                          decisions=""),
         lambda r: Minutes.objects.get(pk=r.pk).body.removeprefix("<p>").removesuffix("</p>")),
    Race("recommendation", lambda: (RecommendationFactory(), _secretary()),
         lambda r, a, v, t: recommendation_services.recommendation_update(actor=a, recommendation=r, version=v,
                                                                           data={"text": t}),
         lambda r: Recommendation.objects.get(pk=r.pk).text),
    Race("report", lambda: (ReportFactory(status=Report.Status.DRAFT, kind=Report.Kind.UPR_NATIONAL,
                                          mechanism=mechanism("upr")), _secretary()),
         lambda r, a, v, t: report_services.report_update(actor=a, report=r, version=v, title=t),
         lambda r: Report.objects.get(pk=r.pk).title),
    Race("submission", _submission, _save_submission, lambda r: Submission.objects.get(pk=r.pk).title),
    Race("profile", lambda: (lambda person: (person, person))(UserFactory(role=User.Role.OBSERVER)), _save_profile,
         lambda r: User.objects.get(pk=r.pk).first_name),
    Race("road map (administration)", lambda: (RoadMapFactory(), _secretary()), _save_road_map,
         lambda r: RoadMap.objects.get(pk=r.pk).title),
]


@pytest.mark.parametrize("race", RACES, ids=[race.name for race in RACES])
def test_two_simultaneous_saves_of_one_version_keep_the_first_and_refuse_the_second(race: Race) -> None:
    record, actor = race.make()
    version = record.version
    a_saved, release = threading.Event(), threading.Event()
    outcome: dict[str, object] = {}

    def editor_a() -> None:
        try:
            with transaction.atomic():
                race.save(record, actor, version, "Aliya")
                a_saved.set()
                release.wait(WAIT)  # A's transaction stays open: B must wait for it
            outcome["a"] = "saved"
        except Exception as exc:  # noqa: BLE001 - reported by the assertions below
            outcome["a"] = exc
            a_saved.set()
        finally:
            connection.close()

    def editor_b() -> None:
        a_saved.wait(WAIT)
        try:
            race.save(record, actor, version, "Bolat")
            outcome["b"] = "saved"
        except EditConflict as exc:
            outcome["b"] = exc
        except Exception as exc:  # noqa: BLE001
            outcome["b"] = exc
        finally:
            connection.close()

    first, second = threading.Thread(target=editor_a), threading.Thread(target=editor_b)
    first.start()
    second.start()
    assert a_saved.wait(WAIT)
    time.sleep(0.5)
    blocked = second.is_alive()
    release.set()
    first.join(WAIT)
    second.join(WAIT)

    assert outcome.get("a") == "saved", outcome
    assert blocked, "B did not wait for A's transaction: the version was checked outside the lock"
    assert isinstance(outcome.get("b"), EditConflict), outcome
    assert outcome["b"].current.version == version + 1  # type: ignore[attr-defined]  # an EditConflict (above)
    assert race.read(record) == "Aliya"


def test_a_conflict_then_a_save_on_the_new_version_succeeds() -> None:
    meeting, secretary = MeetingFactory(), _secretary()
    meeting_services.meeting_update(actor=secretary, meeting=meeting, version=meeting.version, title="Aliya")
    with pytest.raises(EditConflict) as refused:
        meeting_services.meeting_update(actor=secretary, meeting=meeting, version=meeting.version, title="Bolat")
    meeting_services.meeting_update(actor=secretary, meeting=meeting, version=refused.value.current.version,  # type: ignore[attr-defined]  # a Meeting
                                    title="Bolat, merged")
    assert Meeting.objects.get(pk=meeting.pk).title == "Bolat, merged"
