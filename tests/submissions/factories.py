from __future__ import annotations

import datetime as dt
import io
import zipfile

import factory
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from participants.models import Organization, User
from submissions.models import CommentPeriod, Submission, SubmissionEvent
from tests.participants.factories import MembershipFactory, OrganizationFactory, UserFactory
from tests.recommendations.factories import RoadMapFactory
from tests.typed_factories import ModelFactory


def pdf_bytes(text: str = "Alternative report") -> bytes:
    return b"%PDF-1.4\n% " + text.encode() + b"\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n"


def pdf_upload(name: str = "report.pdf", text: str = "Alternative report") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, pdf_bytes(text), content_type="application/pdf")


def docx_upload(name: str = "report.docx") -> SimpleUploadedFile:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<document/>")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="application/octet-stream")


def exe_renamed_pdf(name: str = "report.pdf") -> SimpleUploadedFile:
    """A Windows executable (MZ header) given a .pdf name and a PDF content type."""
    return SimpleUploadedFile(name, b"MZ\x90\x00\x03" + b"\x00" * 200, content_type="application/pdf")


def ngo_user(organization: Organization | None = None, **extra: object) -> User:
    """An NGO representative with a primary membership in an NGO."""
    organization = organization or OrganizationFactory(kind=Organization.Kind.NGO)
    user = UserFactory(role=User.Role.NGO, **extra)
    MembershipFactory(user=user, organization=organization)
    return user


def secretariat_user(**extra: object) -> User:
    return UserFactory(role=User.Role.SECRETARIAT, **extra)


class CommentPeriodFactory(ModelFactory[CommentPeriod]):
    class Meta:
        model = CommentPeriod

    road_map = factory.SubFactory(RoadMapFactory)
    opens_at = factory.LazyFunction(lambda: timezone.now() - dt.timedelta(days=1))
    closes_at = factory.LazyFunction(lambda: timezone.now() + dt.timedelta(days=14))

    class Params:
        closed = factory.Trait(
            opens_at=factory.LazyFunction(lambda: timezone.now() - dt.timedelta(days=30)),
            closes_at=factory.LazyFunction(lambda: timezone.now() - dt.timedelta(days=1)),
        )
        draft_report = factory.Trait(
            road_map=None, title="Draft fourth UPR national report", title_ru="Проект четвёртого национального доклада УПО",
        )


class SubmissionFactory(ModelFactory[Submission]):
    class Meta:
        model = Submission
        skip_postgeneration_save = True

    kind = Submission.Kind.PROPOSAL
    status = Submission.Status.DRAFT
    author = factory.LazyFunction(ngo_user)
    organization = factory.LazyAttribute(lambda o: o.author.memberships.get(is_primary=True).organization)
    title = factory.Sequence(lambda n: f"Proposal {n}")
    text = factory.Sequence(lambda n: f"<p>Introduce a national preventive mechanism reform, variant {n}: "
                            f"{'independent monitoring of detention ' * (n % 5 + 1)}</p>")
    justification = "<p>Recommended by CAT in 2021.</p>"

    class Params:
        sent = factory.Trait(
            status=Submission.Status.SUBMITTED, submitted_at=factory.LazyFunction(timezone.now),
        )
        reviewing = factory.Trait(
            status=Submission.Status.UNDER_REVIEW, submitted_at=factory.LazyFunction(timezone.now),
        )
        accepted = factory.Trait(
            status=Submission.Status.ACCEPTED, submitted_at=factory.LazyFunction(timezone.now),
            decided_at=factory.LazyFunction(timezone.now), public_answer="Taken up for the next meeting.",
        )
        declined = factory.Trait(
            status=Submission.Status.DECLINED, submitted_at=factory.LazyFunction(timezone.now),
            decided_at=factory.LazyFunction(timezone.now), public_answer="Outside the platform's mandate.",
        )


class SubmissionEventFactory(ModelFactory[SubmissionEvent]):
    class Meta:
        model = SubmissionEvent

    submission = factory.SubFactory(SubmissionFactory)
    action = SubmissionEvent.Action.CREATED
    to_status = factory.LazyAttribute(lambda o: o.submission.status)
