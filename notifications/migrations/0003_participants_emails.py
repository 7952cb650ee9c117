"""The participants app's application e-mails become notices of this app (notifications/notices.py).

Each ApplicationEmail row (an e-mail already sent) becomes a sent Delivery of the notice
"participants.application_<kind>" keyed "application:<id>:<kind>", so publishing it again sends nothing. An e-mail an
application was due (received; approved or declined once decided) that has no row was never sent, or its task was
still queued: it becomes a pending Delivery, which the periodic sweep sends. Nothing is lost, nothing sent twice.
Runs before participants/0003, which deletes the ApplicationEmail table.
"""

import uuid
from urllib.parse import urlsplit

from django.conf import settings
from django.db import migrations

KINDS = ("received", "approved", "declined")


def _language(code):
    codes = {code for code, _name in settings.LANGUAGES}
    return code if code in codes else settings.LANGUAGE_CODE


def copy_to_notices(apps, schema_editor):
    OrganizationApplication = apps.get_model("participants", "OrganizationApplication")
    ApplicationEmail = apps.get_model("participants", "ApplicationEmail")
    Notice = apps.get_model("notifications", "Notice")
    Delivery = apps.get_model("notifications", "Delivery")
    domain = urlsplit(settings.SITE_URL).hostname or "dialogue-platform.kz"
    sent = {(row.application_id, row.kind): row.sent_at for row in ApplicationEmail.objects.all()}
    for application in OrganizationApplication.objects.order_by("pk"):
        due = ["received"] + [kind for kind in ("approved", "declined") if application.status == kind]
        for kind in due:
            notice, _created = Notice.objects.get_or_create(
                kind=f"participants.application_{kind}",
                key=f"application:{application.pk}:{kind}",
                defaults={"payload": {"application_id": application.pk, "event": kind}},
            )
            email = application.contact_email.strip().lower()
            if not email or Delivery.objects.filter(notice=notice, email=email).exists():
                continue
            sent_at = sent.get((application.pk, kind))
            Delivery.objects.create(
                notice=notice,
                user_id=application.user_id if kind == "approved" else None,
                email=email,
                language=_language(application.language),
                status="sent" if sent_at else "pending",
                attempts=1 if sent_at else 0,
                sent_at=sent_at,
                message_id=f"<{uuid.uuid4().hex}.{notice.pk}@{domain}>",
            )


def copy_back(apps, schema_editor):
    """Unapplying: the sent deliveries become ApplicationEmail rows again (the notices stay, harmless)."""
    ApplicationEmail = apps.get_model("participants", "ApplicationEmail")
    Delivery = apps.get_model("notifications", "Delivery")
    for delivery in Delivery.objects.filter(notice__kind__startswith="participants.application_", status="sent"):
        application_id = delivery.notice.payload.get("application_id")
        kind = delivery.notice.payload.get("event")
        if application_id and kind in KINDS:
            ApplicationEmail.objects.get_or_create(application_id=application_id, kind=kind)


class Migration(migrations.Migration):
    dependencies = [
        ("notifications", "0002_default_schedule"),
        ("participants", "0002_onboarding"),
    ]
    run_before = [("participants", "0003_remove_applicationemail")]

    operations = [migrations.RunPython(copy_to_notices, copy_back)]
