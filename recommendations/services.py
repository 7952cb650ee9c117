"""Every write of the recommendations app. Keyword-only, one transaction each (STYLE.md section 7)."""

from __future__ import annotations

import datetime
import secrets
from collections import Counter
from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from dialogue_platform.exceptions import ApplicationError
from participants.models import Organization, User
from recommendations.importers import ImportRow, ImportRowError, parse_file
from recommendations.models import (
    Action,
    AffectedGroup,
    ImportUpload,
    Mechanism,
    NationalPlan,
    PlanMeasure,
    ProgressUpdate,
    Recommendation,
    RecommendingState,
    Review,
    RoadMap,
    SdgTarget,
    Theme,
)

UPLOAD_KEEP = datetime.timedelta(days=1)


# --- Import -----------------------------------------------------------------------------------


@dataclass
class ImportSummary:
    encoding: str
    total_rows: int
    new_rows: list[ImportRow]
    existing: int
    repeated_in_file: int
    # (state under review, mechanism, cycle, session) -> Counter of response/pledge
    by_review: dict[tuple[str, str, int, int | None], Counter[str]] = field(default_factory=dict)
    created: int = 0

    @property
    def table(self) -> list[dict[str, object]]:
        return [
            {
                "state": state, "mechanism": mechanism.upper(), "cycle": cycle, "session": session,
                "supported": c["supported"], "noted": c["noted"], "pending": c["pending"], "pledges": c["pledge"],
                "total": sum(c.values()),
            }
            for (state, mechanism, cycle, session), c in sorted(self.by_review.items(), key=lambda kv: str(kv[0]))
        ]


def _organization_lookup(names: set[str]) -> dict[str, Organization]:
    if not names:
        return {}
    found: dict[str, Organization] = {}
    lowered = {n.lower() for n in names}
    query = Q()
    for name in names:
        query |= Q(name__iexact=name) | Q(acronym__iexact=name)
    for org in Organization.objects.filter(query):
        for label in (org.name, org.acronym):
            if label and label.lower() in lowered:
                found[label.lower()] = org
    return found


def recommendation_import_check(*, rows: list[ImportRow], encoding: str) -> ImportSummary:
    """Validate references against the database and tell what an import would add. Writes nothing."""
    mechanisms = set(Mechanism.objects.values_list("code", flat=True)) | {m[0] for m in STANDARD_MECHANISMS}
    organizations = _organization_lookup(
        {n for r in rows for n in r.responsible_agencies} | {r.source_organization for r in rows if r.source_organization}
    )
    for row in rows:
        if row.mechanism not in mechanisms:
            raise ImportRowError(row.line, _("unknown mechanism “%(code)s” (use one of: %(codes)s)")
                                 % {"code": row.mechanism, "codes": ", ".join(sorted(mechanisms))})
        for name in [*row.responsible_agencies, *([row.source_organization] if row.source_organization else [])]:
            if name.lower() not in organizations:
                raise ImportRowError(
                    row.line, _("organisation “%(name)s” is not in the directory; add it first") % {"name": name}
                )
    keys = [row.key for row in rows]
    existing_keys = set()
    for start in range(0, len(keys), 500):
        existing_keys |= set(
            Recommendation.objects.filter(natural_key__in=keys[start : start + 500]).values_list("natural_key", flat=True)
        )
    seen: set[str] = set()
    new_rows: list[ImportRow] = []
    repeated = 0
    by_review: dict[tuple[str, str, int, int | None], Counter[str]] = {}
    for row, key in zip(rows, keys, strict=True):
        if key in seen:
            repeated += 1
            continue
        seen.add(key)
        counter = by_review.setdefault((row.state_under_review, row.mechanism, row.cycle, row.session), Counter())
        counter["pledge" if row.kind == Recommendation.Kind.VOLUNTARY_PLEDGE else row.response] += 1
        if key not in existing_keys:
            new_rows.append(row)
    return ImportSummary(
        encoding=encoding, total_rows=len(rows), new_rows=new_rows,
        existing=len(seen) - len(new_rows), repeated_in_file=repeated, by_review=by_review,
    )


