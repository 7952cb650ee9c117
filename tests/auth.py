"""Signing a test client in: one helper that also passes the secretariat's second factor (docs/security.md).

`force_login(client, user)` is Django's `client.force_login(user)`, plus, for a user who must pass a second factor
(the secretariat, superusers), a confirmed authenticator device and a session marked as verified by it, as if
the person had typed a code. Tests of the second factor itself use `client.force_login` and the real pages.
"""

from __future__ import annotations

from django.test import Client
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice

from participants.models import User
from participants.signin import second_factor_required


def pass_second_factor(client: Client, user: User) -> None:
    """Mark `client`'s session as having passed the second factor with `user`'s authenticator."""
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name="Test authenticator", confirmed=True)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()


def force_login(client: Client, user: User) -> None:
    client.force_login(user)
    if second_factor_required(user):
        pass_second_factor(client, user)
