"""Imports through the web become Celery jobs (issue 13); the uploads kept between preview and confirm go."""

import django.db.models.deletion
import recommendations.models
import core.uploads
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('recommendations', '0006_evidence_to_private_store'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name='ImportJob',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('created_at', models.DateTimeField(auto_now_add=True, db_index=True, verbose_name='created')),
                ('updated_at', models.DateTimeField(auto_now=True, verbose_name='updated')),
                ('token', models.CharField(editable=False, max_length=43, unique=True)),
                ('filename', models.CharField(max_length=255, verbose_name='file name')),
                ('format', models.CharField(choices=[('upr-info', 'UPR Info database export (CSV)'), ('generic', 'Portal template (CSV or XLSX)')], max_length=16, verbose_name='format')),
                ('encoding', models.CharField(blank=True, max_length=32, verbose_name='encoding')),
                ('cycle', models.PositiveSmallIntegerField(blank=True, null=True, verbose_name='cycle')),
                ('language', models.CharField(default='en', max_length=8, verbose_name='language')),
                ('file', models.FileField(blank=True, max_length=255, storage=core.uploads.PrivateStorage(), upload_to=recommendations.models.import_upload_to, verbose_name='file')),
                ('content_type', models.CharField(blank=True, max_length=120, verbose_name='content type')),
                ('size', models.PositiveBigIntegerField(default=0, verbose_name='size in bytes')),
                ('status', models.CharField(choices=[('check_queued', 'Waiting to be checked'), ('checking', 'Checking the file'), ('ready', 'Checked: ready to import'), ('invalid', 'Cannot be imported'), ('import_queued', 'Waiting to be imported'), ('importing', 'Importing'), ('done', 'Imported'), ('failed', 'Import failed: nothing was imported')], default='check_queued', max_length=16, verbose_name='status')),
                ('attempts', models.PositiveSmallIntegerField(default=0, verbose_name='attempts')),
                ('started_at', models.DateTimeField(blank=True, null=True, verbose_name='started at')),
                ('finished_at', models.DateTimeField(blank=True, null=True, verbose_name='finished at')),
                ('preview', models.JSONField(blank=True, default=dict, verbose_name='preview')),
                ('error', models.TextField(blank=True, verbose_name='why it stopped')),
                ('created_count', models.PositiveIntegerField(default=0, verbose_name='recommendations added')),
                ('uploaded_by', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to=settings.AUTH_USER_MODEL)),
            ],
            options={
                'verbose_name': 'import',
                'verbose_name_plural': 'imports',
            },
        ),
        migrations.DeleteModel(
            name='ImportUpload',
        ),
        migrations.AddIndex(
            model_name='importjob',
            index=models.Index(fields=['uploaded_by', '-created_at'], name='recommendations_importjob_mine'),
        ),
        migrations.AddConstraint(
            model_name='importjob',
            constraint=models.CheckConstraint(condition=models.Q(('status__in', ['check_queued', 'checking', 'ready', 'invalid', 'import_queued', 'importing', 'done', 'failed'])), name='recommendations_importjob_status_valid'),
        ),
    ]
