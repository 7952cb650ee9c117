"""The settings that spread the portal over several hosts (docs/scaling.md): each is off by default and switched
on by its variable. Settings are read once per process, so each variation runs in a fresh interpreter."""

from __future__ import annotations

import json

from tests.test_settings import _run

_PRINT = """
import json
import django
django.setup()
from django.conf import settings
from django.core.files.storage import storages
default_storage = storages["default"]
from dialogue_platform.celery import app
from core.uploads import private_storage

def queue(task):
    return app.amqp.router.route({}, task, args=(), kwargs={})["queue"].name

print(json.dumps({
    "databases": sorted(settings.DATABASES),
    "routers": settings.DATABASE_ROUTERS,
    "replica_host": settings.DATABASES.get("replica", {}).get("HOST", ""),
    "replica_test": settings.DATABASES.get("replica", {}).get("TEST", {}),
    "default_storage": type(default_storage).__module__ + "." + type(default_storage).__name__,
    "private_storage": type(private_storage).__module__ + "." + type(private_storage).__name__,
    "default_location": getattr(default_storage, "location", ""),
    "private_location": getattr(private_storage, "location", ""),
    "bucket": getattr(default_storage, "bucket_name", ""),
    "acl": getattr(default_storage, "default_acl", "n/a"),
    "url": default_storage.url("open-data/recommendations.csv") if settings.MEDIA_S3_BUCKET else "",
    "queues": {task: queue(task) for task in ("api.tasks.exports_refresh", "reports.tasks.build_quarterly_digest",
                                              "notifications.tasks.deliveries_send")},
    "page_cache_seconds": settings.PAGE_CACHE_SECONDS,
}))
"""


def _with(**env: str) -> dict:
    completed = _run(["-c", _PRINT], **env)
    assert completed.returncode == 0, completed.stderr[-3000:]
    return json.loads(completed.stdout.strip().splitlines()[-1])


def test_by_default_one_database_local_files_one_queue_and_no_page_cache() -> None:
    values = _with()

    assert values["databases"] == ["default"] and values["routers"] == []
    assert values["default_storage"] == "django.core.files.storage.filesystem.FileSystemStorage"
    assert values["private_storage"] == "core.uploads.PrivateStorage"
    assert set(values["queues"].values()) == {"celery"}
    assert values["page_cache_seconds"] == 0  # the per-process cache would hear only of its own changes


def test_a_replica_url_adds_the_replica_and_its_router() -> None:
    values = _with(DATABASE_URL="postgres://app@primary.internal:5432/dialogue",
                   DATABASE_REPLICA_URL="postgres://reader@replica.internal:5432/dialogue")

    assert values["databases"] == ["default", "replica"]
    assert values["routers"] == ["core.dbrouter.PublicReadReplicaRouter"]
    assert values["replica_host"] == "replica.internal"
    assert values["replica_test"]["MIRROR"] == "default"  # tests use the primary's test database


def test_a_bucket_moves_public_and_private_files_to_object_storage_never_public() -> None:
    values = _with(DJANGO_MEDIA_S3_BUCKET="dialogue-files", DJANGO_MEDIA_S3_ENDPOINT_URL="https://s3.example.kz",
                   DJANGO_MEDIA_S3_REGION="kz-ast-1", AWS_ACCESS_KEY_ID="AKIAEXAMPLE",
                   AWS_SECRET_ACCESS_KEY="secret-example")

    assert values["default_storage"] == values["private_storage"] == "storages.backends.s3.S3Storage"
    assert (values["default_location"], values["private_location"]) == ("media", "private")
    assert values["bucket"] == "dialogue-files" and values["acl"] == "private"
    # A signed, expiring link made offline: no request reaches the store.
    assert values["url"].startswith("https://s3.example.kz/dialogue-files/media/open-data/recommendations.csv?")
    assert "Signature=" in values["url"] and "Expires=" in values["url"] or "X-Amz-Signature=" in values["url"]


def test_a_bulk_queue_takes_the_file_building_tasks_and_leaves_notices_alone() -> None:
    values = _with(CELERY_BULK_QUEUE="bulk", NOTIFICATIONS_QUEUE="notices")

    assert values["queues"] == {"api.tasks.exports_refresh": "bulk", "reports.tasks.build_quarterly_digest": "bulk",
                                "notifications.tasks.deliveries_send": "celery"}  # notices: apply_async(queue=)


def test_a_shared_cache_turns_the_page_cache_on_and_it_can_be_turned_off() -> None:
    assert _with(CACHE_URL="redis://127.0.0.1:6379/2")["page_cache_seconds"] == 60
    assert _with(CACHE_URL="redis://127.0.0.1:6379/2", DJANGO_PAGE_CACHE_SECONDS="0")["page_cache_seconds"] == 0
