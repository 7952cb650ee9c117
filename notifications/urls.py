from __future__ import annotations

from django.urls import path

from notifications import views

app_name = "notifications"

urlpatterns = [
    path("notifications/", views.notice_list, name="notice-list"),
    path("notifications/<int:pk>/", views.notice_detail, name="notice-detail"),
    path("notifications/<int:pk>/resend-failed/", views.notice_resend_failed, name="notice-resend-failed"),
    path("notifications/preferences/", views.preferences, name="preferences"),
    path("notifications/unsubscribe/<str:token>/", views.unsubscribe, name="unsubscribe"),
]
