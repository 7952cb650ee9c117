"""HTML pages of the api app: the open data page, the data dictionary, the API docs and token management."""

from __future__ import annotations

from django.contrib import messages
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.cache import add_never_cache_headers
from django.utils.http import http_date, url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from api import exports, selectors, services
from api.forms import ApiTokenForm
from api.models import ApiToken, DataExport
from core.exceptions import ApplicationError
from participants.models import User
from participants.permissions import AuthenticatedHttpRequest, role_required, secretariat_required, signed_in_required


@require_GET
def downloads(request: HttpRequest) -> HttpResponse:
    files = {(f.dataset, f.format): f for f in selectors.data_export_list()}
    datasets = [
        {"dataset": dataset, "files": [files.get((dataset.key, fmt)) or {"format": fmt, "missing": True}
                                       for fmt in DataExport.Format.values]}
        for dataset in exports.DATASETS.values()
    ]
    return render(request, "api/downloads.html", {"datasets": datasets})


@require_GET
def dictionary(request: HttpRequest) -> HttpResponse:
    return render(request, "api/dictionary.html", {"datasets": exports.DATASETS.values()})


@require_GET
def api_docs(request: HttpRequest) -> HttpResponse:
    return render(request, "api/docs.html", {"schema_url": reverse("api:schema")})


@require_GET
def api_docs_redirect(request: HttpRequest) -> HttpResponse:
    """/api/v1/docs/ is where API users look; the page itself lives under the language prefix like every page."""
    return redirect("open_data:api-docs")


@require_GET
def download(request: HttpRequest, dataset: str, fmt: str) -> FileResponse:
    export = selectors.data_export_get(dataset=dataset, format=fmt)
    if export is None or not export.file:
        raise Http404
    try:
        handle = export.file.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    response = FileResponse(handle, as_attachment=True,
                            filename=f"dialogue-platform-{dataset}-{export.generated_at:%Y-%m-%d}.{fmt}")
    response["Last-Modified"] = http_date(export.generated_at.timestamp())
    response["Cache-Control"] = "public, max-age=300"
    return response


@require_http_methods(["GET", "POST"])
@role_required(User.Role.FOCAL_POINT)
def token_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    form = ApiTokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            _token, key = services.api_token_create(actor=request.user, label=form.cleaned_data["label"])
        except ApplicationError as exc:
            form.add_error("label", exc.message)
        else:
            # Shown once, in the answer to this POST, never kept anywhere (not in the session table, where a
            # redirect would have to park it) and not cached: only its hash is stored.
            tokens = selectors.api_token_list_for_user(user=request.user)
            response = render(request, "api/token_list.html",
                              {"form": ApiTokenForm(), "tokens": tokens, "new_key": key})
            add_never_cache_headers(response)
            return response
    tokens = selectors.api_token_list_for_user(user=request.user)
    return render(request, "api/token_list.html", {"form": form, "tokens": tokens, "new_key": None})


@require_GET
@secretariat_required
def token_admin_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    show_all = request.GET.get("all") == "1"
    tokens = selectors.api_token_list_all(active_only=not show_all)
    return render(request, "api/token_admin_list.html", {"tokens": tokens, "show_all": show_all})


@require_POST
@signed_in_required
def token_revoke(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    token = get_object_or_404(ApiToken, pk=pk)
    # The service refuses (403) anyone but the owner and the secretariat.
    services.api_token_revoke(actor=request.user, token=token)
    messages.success(request, _("The token %(prefix)s… is revoked: it no longer works.") % {"prefix": token.prefix})
    next_url = request.POST.get("next", "")
    # A path of this site only: redirect() would take any other word for a view name (NoReverseMatch, a 500).
    if next_url.startswith("/") and url_has_allowed_host_and_scheme(next_url, allowed_hosts={request.get_host()}):
        return HttpResponseRedirect(next_url)
    return redirect("open_data:token-list" if token.user_id == request.user.pk else "open_data:token-admin-list")
