"""Pages under the language prefix: the open data page, the data dictionary, and API tokens."""

from __future__ import annotations

from django.urls import path

from api import pages

app_name = "open_data"

urlpatterns = [
    path("open-data/", pages.downloads, name="downloads"),
    path("open-data/api/", pages.api_docs, name="api-docs"),
    path("open-data/dictionary/", pages.dictionary, name="dictionary"),
    path("open-data/tokens/", pages.token_list, name="token-list"),
    path("open-data/tokens/all/", pages.token_admin_list, name="token-admin-list"),
    path("open-data/tokens/<int:pk>/revoke/", pages.token_revoke, name="token-revoke"),
]
