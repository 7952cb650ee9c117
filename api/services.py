"""State changes of the api app: personal API tokens and the bulk download files."""

from __future__ import annotations

import datetime
import hashlib
import secrets
import tempfile
from pathlib import Path

from django.core.exceptions import PermissionDenied
from django.core.files import File
from django.db import transaction
from django.db.models import Count, Max
from django.utils import timezone
from django.utils.translation import gettext as _

from api import exports
from api.models import ApiToken, DataExport
from core.exceptions import ApplicationError
from participants.models import Organization, User
from recommendations.models import Action, ProgressUpdate, Recommendation, RoadMap, Theme

# A person rarely needs more than one token per script; the cap keeps forgotten tokens from piling up.
MAX_ACTIVE_TOKENS = 5
# Writing last_used_at on every request would turn each API read into a write; once a minute tells enough.
TOUCH_EVERY = datetime.timedelta(minutes=1)


def _digest(key: str) -> str:
    return hashlib.sha256(key.encode("utf-8", "surrogateescape")).hexdigest()


def api_token_can_create(user: User) -> bool:
    return bool(user.is_authenticated and user.is_active and user.is_focal_point)


@transaction.atomic
def api_token_create(*, actor: User, label: str) -> tuple[ApiToken, str]:
    """A new token for `actor`; returns it with its key, which is not stored and cannot be shown again."""
    if not api_token_can_create(actor):
        raise PermissionDenied(_("Only government focal points can create API tokens."))
    label = " ".join(label.split())
    if not label:
        raise ApplicationError(_("Give the token a name, so you can tell it apart later."), field="label")
    # Lock the person's row so two simultaneous requests cannot both pass the cap.
    User.objects.select_for_update().filter(pk=actor.pk).first()
    if ApiToken.objects.filter(user=actor, revoked_at__isnull=True).count() >= MAX_ACTIVE_TOKENS:
        raise ApplicationError(
            _("You already have %(n)s active tokens. Revoke one you no longer use first.") % {"n": MAX_ACTIVE_TOKENS},
            field="label",
        )
    key = "dpk_" + secrets.token_urlsafe(32)
    token = ApiToken.objects.create(user=actor, label=label[:100], prefix=key[:12], digest=_digest(key))
    return token, key


@transaction.atomic
def api_token_revoke(*, actor: User, token: ApiToken) -> ApiToken:
    """The owner or the secretariat revokes; revoking twice changes nothing."""
    if token.user_id != actor.pk and not actor.is_secretariat:
        raise PermissionDenied(_("You can revoke only your own tokens."))
    token = ApiToken.objects.select_for_update().get(pk=token.pk)
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.revoked_by = actor
        token.save(update_fields=["revoked_at", "revoked_by", "updated_at"])
    return token


def api_token_touch(*, token: ApiToken) -> None:
    now = timezone.now()
    if token.last_used_at is None or now - token.last_used_at > TOUCH_EVERY:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
        token.last_used_at = now


# --- Bulk downloads ---------------------------------------------------------------------------

# What each dataset is built from. A change to any of these rows (added, edited, deleted) changes the fingerprint.
SOURCES = {
    "recommendations": (Recommendation, Theme, Organization, RoadMap),
    "roadmaps": (RoadMap, Action, ProgressUpdate, Recommendation, Theme, Organization),
}


def exports_fingerprint(dataset: str) -> str:
    """Counts and latest change times of the source tables: cheap to read, and different after any change
    (bulk imports included, which send no signals)."""
    parts = []
    for model in SOURCES[dataset]:
        row = model.objects.aggregate(n=Count("pk"), latest=Max("updated_at"))
        parts.append(f"{model._meta.label}:{row['n']}:{row['latest'].isoformat() if row['latest'] else ''}")
    return hashlib.sha256("|".join(parts).encode()).hexdigest()


def exports_refresh(*, force: bool = False) -> list[DataExport]:
    """Rebuild the files whose data changed since they were made; returns the rebuilt ones.

    The three formats of a dataset share one fingerprint and are written together, in one pass over the rows
    (exports.build_files). Not one transaction for everything: each dataset is built from its own read and its
    files replaced together, so a failure leaves the previous files in place.
    """
    rebuilt = []
    for dataset in exports.DATASETS.values():
        fingerprint = exports_fingerprint(dataset.key)
        current = {e.format: e for e in DataExport.objects.filter(dataset=dataset.key)}
        if not force and all(
            fmt in current and current[fmt].fingerprint == fingerprint for fmt in DataExport.Format.values
        ):
            continue
        rebuilt.extend(_exports_write(dataset=dataset, fingerprint=fingerprint, current=current))
    return rebuilt


@transaction.atomic
def _exports_write(
    *, dataset: exports.Dataset, fingerprint: str, current: dict[str, DataExport]
) -> list[DataExport]:
    written = []
    stamp = timezone.now()
    with tempfile.TemporaryDirectory(prefix="dialogue-exports-") as directory:
        built = exports.build_files(dataset, Path(directory))
        for fmt in DataExport.Format.values:
            file = built[fmt]
            export = current.get(fmt) or DataExport(dataset=dataset.key, format=fmt)
            old_name = export.file.name if export.pk and export.file else ""
            with file.path.open("rb") as handle:
                # The storage copies the file in chunks: a 100 MB file is never in memory.
                export.file.save(f"{dataset.key}-{stamp:%Y%m%d%H%M%S}.{fmt}", File(handle), save=False)
            export.generated_at = stamp
            export.row_count = file.row_count
            export.size = file.size
            export.fingerprint = fingerprint
            export.save()
            if old_name and old_name != export.file.name:
                # Remove the previous file only once the new row is committed, so a download never hits a
                # missing file.
                storage = export.file.storage
                # Defaults bind this export's storage and name; mypy cannot infer a lambda with defaults.
                transaction.on_commit(lambda storage=storage, name=old_name: storage.delete(name))  # type: ignore[misc]
            written.append(export)
    return written
