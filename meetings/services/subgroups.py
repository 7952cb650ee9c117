"""Working subgroups and personal calendar tokens."""

from __future__ import annotations

from collections.abc import Iterable

from django.db import transaction
from django.utils.translation import gettext as _

from core.exceptions import ApplicationError
from meetings.models import (
    CalendarToken,
    Subgroup,
)
from participants.models import Organization, User


@transaction.atomic
def subgroup_save(
    *, actor: User, subgroup: Subgroup | None = None, name: str, mandate: str = "",
    co_chair_people: Iterable[User] = (), co_chair_organizations: Iterable[Organization] = (),
    members: Iterable[User] = (), is_active: bool = True,
) -> Subgroup:
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


# --- Calendar tokens ------------------------------------------------------------------------


@transaction.atomic
def calendar_token_reset(*, user: User) -> CalendarToken:
    """A new secret: the old subscription URL stops working at once."""
    from meetings.models import _new_token

    token, _created = CalendarToken.objects.get_or_create(user=user)
    token.token = _new_token()
    token.save(update_fields=["token", "updated_at"])
    return token