def _review_for(row: ImportRow, mechanism: Mechanism, cache: dict[tuple[str, str, int], Review]) -> Review:
    cache_key = (mechanism.code, row.state_under_review, row.cycle)
    if cache_key in cache:
        return cache[cache_key]
    if mechanism.kind == Mechanism.Kind.UPR:
        title = _("UPR cycle %(cycle)s — %(state)s") % {"cycle": row.cycle, "state": row.state_under_review}
    else:
        title = _("%(mechanism)s, report %(cycle)s — %(state)s") % {
            "mechanism": mechanism.acronym, "cycle": row.cycle, "state": row.state_under_review,
        }
    review, created = Review.objects.get_or_create(
        mechanism=mechanism, state_under_review=row.state_under_review, number=row.cycle,
        defaults={"title": title, "session": row.session, "year": row.year, "document_symbol": row.document_symbol},
    )
    if not created and review.session is None and row.session:
        review.session = row.session
        review.save(update_fields=["session", "updated_at"])
    cache[cache_key] = review
    return review


def _named(model: type[Theme] | type[AffectedGroup], names: list[str], cache: dict[str, object]) -> list[object]:
    """Existing taxonomy entries by name in any language (or slug); new names become new entries.

    Compared in Python (str.casefold): the taxonomy is small, and SQLite folds the case of ASCII only.
    """
    if not cache:
        for entry in model.objects.order_by("-id"):
            for label in (entry.slug, entry.name, entry.name_ru, entry.name_kk):
                if label:
                    cache[label.casefold()] = entry
    found = []
    for name in names:
        slug = slugify(name)[:80] or "item"
        entry = cache.get(name.casefold()) or cache.get(slug)
        if entry is None:
            entry = model.objects.create(slug=slug, name=name[:255])
            cache[name.casefold()] = cache[slug] = entry
        found.append(entry)
    return found


@transaction.atomic
def recommendation_import(
    *, raw: bytes, format: str, actor: User | None, filename: str = "", encoding: str | None = None,
    cycle: int | None = None, dry_run: bool = False,
) -> ImportSummary:
    """All or nothing: the first bad row raises ImportRowError and nothing is written. Re-imports add nothing."""
    rows, used = parse_file(raw, format=format, filename=filename, encoding=encoding, cycle=cycle)
    summary = recommendation_import_check(rows=rows, encoding=used)
    if dry_run:
        return summary
    mechanisms_ensure()
    mechanisms = {m.code: m for m in Mechanism.objects.all()}
    organizations = _organization_lookup(
        {n for r in summary.new_rows for n in r.responsible_agencies}
        | {r.source_organization for r in summary.new_rows if r.source_organization}
    )
    reviews: dict[tuple[str, str, int], Review] = {}
    states: dict[str, RecommendingState] = {}
    themes: dict[str, object] = {}
    groups: dict[str, object] = {}
    regional = {value for value, _label in RecommendingState.RegionalGroup.choices}
    for row in summary.new_rows:
        mechanism = mechanisms[row.mechanism]
        review = _review_for(row, mechanism, reviews)
        recommendation = Recommendation(
            kind=row.kind, mechanism=mechanism, review=review,
            document_symbol=row.document_symbol or review.document_symbol, paragraph=row.paragraph, text=row.text,
            action_category=row.action_category, response=row.response, status=row.status, natural_key=row.key,
            source_organization=organizations.get(row.source_organization.lower()) if row.source_organization else None,
        )
        if actor is not None:
            recommendation._history_user = actor  # type: ignore[attr-defined]
        recommendation.save()
        row_states = []
        for name, group in row.recommending_states:
            if name not in states:
                states[name], _created = RecommendingState.objects.get_or_create(
                    name=name, defaults={"regional_group": group if group in regional else ""}
                )
            row_states.append(states[name])
        if row_states:
            recommendation.recommending_states.set(row_states)
        if row.themes:
            recommendation.themes.set(_named(Theme, row.themes, themes))
        if row.affected_groups:
            recommendation.affected_groups.set(_named(AffectedGroup, row.affected_groups, groups))
        if row.sdg_targets:
            recommendation.sdg_targets.set([SdgTarget.objects.get_or_create(code=code[:8])[0] for code in row.sdg_targets])
        if row.responsible_agencies:
            recommendation.responsible_agencies.set([organizations[n.lower()] for n in row.responsible_agencies])
        summary.created += 1
    return summary


def import_upload_create(
    *, actor: User, file: UploadedFile, format: str, encoding: str = "", cycle: int | None = None
) -> ImportUpload:
    """Keep the uploaded file server-side between preview and confirmation (and forget stale ones)."""
    with transaction.atomic():
        ImportUpload.objects.filter(created_at__lt=timezone.now() - UPLOAD_KEEP).delete()
        return ImportUpload.objects.create(
            token=secrets.token_urlsafe(32), uploaded_by=actor, filename=file.name[:255], format=format,
            encoding=encoding, cycle=cycle, content=file.read(),
        )


