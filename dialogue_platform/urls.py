from __future__ import annotations

from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path
from django.views.i18n import set_language

from dialogue_platform import views

handler400 = "dialogue_platform.views.bad_request"

# Language-neutral endpoints: machines call them and they must not redirect.
urlpatterns = [
    path("healthz", views.healthz, name="healthz"),
    path("i18n/setlang/", set_language, name="set_language"),
    path("", include("meetings.feed_urls")),
    path("", include("api.urls")),
]

# Pages carry their language in the path (/kk/, /ru/, /en/), so a link always opens in the
# language it was shared in, and caches and crawlers see one language per URL.
urlpatterns += i18n_patterns(
    path("", views.home, name="home"),
    path("workspace/", views.workspace, name="workspace"),
    path("", include("participants.urls")),
    path("", include("notifications.urls")),
    path("", include("recommendations.urls")),
    path("", include("meetings.urls")),
    path("", include("submissions.urls")),
    path("", include("reports.urls")),
    path("", include("api.page_urls")),
    path("admin/", admin.site.urls),
    prefix_default_language=True,
)

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
