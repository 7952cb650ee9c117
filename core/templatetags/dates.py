"""Dates in templates, through core.dates: {% load dates %}.

    {{ value|day }}                        20.06.2027 / 20 June 2027
    {{ value|moment }}                     20.06.2027, 14:30 (Алматы, UTC+5)
    {{ value|clock }}                      14:30 (Алматы, UTC+5)
    {{ value|weekday }}                    четверг, 20.06.2027 / Thursday, 20 June 2027
    {{ value|month }}                      Маусым 2027 / June 2027
    {{ value|iso }}                        2027-06-20T14:30:00+05:00, for <time datetime="...">
    {% span starts ends %}                 20.06.2027, 10:00–13:00 (Алматы, UTC+5)
    {% span starts ends weekday=True %}    четверг, 20.06.2027, 10:00–13:00 (Алматы, UTC+5)
    {% span starts ends zone="Asia/Almaty" %}  in a zone of its own (a meeting that has one)

Each takes an optional zone (an IANA name or a tzinfo); without it the portal's zone. `|date` with a named
format ("DATE_FORMAT"...) remains fine; a format string of a template's own is not (tests/core/test_dates.py).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import template

from core import dates

register = template.Library()


@register.filter
def day(value: Any, zone: Any = None) -> str:
    return dates.date_text(value, zone) if value not in (None, "") else ""


@register.filter
def moment(value: Any, zone: Any = None) -> str:
    if value in (None, ""):
        return ""
    if not isinstance(value, dt.datetime):
        return dates.date_text(value)
    return dates.datetime_text(value, zone)


@register.filter
def clock(value: Any, zone: Any = None) -> str:
    return dates.time_text(value, zone) if value not in (None, "") else ""


@register.filter
def weekday(value: Any, zone: Any = None) -> str:
    return dates.weekday_text(value, zone) if value not in (None, "") else ""


@register.filter
def iso(value: Any, zone: Any = None) -> str:
    return dates.iso(value, zone)


@register.filter
def month(value: Any) -> str:
    return dates.month_text(value) if value not in (None, "") else ""


@register.simple_tag
def span(
    starts_at: dt.datetime | None, ends_at: dt.datetime | None = None, zone: Any = None, weekday: bool = False
) -> str:
    if starts_at is None:
        return ""
    return dates.range_text(starts_at, ends_at, zone, weekday=weekday)
