"""Working subgroups, topics and personal calendar tokens."""

from __future__ import annotations

from collections.abc import Iterable

from django.db import transaction
from django.utils.translation import gettext as _

from core.concurrency import claim, save_edited
from core.exceptions import ApplicationError
from meetings.models import (
    CalendarToken,
    Subgroup,
    Topic,
)
from participants.models import Organization, User


@transaction.atomic
def subgroup_save(
    *, actor: User, subgroup: Subgroup | None = None, name: str, mandate: str = "",
    co_chair_people: Iterable[User] = (), co_chair_organizations: Iterable[Organization] = (),
    members: Iterable[User] = (), is_active: bool = True, version: int | None = None,
) -> Subgroup:
    """Create a subgroup, or edit `subgroup` opened at `version` (core.concurrency: a save made meanwhile is an
    EditConflict)."""
    if subgroup is not None:
        subgroup = claim(Subgroup, pk=subgroup.pk, version=version)
    clash = Subgroup.objects.filter(name__iexact=name.strip())
    if subgroup is not None:
        clash = clash.exclude(pk=subgroup.pk)
    if clash.exists():
        raise ApplicationError(_("A working subgroup with this name already exists."), field="name")
    subgroup = subgroup or Subgroup()
    subgroup.name, subgroup.mandate, subgroup.is_active = name.strip(), mandate, is_active
    subgroup.save()
    subgroup.co_chair_people.set(co_chair_people)
    subgroup.co_chair_organizations.set(co_chair_organizations)
    subgroup.members.set(members)
    return subgroup


@transaction.atomic
def topic_save(*, actor: User, instance: Topic, version: int | None, change: bool) -> Topic:
    """Rename a topic (the administration: core.admin.ServiceAdminMixin), with the version check."""
    instance.name = instance.name.strip()
    clash = Topic.objects.filter(name__iexact=instance.name).exclude(pk=instance.pk)
    if clash.exists():
        raise ApplicationError(_("There is already a topic with this name."), field="name")
    return save_edited(instance, version=version, change=change)


# --- Calendar tokens ------------------------------------------------------------------------


@transaction.atomic
def calendar_token_reset(*, user: User) -> CalendarToken:
    """A new secret: the old subscription URL stops working at once."""
    from meetings.models import _new_token

    token, _created = CalendarToken.objects.get_or_create(user=user)
    token.token = _new_token()
    token.save(update_fields=["token", "updated_at"])
    return token
