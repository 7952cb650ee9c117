"""The shared bar chart: sizes against the largest bar, links only when the caller gives a list to link to."""

from __future__ import annotations

from django.template.loader import render_to_string

from core.charts import Bar, bars


def test_bars_are_sized_against_the_largest_and_keep_their_query() -> None:
    assert bars([("Done", 4, "status=done"), ("Open", 1, "status=open")]) == [
        Bar(label="Done", value=4, url_query="status=done", percent=100.0),
        Bar(label="Open", value=1, url_query="status=open", percent=25.0),
    ]
    assert [bar.percent for bar in bars([("None", 0), ("Zero", 0)])] == [0, 0]
    assert bars([]) == []


def test_the_chart_links_its_labels_only_when_given_a_list() -> None:
    chart = bars([("UPR", 3, "mechanism=upr")])
    linked = render_to_string("core/partials/bar_chart.html", {
        "title": "By mechanism", "bars": chart, "label_heading": "Mechanism", "value_heading": "Recommendations",
        "link_base": "/en/recommendations/",
    })
    assert '<a href="/en/recommendations/?mechanism=upr">UPR</a>' in linked
    assert 'width="100.0"' in linked
    assert ">Recommendations</th>" in linked
    plain = render_to_string("core/partials/bar_chart.html", {"title": "By kind", "bars": chart})
    assert "<a " not in plain and '<th scope="row">UPR</th>' in plain
    empty = render_to_string("core/partials/bar_chart.html", {"title": "By kind", "bars": []})
    assert "No data yet." in empty
