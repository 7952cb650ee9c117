"""The shared charts: bars on a value axis with ticks, a line over time; axes, units and legends; links only when the
caller gives a list to link to."""

from __future__ import annotations

from django.template.loader import render_to_string

from core.charts import Bar, bars, line, nice_step


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
    assert 'width="100.0%"' in linked
    assert ">Recommendations</th>" in linked
    plain = render_to_string("core/partials/bar_chart.html", {"title": "By kind", "bars": chart})
    assert "<a " not in plain and '<th scope="row">UPR</th>' in plain
    empty = render_to_string("core/partials/bar_chart.html", {"title": "By kind", "bars": []})
    assert "No data yet." in empty


def test_the_value_axis_ends_on_a_round_number_with_its_ticks() -> None:
    chart = bars([("Not started", 18), ("In progress", 3)])
    assert chart.axis_max == 20
    assert [t.label for t in chart.ticks] == ["0", "5", "10", "15", "20"]
    assert [t.position for t in chart.ticks] == [0, 25, 50, 75, 100]
    assert [bar.percent for bar in chart] == [90.0, 15.0]
    assert nice_step(245) == 100 and nice_step(4) == 1 and nice_step(100, whole=False) == 25


def test_every_bar_chart_has_its_axes_unit_and_legend() -> None:
    html = render_to_string("core/partials/bar_chart.html", {
        "title": "By status", "bars": bars([("Not started", 18), ("Done", 2)]), "label_heading": "Status",
        "value_heading": "Recommendations",
    })
    assert 'class="chart-legend"' in html and "chart-key--bar" in html
    assert "Recommendations (number)" in html  # the value axis's title with its unit
    assert html.count('text-anchor=') == 5  # five tick labels: 0, 5, 10, 15, 20
    assert "Status" in html.split('class="barchart-row barchart-head"')[1][:200]  # the category axis's title


def test_a_line_chart_has_y_ticks_x_labels_that_do_not_overlap_and_a_legend() -> None:
    chart = line([(f"Quarter {n}", n * 5) for n in range(12)], y_max=100, y_suffix="%")
    assert [t.label for t in chart.y_ticks] == ["0%", "25%", "50%", "75%", "100%"]
    labelled = [t for t in chart.x_ticks if t.label]
    assert len(chart.x_ticks) == 12 and 2 <= len(labelled) <= 6
    gaps = [b.position - a.position for a, b in zip(labelled, labelled[1:], strict=False)]
    assert min(gaps) >= len("Quarter 10") * 7  # each label's room at the chart's font
    assert chart.left < chart.points[0].x and chart.points[-1].x < chart.right
    html = render_to_string("core/partials/line_chart.html", {
        "chart": chart, "title": "Done", "x_title": "Quarter", "y_title": "Done, %", "series": "Actions done"})
    assert "chart-key--line" in html and "Actions done" in html
    assert ">Quarter</text>" in html and ">Done, %</text>" in html and ">100%</text>" in html
