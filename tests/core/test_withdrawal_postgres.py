"""Issue 13 item 10 at the database: PostgreSQL itself refuses to delete rows that were public (core.dbguards,
the *_integrity_guards migrations), whatever deletes them: a shell, a script, raw SQL. Drafts that were never
public still go. Run by .ci/run's PostgreSQL pass (deselected on SQLite, where no trigger is installed)."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.db import IntegrityError, connection, models, transaction

from meetings.models import Meeting
from recommendations.models import ProgressUpdate
from tests.meetings.factories import InvitationFactory, MeetingDocumentFactory, MeetingFactory, PublishedMinutesFactory
from tests.recommendations.factories import ActionFactory, ProgressUpdateFactory, RecommendationFactory, RoadMapFactory
from tests.reports.factories import ReportDocumentFactory
from tests.submissions.factories import SubmissionFactory

pytestmark = [pytest.mark.postgresql, pytest.mark.django_db]


def _raw_delete(record: models.Model) -> None:
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {record._meta.db_table} WHERE id = %s", [record.pk])  # noqa: S608


REFUSED: dict[str, Callable[[], models.Model]] = {
    "scheduled meeting": lambda: MeetingFactory(status=Meeting.Status.SCHEDULED),
    "published minutes": PublishedMinutesFactory,
    "document of a public meeting": MeetingDocumentFactory,
    "attendance": lambda: InvitationFactory(attended=True),
    "recommendation": RecommendationFactory,
    "road map": RoadMapFactory,
    "action": ActionFactory,
    "approved progress update": lambda: ProgressUpdateFactory(state=ProgressUpdate.State.APPROVED,
                                                              reviewed_at="2026-01-10T10:00:00Z"),
    "submission sent to the secretariat": lambda: SubmissionFactory(sent=True),
    "document of a published report": ReportDocumentFactory,
}

ALLOWED: dict[str, Callable[[], models.Model]] = {
    "draft meeting": lambda: MeetingFactory(status=Meeting.Status.DRAFT),
    "never-sent draft submission": SubmissionFactory,
    "returned progress update": lambda: ProgressUpdateFactory(state=ProgressUpdate.State.REJECTED,
                                                              reviewed_at="2026-01-10T10:00:00Z"),
}


@pytest.mark.parametrize("name", list(REFUSED))
def test_postgresql_refuses_to_delete_what_was_public(name: str) -> None:
    record = REFUSED[name]()
    with pytest.raises(IntegrityError, match="withdraw it instead"):
        _raw_delete(record)
    assert type(record)._base_manager.filter(pk=record.pk).exists()


@pytest.mark.parametrize("name", list(ALLOWED))
def test_postgresql_lets_drafts_that_were_never_public_go(name: str) -> None:
    record = ALLOWED[name]()
    _raw_delete(record)
    assert not type(record)._base_manager.filter(pk=record.pk).exists()


def test_a_withdrawn_record_cannot_be_deleted_either() -> None:
    meeting = MeetingFactory(status=Meeting.Status.DRAFT)
    Meeting.all_objects.filter(pk=meeting.pk).update(withdrawn_at=meeting.created_at, withdrawal_reason="x")
    with pytest.raises(IntegrityError):
        _raw_delete(meeting)
