from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from core import pagecache
from core.exceptions import ApplicationError
from core.uploads import download_name
from core.views import form_error, private_file_response
from participants.models import User
from participants.permissions import AuthenticatedHttpRequest, role_required
from recommendations import selectors, services
from recommendations.forms import ProgressUpdateForm


def forbidden(request: HttpRequest, message: str) -> HttpResponse:
    """403 that says why, in the user's language (the site-wide 403 page is generic)."""
    return render(request, "recommendations/forbidden.html", {"message": message}, status=403)


@pagecache.public_page("recommendations", "participants")
def roadmap_list(request: HttpRequest) -> HttpResponse:
    return render(request, "recommendations/roadmap_list.html", {"road_maps": selectors.roadmap_list()})


@pagecache.public_page("recommendations", "participants")
def roadmap_detail(request: HttpRequest, number: int) -> HttpResponse:
    road_map = selectors.roadmap_get(number=number)
    can_report = set()
    if request.user.is_authenticated and (request.user.is_focal_point or request.user.is_secretariat):
        own = services.user_agency_ids(request.user)
        can_report = {
            action.pk for action in road_map.actions.all()
            if request.user.is_secretariat or own & {a.pk for a in action.responsible_agencies.all()}
        }
    return render(request, "recommendations/roadmap_detail.html", {"road_map": road_map, "can_report": can_report})


@pagecache.public_page("recommendations", "participants")
def agency_list(request: HttpRequest) -> HttpResponse:
    agencies = list(selectors.agency_list())
    for agency in agencies:
        # done_count, action_count: selectors.agency_list's annotations; progress: for the template.
        agency.progress = selectors.progress_percent(agency.done_count, agency.action_count)  # type: ignore[attr-defined]
    return render(request, "recommendations/agency_list.html", {"agencies": agencies})


@pagecache.public_page("recommendations", "participants")
def agency_detail(request: HttpRequest, pk: int) -> HttpResponse:
    agency = selectors.agency_get(pk=pk)
    return render(request, "recommendations/agency_detail.html", {
        "agency": agency,
        "road_maps": selectors.roadmap_list(agency=agency),
        "actions": selectors.action_list_for_agencies(agency_ids={agency.pk}),
    })


@role_required(User.Role.FOCAL_POINT)
def my_actions(request: AuthenticatedHttpRequest) -> HttpResponse:
    """A focal point's own agencies' actions, each with its update form link and the fate of past updates."""
    return render(request, "recommendations/my_actions.html", {
        "actions": selectors.action_list_for_user(user=request.user),
        "agencies": [m.organization for m in request.user.memberships.select_related("organization")],
    })


@require_http_methods(["GET", "POST"])
@role_required(User.Role.FOCAL_POINT, User.Role.SECRETARIAT)
def progress_create(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    try:
        action = selectors.action_get_for_reporting(user=request.user, pk=pk)
    except PermissionDenied as exc:
        return forbidden(request, str(exc))
    updates = list(selectors.progress_updates_of_action(action=action))
    initial = {}
    # "Start from the returned update": its text (and proposed status) come back into the form to correct.
    returned = next((u for u in updates if str(u.pk) == request.GET.get("from")
                     and u.state == u.State.REJECTED), None)
    if returned is not None:
        initial = {"text": returned.text, "evidence_url": returned.evidence_url,
                   "proposed_status": returned.proposed_status}
    form = ProgressUpdateForm(request.POST or None, request.FILES or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.progress_update_submit(actor=request.user, action=action, **form.cleaned_data)
        except ApplicationError as exc:
            form_error(form, exc)
        else:
            messages.success(request, _("Thank you. The secretariat will publish your update after review."))
            if request.user.is_focal_point:
                return redirect("recommendations:my-actions")
            return redirect("recommendations:roadmap-detail", number=action.road_map.number)
    back = ("recommendations:my-actions", []) if request.user.is_focal_point else (
        "recommendations:roadmap-detail", [action.road_map.number])
    return render(request, "recommendations/progress_form.html", {
        "form": form, "action": action, "updates": updates, "returned_from": returned,
        "waiting": [u for u in updates if u.state == u.State.SUBMITTED],
        "back_url": reverse(back[0], args=back[1]), "back_to_my_actions": request.user.is_focal_point,
    })


@require_http_methods(["GET", "HEAD"])
def progress_evidence(request: HttpRequest, pk: int) -> HttpResponseBase:
    """The evidence file of a progress update: public once approved, before that its agency's and the secretariat's."""
    try:
        update = selectors.progress_evidence_get_for_user(user=request.user, pk=pk)
    except PermissionDenied as exc:
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        return forbidden(request, str(exc) or _("You cannot open this file."))
    content_type = update.evidence_content_type or "application/octet-stream"
    filename = download_name(update.evidence_name, content_type=content_type, fallback="evidence")
    return private_file_response(update.evidence_file, filename=filename, content_type=content_type)


@pagecache.public_page("recommendations", "participants")
def plan_list(request: HttpRequest) -> HttpResponse:
    return render(request, "recommendations/plan_list.html", {"plans": selectors.plan_list()})


@pagecache.public_page("recommendations", "participants")
def plan_detail(request: HttpRequest, slug: str) -> HttpResponse:
    return render(request, "recommendations/plan_detail.html", {"plan": selectors.plan_get(slug=slug)})
