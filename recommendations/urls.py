from __future__ import annotations

from django.urls import path

from recommendations import views

app_name = "recommendations"

urlpatterns = [
    path("recommendations/", views.tracker, name="tracker"),
    path("recommendations/export.<str:fmt>", views.export, name="export"),
    path("recommendations/dashboard/", views.dashboard, name="dashboard"),
    path("recommendations/classify/", views.bulk_classify, name="bulk-classify"),
    path("recommendations/import/", views.import_upload, name="import"),
    path("recommendations/import/template.<str:fmt>", views.import_template, name="import-template"),
    path("recommendations/import/<str:token>/", views.import_job, name="import-job"),
    path("recommendations/<int:pk>/", views.recommendation_detail, name="recommendation-detail"),
    path("recommendations/<int:pk>/edit/", views.recommendation_edit, name="recommendation-edit"),
    path("recommendations/<int:pk>/withdraw/", views.recommendation_withdraw, name="recommendation-withdraw"),
    path("roadmaps/", views.roadmap_list, name="roadmap-list"),
    path("roadmaps/new/", views.roadmap_create, name="roadmap-create"),
    path("roadmaps/<int:number>/edit/", views.roadmap_edit, name="roadmap-edit"),
    path("roadmaps/<int:number>/actions/new/", views.action_create, name="action-create"),
    path("roadmaps/actions/<int:pk>/edit/", views.action_edit, name="action-edit"),
    path("roadmaps/agencies/", views.agency_list, name="agency-list"),
    path("roadmaps/agencies/<int:pk>/", views.agency_detail, name="agency-detail"),
    path("roadmaps/my-actions/", views.my_actions, name="my-actions"),
    path("roadmaps/actions/<int:pk>/progress/", views.progress_create, name="progress-create"),
    path("roadmaps/actions/<int:pk>/withdraw/", views.action_withdraw, name="action-withdraw"),
    path("roadmaps/updates/", views.progress_queue, name="progress-queue"),
    path("roadmaps/updates/<int:pk>/approve/", views.progress_approve, name="progress-approve"),
    path("roadmaps/updates/<int:pk>/return/", views.progress_reject, name="progress-reject"),
    path("roadmaps/updates/<int:pk>/evidence/", views.progress_evidence, name="progress-evidence"),
    path("roadmaps/updates/<int:pk>/withdraw/", views.progress_update_withdraw, name="progress-withdraw"),
    path("roadmaps/<int:number>/", views.roadmap_detail, name="roadmap-detail"),
    path("roadmaps/<int:number>/withdraw/", views.roadmap_withdraw, name="roadmap-withdraw"),
    path("plans/", views.plan_list, name="plan-list"),
    path("plans/<slug:slug>/", views.plan_detail, name="plan-detail"),
]
