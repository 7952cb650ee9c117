from __future__ import annotations

import datetime as dt

import factory
from django.utils import timezone

from meetings.models import (
    AgendaItem,
    FollowUpAction,
    Invitation,
    Meeting,
    MeetingDocument,
    Minutes,
    Subgroup,
    Topic,
)
from tests.participants.factories import OrganizationFactory, UserFactory
from tests.typed_factories import ModelFactory


def in_days(days: float, hour: int = 10) -> dt.datetime:
    base = timezone.localtime() + dt.timedelta(days=days)
    return base.replace(hour=hour, minute=0, second=0, microsecond=0)


class TopicFactory(ModelFactory[Topic]):
    class Meta:
        model = Topic
        django_get_or_create = ("name",)

    name = factory.Sequence(lambda n: f"Topic {n}")


class SubgroupFactory(ModelFactory[Subgroup]):
    class Meta:
        model = Subgroup

    name = factory.Sequence(lambda n: f"Working subgroup {n}")
    mandate = "Prepare the national report."


class MeetingFactory(ModelFactory[Meeting]):
    class Meta:
        model = Meeting

    number = factory.Sequence(lambda n: 1000 + n)
    title = factory.LazyAttribute(lambda o: f"Meeting No. {o.number}" if o.number else "Subgroup meeting")
    starts_at = factory.LazyFunction(lambda: in_days(30))
    ends_at = factory.LazyAttribute(lambda o: o.starts_at + dt.timedelta(hours=3))
    format = Meeting.Format.HYBRID
    venue = "Ministry of Foreign Affairs, Astana"
    online_link = "https://meet.example.org/secret-room-42"
    chair = "Ambassador-at-Large"
    status = Meeting.Status.SCHEDULED

    class Params:
        past = factory.Trait(
            starts_at=factory.LazyFunction(lambda: in_days(-30)),
            status=Meeting.Status.HELD,
        )


class AgendaItemFactory(ModelFactory[AgendaItem]):
    class Meta:
        model = AgendaItem

    meeting = factory.SubFactory(MeetingFactory)
    position = factory.Sequence(lambda n: n + 1)
    title = factory.Sequence(lambda n: f"Agenda item {n}")
    minutes_allotted = 20


class InvitationFactory(ModelFactory[Invitation]):
    class Meta:
        model = Invitation

    meeting = factory.SubFactory(MeetingFactory)
    person = factory.SubFactory(UserFactory)
    organization = factory.SubFactory(OrganizationFactory)


class MinutesFactory(ModelFactory[Minutes]):
    class Meta:
        model = Minutes

    meeting = factory.SubFactory(MeetingFactory, past=True)
    body = "<p>The meeting discussed the implementation of UPR recommendations.</p>"
    decisions = "<p>To hold the next meeting in the next quarter.</p>"
    # Minutes are published only with their Kazakh and Russian translations (settings.MINUTES_REQUIRED_LANGUAGES).
    body_kk = "<p>Отырыста ЖМШ ұсынымдарының орындалуы талқыланды.</p>"
    body_ru = "<p>На заседании обсуждалось выполнение рекомендаций УПО.</p>"
    decisions_kk = "<p>Келесі отырысты келесі тоқсанда өткізу.</p>"
    decisions_ru = "<p>Провести следующее заседание в следующем квартале.</p>"
    status = Minutes.Status.DRAFT


class PublishedMinutesFactory(MinutesFactory):
    meeting = factory.SubFactory(MeetingFactory, past=True, status=Meeting.Status.MINUTES_PUBLISHED)
    status = Minutes.Status.PUBLISHED
    published_at = factory.LazyFunction(timezone.now)


class FollowUpActionFactory(ModelFactory[FollowUpAction]):
    class Meta:
        model = FollowUpAction

    meeting = factory.SubFactory(MeetingFactory, past=True)
    description = factory.Sequence(lambda n: f"Prepare a note on recommendation {n}")
    owner_organization = factory.SubFactory(OrganizationFactory)
    due_date = factory.LazyFunction(lambda: timezone.localdate() + dt.timedelta(days=60))


PDF_BYTES = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


class MeetingDocumentFactory(ModelFactory[MeetingDocument]):
    class Meta:
        model = MeetingDocument

    meeting = factory.SubFactory(MeetingFactory)
    title = factory.Sequence(lambda n: f"Document {n}")
    file = factory.django.FileField(filename="document.pdf", data=PDF_BYTES)
    content_type = "application/pdf"
    size = len(PDF_BYTES)
    visibility = MeetingDocument.Visibility.PUBLIC
