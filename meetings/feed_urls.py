"""Feeds and calendars that machines fetch: no language prefix, no redirects, no session needed."""

from __future__ import annotations

from django.urls import path

from meetings.views import calendars

app_name = "meetings_feeds"

urlpatterns = [
    path("feeds/meetings/minutes.atom", calendars.minutes_atom, name="minutes-atom"),
    path("feeds/meetings/schedule.ics", calendars.schedule_ics, name="schedule-ics"),
    path("feeds/meetings/subgroups/<int:subgroup_pk>/schedule.ics", calendars.schedule_ics,
         name="subgroup-schedule-ics"),
    path("feeds/meetings/personal/<str:token>.ics", calendars.personal_ics, name="personal-ics"),
]
