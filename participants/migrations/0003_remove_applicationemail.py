"""Application e-mails are notices of the notifications app now: its migration 0003 (which runs before this one)
copied every ApplicationEmail row into a sent delivery, and queued the e-mails that were due but never sent."""

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('participants', '0002_onboarding'),
    ]

    operations = [
        migrations.DeleteModel(
            name='ApplicationEmail',
        ),
    ]
