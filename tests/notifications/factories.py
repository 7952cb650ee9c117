from __future__ import annotations

import uuid

import factory

from notifications.models import Delivery, Notice
from tests.notifications.kinds import REQUIRED
from tests.typed_factories import ModelFactory


class NoticeFactory(ModelFactory[Notice]):
    class Meta:
        model = Notice

    kind = REQUIRED
    key = factory.Sequence(lambda n: f"test:{n}")
    payload = factory.LazyFunction(dict)


class DeliveryFactory(ModelFactory[Delivery]):
    class Meta:
        model = Delivery

    notice = factory.SubFactory(NoticeFactory)
    email = factory.Sequence(lambda n: f"reader{n}@example.org")
    language = "en"
    message_id = factory.LazyFunction(lambda: f"<{uuid.uuid4().hex}@test>")
