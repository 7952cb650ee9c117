"""E-mail notice of a newly published digest or annual report (notifications framework, optional kind).

Subscribed by default: every active account (secretariat, focal points, NGO representatives, observers);
anyone can opt out through the unsubscribe link the framework adds to optional notices.
"""

from __future__ import annotations

from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from notifications.models import Delivery, Notice
from notifications.registry import Message, Obsolete, register

DIGEST_PUBLISHED = "reports.digest_published"


@register(DIGEST_PUBLISHED, optional=True, topic=DIGEST_PUBLISHED,
          label=_("Quarterly digests and annual reports of the platform"))
def render_digest_published(*, notice: Notice, delivery: Delivery) -> Message:
    from reports.models import Report, ReportDocument

    report = Report.objects.filter(pk=notice.payload.get("report_id"), status=Report.Status.PUBLISHED).first()
    if report is None:
        raise Obsolete("the report was deleted or withdrawn")
    # Called inside core.language.in_language(delivery.language): the link opens the page in that language.
    language = delivery.language or settings.LANGUAGE_CODE
    documents = {
        d.generated_key: settings.SITE_URL + reverse("reports:document-download", args=[d.pk])
        for d in ReportDocument.objects.filter(version__report=report, generated_key__in=[
            f"pdf:{language}", f"xlsx:{language}"])
    }
    context = {
        "report": report,
        "totals": report.data.get("totals", {}),
        "url": settings.SITE_URL + reverse("reports:report-detail", args=[report.pk]),
        "pdf_url": documents.get(f"pdf:{language}", ""),
        "xlsx_url": documents.get(f"xlsx:{language}", ""),
    }
    return Message(
        subject=render_to_string("reports/email/digest_published_subject.txt", context).strip(),
        text=render_to_string("reports/email/digest_published.txt", context),
        html=render_to_string("reports/email/digest_published.html", context),
    )
