"""The bulk files and their data dictionary: one list of columns per dataset drives the CSV, XLSX and JSON
writers and the dictionary page, so the documentation cannot drift from the files."""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from itertools import islice
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db.models import Prefetch, QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from core import search, tabular
from core.language import in_language
from participants.models import Organization
from recommendations.models import Action, ProgressUpdate, Recommendation, RoadMap

# Types as the dictionary names them.
INTEGER = _("integer")
TEXT = _("text")
CODE = _("code (fixed list)")
DATE = _("date (YYYY-MM-DD)")
DATETIME = _("date and time (ISO 8601, UTC offset)")
LIST = _("list of texts")
INT_LIST = _("list of integers")
URL = _("URL")
BOOLEAN = _("true or false")


@dataclass(frozen=True)
class Column:
    key: str
    type: Promise
    meaning: Promise
    value: Callable[[Any], Any]
    codes: tuple[tuple[str, Any], ...] = ()


def _names(items: Iterable[Any]) -> list[str]:
    return [item.name for item in items]


def _url(name: str, *args: object) -> str:
    with in_language(settings.LANGUAGE_CODE):
        return settings.SITE_URL + reverse(name, args=args)


_PK_PLACEHOLDER = 987654321


@lru_cache(maxsize=8)
def _detail_url_template(name: str, site_url: str) -> str:
    # Resolving the URL once per file instead of once per row: reverse() is a large share of a row's cost.
    return _url(name, _PK_PLACEHOLDER).replace(str(_PK_PLACEHOLDER), "{pk}")


def _detail_url(name: str, pk: int) -> str:
    return _detail_url_template(name, settings.SITE_URL).format(pk=pk)


def _codes(choices: Any) -> tuple[tuple[str, Any], ...]:
    return tuple((value, label) for value, label in choices)


LANGUAGE_MEANINGS = {
    "kk": _("In Kazakh; empty where there is no Kazakh text."),
    "ru": _("In Russian; empty where there is no Russian text."),
    "en": _("In English; empty where there is no English text."),
}


def _in_every_language(key: str, field: str, of: Callable[[Any], Any] = lambda obj: obj) -> tuple[Column, ...]:
    """`<key>_kk`, `<key>_ru`, `<key>_en`: a translatable field in each language (issue 15, item 7), beside the
    plain column, which keeps the text in the file's language (English) or its fallback."""

    def column_in(language: str) -> Callable[[Any], Any]:
        return lambda obj: getattr(of(obj), f"{field}_{language}", None) or ""

    return tuple(
        Column(f"{key}_{language}", TEXT, LANGUAGE_MEANINGS[language], column_in(language))
        for language in ("kk", "ru", "en")
    )


RECOMMENDATION_COLUMNS: tuple[Column, ...] = (
    Column("id", INTEGER, _("The portal's permanent number of the recommendation (also its API id)."), lambda r: r.pk),
    Column("reference", TEXT, _("Document symbol and paragraph, as cited."), lambda r: r.reference),
    Column("kind", CODE, _("A recommendation to the state, or the state's own voluntary pledge."), lambda r: r.kind,
           _codes(Recommendation.Kind.choices)),
    Column("mechanism", CODE, _("Code of the mechanism that made it (upr, cedaw, crpd, ngo...)."),
           lambda r: r.mechanism.code),
    Column("mechanism_name", TEXT, _("Full name of the mechanism."), lambda r: r.mechanism.name),
    Column("state_under_review", TEXT, _("The state the recommendation is addressed to."),
           lambda r: r.review.state_under_review),
    Column("cycle", INTEGER, _("UPR cycle, or the number of the treaty body's periodic report."),
           lambda r: r.review.number),
    Column("session", INTEGER, _("Session of the UPR Working Group or of the committee, when known."),
           lambda r: r.review.session),
    Column("year", INTEGER, _("Year of the review, when known."), lambda r: r.review.year),
    Column("document_symbol", TEXT, _("UN document symbol of the report that contains it, e.g. A/HRC/43/10."),
           lambda r: r.document_symbol),
    Column("paragraph", TEXT, _("Paragraph number in that document, e.g. 141.23."), lambda r: r.paragraph),
    Column("text", TEXT, _("The recommendation, as worded by the mechanism."), lambda r: r.text),
    *_in_every_language("text", "text"),
    Column("original_language", CODE, _("The language the text was first entered in."),
           lambda r: r.original_language, _codes(settings.LANGUAGES)),
    Column("recommending_states", LIST, _("States that made it (UPR only)."), lambda r: r.related["recommending_states"]),
    Column("action_category", INTEGER, _("UPR Info's action category, 1 (minimal) to 5 (specific action)."),
           lambda r: r.action_category, _codes(Recommendation.ActionCategory.choices)),
    Column("response", CODE, _("The state's response; empty for a voluntary pledge."), lambda r: r.response,
           _codes(Recommendation.Response.choices)),
    Column("status", CODE, _("Implementation status, as assessed by the secretariat."), lambda r: r.status,
           _codes(Recommendation.Status.choices)),
    Column("themes", LIST, _("Human-rights themes (English names)."), lambda r: r.related["themes"]),
    Column("affected_groups", LIST, _("Groups of people the recommendation concerns."),
           lambda r: r.related["affected_groups"]),
    Column("sdg_targets", LIST, _("Sustainable Development Goal targets, e.g. 16.3."),
           lambda r: r.related["sdg_targets"]),
    Column("responsible_agencies", LIST, _("State bodies responsible for carrying it out."),
           lambda r: r.related["responsible_agencies"]),
    Column("road_maps", INT_LIST, _("Numbers of the road maps that answer it."),
           lambda r: r.related["road_maps"]),
    Column("source_organization", TEXT, _("For NGO recommendations: the organisation that proposed it."),
           lambda r: r.source_organization.name if r.source_organization else ""),
    Column("web_url", URL, _("Its page on the portal."), lambda r: _detail_url("recommendations:recommendation-detail", r.pk)),
    Column("created_at", DATETIME, _("When it was added to the portal."), lambda r: r.created_at),
    Column("updated_at", DATETIME, _("When it last changed."), lambda r: r.updated_at),
)

