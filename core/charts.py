"""Server-rendered SVG charts: bars (templates/core/partials/bar_chart.html) and a line over time
(templates/core/partials/line_chart.html), both styled by static/css/charts.css.

No JavaScript and no inline styles (CSP). Every chart has its axes with ticks and a title saying the unit, a legend,
and a table of the same numbers for screen readers and for reading exact values (the picture is aria-hidden).
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass, field


@dataclass
class Bar:
    label: str
    value: int
    # Query string of the list this bar counts (e.g. "status=done"), for a link from the chart's table.
    url_query: str = ""
    # Length against the value axis (0-100), whose end is axis_max of the chart.
    percent: float = 0.0


@dataclass
class Tick:
    value: float
    label: str
    # Where the tick stands along its axis: per cent of the bar axis, or SVG units of the line chart.
    position: float


class BarList(list[Bar]):
    """The bars of one chart, with the value axis they are drawn against (`axis_max`, `ticks`)."""

    axis_max: int = 0
    ticks: list[Tick]


def nice_step(top: float, *, intervals: int = 4, whole: bool = True) -> float:
    """A readable step (1, 2 or 5 times a power of ten; also 2.5 when fractions are fine) that divides 0..top into
    at most `intervals` parts."""
    if top <= 0:
        return 1
    raw = top / intervals
    # int ** int is Any to typeshed (a negative power gives a float); the value is the same either way.
    power: float = 10 ** math.floor(math.log10(raw))
    multiples = (1, 2, 5, 10) if whole else (1, 2, 2.5, 5, 10)
    step = next(m * power for m in multiples if m * power >= raw)
    return max(step, 1) if whole else step


def _number(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else f"{value:g}"


def bars(rows: Iterable[tuple[str, int] | tuple[str, int, str]]) -> BarList:
    """(label, value) or (label, value, url_query) rows as bars on a value axis from 0 to a round number at or
    above the largest value, with its ticks."""
    chart = BarList(Bar(*row) for row in rows)
    top = max((bar.value for bar in chart), default=0)
    step = nice_step(top)
    chart.axis_max = int(math.ceil(top / step) * step) if top else 0
    for bar in chart:
        bar.percent = round(bar.value * 100 / chart.axis_max, 1) if chart.axis_max else 0
    chart.ticks = [
        Tick(value=v, label=_number(v), position=round(v * 100 / chart.axis_max, 1))
        for v in _range(0, chart.axis_max, step)
    ] if chart.axis_max else []
    return chart


def _range(start: float, stop: float, step: float) -> list[float]:
    count = int(round((stop - start) / step))
    return [start + i * step for i in range(count + 1)]


# --- Line chart ---------------------------------------------------------------------------------


@dataclass
class Point:
    label: str
    value: float
    x: float = 0.0
    y: float = 0.0


@dataclass
class LineChart:
    """A line over time in an SVG of `width` x `height` units; the plot area is inside the margins."""

    points: list[Point]
    y_ticks: list[Tick] = field(default_factory=list)
    x_ticks: list[Tick] = field(default_factory=list)
    # Drawn near 1:1 on a phone (390 px) and at most 1.4 times that on a wide screen (charts.css), so the 12-unit
    # text stays between 11 and 17 px.
    width: int = 360
    height: int = 250
    left: int = 40
    right: int = 352
    top: int = 28
    bottom: int = 200

    @property
    def polyline(self) -> str:
        return " ".join(f"{p.x:.1f},{p.y:.1f}" for p in self.points)


def line(rows: Iterable[tuple[str, float]], *, y_max: float | None = None, y_suffix: str = "",
         max_x_labels: int = 6) -> LineChart:
    """(label, value) rows in order as a line; the y axis runs from 0 to `y_max` (or a round number above the
    largest value) with labelled ticks; at most `max_x_labels` x labels are written, evenly spread, so they never
    overlap (every point keeps its tick mark and its row in the table)."""
    chart = LineChart(points=[Point(label, value) for label, value in rows])
    if not chart.points:
        return chart
    top = y_max if y_max is not None else max(p.value for p in chart.points)
    step = nice_step(top, whole=False)
    top = top if y_max is not None else (math.ceil(top / step) * step if top else 1)
    plot_height = chart.bottom - chart.top
    span = chart.right - chart.left
    # Each point in the middle of its own slot, so the first and last labels, centred under them, stay inside.
    gap = span / len(chart.points)
    for i, point in enumerate(chart.points):
        point.x = round(chart.left + (i + 0.5) * gap, 1)
        point.y = round(chart.bottom - (point.value / top) * plot_height, 1) if top else chart.bottom
    chart.y_ticks = [
        Tick(value=v, label=f"{_number(v)}{y_suffix}", position=round(chart.bottom - v / top * plot_height, 1))
        for v in _range(0, top, step)
    ]
    # Labels never overlap: about 7 units a character at the chart's 12-unit font, plus a space between.
    widest = max(len(p.label) for p in chart.points) * 7 + 10
    every = max(1, math.ceil(len(chart.points) / max_x_labels), math.ceil(widest / gap))
    chart.x_ticks = [
        Tick(value=i, label=point.label if i % every == 0 else "", position=point.x)
        for i, point in enumerate(chart.points)
    ]
    return chart
