"""The beat schedule's administration, made to pass the portal's HTML and accessibility gates.

django-celery-beat registers its models itself; two of its forms carry Django admin markup that the gates refuse,
so their admins are registered again here with the markup fixed (the behaviour is unchanged).
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin
from django.contrib.admin.widgets import AdminSplitDateTime
from django.utils.translation import gettext_lazy as _
from django_celery_beat.admin import CrontabScheduleAdmin, PeriodicTaskAdmin, PeriodicTaskForm
from django_celery_beat.models import CrontabSchedule, PeriodicTask


class LabelledPeriodicTaskForm(PeriodicTaskForm):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        widget = self.fields["start_time"].widget
        # The admin's split date/time inputs show "Date:"/"Time:" as plain text, not labels: name them for
        # screen readers (axe: "Form elements must have labels").
        if isinstance(widget, AdminSplitDateTime):
            widget.widgets[0].attrs["aria-label"] = _("Start date")
            widget.widgets[1].attrs["aria-label"] = _("Start time")


class CrontabScheduleForm(forms.ModelForm):
    class Meta:
        model = CrontabSchedule
        fields = "__all__"  # noqa: DJ007 - the same fields django-celery-beat's own admin edits

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # The time zone's callable default adds a hidden "initial" input that copies aria-describedby, which HTML
        # forbids on hidden inputs. The hidden copy only serves change detection, not needed here.
        self.fields["timezone"].show_hidden_initial = False


admin.site.unregister(PeriodicTask)
admin.site.unregister(CrontabSchedule)


@admin.register(PeriodicTask)
class PortalPeriodicTaskAdmin(PeriodicTaskAdmin):
    form = LabelledPeriodicTaskForm


@admin.register(CrontabSchedule)
class PortalCrontabScheduleAdmin(CrontabScheduleAdmin):
    form = CrontabScheduleForm
