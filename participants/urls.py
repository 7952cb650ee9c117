from __future__ import annotations

from django.urls import path

from participants import views

app_name = "participants"

urlpatterns = [
    path("accounts/sign-in/", views.sign_in, name="login"),
    path("accounts/sign-out/", views.sign_out, name="logout"),
    path("accounts/profile/", views.profile, name="profile"),
    path("accounts/password/change/", views.password_change, name="password-change"),
    path("accounts/password/change/done/", views.password_change_done, name="password-change-done"),
    path("accounts/password/reset/", views.password_reset, name="password-reset"),
    path("accounts/password/reset/sent/", views.password_reset_done, name="password-reset-done"),
    path(
        "accounts/password/reset/<uidb64>/<token>/",
        views.password_reset_confirm,
        name="password-reset-confirm",
    ),
    path("accounts/password/reset/complete/", views.password_reset_complete, name="password-reset-complete"),
    path("organisations/", views.organization_list, name="organization-list"),
    path("directory/", views.directory, name="directory"),
]
