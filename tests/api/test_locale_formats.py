"""Open data in every language: the downloads page dates its files in the page's format with the zone, the API's
localized labels say a meeting's time as people read it, and typed text comes back whole from the API, the CSV and
the XLSX files (where dates are real date cells)."""

from __future__ import annotations

import csv
import datetime as dt
import io
import zoneinfo
from email.utils import parsedate_to_datetime

import pytest
from django.test import Client
from django.utils import timezone
from openpyxl import load_workbook

from api import services
from api.models import DataExport
from recommendations.models import ProgressUpdate
from tests.core.texts import MIXED
from tests.meetings.factories import MeetingFactory
from tests.recommendations.factories import ActionFactory, ProgressUpdateFactory, RecommendationFactory

pytestmark = pytest.mark.django_db

ALMATY = zoneinfo.ZoneInfo("Asia/Almaty")


def _download(client: Client, name: str) -> bytes:
    response = client.get(f"/open-data/files/{name}")
    assert response.status_code == 200, name
    return b"".join(response.streaming_content)  # type: ignore[attr-defined]  # a streaming response


@pytest.mark.parametrize(("language", "expected"), [
    ("kk", "02.12.2026, 23:37 (Алматы, UTC+5)"),
    ("ru", "02.12.2026, 23:37 (Алматы, UTC+5)"),
    ("en", "2 December 2026, 23:37 (Almaty, UTC+5)"),
])
def test_the_open_data_page_dates_its_files_in_the_page_language(
    client: Client, public_world: dict, language: str, expected: str,
) -> None:
    services.exports_refresh()
    DataExport.objects.update(generated_at=dt.datetime(2026, 12, 2, 23, 37, tzinfo=ALMATY))

    html = client.get(f"/{language}/open-data/").content.decode()

    assert expected in html
    assert "p.m." not in html and "Т.Қ." not in html and "Dec." not in html


def test_a_files_last_modified_header_is_an_http_date(client: Client, public_world: dict) -> None:
    services.exports_refresh()
    stamp = dt.datetime(2026, 12, 2, 23, 37, 5, tzinfo=ALMATY)
    DataExport.objects.update(generated_at=stamp)

    response = client.get("/open-data/files/recommendations.csv", headers={"accept-language": "ru"})

    assert response["Last-Modified"] == "Wed, 02 Dec 2026 18:37:05 GMT"
    assert parsedate_to_datetime(response["Last-Modified"]) == stamp


@pytest.mark.parametrize(("language", "expected"), [
    ("kk", "20.06.2027, 10:00–13:00 (Алматы, UTC+5)"),
    ("ru", "20.06.2027, 10:00–13:00 (Алматы, UTC+5)"),
    ("en", "20 June 2027, 10:00–13:00 (Almaty, UTC+5)"),
])
def test_the_apis_meeting_label_says_date_hours_and_zone_in_the_requested_language(
    client: Client, language: str, expected: str,
) -> None:
    starts = dt.datetime(2027, 6, 20, 10, 0, tzinfo=ALMATY)
    meeting = MeetingFactory(starts_at=starts, ends_at=starts + dt.timedelta(hours=3))

    body = client.get(f"/api/v1/meetings/{meeting.pk}/?lang={language}").json()

    assert body["when_label"] == expected
    assert body["starts_at"] == "2027-06-20T10:00:00+05:00"  # the machine-readable time is unchanged


@pytest.mark.parametrize(("language", "deadline", "completed", "progress"), [
    ("kk", "20.06.2027", "02.12.2026", "01.12.2026"),
    ("ru", "20.06.2027", "02.12.2026", "01.12.2026"),
    ("en", "20 June 2027", "2 December 2026", "1 December 2026"),
])
def test_the_apis_date_labels_of_actions_and_progress_are_in_the_requested_language(
    client: Client, language: str, deadline: str, completed: str, progress: str,
) -> None:
    action = ActionFactory(deadline=dt.date(2027, 6, 20), completed_on=dt.date(2026, 12, 2))
    open_action = ActionFactory(road_map=action.road_map, number=2, deadline=None)
    update = ProgressUpdateFactory(
        action=action, date=dt.date(2026, 12, 1), state=ProgressUpdate.State.APPROVED, reviewed_at=timezone.now(),
    )

    body = client.get(f"/api/v1/actions/{action.pk}/?lang={language}").json()
    other = client.get(f"/api/v1/actions/{open_action.pk}/?lang={language}").json()
    shown = client.get(f"/api/v1/progress-updates/{update.pk}/?lang={language}").json()

    assert (body["deadline_label"], body["completed_on_label"]) == (deadline, completed)
    assert body["deadline"] == "2027-06-20"  # the machine-readable date is unchanged
    assert (other["deadline_label"], other["completed_on_label"]) == ("", "")
    assert shown["date_label"] == progress
    assert shown["date"] == "2026-12-01"


def test_typed_text_comes_back_whole_from_the_api(client: Client) -> None:
    meeting = MeetingFactory(title=MIXED, description=MIXED, venue=MIXED)
    recommendation = RecommendationFactory(text=MIXED)

    body = client.get(f"/api/v1/meetings/{meeting.pk}/?lang=kk").json()
    assert (body["title"], body["description"], body["venue"]) == (MIXED, MIXED, MIXED)
    assert client.get(f"/api/v1/recommendations/{recommendation.pk}/").json()["text"] == MIXED


def test_typed_text_comes_back_whole_from_the_csv_and_xlsx_files_with_real_dates(client: Client) -> None:
    recommendation = RecommendationFactory(text=MIXED)
    action = ActionFactory(description="=HYPERLINK(\"x\") " + MIXED, deadline=dt.date(2027, 6, 20))
    services.exports_refresh()

    rows = list(csv.DictReader(io.StringIO(_download(client, "recommendations.csv").decode("utf-8-sig"))))
    assert [row["text"] for row in rows if row["id"] == str(recommendation.pk)] == [MIXED]

    sheet = load_workbook(io.BytesIO(_download(client, "roadmaps.xlsx"))).active
    header = [cell.value for cell in sheet[1]]
    row = next(r for r in sheet.iter_rows(min_row=2) if r[header.index("action_id")].value == action.pk)
    description, deadline = row[header.index("description")], row[header.index("deadline")]
    assert description.value == "=HYPERLINK(\"x\") " + MIXED and description.data_type == "s"
    assert deadline.is_date and deadline.value.date() == dt.date(2027, 6, 20)
    assert deadline.number_format == "yyyy-mm-dd"  # language-neutral, as the data dictionary says
    csv_rows = list(csv.DictReader(io.StringIO(_download(client, "roadmaps.csv").decode("utf-8-sig"))))
    assert [r["deadline"] for r in csv_rows if r["action_id"] == str(action.pk)] == ["2027-06-20"]