def import_upload_confirm(*, actor: User, upload: ImportUpload) -> ImportSummary:
    if upload.imported_at is not None:
        raise ApplicationError(_("This file has already been imported."))
    with transaction.atomic():
        summary = recommendation_import(
            raw=bytes(upload.content), format=upload.format, actor=actor, filename=upload.filename,
            encoding=upload.encoding or None, cycle=upload.cycle,
        )
        upload.imported_at = timezone.now()
        upload.created_count = summary.created
        upload.save(update_fields=["imported_at", "created_count", "updated_at"])
    return summary


# --- Classification and editing ---------------------------------------------------------------


@transaction.atomic
def recommendation_update(*, actor: User, recommendation: Recommendation, data: dict[str, object]) -> Recommendation:
    """Save the secretariat's edit; the status change lands in the recommendation's history."""
    m2m = ("themes", "affected_groups", "sdg_targets", "responsible_agencies", "recommending_states")
    for name, value in data.items():
        if name not in m2m and name != "road_maps":
            setattr(recommendation, name, value)
    if recommendation.kind == Recommendation.Kind.VOLUNTARY_PLEDGE:
        recommendation.response = Recommendation.Response.NONE
    elif not recommendation.response:
        raise ApplicationError(_("A recommendation needs a response: supported, noted or pending."), field="response")
    recommendation._history_user = actor  # type: ignore[attr-defined]
    recommendation.save()
    for name in m2m:
        if name in data:
            getattr(recommendation, name).set(data[name])  # type: ignore[arg-type]
    if "road_maps" in data:
        recommendation.road_maps.set(data["road_maps"])  # type: ignore[arg-type]
    return recommendation


@transaction.atomic
def recommendation_bulk_classify(
    *, actor: User, recommendation_ids: list[int], theme: Theme | None = None, agency: Organization | None = None,
    road_map: RoadMap | None = None, status: str = "",
) -> int:
    """Add a theme, agency and/or road map to many recommendations at once (existing links stay)."""
    if not (theme or agency or road_map or status):
        raise ApplicationError(_("Choose a theme, an agency, a road map or a status to apply."))
    ids = list(Recommendation.objects.filter(pk__in=recommendation_ids).values_list("pk", flat=True))
    if not ids:
        raise ApplicationError(_("Select at least one recommendation."))
    if theme:
        Through = Recommendation.themes.through
        Through.objects.bulk_create([Through(recommendation_id=i, theme_id=theme.pk) for i in ids], ignore_conflicts=True)
    if agency:
        Through = Recommendation.responsible_agencies.through
        Through.objects.bulk_create(
            [Through(recommendation_id=i, organization_id=agency.pk) for i in ids], ignore_conflicts=True
        )
    if road_map:
        Through = RoadMap.recommendations.through
        Through.objects.bulk_create(
            [Through(recommendation_id=i, roadmap_id=road_map.pk) for i in ids], ignore_conflicts=True
        )
    if status:
        # Saved one by one so that each status change is in the history.
        for recommendation in Recommendation.objects.filter(pk__in=ids).exclude(status=status):
            recommendation.status = status
            recommendation._history_user = actor  # type: ignore[attr-defined]
            recommendation.save(update_fields=["status", "updated_at"])
    return len(ids)


# --- Road-map actions and their progress ------------------------------------------------------


def user_agency_ids(user: User) -> set[int]:
    return set(user.memberships.values_list("organization_id", flat=True))


def action_can_report(*, user: User, action: Action) -> bool:
    if user.is_secretariat:
        return True
    if not user.is_focal_point:
        return False
    return action.responsible_agencies.filter(pk__in=user_agency_ids(user)).exists()


@transaction.atomic
def progress_update_submit(
    *, actor: User, action: Action, date: datetime.date, text: str, evidence_url: str = "",
    evidence_file: UploadedFile | None = None, proposed_status: str = "",
) -> ProgressUpdate:
    if not action_can_report(user=actor, action=action):
        raise PermissionDenied(_("Only focal points of the agencies responsible for this action can report on it."))
    if date > timezone.localdate():
        raise ApplicationError(_("The date of progress cannot be in the future."), field="date")
    update = ProgressUpdate(
        action=action, date=date, text=text.strip(), evidence_url=evidence_url, proposed_status=proposed_status,
        author=actor,
    )
    if evidence_file is not None:
        update.evidence_file = evidence_file
    update.save()
    return update


