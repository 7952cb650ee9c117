"""The server-rendered SVG bar chart (templates/core/partials/bar_chart.html, static/css/charts.css).

No JavaScript and no inline styles (CSP): each bar is an SVG rect whose width is its share of the longest bar.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass


@dataclass
class Bar:
    label: str
    value: int
    # Query string of the list this bar counts (e.g. "status=done"), for a link from the chart's table.
    url_query: str = ""
    percent: float = 0.0


def bars(rows: Iterable[tuple[str, int] | tuple[str, int, str]]) -> list[Bar]:
    """(label, value) or (label, value, url_query) rows as bars, each sized against the largest value."""
    chart = [Bar(*row) for row in rows]
    top = max((bar.value for bar in chart), default=0)
    for bar in chart:
        bar.percent = round(bar.value * 100 / top, 1) if top else 0
    return chart
