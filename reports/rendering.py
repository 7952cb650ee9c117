"""Turn a digest's stored figures into the page context, a PDF (WeasyPrint) and an XLSX workbook (openpyxl).

Everything is rendered inside `core.language.in_language(language)`, so headings, statuses, dates, organisation
names and the content fields the snapshot keeps per language come out in the reader's language. XLSX dates are
real date cells shown in the language's format (core.dates.xlsx_number_format). Charts are inline SVG with presentation attributes only (no style=, which the
portal's CSP forbids); WeasyPrint draws the same SVG in the PDF, and it prints.
"""

from __future__ import annotations

import datetime
import logging
from dataclasses import dataclass
from typing import Any, cast

from django.conf import settings
from django.template.loader import render_to_string
from django.utils.html import strip_tags
from django.utils.translation import gettext as _

from core import tabular
from core.language import in_language, pick
from meetings.models import FollowUpAction
from recommendations.models import Action, Recommendation
from reports.digests import CHART_AGENCY_LIMIT, OVERDUE_LIST_LIMIT
from submissions.models import Submission

# WeasyPrint logs every layout step at INFO; a digest build would flood the worker's log.
logging.getLogger("weasyprint.progress").setLevel(logging.WARNING)


def localized(values: dict[str, str] | str | None) -> str:
    """A snapshot's text in the active language: a name or content dict per language, or a plain string."""
    if not values:
        return ""
    text: str = pick(values)  # the language's string of a dict of strings, or the plain string
    return text


@dataclass
class ChartBar:
    label: str
    value: int
    x: float
    y: float
    width: float
    text_x: float
    css: str
    fill: str


@dataclass
class Chart:
    title: str
    height: int
    rows: list[dict[str, Any]]
    legend: list[dict[str, Any]]  # label, fill and css (str), x (int)
    # The value axis under the bars: its line, ticks ({"x", "label"}) and its title with the unit.
    axis_y: float = 0.0
    ticks: list[dict[str, Any]] | None = None
    axis_title: str = ""
    axis_left: int = 0
    axis_right: int = 0


# Colours meet 3:1 contrast against white (WCAG 1.4.11, non-text contrast).
COLOURS = {"primary": "#0b5394", "success": "#2e7d32", "danger": "#b3261e"}
CHART_WIDTH = 640
LABEL_WIDTH = 200
BAR_AREA = CHART_WIDTH - LABEL_WIDTH - 60
BAR_HEIGHT = 12
# A label is written on up to two lines of this many characters rather than being cut off.
LABEL_LINE = 30


def _label_lines(label: str) -> list[str]:
    """The label in at most two lines of LABEL_LINE characters, broken between words; only a label longer than two
    lines ends with "…" (its whole text stays in the SVG's <title> and in the digest's table)."""
    words, lines, current = label.split(), [], ""
    for word in words:
        if current and len(current) + 1 + len(word) > LABEL_LINE:
            lines.append(current)
            current = word
        else:
            current = f"{current} {word}".strip()
    lines.append(current)
    if len(lines) > 2:
        lines = [lines[0], lines[1][: LABEL_LINE - 1] + "…"]
    return lines


