"""The read replica for public pages (core/dbrouter.py, DATABASE_REPLICA_URL): anonymous public pages read from
it, signed-in pages and every write use the primary, and a page whose data just changed is read from the primary."""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest
from django.db import models
from pytest_django.fixtures import Settings

from core import dbrouter, pagecache
from meetings.models import Meeting
from tests.test_settings import _run

router = dbrouter.PublicReadReplicaRouter()


def test_reads_go_to_the_replica_only_inside_a_public_read_and_writes_never() -> None:
    assert router.db_for_read(models.Model) == "default"
    with dbrouter.replica_reads():
        assert router.db_for_read(models.Model) == "replica"
        assert router.db_for_write(models.Model) == "default"
    assert router.db_for_read(models.Model) == "default"
    assert router.db_for_write(models.Model) == "default"


def test_only_the_primary_is_migrated_and_rows_of_both_may_relate() -> None:
    assert router.allow_migrate("default", "meetings") is True
    assert router.allow_migrate("replica", "meetings") is False
    assert router.allow_relation(Meeting(), Meeting()) is True


def test_a_page_whose_data_just_changed_is_read_from_the_primary(
    settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(dbrouter, "enabled", lambda: True)
    settings.REPLICA_MAX_LAG_SECONDS = 10
    just_now = {"meetings": str(time.time_ns())}
    a_minute_ago = {"meetings": str(time.time_ns() - 60 * 10**9)}

    with pagecache._replica_if_settled(just_now):
        assert not dbrouter.reading_from_replica()
    with pagecache._replica_if_settled(a_minute_ago):
        assert dbrouter.reading_from_replica()
    with pagecache._replica_if_settled(None):  # no page cache to tell: the replica, which may lag a moment
        assert dbrouter.reading_from_replica()


def test_without_a_replica_every_read_uses_the_primary() -> None:
    assert not dbrouter.enabled()
    with pagecache._replica_if_settled({"meetings": "1"}):
        assert not dbrouter.reading_from_replica()


_REPLICA_SCRIPT = """
import json, shutil, sys
import django
django.setup()
from django.core.management import call_command
from django.db import connections
from django.test import Client
from core.dbrouter import replica_reads
from meetings.models import Meeting
from tests.meetings.factories import MeetingFactory
from tests.participants.factories import UserFactory

call_command("migrate", verbosity=0)
connections.close_all()
shutil.copyfile(sys.argv[1], sys.argv[2])  # the replica, as streaming replication would have it now
MeetingFactory(title="Meeting No. 77, on the primary only")  # a change the replica has not received yet
person = UserFactory()
anonymous = Client(SERVER_NAME="localhost").get("/en/meetings/")
signed_in = Client(SERVER_NAME="localhost")
signed_in.force_login(person)
mine = signed_in.get("/en/meetings/")
with replica_reads():
    MeetingFactory(title="Written during a replica read")
    in_replica = Meeting.objects.count()
print(json.dumps({
    "anonymous": anonymous.status_code, "anonymous_sees": "Meeting No. 77" in anonymous.content.decode(),
    "signed_in": mine.status_code, "signed_in_sees": "Meeting No. 77" in mine.content.decode(),
    "primary_meetings": Meeting.objects.using("default").count(), "replica_meetings": in_replica,
}))
"""


def test_with_a_replica_the_public_reads_it_and_a_signed_in_person_and_every_write_use_the_primary(
    tmp_path: Path,
) -> None:
    primary, replica = tmp_path / "primary.sqlite3", tmp_path / "replica.sqlite3"
    completed = _run(["-c", _REPLICA_SCRIPT, str(primary), str(replica)],
                     DATABASE_URL=f"sqlite:///{primary}", DATABASE_REPLICA_URL=f"sqlite:///{replica}",
                     DJANGO_MEDIA_ROOT=str(tmp_path / "media"), DJANGO_PRIVATE_MEDIA_ROOT=str(tmp_path / "private"))
    assert completed.returncode == 0, completed.stderr[-3000:]
    seen = json.loads(completed.stdout.strip().splitlines()[-1])

    assert seen["anonymous"] == 200 and seen["anonymous_sees"] is False  # read from the lagging replica
    assert seen["signed_in"] == 200 and seen["signed_in_sees"] is True  # their own view: the primary
    assert seen["primary_meetings"] == 2 and seen["replica_meetings"] == 0  # the write went to the primary
