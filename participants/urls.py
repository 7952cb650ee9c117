from __future__ import annotations

from django.urls import path

from participants import signin_views, views

app_name = "participants"

urlpatterns = [
    path("accounts/sign-in/", views.sign_in, name="login"),
    path("accounts/sign-out/", views.sign_out, name="logout"),
    path("accounts/two-factor/", signin_views.two_factor_verify, name="two-factor-verify"),
    path("accounts/two-factor/set-up/", signin_views.two_factor_enrol, name="two-factor-enrol"),
    path("accounts/two-factor/recovery-codes/", signin_views.two_factor_recovery_codes,
         name="two-factor-recovery-codes"),
    path("accounts/profile/", views.profile, name="profile"),
    path("accounts/password/change/", views.password_change, name="password-change"),
    path("accounts/password/change/done/", views.password_change_done, name="password-change-done"),
    path("accounts/password/reset/", signin_views.password_reset, name="password-reset"),
    path("accounts/password/reset/sent/", signin_views.password_reset_done, name="password-reset-done"),
    path(
        "accounts/password/reset/<uidb64>/<token>/",
        views.password_reset_confirm,
        name="password-reset-confirm",
    ),
    path("accounts/password/reset/complete/", views.password_reset_complete, name="password-reset-complete"),
    path("organisations/", views.organization_list, name="organization-list"),
    path("directory/", views.directory, name="directory"),
    path("join/", views.application_create, name="application-create"),
    path("join/received/", views.application_received, name="application-received"),
    path("applications/", views.application_queue, name="application-queue"),
    path("applications/<int:pk>/", views.application_detail, name="application-detail"),
    path("applications/<int:pk>/approve/", views.application_approve, name="application-approve"),
    path("applications/<int:pk>/decline/", views.application_decline, name="application-decline"),
    path("my-organisation/", views.my_organization, name="my-organization"),
    path("my-organisation/invitations/", views.invitation_create, name="invitation-create"),
    path("my-organisation/invitations/<int:pk>/revoke/", views.invitation_revoke, name="invitation-revoke"),
    path("accounts/invitation/<str:token>/", views.invitation_accept, name="invitation-accept"),
]