def _bar_chart(title: str, rows: list[tuple[str, list[tuple[int, str]]]], legend: list[tuple[str, str]],
               axis_title: str) -> Chart:
    """Horizontal grouped bars: one row per label, one bar per series (value, colour key), on a value axis from 0
    to a round number with labelled ticks and a title saying what is counted."""
    from core.charts import nice_step

    largest = max((value for _label, series in rows for value, _c in series), default=0)
    step = nice_step(largest)
    top = int(-(-largest // step) * step) if largest else 1
    y = 28
    chart_rows = []
    for label, series in rows:
        bars = []
        lines = _label_lines(label)
        for index, (value, colour) in enumerate(series):
            width = round(value * BAR_AREA / top, 1)
            bars.append(ChartBar(label=label, value=value, x=LABEL_WIDTH, y=y + index * (BAR_HEIGHT + 2),
                                 width=max(width, 0.5 if value else 0), text_x=LABEL_WIDTH + width + 4,
                                 css=f"chart-{colour}", fill=COLOURS[colour]))
        row_height = max(len(series) * (BAR_HEIGHT + 2), len(lines) * 12)
        first_line_y = y + row_height / 2 + 4 - (len(lines) - 1) * 6
        chart_rows.append({"full_label": label, "lines": [
            {"text": text, "y": round(first_line_y + i * 12, 1)} for i, text in enumerate(lines)], "bars": bars})
        y += row_height + 8
    axis_y = y
    ticks = [{"x": round(LABEL_WIDTH + value * BAR_AREA / top, 1), "label": str(int(value))}
             for value in range(0, top + 1, int(step))]
    return Chart(title=title, height=int(axis_y + 40), rows=chart_rows,
                 legend=[{"label": text, "fill": COLOURS[colour], "css": f"chart-{colour}",
                          "x": 10 + i * 180} for i, (text, colour) in enumerate(legend)],
                 axis_y=axis_y, ticks=ticks, axis_title=axis_title, axis_left=LABEL_WIDTH,
                 axis_right=LABEL_WIDTH + BAR_AREA)


def _charts(data: dict[str, Any]) -> dict[str, Chart]:
    charts = {}
    by_mechanism = data["recommendations"]["by_mechanism"]
    if by_mechanism:
        charts["chart_recommendations"] = _bar_chart(
            _("New and changed recommendations by mechanism"),
            [(row["acronym"], [(row["new"], "primary"), (row["changed"], "success")]) for row in by_mechanism],
            [(_("New"), "primary"), (_("Changed"), "success")],
            _("Number of recommendations"),
        )
    agencies = data["agencies"][:CHART_AGENCY_LIMIT]
    if agencies:
        charts["chart_agencies"] = _bar_chart(
            _("Road-map actions per agency: done and overdue at the end of the period"),
            [(a["names"]["short"] if a["names"]["short"] != a["names"]["en"] else localized(a["names"]),
              [(a["done"], "success"), (a["overdue"], "danger")]) for a in agencies],
            [(_("Done"), "success"), (_("Overdue"), "danger")],
            _("Number of road-map actions"),
        )
    return charts


def _date(value: str | None) -> datetime.date | None:
    return datetime.date.fromisoformat(value) if value else None


def digest_context(report: Any) -> dict[str, Any]:
    """What templates/reports/partials/digest.html needs, in the active language."""
    data = report.data
    if not data:
        return {}
    follow_up_labels = dict(FollowUpAction.Status.choices)
    action_labels = dict(Action.Status.choices)
    meetings = [
        {**m, "date": _date(m["date"]), "title": localized(m["title"]), "subgroup": localized(m["subgroup"]),
         "decisions": localized(m["decisions"]),
         "follow_ups": [{**f, "description": localized(f["description"]), "owner": localized(f["owner"]),
                        "due": _date(f["due"]),
                         "status_label": follow_up_labels.get(f["status"], f["status"])} for f in m["follow_ups"]]}
        for m in data["meetings"]
    ]
    overdue = data["overdue_actions"]
    return {
        "digest": data,
        "period_start": _date(data["period"]["start"]),
        "period_end": _date(data["period"]["end"]),
        "totals": data["totals"],
        "meetings": meetings,
        "recommendations": {**data["recommendations"], "by_mechanism": [
            {**row, "name": localized(row["name"])} for row in data["recommendations"]["by_mechanism"]]},
        "changed_by_status": [
            {"label": Recommendation.Status(row["status"]).label, "count": row["count"]}
            for row in data["recommendations"]["changed_by_status"]
        ],
        "agencies": [{**a, "name": localized(a["names"])} for a in data["agencies"]],
        "road_maps": [{**r, "title": localized(r["title"])} for r in data["road_maps"]],
        "overdue_actions": [
            {**a, "description": localized(a["description"]), "deadline": _date(a["deadline"]),
             "agencies": ", ".join(localized(n) for n in a["agencies"]),
             "status_label": action_labels.get(a["status"], a["status"])}
            for a in overdue[:OVERDUE_LIST_LIMIT]
        ],
        "overdue_more": max(len(overdue) - OVERDUE_LIST_LIMIT, 0),
        "submissions": {**data["submissions"], "by_kind": [
            {**row, "label": Submission.Kind(row["kind"]).label} for row in data["submissions"]["by_kind"]]},
        **_charts(data),
    }


_font_config: Any = None


def _fonts() -> Any:
    """One font configuration per process: loading the system fonts is the slow part of a first PDF."""
    global _font_config
    if _font_config is None:
        from weasyprint.text.fonts import FontConfiguration

        _font_config = FontConfiguration()
    return _font_config


def render_pdf(report: Any, *, language: str) -> bytes:
    from weasyprint import HTML

    with in_language(language):
        html = render_to_string("reports/digest_pdf.html", {"report": report, "site_url": settings.SITE_URL,
                                                            **digest_context(report)})
    return cast(bytes, HTML(string=html, base_url=str(settings.BASE_DIR)).write_pdf(font_config=_fonts()))


def render_xlsx(report: Any, *, language: str) -> bytes:
    workbook = tabular.XlsxWriter(language=language)

    def sheet(title: str, headers: list[str], rows: list[list[Any]]) -> None:
        workbook.sheet(title, headers, bold_header=True)
        for row in rows:
            workbook.write(row)

    with in_language(language):
        context = digest_context(report)
        data = report.data
        totals = data["totals"]
        sheet(_("Summary"), [_("Figure"), _("Value")], [
            [_("Report"), report.localized_title],
            [_("Period from"), context["period_start"]],
            [_("Period to"), context["period_end"]],
            [_("Meetings held"), totals["meetings_held"]],
            [_("Meetings with published decisions"), totals["decisions_published"]],
            [_("Follow-up actions agreed"), totals["follow_ups"]],
            [_("Follow-up actions done"), totals["follow_ups_done"]],
            [_("New recommendations"), totals["recommendations_new"]],
            [_("Changed recommendations"), totals["recommendations_changed"]],
            [_("Road-map actions"), totals["actions_total"]],
            [_("Actions completed in the period"), totals["actions_done_in_period"]],
            [_("Overdue actions at the end of the period"), totals["actions_overdue"]],
            [_("Progress updates approved"), totals["updates_approved"]],
            [_("NGO submissions received"), totals["submissions_received"]],
            [_("NGO submissions answered"), totals["submissions_answered"]],
        ])
        sheet(_("Meetings"), [_("Date"), _("Number"), _("Meeting"), _("Working subgroup"), _("Decisions")], [
            [m["date"], m["number"], m["title"], m["subgroup"] or "",
             strip_tags(m["decisions"]).strip() if m["minutes_published"] else _("Minutes not yet published")]
            for m in context["meetings"]
        ])
        sheet(_("Follow-up actions"), [_("Meeting"), _("Action"), _("Owner organisation"), _("Due date"),
                                       _("Status")], [
            [m["title"], f["description"], f["owner"], f["due"], str(f["status_label"])]
            for m in context["meetings"] for f in m["follow_ups"]
        ])
        sheet(_("Recommendations"), [_("Mechanism"), _("New"), _("Changed")], [
            [row["acronym"], row["new"], row["changed"]] for row in data["recommendations"]["by_mechanism"]
        ])
        sheet(_("Agencies"), [_("Agency"), _("Actions"), _("Done"), _("Done in the period"), _("Overdue")], [
            [a["name"], a["total"], a["done"], a["done_in_period"], a["overdue"]] for a in context["agencies"]
        ])
        sheet(_("Road maps"), [_("Number"), _("Road map"), _("Actions"), _("Done"), _("Progress, per cent")], [
            [r["number"], r["title"], r["total"], r["done"], r["percent"]] for r in context["road_maps"]
        ])
        action_labels = dict(Action.Status.choices)
        sheet(_("Overdue actions"), [_("Action"), _("Description"), _("Responsible agencies"), _("Deadline"),
                                     _("Days overdue"), _("Status")], [
            [a["reference"], localized(a["description"]), ", ".join(localized(n) for n in a["agencies"]),
             _date(a["deadline"]), a["days_overdue"], str(action_labels.get(a["status"], a["status"]))]
            for a in data["overdue_actions"]
        ])
        sheet(_("NGO submissions"), [_("Kind"), _("Received"), _("Answered"), _("Accepted in full or in part")], [
            [str(row["label"]), row["received"], row["answered"], row["accepted"]]
            for row in context["submissions"]["by_kind"]
        ])
    return workbook.to_bytes()

