"""The tracker's "export this view": exactly the rows of the filtered view, every page of it, in the view's order,
with the documented columns; CSV streamed as it is written, XLSX written to a temporary file and streamed."""

from __future__ import annotations

import csv
import io
from typing import Any

import pytest
from django.http import FileResponse, StreamingHttpResponse
from django.test import Client
from django.urls import reverse
from django.utils import translation
from openpyxl import load_workbook

from recommendations import selectors
from recommendations.filters import RecommendationFilter
from recommendations.models import Recommendation
from recommendations.views.tracker import EXPORT_COLUMNS, PAGE_SIZE
from tests.recommendations.factories import RecommendationFactory, ReviewFactory, ThemeFactory, mechanism

pytestmark = pytest.mark.django_db


def view_ids(params: dict[str, str]) -> list[int]:
    """The ids of the tracker's view for these parameters, all pages, in its order."""
    filterset = RecommendationFilter(params, queryset=selectors.recommendation_list())
    return list(filterset.ordered_qs.values_list("id", flat=True))


def csv_rows(response: Any) -> list[list[str]]:  # the test client's StreamingHttpResponse
    return list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig"))))


def xlsx_sheet(response: Any) -> tuple[str, list[tuple]]:  # the test client's FileResponse
    book = load_workbook(io.BytesIO(b"".join(response.streaming_content)), read_only=True)
    return book.sheetnames[0], list(book.active.iter_rows(values_only=True))


@pytest.fixture
def tracker_rows() -> dict[str, object]:
    torture = ThemeFactory(name="Torture")
    upr, cedaw = ReviewFactory(number=3), ReviewFactory(mechanism=mechanism("cedaw"), number=5, title="CEDAW 5")
    # More matching rows than one page holds, so the export must go past the first page.
    for n in range(PAGE_SIZE + 7):
        RecommendationFactory(review=upr, text=f"Noted on torture {n}", response=Recommendation.Response.NOTED,
                              themes=[torture])
    RecommendationFactory(review=upr, text="Noted without the theme", response=Recommendation.Response.NOTED)
    RecommendationFactory(review=upr, text="Supported on torture", themes=[torture])
    RecommendationFactory(review=cedaw, text="CEDAW noted on torture", response=Recommendation.Response.NOTED,
                          themes=[torture])
    return {"theme": torture.slug}


@pytest.mark.parametrize("sort", ["", "-date"])
def test_export_of_a_filtered_view_holds_exactly_that_view_in_both_formats(
    client: Client, tracker_rows: dict[str, object], sort: str
) -> None:
    params = {"mechanism": "upr", "response": "noted", "theme": str(tracker_rows["theme"]), "sort": sort}
    expected = view_ids(params)
    assert len(expected) == PAGE_SIZE + 7

    rows = csv_rows(client.get(reverse("recommendations:export", args=["csv"]), params))
    title, sheet = xlsx_sheet(client.get(reverse("recommendations:export", args=["xlsx"]), params))

    assert rows[0] == EXPORT_COLUMNS and list(sheet[0]) == EXPORT_COLUMNS
    assert [int(r[0]) for r in rows[1:]] == expected
    assert [r[0] for r in sheet[1:]] == expected
    assert all(r[6].startswith("Noted on torture") for r in rows[1:])
    # Both formats carry the same cells (XLSX keeps numbers as numbers and reads an empty cell back as None).
    assert [["" if v is None else str(v) for v in r] for r in sheet[1:]] == rows[1:]
    assert title == "Recommendations"


def test_export_without_filters_holds_every_recommendation(client: Client, tracker_rows: dict[str, object]) -> None:
    rows = csv_rows(client.get(reverse("recommendations:export", args=["csv"])))
    assert sorted(int(r[0]) for r in rows[1:]) == sorted(Recommendation.objects.values_list("id", flat=True))


def test_export_is_streamed_and_named_after_the_day(client: Client, tracker_rows: dict[str, object]) -> None:
    as_csv = client.get(reverse("recommendations:export", args=["csv"]))
    as_xlsx = client.get(reverse("recommendations:export", args=["xlsx"]))

    assert isinstance(as_csv, StreamingHttpResponse) and as_csv["Content-Type"] == "text/csv; charset=utf-8"
    assert isinstance(as_xlsx, FileResponse)
    assert as_xlsx["Content-Type"] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    for response, ext in ((as_csv, "csv"), (as_xlsx, "xlsx")):
        assert response["Content-Disposition"].startswith('attachment; filename="recommendations-')
        assert response["Content-Disposition"].endswith(f'.{ext}"')


def test_the_sheet_is_named_in_the_language_of_the_page(client: Client, tracker_rows: dict[str, object]) -> None:
    with translation.override("ru"):
        url, expected = reverse("recommendations:export", args=["xlsx"]), translation.gettext("Recommendations")
    title, sheet = xlsx_sheet(client.get(url))
    assert url.startswith("/ru/") and title == expected == "Рекомендации"
    assert list(sheet[0]) == EXPORT_COLUMNS  # column keys stay language-neutral, as the import format documents
