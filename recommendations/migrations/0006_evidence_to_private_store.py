"""Evidence files of progress updates move to the private store (issue 13): the files.

Before, they sat in the public MEDIA_ROOT under their uploader's name (recommendations/evidence/<year>/<month>/<name>),
where `make run` served even unapproved ones to anyone. Each one is copied into the private store under a random
name; the uploader's name and the type read from the content are kept for the download. The public copies are
deleted only once the new names are committed, so a failed migration loses nothing. A file of a type the checker
would refuse today is kept (nothing is lost) and served as an opaque attachment (application/octet-stream).
"""

import sys
from pathlib import PurePosixPath

from django.conf import settings
from django.core.files.storage import FileSystemStorage
from django.db import migrations, transaction

from core.uploads import ALL_DOCUMENT_TYPES, detect_document_type, private_storage, random_name

FOLDER = "recommendations/evidence"


def _public_storage() -> FileSystemStorage:
    return FileSystemStorage(location=settings.MEDIA_ROOT)


def to_private(apps, schema_editor):  # noqa: ANN001, ANN201
    ProgressUpdate = apps.get_model("recommendations", "ProgressUpdate")
    public = _public_storage()
    moved: list[str] = []
    for update in ProgressUpdate.objects.exclude(evidence_file="").only("pk", "evidence_file").iterator():
        old = update.evidence_file.name
        if not public.exists(old):
            if not private_storage.exists(old):
                sys.stdout.write(f"\n  progress update {update.pk}: evidence file {old} not found; the row keeps its name")
            continue
        with public.open(old, "rb") as handle:
            document_type = detect_document_type(handle)
            accepted = document_type in ALL_DOCUMENT_TYPES
            content_type = document_type.content_type if accepted else "application/octet-stream"
            new = private_storage.save(random_name(FOLDER, content_type=content_type), handle)
        ProgressUpdate.objects.filter(pk=update.pk).update(
            evidence_file=new, evidence_name=PurePosixPath(old).name[:255], evidence_content_type=content_type
        )
        moved.append(old)
    transaction.on_commit(lambda: [public.delete(name) for name in moved])


def to_public(apps, schema_editor):  # noqa: ANN001, ANN201
    ProgressUpdate = apps.get_model("recommendations", "ProgressUpdate")
    public = _public_storage()
    moved: list[str] = []
    for update in ProgressUpdate.objects.exclude(evidence_file="").only(
        "pk", "evidence_file", "evidence_name", "created_at"
    ).iterator():
        old = update.evidence_file.name
        if not private_storage.exists(old):
            continue
        name = update.evidence_name or PurePosixPath(old).name
        with private_storage.open(old, "rb") as handle:
            new = public.save(f"{FOLDER}/{update.created_at:%Y/%m}/{name}", handle)
        ProgressUpdate.objects.filter(pk=update.pk).update(evidence_file=new)
        moved.append(old)
    transaction.on_commit(lambda: [private_storage.delete(name) for name in moved])


class Migration(migrations.Migration):

    dependencies = [
        ("recommendations", "0005_private_evidence"),
    ]

    operations = [
        migrations.RunPython(to_private, to_public),
    ]
