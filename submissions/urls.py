from __future__ import annotations

from django.urls import path

from submissions.views import moderation, ngo, public, withdrawal

app_name = "submissions"

urlpatterns = [
    # Public
    path("submissions/", public.public_list, name="public-list"),
    path("submissions/<int:pk>/", public.public_detail, name="public-detail"),
    path("submissions/<int:pk>/file/", public.document_download, name="document"),
    path("submissions/<int:pk>/withdraw/", withdrawal.publication_withdraw, name="publication-withdraw"),
    path("submissions/statistics/", public.statistics, name="statistics"),
    path("submissions/comment-periods/", public.comment_periods, name="comment-periods"),
    path("submissions/comment-periods/<int:pk>/file/", public.period_document, name="period-document"),
    # NGO representatives
    path("submissions/new/", ngo.submission_new, name="new"),
    path("submissions/new/<slug:kind>/", ngo.submission_create, name="create"),
    path("submissions/mine/", ngo.my_submissions, name="mine"),
    path("submissions/mine/<int:pk>/", ngo.submission_detail, name="detail"),
    path("submissions/mine/<int:pk>/edit/", ngo.submission_edit, name="edit"),
    path("submissions/mine/<int:pk>/confirm/", ngo.submission_confirm, name="confirm"),
    path("submissions/mine/<int:pk>/submit/", ngo.submission_submit, name="submit"),
    path("submissions/mine/<int:pk>/withdraw/", ngo.submission_withdraw, name="withdraw"),
    # Secretariat
    path("submissions/moderation/", moderation.queue, name="queue"),
    path("submissions/moderation/bulk/", moderation.bulk, name="bulk"),
    path("submissions/moderation/<int:pk>/", moderation.moderate, name="moderate"),
    path("submissions/moderation/<int:pk>/assign/", moderation.assign, name="assign"),
    path("submissions/moderation/<int:pk>/start-review/", moderation.start_review, name="start-review"),
    path("submissions/moderation/<int:pk>/note/", moderation.note, name="note"),
    path("submissions/moderation/<int:pk>/decide/", moderation.decide, name="decide"),
    path("submissions/moderation/<int:pk>/to-agenda/", moderation.convert_agenda, name="convert-agenda"),
    path("submissions/moderation/<int:pk>/to-recommendation/", moderation.convert_recommendation,
         name="convert-recommendation"),
    path("submissions/moderation/<int:pk>/to-action/", moderation.convert_action, name="convert-action"),
    path("submissions/comment-periods/manage/", moderation.period_manage, name="period-manage"),
    path("submissions/comment-periods/<int:pk>/close/", moderation.period_close, name="period-close"),
]
