from __future__ import annotations

import uuid

import factory
from factory.django import DjangoModelFactory

from notifications.models import Delivery, Notice
from tests.notifications.kinds import REQUIRED


class NoticeFactory(DjangoModelFactory):
    class Meta:
        model = Notice

    kind = REQUIRED
    key = factory.Sequence(lambda n: f"test:{n}")
    payload = factory.LazyFunction(dict)


class DeliveryFactory(DjangoModelFactory):
    class Meta:
        model = Delivery

    notice = factory.SubFactory(NoticeFactory)
    email = factory.Sequence(lambda n: f"reader{n}@example.org")
    language = "en"
    message_id = factory.LazyFunction(lambda: f"<{uuid.uuid4().hex}@test>")
