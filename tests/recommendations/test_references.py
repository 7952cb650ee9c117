"""UN references (issue 16, item 7): one parser and one check against the tracker, readable labels instead of
database numbers, and the text of each reference on hover and focus."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation

from recommendations import references
from recommendations.references import Entry
from tests.participants.factories import OrganizationFactory
from tests.recommendations.factories import RecommendationFactory, ReviewFactory, mechanism

pytestmark = pytest.mark.django_db


def test_parse_reads_symbols_paragraphs_and_tracker_numbers() -> None:
    entries, bad = references.parse("A/HRC/43/10 para 141.7, 141.98; CEDAW/C/KAZ/CO/5\n#12")
    assert entries == [Entry("ref", "A/HRC/43/10", "141.7"), Entry("ref", "A/HRC/43/10", "141.98"),
                       Entry("ref", "CEDAW/C/KAZ/CO/5"), Entry("id", "12")]
    assert bad == []


def test_parse_accepts_russian_and_kazakh_paragraph_words() -> None:
    assert references.parse("A/HRC/43/10 п. 141.7")[0] == [Entry("ref", "A/HRC/43/10", "141.7")]
    assert references.parse("A/HRC/43/10 тармақ 141.7")[0] == [Entry("ref", "A/HRC/43/10", "141.7")]


def test_lenient_parse_skips_words_that_are_no_references() -> None:
    entries, bad = references.parse("See CAT/C/KAZ/CO/4 para 12 and the CEDAW concerns", lenient=True)
    assert entries == [Entry("ref", "CAT/C/KAZ/CO/4", "12")]
    assert bad == []
    assert references.parse("See CAT/C/KAZ/CO/4 para 12 and more")[1] == ["See", "and", "more"]


def test_check_tells_known_from_unknown_in_one_query(django_assert_num_queries) -> None:  # noqa: ANN001
    known = RecommendationFactory(document_symbol="A/HRC/43/10", paragraph="141.7")
    entries, _bad = references.parse("A/HRC/43/10 para 141.7; A/HRC/99/99 para 1.1")
    with django_assert_num_queries(1):
        checked = references.check(entries)
    assert [c.known for c in checked] == [True, False]
    assert checked[0].recommendation == known


def test_reference_label_is_in_the_readers_language() -> None:
    recommendation = RecommendationFactory(document_symbol="A/HRC/43/10", paragraph="141.7")
    assert recommendation.reference_label == "A/HRC/43/10 para 141.7"
    with translation.override("ru"):
        assert recommendation.reference_label == "A/HRC/43/10, п. 141.7"
    with translation.override("kk"):
        assert "141.7" in recommendation.reference_label and "para" not in recommendation.reference_label
    assert recommendation.reference == "A/HRC/43/10 para 141.7"  # the data (API, exports) stays as cited


def test_a_recommendation_without_a_un_document_is_named_by_its_source_not_a_bare_number() -> None:
    source = OrganizationFactory(name="Charter for Human Rights")
    recommendation = RecommendationFactory(
        review=ReviewFactory(mechanism=mechanism("ngo"), title="NGO alternative reports, 2024"),
        document_symbol="", paragraph="", source_organization=source,
    )
    assert recommendation.reference_label == f"Charter for Human Rights, recommendation {recommendation.pk}"
    assert not recommendation.reference_label.startswith("#")


def test_review_title_does_not_repeat_its_year() -> None:
    assert ReviewFactory(title="UPR cycle 3 (session 34, 2019)", year=2019).title_with_year == (
        "UPR cycle 3 (session 34, 2019)")
    assert ReviewFactory(title="CEDAW concluding observations", year=2019).title_with_year == (
        "CEDAW concluding observations (2019)")


def test_recommendation_page_shows_the_year_once(client: Client) -> None:
    review = ReviewFactory(title="UPR cycle 3 (session 34, 2019)", year=2019)
    recommendation = RecommendationFactory(review=review, document_symbol="A/HRC/43/10", paragraph="141.7")
    page = client.get(reverse("recommendations:recommendation-detail", args=[recommendation.pk])).content.decode()
    assert "(session 34, 2019)" in page
    assert "(2019) (2019)" not in page and "2019) (2019)" not in page


def test_un_reference_shows_the_text_as_a_described_tooltip(client: Client) -> None:
    from django.template import Context, Template

    recommendation = RecommendationFactory(document_symbol="A/HRC/43/10", paragraph="141.7",
                                           text="Abolish the death penalty in law.")
    html = Template("{% load recommendations_tags %}{% un_reference r %}{% un_reference r %}").render(
        Context({"r": recommendation}))
    import re

    assert html.count('role="tooltip"') == 2
    described = re.findall(r'aria-describedby="([^"]+)"', html)
    ids = re.findall(r'role="tooltip" id="([^"]+)"', html)
    assert described == ids and len(set(ids)) == 2  # shown twice on one page: two distinct ids
    assert "Abolish the death penalty in law." in html
    assert "A/HRC/43/10 para 141.7" in html
