"""Bulk files: built from the data, rebuilt only when it changed, served from the open data page; the data
dictionary documents every column; the Atom feeds list new recommendations and approved progress."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json

import feedparser
import pytest
from django.test import Client
from django.utils import timezone
from django.utils.translation import override
from openpyxl import load_workbook

from api import exports, services
from api.models import DataExport
from api.tasks import exports_refresh
from core import tabular
from recommendations.models import Recommendation
from tests.recommendations.factories import RecommendationFactory

pytestmark = pytest.mark.django_db


def download(client: Client, name: str) -> bytes:
    response = client.get(f"/open-data/files/{name}")
    assert response.status_code == 200, name
    return b"".join(response.streaming_content)  # type: ignore[attr-defined]  # a streaming response


def test_the_task_builds_every_dataset_in_three_formats(client: Client, imported_sample: None) -> None:
    assert exports_refresh.delay().get() == 6

    files = {(f.dataset, f.format): f for f in DataExport.objects.all()}
    assert set(files) == {(d, f) for d in ("recommendations", "roadmaps") for f in ("csv", "xlsx", "json")}
    assert files["recommendations", "csv"].row_count == 326

    rows = list(csv.DictReader(io.StringIO(download(client, "recommendations.csv").decode("utf-8-sig"))))
    assert len(rows) == 326
    assert [c.key for c in exports.RECOMMENDATION_COLUMNS] == list(rows[0])
    assert sum(r["kind"] == "voluntary_pledge" for r in rows) == 1
    assert sum(r["response"] == "noted" for r in rows) == 56

    document = json.loads(download(client, "recommendations.json"))
    assert len(document["rows"]) == 326 and document["dataset"] == "recommendations"
    assert isinstance(document["rows"][0]["themes"], list)

    sheet = load_workbook(io.BytesIO(download(client, "recommendations.xlsx")), read_only=True).active
    assert len(list(sheet.iter_rows())) == 327


def test_files_are_rebuilt_only_after_the_data_changed(client: Client, public_world: dict) -> None:
    first = services.exports_refresh()
    assert len(first) == 6
    stamp = DataExport.objects.get(dataset="recommendations", format="csv").generated_at

    assert services.exports_refresh() == []  # nothing changed: nothing rebuilt
    RecommendationFactory(text="A brand new recommendation on torture prevention.")
    rebuilt = services.exports_refresh()

    assert {(e.dataset, e.format) for e in rebuilt} >= {("recommendations", f) for f in ("csv", "xlsx", "json")}
    export = DataExport.objects.get(dataset="recommendations", format="csv")
    assert export.generated_at > stamp
    assert "torture prevention" in download(client, "recommendations.csv").decode("utf-8-sig")


def test_a_bulk_withdrawal_or_a_bulk_import_makes_the_files_stale(public_world: dict) -> None:
    # Neither sends post_save signals nor touches updated_at: the counts tell. (A public recommendation is withdrawn,
    # never deleted: PostgreSQL refuses the DELETE, core.dbguards.)
    before = services.exports_fingerprint("recommendations")
    Recommendation.objects.filter(pk=public_world["recommendation"].pk).update(withdrawn_at=timezone.now())
    after_delete = services.exports_fingerprint("recommendations")
    Recommendation.objects.bulk_create([RecommendationFactory.build(review=public_world["recommendation"].review,
                                                                    natural_key="bulk-1")])

    assert len({before, after_delete, services.exports_fingerprint("recommendations")}) == 3


def test_roadmap_file_has_one_row_per_action_with_its_latest_approved_update(
    client: Client, public_world: dict
) -> None:
    services.exports_refresh()

    rows = list(csv.DictReader(io.StringIO(download(client, "roadmaps.csv").decode("utf-8-sig"))))

    assert [(r["road_map"], r["action_number"]) for r in rows] == [("7", "1"), ("7", "2")]
    assert rows[0]["latest_update"] == "Draft law submitted."
    assert rows[0]["approved_updates"] == "1"
    assert rows[0]["partners"] == "Human Rights Bureau"
    assert rows[1]["is_overdue"] == "false"  # done, though its deadline passed


def test_downloads_page_lists_files_with_their_date_and_links_every_feed(client: Client, public_world: dict) -> None:
    before = client.get("/en/open-data/").content.decode()
    assert "being prepared" in before

    services.exports_refresh()
    page = client.get("/en/open-data/").content.decode()

    for name in ("recommendations.csv", "recommendations.xlsx", "recommendations.json", "roadmaps.csv"):
        assert f"/open-data/files/{name}" in page
    for feed in ("/feeds/recommendations.atom", "/feeds/roadmaps/progress.atom", "/feeds/meetings/minutes.atom",
                 "/feeds/meetings/schedule.ics", "/en/open-data/dictionary/", "/en/open-data/api/"):
        assert feed in page
    assert "being prepared" not in page


def test_a_file_not_generated_yet_is_404(client: Client) -> None:
    assert client.get("/open-data/files/recommendations.csv").status_code == 404
    assert client.get("/open-data/files/passwords.csv").status_code == 404


@pytest.mark.parametrize(("language", "heading"), [("en", "Data dictionary"), ("ru", "Словарь данных"),
                                                   ("kk", "Деректер сөздігі")])
def test_data_dictionary_documents_every_column_in_each_language(client: Client, language: str, heading: str) -> None:
    page = client.get(f"/{language}/open-data/dictionary/").content.decode()

    assert heading in page
    for dataset in exports.DATASETS.values():
        for column in dataset.columns:
            assert f'id="{dataset.key}-{column.key}"' in page
            with override(language):
                assert str(column.meaning) in page.replace("&#x27;", "'").replace("&quot;", '"')


def test_feeds_list_new_recommendations_and_only_approved_progress(client: Client, public_world: dict) -> None:
    recommendations = feedparser.parse(client.get("/feeds/recommendations.atom").content)
    progress = feedparser.parse(client.get("/feeds/roadmaps/progress.atom").content)

    assert [e.link for e in recommendations.entries] == [
        f"https://dialogue.example.kz/en/recommendations/{public_world['recommendation'].pk}/"]
    # The date of the progress, as English pages write it (day, month name, year), then the text.
    date = public_world["approved"].date
    assert [e.summary for e in progress.entries] == [f"{date.day} {date:%B %Y}: Draft law submitted."]
    assert progress.entries[0].link == "https://dialogue.example.kz/en/roadmaps/7/"


def test_one_pass_writes_the_three_formats_with_the_same_rows_columns_and_counts(
    client: Client, imported_sample: None, public_world: dict
) -> None:
    services.exports_refresh()
    keys = [c.key for c in exports.RECOMMENDATION_COLUMNS]
    total = Recommendation.objects.count()

    csv_rows = list(csv.reader(io.StringIO(download(client, "recommendations.csv").decode("utf-8-sig"))))
    sheet = load_workbook(io.BytesIO(download(client, "recommendations.xlsx")), read_only=True)
    xlsx_rows = [["" if v is None else str(v) for v in row] for row in sheet.active.iter_rows(values_only=True)]
    document = json.loads(download(client, "recommendations.json"))

    assert sheet.sheetnames == ["recommendations"]
    assert csv_rows[0] == keys == [str(v) for v in xlsx_rows[0]] == document["fields"]
    assert list(document) == ["dataset", "generated_at", "dictionary", "fields", "rows"]
    assert len(csv_rows) - 1 == len(xlsx_rows) - 1 == len(document["rows"]) == total
    assert {f.row_count for f in DataExport.objects.filter(dataset="recommendations")} == {total}
    assert csv_rows[1:] == xlsx_rows[1:]
    # JSON keeps lists and numbers; flattened the way CSV cells are, it says the same thing. Times are the same
    # instant, JSON's to the millisecond (DjangoJSONEncoder), the cells' to the microsecond.
    times = {c.key for c in exports.RECOMMENDATION_COLUMNS if c.type == exports.DATETIME}
    for json_row, csv_row in zip(document["rows"], csv_rows[1:], strict=True):
        cells = dict(zip(keys, csv_row, strict=True))
        assert {k: str(tabular.text_cell(json_row[k])) for k in keys if k not in times} == {
            k: v for k, v in cells.items() if k not in times}
        for key in times:
            in_json = dt.datetime.fromisoformat(json_row[key].replace("Z", "+00:00"))
            assert abs(in_json - dt.datetime.fromisoformat(cells[key])) < dt.timedelta(milliseconds=1)
    recommendation = public_world["recommendation"]
    row = next(r for r in document["rows"] if r["id"] == recommendation.pk)
    assert row["web_url"] == f"https://dialogue.example.kz/en/recommendations/{recommendation.pk}/"
    assert isinstance(row["road_maps"], list) and isinstance(row["id"], int)
    assert {f.size for f in DataExport.objects.all()} and all(f.size == f.file.size for f in DataExport.objects.all())


def test_a_failed_build_keeps_the_previous_files(public_world: dict, monkeypatch: pytest.MonkeyPatch) -> None:
    services.exports_refresh()
    before = {(e.dataset, e.format): (e.file.name, e.fingerprint) for e in DataExport.objects.all()}
    RecommendationFactory(text="A change that makes the files stale.")

    def broken(*args: object, **kwargs: object) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(exports, "build_files", broken)
    with pytest.raises(OSError, match="disk full"):
        services.exports_refresh()

    exports_now = DataExport.objects.all()
    assert {(e.dataset, e.format): (e.file.name, e.fingerprint) for e in exports_now} == before
    assert all(e.file.storage.exists(e.file.name) for e in exports_now)  # type: ignore[arg-type]  # written files
