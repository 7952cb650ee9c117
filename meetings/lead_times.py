"""Rules of a meeting's notice lead times, shared by the meeting form and the services.

The database holds the same rules as named constraints (meetings.Meeting.Meta); these give the secretariat a clear
message next to the field instead of an IntegrityError.
"""

from __future__ import annotations

from collections.abc import Mapping

from django.utils.translation import gettext as _

# Field -> the largest number of days it accepts. A year ahead covers any plenary planned with the annual calendar;
# minutes reminders beyond three months would no longer help anyone.
LEAD_TIME_FIELDS: dict[str, int] = {
    "invitation_lead_days": 365,
    "reminder_pending_days": 365,
    "reminder_accepted_days": 365,
    "minutes_overdue_first_days": 90,
    "minutes_overdue_second_days": 90,
}


def lead_time_errors(values: Mapping[str, object]) -> dict[str, str]:
    """Field -> message for every rule `values` breaks; fields absent from `values` are not checked."""
    errors: dict[str, str] = {}
    days: dict[str, int] = {}
    for name, upper in LEAD_TIME_FIELDS.items():
        value = values.get(name)
        if value is None:
            continue
        if not isinstance(value, int) or value < 1:
            errors[name] = _("Give a whole number of days, at least 1.")
        elif value > upper:
            errors[name] = _("At most %(days)d days.") % {"days": upper}
        else:
            days[name] = value
    invitation = days.get("invitation_lead_days")
    if invitation is not None:
        for name in ("reminder_pending_days", "reminder_accepted_days"):
            if name in days and days[name] >= invitation:
                errors[name] = _(
                    "A reminder comes after the invitation: give fewer days than the invitation's %(days)d."
                ) % {"days": invitation}
    first, second = days.get("minutes_overdue_first_days"), days.get("minutes_overdue_second_days")
    if first is not None and second is not None and second <= first:
        errors["minutes_overdue_second_days"] = _(
            "The second reminder comes after the first: give more days than %(days)d."
        ) % {"days": first}
    return errors
