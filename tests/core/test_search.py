"""core.search: the parts that need no database (the Russian twins, the highlighters)."""

from __future__ import annotations

from core import search


def test_russian_fleeting_vowel_twins_join_pytki_and_pytok() -> None:
    assert "пыток" in search._fleeting_vowel_twins("пытк")
    assert "пытк" in search._fleeting_vowel_twins("пыток")
    assert search._fleeting_vowel_twins("женщин") == []  # ends in vowel + consonant: nothing to add
    assert search._with_twins("'пытк' & 'прав'") == "('пытк' | 'пыток' | 'пытек') & 'прав'"


def test_headline_query_adds_capitals_for_a_c_locale_database() -> None:
    query = search.headline_query(search.RawTsQuery("'әйелдердің' & 'ngo'"))
    assert query.raw == "('әйелдердің' | 'Әйелдердің' | 'ӘЙЕЛДЕРДІҢ') & 'ngo'"


def test_python_highlighter_escapes_first_then_marks_every_word() -> None:
    html = search.highlight("<p>NGOs &amp; <b>the</b> ministry: a report on NGOs</p><script>x</script>",
                            ["ngos", "report"], rich=True)
    assert html == ("<mark>NGOs</mark> &amp; the ministry: a <mark>report</mark> on <mark>NGOs</mark>x")
    assert str(search.highlight("a <script>b</script> zz", ["zz"])) == "a &lt;script&gt;b&lt;/script&gt; <mark>zz</mark>"


def test_marked_headline_is_escaped_and_only_the_marks_are_html() -> None:
    headline = f"x &lt;y&gt; <i>z</i> {search.START}word{search.STOP}"
    assert str(search.marked(headline, rich=True)) == "x &lt;y&gt; &lt;i&gt;z&lt;/i&gt; <mark>word</mark>"
    assert str(search.marked("a &amp; b")) == "a &amp;amp; b"  # plain text keeps what was typed


def test_words_are_lower_cased_in_every_script() -> None:
    assert search.words('ҚҰҚЫҚ "Пытки" -NGOs or') == ["құқық", "пытки", "ngos"]
