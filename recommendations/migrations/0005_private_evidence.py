"""Evidence files of progress updates move to the private store (issue 13): schema."""

import core.uploads
import recommendations.models
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('recommendations', '0004_content_backfill'),
    ]

    operations = [
        migrations.AddField(
            model_name='progressupdate',
            name='evidence_content_type',
            field=models.CharField(blank=True, max_length=120, verbose_name='evidence file type'),
        ),
        migrations.AddField(
            model_name='progressupdate',
            name='evidence_name',
            field=models.CharField(blank=True, max_length=255, verbose_name='evidence file name'),
        ),
        migrations.AlterField(
            model_name='progressupdate',
            name='evidence_file',
            field=models.FileField(blank=True, max_length=255, storage=core.uploads.PrivateStorage(), upload_to=recommendations.models.evidence_upload_to, verbose_name='evidence file'),
        ),
    ]