@transaction.atomic
def progress_update_approve(*, actor: User, update: ProgressUpdate) -> ProgressUpdate:
    """Publish the update; the action takes the status the focal point reported."""
    update = ProgressUpdate.objects.select_for_update().select_related("action").get(pk=update.pk)
    if update.state != ProgressUpdate.State.SUBMITTED:
        raise ApplicationError(_("This update has already been reviewed."))
    update.state = ProgressUpdate.State.APPROVED
    update.reviewed_by = actor
    update.reviewed_at = timezone.now()
    update.save(update_fields=["state", "reviewed_by", "reviewed_at", "updated_at"])
    action = update.action
    if update.proposed_status and update.proposed_status != action.status:
        action_set_status(actor=actor, action=action, status=update.proposed_status, on=update.date)
    return update


@transaction.atomic
def progress_update_reject(*, actor: User, update: ProgressUpdate, note: str) -> ProgressUpdate:
    update = ProgressUpdate.objects.select_for_update().get(pk=update.pk)
    if update.state != ProgressUpdate.State.SUBMITTED:
        raise ApplicationError(_("This update has already been reviewed."))
    if not note.strip():
        raise ApplicationError(_("Tell the focal point why the update is returned."), field="note")
    update.state = ProgressUpdate.State.REJECTED
    update.reviewed_by = actor
    update.reviewed_at = timezone.now()
    update.review_note = note.strip()
    update.save(update_fields=["state", "reviewed_by", "reviewed_at", "review_note", "updated_at"])
    return update


@transaction.atomic
def action_set_status(*, actor: User, action: Action, status: str, on: datetime.date | None = None) -> Action:
    if status not in Action.Status.values:
        raise ApplicationError(_("Unknown status."), field="status")
    action.status = status
    action.completed_on = (on or timezone.localdate()) if status == Action.Status.DONE else None
    action._history_user = actor  # type: ignore[attr-defined]
    action.save(update_fields=["status", "completed_on", "updated_at"])
    return action


# --- Reference data (demo seed, admin-like upserts) --------------------------------------------

# (code, acronym, name, kind, order): the same list as migration 0002, for databases that were flushed
# after migrating (transactional tests) or built without migrations.
STANDARD_MECHANISMS = [
    ("upr", "UPR", "Universal Periodic Review", "upr", 10),
    ("cerd", "CERD", "Committee on the Elimination of Racial Discrimination", "treaty_body", 20),
    ("ccpr", "CCPR", "Human Rights Committee", "treaty_body", 21),
    ("cescr", "CESCR", "Committee on Economic, Social and Cultural Rights", "treaty_body", 22),
    ("cedaw", "CEDAW", "Committee on the Elimination of Discrimination against Women", "treaty_body", 23),
    ("cat", "CAT", "Committee against Torture", "treaty_body", 24),
    ("crc", "CRC", "Committee on the Rights of the Child", "treaty_body", 25),
    ("crpd", "CRPD", "Committee on the Rights of Persons with Disabilities", "treaty_body", 26),
    ("ced", "CED", "Committee on Enforced Disappearances", "treaty_body", 27),
    ("cmw", "CMW", "Committee on Migrant Workers", "treaty_body", 28),
    ("sp", "SP", "Special procedures of the Human Rights Council", "special_procedures", 40),
    ("ngo", "NGO", "NGO alternative reports", "ngo", 50),
    ("platform", "DP", "Dialogue Platform on the Human Dimension", "platform", 60),
]


@transaction.atomic
def mechanisms_ensure() -> None:
    """Create the standard mechanisms that are missing (existing rows keep the secretariat's edits)."""
    existing = set(Mechanism.objects.values_list("code", flat=True))
    Mechanism.objects.bulk_create([
        Mechanism(code=code, acronym=acronym, name=name, kind=kind, sort_order=order)
        for code, acronym, name, kind, order in STANDARD_MECHANISMS if code not in existing
    ])


@transaction.atomic
def review_upsert(
    *, mechanism_code: str, number: int, title: str, state_under_review: str = "Kazakhstan", session: int | None = None,
    year: int | None = None, document_symbol: str = "", description: str = "",
) -> Review:
    mechanisms_ensure()
    review, _created = Review.objects.update_or_create(
        mechanism=Mechanism.objects.get(code=mechanism_code), state_under_review=state_under_review, number=number,
        defaults={"title": title, "session": session, "year": year, "document_symbol": document_symbol,
                  "description": description},
    )
    return review


