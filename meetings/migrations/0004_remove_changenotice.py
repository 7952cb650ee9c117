"""Change notices move to the notifications app.

Each ChangeNotice row (an e-mail already sent) becomes a sent Delivery of the notice "meetings.change" with the key
the new code uses, so a change published again after the upgrade (a queued task, a retry) does not write twice to
the people already told.
"""

import uuid

from django.db import migrations


def copy_to_notifications(apps, schema_editor):
    ChangeNotice = apps.get_model("meetings", "ChangeNotice")
    Notice = apps.get_model("notifications", "Notice")
    Delivery = apps.get_model("notifications", "Delivery")
    for row in ChangeNotice.objects.select_related("change", "recipient").order_by("pk").iterator():
        notice, _ = Notice.objects.get_or_create(
            kind="meetings.change",
            key=f"meeting-change:{row.change_id}",
            defaults={"payload": {"change_id": row.change_id, "meeting_id": row.change.meeting_id}},
        )
        email = row.recipient.email.strip().lower()
        Delivery.objects.get_or_create(
            notice=notice,
            email=email,
            defaults={
                "user_id": row.recipient_id,
                "language": row.recipient.preferred_language or "ru",
                "status": "sent",
                "attempts": 1,
                "sent_at": row.sent_at,
                "message_id": f"<{uuid.uuid4().hex}.{notice.pk}@migrated.dialogue-platform>",
            },
        )


class Migration(migrations.Migration):
    dependencies = [
        ("meetings", "0003_recommendation_links"),
        ("notifications", "0001_initial"),
    ]

    operations = [
        migrations.RunPython(copy_to_notifications, migrations.RunPython.noop),
        migrations.DeleteModel(name="ChangeNotice"),
    ]
