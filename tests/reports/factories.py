from __future__ import annotations

import datetime

import factory
from django.utils import timezone

from reports.models import Report, ReportDocument, ReportVersion
from tests.meetings.factories import PDF_BYTES
from tests.typed_factories import ModelFactory


class ReportFactory(ModelFactory[Report]):
    class Meta:
        model = Report

    kind = Report.Kind.UPR_NATIONAL
    title = factory.Sequence(lambda n: f"National report {n}")
    title_ru = factory.LazyAttribute(lambda o: f"Национальный доклад {o.title}")
    title_kk = factory.LazyAttribute(lambda o: f"Ұлттық баяндама {o.title}")
    year = 2019
    status = Report.Status.PUBLISHED
    published_at = factory.LazyAttribute(lambda o: timezone.now() if o.status == Report.Status.PUBLISHED else None)


class ReportVersionFactory(ModelFactory[ReportVersion]):
    class Meta:
        model = ReportVersion

    report = factory.SubFactory(ReportFactory)
    number = factory.Sequence(lambda n: n + 1)
    date = datetime.date(2019, 8, 23)


class ReportDocumentFactory(ModelFactory[ReportDocument]):
    class Meta:
        model = ReportDocument

    version = factory.SubFactory(ReportVersionFactory)
    title = factory.Sequence(lambda n: f"Report document {n}")
    file = factory.django.FileField(filename="report.pdf", data=PDF_BYTES)
    content_type = "application/pdf"
    size = len(PDF_BYTES)
    visibility = ReportDocument.Visibility.PUBLIC
