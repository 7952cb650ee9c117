"""Typed text (Kazakh letters, mixed scripts, right-to-left marks, emoji, HTML-looking text) through an NGO's
submission: the form saves it exactly, a rejected form gives it back, and the NGO's and the moderator's pages show
it escaped. The proposal's text is rich text (sanitised HTML), so its typed text carries no tags of its own here:
"&" is stored as "&amp;" and read back as "&" in the edit form."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse
from django.utils.html import escape

from participants.models import User
from submissions.models import Submission
from submissions.services import html_to_text
from tests.auth import force_login
from tests.core.texts import MIXED
from tests.submissions.factories import ngo_user, secretariat_user

pytestmark = pytest.mark.django_db

# The rich-text fields take HTML; what matters is that the letters, marks and emoji come back as typed.
TEXT = MIXED.replace(" <b>not bold</b>", "")


def _client(user: User) -> Client:
    client = Client()
    force_login(client, user)
    return client


def _quotes_plain(html: str) -> str:
    return html.replace("&#x27;", "'").replace("&quot;", '"')


def _proposal(**extra: object) -> dict[str, object]:
    data: dict[str, object] = {"title": MIXED[:200], "text": TEXT, "justification": TEXT, "intent": "submit"}
    data.update(extra)
    return data


@pytest.mark.parametrize("language", ["kk", "ru", "en"])
def test_a_proposal_keeps_typed_text_exactly_and_pages_show_it_escaped(language: str) -> None:
    author = ngo_user()
    response = _client(author).post(f"/{language}{reverse('submissions:create', args=['proposal'])[3:]}",
                                    _proposal())
    assert response.status_code == 302

    submission = Submission.objects.get()
    assert submission.title == MIXED[:200]
    assert (html_to_text(submission.text), html_to_text(submission.justification)) == (TEXT, TEXT)
    mine = _client(author).get(f"/{language}/submissions/mine/{submission.pk}/").content.decode()
    moderated = _client(secretariat_user()).get(
        f"/{language}/submissions/moderation/{submission.pk}/"
    ).content.decode()
    for page in (mine, moderated):
        assert escape(MIXED[:200]) in page
        assert _quotes_plain(escape(TEXT)) in _quotes_plain(page)  # nh3 leaves quotes unescaped in the text
        assert "<b>not bold</b>" not in page


def test_a_rejected_proposal_gives_the_typed_text_back() -> None:
    response = _client(ngo_user()).post(reverse("submissions:create", args=["proposal"]), _proposal(title=""))

    assert response.status_code == 200
    assert response.context["form"]["text"].value() == TEXT
    assert escape(TEXT) in response.content.decode()
    assert not Submission.objects.exists()
