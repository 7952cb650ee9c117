"""An NGO's UN references are checked against the tracker (issue 16, item 7): an unknown one is refused until the
NGO keeps it as written, and is then shown marked "not verified", never as if it existed."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from submissions.models import Submission
from tests.auth import force_login
from tests.recommendations.factories import RecommendationFactory
from tests.submissions.factories import SubmissionFactory, ngo_user

pytestmark = pytest.mark.django_db


def _client() -> Client:
    client = Client()
    force_login(client, ngo_user())
    return client


def _proposal(**extra: object) -> dict[str, object]:
    data: dict[str, object] = {"title": "Abolish the death penalty in the Constitution",
                               "text": "Remove it from the Constitution as well.",
                               "justification": "The Criminal Code no longer has it.", "intent": "submit"}
    data.update(extra)
    return data


def test_an_unknown_reference_is_refused_with_a_message_and_the_text_kept() -> None:
    response = _client().post(reverse("submissions:create", args=["proposal"]),
                              _proposal(un_references="A/HRC/99/99 para 1.1"))
    assert response.status_code == 200
    form = response.context["form"]
    assert "Not in the recommendations tracker: A/HRC/99/99 para 1.1." in form.errors["un_references"][0]
    assert "keep_unverified" in form.fields
    assert 'value="A/HRC/99/99 para 1.1"' in response.content.decode()
    assert not Submission.objects.exists()


def test_the_keep_box_appears_only_with_unknown_references() -> None:
    RecommendationFactory(document_symbol="A/HRC/43/10", paragraph="141.7")
    page = _client().get(reverse("submissions:create", args=["proposal"]))
    assert "keep_unverified" not in page.context["form"].fields
    response = _client().post(reverse("submissions:create", args=["proposal"]),
                              _proposal(un_references="A/HRC/43/10 para 141.7"))
    assert response.status_code == 302
    submission = Submission.objects.get()
    assert [r.paragraph for r in submission.related_recommendations.all()] == ["141.7"]


def test_a_kept_unknown_reference_is_published_marked_not_verified() -> None:
    known = RecommendationFactory(document_symbol="A/HRC/43/10", paragraph="141.7", text="Abolish it in law.")
    response = _client().post(reverse("submissions:create", args=["proposal"]), _proposal(
        un_references="A/HRC/43/10 para 141.7; A/HRC/99/99 para 1.1", keep_unverified="on"))
    assert response.status_code == 302
    submission = Submission.objects.get()
    assert list(submission.related_recommendations.all()) == [known]
    Submission.objects.filter(pk=submission.pk).update(status="accepted", decided_at="2026-01-10T10:00:00Z",
                                                       public_answer="Taken up.")
    page = Client().get(reverse("submissions:public-detail", args=[submission.pk])).content.decode()
    assert reverse("recommendations:recommendation-detail", args=[known.pk]) in page
    assert "Abolish it in law." in page  # the known one's text, on hover and focus
    assert '<span class="un-ref-unverified">A/HRC/99/99 para 1.1</span>' in page
    assert "not verified" in page
    assert "A/HRC/99/99" not in page.split("un-ref-unverified")[0]  # never shown as a link before it


def test_a_whole_document_is_cited_with_its_count_of_recommendations() -> None:
    RecommendationFactory(document_symbol="CEDAW/C/KAZ/CO/5", paragraph="14")
    RecommendationFactory(document_symbol="CEDAW/C/KAZ/CO/5", paragraph="30")
    submission = SubmissionFactory(status="accepted", submitted_at="2026-01-10T10:00:00Z",
                                   decided_at="2026-01-12T10:00:00Z", public_answer="Yes.",
                                   un_references="CEDAW/C/KAZ/CO/5")
    page = Client().get(reverse("submissions:public-detail", args=[submission.pk])).content.decode()
    assert "2 recommendations in the tracker" in page
    assert "not verified" not in page