ACTION_COLUMNS: tuple[Column, ...] = (
    Column("road_map", INTEGER, _("Number of the road map."), lambda a: a.road_map.number),
    Column("road_map_title", TEXT, _("Title of the road map."), lambda a: a.road_map.title),
    *_in_every_language("road_map_title", "title", lambda a: a.road_map),
    Column("road_map_theme", TEXT, _("Theme of the road map (English name)."),
           lambda a: a.road_map.theme.name if a.road_map.theme else ""),
    Column("lead_agency", TEXT, _("The state body that leads the road map."), lambda a: a.road_map.lead_agency.name),
    Column("recommendations", INT_LIST, _("Ids of the recommendations the road map answers."),
           lambda a: [r.pk for r in a.road_map.recommendation_list]),
    Column("action_id", INTEGER, _("The portal's permanent number of the action (also its API id)."),
           lambda a: a.pk),
    Column("action_number", INTEGER, _("Number of the action within its road map."), lambda a: a.number),
    Column("description", TEXT, _("What the action is."), lambda a: a.description),
    *_in_every_language("description", "description"),
    Column("responsible_agencies", LIST, _("State bodies that carry it out."), lambda a: _names(a.agency_list)),
    Column("partners", LIST, _("Partner organisations (NGOs, international organisations)."),
           lambda a: _names(a.partner_list)),
    Column("deadline", DATE, _("When it is due, if a deadline was set."), lambda a: a.deadline),
    Column("indicator", TEXT, _("How its completion is measured."), lambda a: a.indicator),
    *_in_every_language("indicator", "indicator"),
    Column("status", CODE, _("Where the action stands."), lambda a: a.status, _codes(Action.Status.choices)),
    Column("completed_on", DATE, _("When it was done."), lambda a: a.completed_on),
    Column("is_overdue", BOOLEAN, _("Past its deadline and not done, on the day the file was made."),
           lambda a: a.is_overdue),
    Column("approved_updates", INTEGER, _("Number of progress reports published for it."),
           lambda a: len(a.approved_updates)),
    Column("latest_update_date", DATE, _("Date of the latest published progress report."),
           lambda a: a.approved_updates[0].date if a.approved_updates else None),
    Column("latest_update", TEXT, _("Text of the latest published progress report."),
           lambda a: a.approved_updates[0].text if a.approved_updates else ""),
)


@dataclass(frozen=True)
class Dataset:
    key: str
    title: Promise
    description: Promise
    columns: tuple[Column, ...]
    rows: Callable[[], Iterator[Any]]


# How many rows are read, and their relations loaded, at a time: a few MB of rows, few queries.
CHUNK_SIZE = 2000

# The list columns of a recommendation: (relation, the value listed, its order). Read from the join tables as
# plain values, one query per relation and chunk: prefetch_related would build a queryset and model instances
# per row and relation, which was most of the time the files took (issue 17).
_RECOMMENDATION_LISTS: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    ("recommending_states", "recommendingstate__name", ("id",)),
    ("themes", "theme__name", ("theme__name", "id")),
    ("affected_groups", "affectedgroup__name", ("id",)),
    ("sdg_targets", "sdgtarget__code", ("id",)),
    ("responsible_agencies", "organization__name", ("organization__name", "id")),
)


