"""The one rich-text sanitiser: each profile keeps its own tags and nothing that runs."""

from __future__ import annotations

import pytest

from core.richtext import MINUTES, PROFILES, SUBMISSION, plain_text, sanitize_rich_text


def test_submission_text_is_sanitised_and_plain_text_becomes_paragraphs() -> None:
    def clean(text: str) -> str:
        return sanitize_rich_text(text, profile=SUBMISSION)

    assert clean('<p onclick="x()">Hi<script>alert(1)</script></p>') == "<p>Hi</p>"
    assert clean("One\n\nTwo <b") == "<p>One</p>\n\n<p>Two &lt;b</p>"
    assert clean("<script>alert(1)</script>") == "<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>"
    assert "onerror" not in clean("<p><img src=x onerror=alert(1)></p>")
    assert clean("a & b") == "<p>a &amp; b</p>"


def test_minutes_keep_headings_and_tables_that_a_submission_loses() -> None:
    html = '<h2>Agenda</h2><table><tbody><tr><td>1</td></tr></tbody></table><p><u>u</u></p>'
    assert sanitize_rich_text(html, profile=MINUTES) == html
    assert sanitize_rich_text(html, profile=SUBMISSION) == "Agenda1<p>u</p>"


def test_minutes_are_not_turned_into_paragraphs_and_lose_scripts_and_handlers() -> None:
    cleaned = sanitize_rich_text('<p onclick="x()">Hi</p><script>alert(1)</script> <a href="javascript:x">l</a>',
                                 profile="minutes")
    assert cleaned == '<p>Hi</p> <a rel="noopener noreferrer">l</a>'
    assert sanitize_rich_text("plain text", profile=MINUTES) == "plain text"


def test_links_of_the_public_are_nofollow_and_the_secretariats_are_not() -> None:
    link = '<a href="https://example.org" onclick="x()">site</a>'
    assert 'rel="noopener noreferrer nofollow"' in sanitize_rich_text(link, profile=SUBMISSION)
    assert sanitize_rich_text(link, profile=MINUTES) == '<a href="https://example.org" rel="noopener noreferrer">site</a>'


def test_an_unknown_profile_is_an_error_not_a_default() -> None:
    assert set(PROFILES) == {"minutes", "submission"}
    with pytest.raises(KeyError):
        sanitize_rich_text("<p>x</p>", profile="anything")


def test_plain_text_removes_every_tag() -> None:
    assert plain_text("<p>Give <strong>access</strong></p><script>x</script>") == "Give access"
