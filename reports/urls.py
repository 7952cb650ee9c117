from __future__ import annotations

from django.urls import path

from reports import views

app_name = "reports"

urlpatterns = [
    # Public
    path("reports/", views.report_list, name="report-list"),
    path("reports/<int:pk>/", views.report_detail, name="report-detail"),
    path("reports/documents/<int:pk>/", views.document_download, name="document-download"),
    # Secretariat
    path("reports/new/", views.report_edit, name="report-create"),
    path("reports/build/", views.digest_build, name="digest-build"),
    path("reports/<int:pk>/edit/", views.report_edit, name="report-edit"),
    path("reports/<int:pk>/publish/", views.report_publish, name="report-publish"),
    path("reports/<int:pk>/versions/new/", views.version_create, name="version-create"),
    path("reports/versions/<int:pk>/documents/", views.document_upload, name="document-upload"),
    path("reports/versions/<int:pk>/comment-period/", views.comment_period_open, name="comment-period-open"),
    path("reports/documents/<int:pk>/delete/", views.document_delete, name="document-delete"),
    path("reports/documents/<int:pk>/withdraw/", views.document_withdraw, name="document-withdraw"),
]