def _lists_for(ids: list[int]) -> dict[int, dict[str, list[Any]]]:
    lists: dict[int, dict[str, list[Any]]] = {
        pk: {name: [] for name in (*(r[0] for r in _RECOMMENDATION_LISTS), "road_maps")} for pk in ids
    }
    for relation, value, order in _RECOMMENDATION_LISTS:
        through = getattr(Recommendation, relation).through
        rows = through.objects.filter(recommendation_id__in=ids).order_by(*order).values_list("recommendation_id", value)
        for pk, item in rows:
            lists[pk][relation].append(item)
    road_maps = (
        RoadMap.recommendations.through.objects.filter(recommendation_id__in=ids)
        .order_by("roadmap__number").values_list("recommendation_id", "roadmap__number")
    )
    for pk, number in road_maps:
        lists[pk]["road_maps"].append(number)
    return lists


def _batches(rows: Iterator[Any], size: int) -> Iterator[list[Any]]:
    while batch := list(islice(rows, size)):
        yield batch


def _recommendation_rows() -> Iterator[Recommendation]:
    qs: QuerySet[Recommendation] = (
        Recommendation.objects.select_related("mechanism", "review", "source_organization")
        .defer(*search.vector_fields())
        .order_by("id")
    )
    for chunk in _batches(qs.iterator(chunk_size=CHUNK_SIZE), CHUNK_SIZE):
        lists = _lists_for([r.pk for r in chunk])
        for recommendation in chunk:
            recommendation.related = lists[recommendation.pk]  # read by the columns
            yield recommendation


def _action_rows() -> Iterator[Action]:
    approved = ProgressUpdate.objects.filter(state=ProgressUpdate.State.APPROVED).order_by("-date", "-id")
    qs = (
        Action.objects.select_related("road_map__theme", "road_map__lead_agency")
        .prefetch_related(
            Prefetch("road_map__recommendations", queryset=Recommendation.objects.only("id").order_by("id"),
                     to_attr="recommendation_list"),
            Prefetch("responsible_agencies", queryset=Organization.objects.order_by("name"), to_attr="agency_list"),
            Prefetch("partners", queryset=Organization.objects.order_by("name"), to_attr="partner_list"),
            Prefetch("updates", queryset=approved, to_attr="approved_updates"),
        )
        .order_by("road_map__number", "number", "id")
    )
    return qs.iterator(chunk_size=2000)


DATASETS: dict[str, Dataset] = {
    "recommendations": Dataset(
        "recommendations", _("Recommendations tracker"),
        _("Every recommendation and pledge in the tracker, one row each."), RECOMMENDATION_COLUMNS,
        _recommendation_rows,
    ),
    "roadmaps": Dataset(
        "roadmaps", _("Road maps and actions"),
        _("Every action of every road map, one row each, with its road map and its latest published progress."),
        ACTION_COLUMNS, _action_rows,
    ),
}


@dataclass(frozen=True)
class BuiltFile:
    format: str
    path: Path
    row_count: int
    size: int


FORMATS = ("csv", "xlsx", "json")


def build_files(dataset: Dataset, directory: Path) -> dict[str, BuiltFile]:
    """The dataset as CSV, XLSX and JSON files in `directory`, written together in one pass over the rows.

    Each row's values are computed once and go to the three writers; nothing is held beyond the current chunk
    of rows (the XLSX rows wait in openpyxl's temporary file until it is zipped). Values are language-neutral
    (codes, English names); CSV and XLSX cells are plain text (tabular.text_cell), JSON keeps lists and numbers.
    """
    keys = [column.key for column in dataset.columns]
    values_of = [column.value for column in dataset.columns]
    paths = {fmt: directory / f"{dataset.key}.{fmt}" for fmt in FORMATS}
    count = 0
    with in_language(settings.LANGUAGE_CODE), \
            paths["csv"].open("w", encoding="utf-8", newline="") as csv_file, \
            paths["json"].open("w", encoding="utf-8") as json_file:
        csv_writer = tabular.CsvWriter(csv_file, keys)
        xlsx_writer = tabular.XlsxWriter(iso_dates=True)
        xlsx_writer.sheet(dataset.key, keys)
        json_writer = tabular.JsonWriter(json_file, {
            "dataset": dataset.key,
            "generated_at": timezone.now(),
            "dictionary": _url("open_data:dictionary"),
            "fields": keys,
        })
        for row in dataset.rows():
            values = [value(row) for value in values_of]
            cells = [tabular.text_cell(value) for value in values]
            csv_writer.write(cells)
            # A date stays a date cell (shown YYYY-MM-DD); datetimes stay ISO text, keeping their UTC offset.
            xlsx_writer.write([
                value if isinstance(value, datetime.date) and not isinstance(value, datetime.datetime) else cell
                for value, cell in zip(values, cells, strict=True)
            ])
            json_writer.write(dict(zip(keys, values, strict=True)))
            count += 1
        json_writer.close()
        xlsx_writer.save(str(paths["xlsx"]))
    return {fmt: BuiltFile(fmt, path, count, path.stat().st_size) for fmt, path in paths.items()}