@transaction.atomic
def theme_upsert(*, slug: str, name: str, name_ru: str = "", name_kk: str = "") -> Theme:
    theme, _created = Theme.objects.update_or_create(slug=slug, defaults={"name": name, "name_ru": name_ru,
                                                                          "name_kk": name_kk})
    return theme


@transaction.atomic
def affected_group_upsert(*, slug: str, name: str, name_ru: str = "", name_kk: str = "") -> AffectedGroup:
    group, _created = AffectedGroup.objects.update_or_create(
        slug=slug, defaults={"name": name, "name_ru": name_ru, "name_kk": name_kk}
    )
    return group


@transaction.atomic
def roadmap_upsert(
    *, number: int, title: str, lead_agency: Organization, theme: Theme | None = None, description: str = "",
    recommendations: list[Recommendation] | None = None,
) -> RoadMap:
    road_map, _created = RoadMap.objects.update_or_create(
        number=number, defaults={"title": title, "lead_agency": lead_agency, "theme": theme, "description": description}
    )
    if recommendations is not None:
        road_map.recommendations.add(*recommendations)
    return road_map


@transaction.atomic
def action_upsert(
    *, road_map: RoadMap, number: int, description: str, responsible: list[Organization],
    partners: list[Organization] | None = None, deadline: datetime.date | None = None, indicator: str = "",
    status: str = Action.Status.NOT_STARTED, completed_on: datetime.date | None = None,
) -> Action:
    if status == Action.Status.DONE and completed_on is None:
        completed_on = deadline or timezone.localdate()
    values = {"description": description, "deadline": deadline, "indicator": indicator, "status": status,
              "completed_on": completed_on if status == Action.Status.DONE else None}
    action, created = Action.objects.get_or_create(road_map=road_map, number=number, defaults=values)
    changed = [name for name, value in values.items() if getattr(action, name) != value]
    # Saved only when something differs: each save is a "changed" entry in the action's public history.
    if not created and changed:
        for name in changed:
            setattr(action, name, values[name])
        action.save(update_fields=[*changed, "updated_at"])
    action.responsible_agencies.set(responsible)
    action.partners.set(partners or [])
    return action


@transaction.atomic
def plan_upsert(
    *, slug: str, title: str, adopted_by: str = "", adopted_on: datetime.date | None = None,
    start_year: int | None = None, end_year: int | None = None, description: str = "",
) -> NationalPlan:
    plan, _created = NationalPlan.objects.update_or_create(
        slug=slug, defaults={"title": title, "adopted_by": adopted_by, "adopted_on": adopted_on,
                             "start_year": start_year, "end_year": end_year, "description": description},
    )
    return plan


@transaction.atomic
def plan_measure_upsert(
    *, plan: NationalPlan, number: str, text: str, responsible: list[Organization] | None = None,
    deadline: datetime.date | None = None, recommendations: list[Recommendation] | None = None,
    road_maps: list[RoadMap] | None = None,
) -> PlanMeasure:
    measure, _created = PlanMeasure.objects.update_or_create(
        plan=plan, number=number, defaults={"text": text, "deadline": deadline}
    )
    measure.responsible_agencies.set(responsible or [])
    measure.recommendations.set(recommendations or [])
    measure.road_maps.set(road_maps or [])
    return measure


@transaction.atomic
def recommendation_create(
    *, actor: User | None, mechanism_code: str, review: Review, text: str, themes: list[Theme] | None = None,
    source_organization: Organization | None = None, responsible_agencies: list[Organization] | None = None,
    document_symbol: str = "", paragraph: str = "",
) -> Recommendation:
    """One recommendation typed or taken up by the secretariat (e.g. from an NGO submission), pending a response."""
    from recommendations.importers.base import natural_key

    mechanisms_ensure()
    mechanism = Mechanism.objects.get(code=mechanism_code)
    key = natural_key(mechanism=mechanism.code, state_under_review=review.state_under_review, cycle=review.number,
                      states=[source_organization.name] if source_organization else [], text=text)
    if Recommendation.objects.filter(natural_key=key).exists():
        raise ApplicationError(_("This recommendation is already in the tracker."))
    recommendation = Recommendation(
        kind=Recommendation.Kind.RECOMMENDATION, mechanism=mechanism, review=review, text=text,
        document_symbol=document_symbol, paragraph=paragraph, response=Recommendation.Response.PENDING,
        source_organization=source_organization, natural_key=key,
    )
    if actor is not None:
        recommendation._history_user = actor  # type: ignore[attr-defined]
    recommendation.save()
    recommendation.themes.set(themes or [])
    recommendation.responsible_agencies.set(responsible_agencies or [])
    return recommendation
