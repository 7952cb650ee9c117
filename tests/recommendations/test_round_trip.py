"""Typed text (Kazakh letters, mixed scripts, right-to-left marks, emoji, HTML-looking text) through the tracker:
search finds it by a Kazakh word, the page shows it escaped, and the CSV and XLSX exports give it back whole,
with a text that starts with "=" kept as text (not a spreadsheet formula)."""

from __future__ import annotations

import csv
import io

import pytest
from django.test import Client
from django.urls import reverse
from django.utils.html import escape
from openpyxl import load_workbook

from tests.core.texts import KAZAKH_WORD, MIXED
from tests.recommendations.factories import RecommendationFactory

pytestmark = pytest.mark.django_db

FORMULA = "=HYPERLINK(\"https://example.org\",\"x\") " + MIXED


@pytest.mark.parametrize("language", ["kk", "ru", "en"])
def test_the_tracker_finds_typed_text_by_a_kazakh_word_and_shows_it_escaped(client: Client, language: str) -> None:
    RecommendationFactory(text=MIXED)
    RecommendationFactory(text="Ratify the Optional Protocol")

    page = client.get(f"/{language}/recommendations/", {"q": KAZAKH_WORD}).content.decode()

    # The matching word is highlighted (<mark>, docs/search.md) in a snippet of the text, escaped.
    assert f"<mark>{KAZAKH_WORD}</mark>" in page
    assert escape("<b>not bold</b>") in page
    assert "<b>not bold</b>" not in page
    assert "Ratify the Optional Protocol" not in page


def test_the_tracker_exports_give_typed_text_back_whole(client: Client) -> None:
    RecommendationFactory(text=MIXED)
    RecommendationFactory(text=FORMULA)

    csv_body = b"".join(client.get(reverse("recommendations:export", args=["csv"])).streaming_content)  # type: ignore[attr-defined]  # a streaming response
    xlsx = b"".join(client.get(reverse("recommendations:export", args=["xlsx"])).streaming_content)  # type: ignore[attr-defined]  # a streaming response
    sheet = load_workbook(io.BytesIO(xlsx)).active
    texts = [row[6] for row in sheet.iter_rows(min_row=2, values_only=True)]
    cells = [row[6] for row in sheet.iter_rows(min_row=2)]

    rows = list(csv.reader(io.StringIO(csv_body.decode("utf-8-sig"))))
    assert sorted(row[6] for row in rows[1:]) == sorted([MIXED, FORMULA])
    assert sorted(texts, key=str) == sorted([MIXED, FORMULA])  # a cell holds any type to the stubs
    assert all(cell.data_type == "s" for cell in cells)  # text, not a formula
