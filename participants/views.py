from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth import views as auth_views
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse_lazy
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from core import pagecache
from core.concurrency import Refused, form_initial, save_form
from core.exceptions import ApplicationError
from core.ratelimit import rate_limited
from core.views import run_service
from participants import selectors, services
from participants.forms import (
    ApplicationDeclineForm,
    ApplicationQueueFilterForm,
    DirectoryFilterForm,
    InvitationAcceptForm,
    InvitationCreateForm,
    OrganizationApplicationForm,
    ProfileForm,
    SignInForm,
)
from participants.hooks import ACCOUNT_LINKS
from participants.models import Organization, OrganizationApplication, User
from participants.permissions import (
    AuthenticatedHttpRequest,
    role_required,
    second_factor_url,
    secretariat_required,
    signed_in_required,
)
from participants.signin import second_factor_passed, second_factor_required

PAGE_SIZE = 25


class SignInView(auth_views.LoginView):
    form_class = SignInForm
    template_name = "registration/login.html"
    redirect_authenticated_user = True

    def get_success_url(self) -> str:
        # The password is the first step for the secretariat: the code from their app (or enrolment) comes next.
        url = super().get_success_url()
        if second_factor_required(self.request.user) and not second_factor_passed(self.request.user):
            return second_factor_url(self.request, url)
        return url


sign_in = SignInView.as_view()
sign_out = auth_views.LogoutView.as_view()
password_change = auth_views.PasswordChangeView.as_view(
    success_url=reverse_lazy("participants:password-change-done")
)
password_change_done = auth_views.PasswordChangeDoneView.as_view()
password_reset_confirm = auth_views.PasswordResetConfirmView.as_view(
    success_url=reverse_lazy("participants:password-reset-complete")
)
password_reset_complete = auth_views.PasswordResetCompleteView.as_view()


@pagecache.public_page("participants")
def organization_list(request: HttpRequest) -> HttpResponse:
    """Public: who sits on the platform, members first, then observers."""
    organizations = list(selectors.organization_public_list())
    groups = [
        (standing_label, [o for o in organizations if o.standing == standing])
        for standing, standing_label in Organization.Standing.choices
    ]
    return render(request, "participants/organization_list.html", {"groups": groups})


@signed_in_required
def directory(request: AuthenticatedHttpRequest) -> HttpResponse:
    form = DirectoryFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    organizations = selectors.organization_directory(
        query=filters.get("q", ""), standing=filters.get("standing"), kind=filters.get("kind")
    )
    page = Paginator(organizations, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "participants/directory.html",
        {"form": form, "page": page, "querystring": query.urlencode()},
    )


@require_http_methods(["GET", "POST"])
@signed_in_required
def profile(request: AuthenticatedHttpRequest) -> HttpResponse:
    form = ProfileForm(request.POST or None, instance=request.user)
    conflict = None
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        saved = save_form(form, lambda: services.profile_update(actor=request.user, user=request.user, **data),
                          theirs=lambda exc: form_initial(ProfileForm, instance=exc.current))
        if not isinstance(saved, Refused):
            messages.success(request, _("Your details have been saved."))
            return redirect("participants:profile")
        conflict = saved.conflict
    organization = selectors.user_primary_organization(user=request.user)
    return render(request, "participants/profile.html", {
        "form": form, "organization": organization, "account_links": ACCOUNT_LINKS.collect(request.user),
        "conflict": conflict,
    })


# --- Organisation onboarding ---------------------------------------------------------------

ngo_required = role_required(User.Role.NGO)


@require_http_methods(["GET", "POST"])
def application_create(request: HttpRequest) -> HttpResponse:
    """Public: an NGO applies to join the platform."""
    initial = {}
    if request.user.is_authenticated:
        initial = {"contact_name": request.user.get_full_name(), "contact_email": request.user.email}
    form = OrganizationApplicationForm(request.POST or None, initial=initial)
    status = 200
    if request.method == "POST" and form.is_valid():
        # Every complete application counts, whether or not the service then accepts it (a BIN already waiting,
        # say): django-ratelimit counts attempts, and a refused attempt is still a post from that address.
        if rate_limited(request, group="participants.application", rate=f"{settings.ORG_APPLICATIONS_PER_HOUR}/h"):
            form.add_error(
                None,
                _("Too many applications have been sent from your network in the last hour. Please try again "
                  "later; what you typed is kept below."),
            )
            status = 429
        else:
            data = {k: v for k, v in form.cleaned_data.items() if k != "consent"}
            submitted = save_form(form, lambda: services.application_submit(
                **data, language=(get_language() or "ru")[:2], applicant=request.user))
            if not isinstance(submitted, Refused):
                request.session["application_email"] = form.cleaned_data["contact_email"]
                return redirect("participants:application-received")
    return render(request, "participants/application_form.html", {"form": form}, status=status)


def application_received(request: HttpRequest) -> HttpResponse:
    return render(
        request, "participants/application_received.html", {"email": request.session.get("application_email")}
    )


@secretariat_required
def application_queue(request: AuthenticatedHttpRequest) -> HttpResponse:
    data = request.GET.copy() if "status" in request.GET else {**request.GET.dict(), "status": "pending"}
    form = ApplicationQueueFilterForm(data)
    filters = form.cleaned_data if form.is_valid() else {}
    applications = selectors.application_queue(status=filters.get("status"), region=filters.get("region"))
    page = Paginator(applications, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "participants/application_queue.html",
        {
            "form": form,
            "page": page,
            "querystring": query.urlencode(),
            "counts": selectors.application_status_counts(),
        },
    )


def _application_or_404(pk: int) -> OrganizationApplication:
    application = selectors.application_get(pk=pk)
    if application is None:
        raise Http404
    return application


def _render_application(
    request: HttpRequest, application: OrganizationApplication, decline_form: ApplicationDeclineForm | None = None,
    status: int = 200,
) -> HttpResponse:
    return render(
        request,
        "participants/application_detail.html",
        {"application": application, "decline_form": decline_form or ApplicationDeclineForm()},
        status=status,
    )


@secretariat_required
def application_detail(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    return _render_application(request, _application_or_404(pk))


@require_POST
@secretariat_required
def application_approve(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    application = _application_or_404(pk)
    run_service(
        request, lambda: services.application_approve(application=application, actor=request.user),
        success=lambda approved: (
            _("Approved: %(name)s is now a member, and %(email)s has been sent a link to set a password.")
            # An approved application has its organisation.
            % {"name": approved.organization.localized_name,  # type: ignore[union-attr]
               "email": approved.contact_email}
        ),
    )
    return redirect("participants:application-detail", pk=pk)


@require_POST
@secretariat_required
def application_decline(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    application = _application_or_404(pk)
    form = ApplicationDeclineForm(request.POST)
    if form.is_valid():
        try:
            services.application_decline(
                application=application, actor=request.user, reason=form.cleaned_data["reason"]
            )
        except ApplicationError as exc:
            if exc.field:
                form.add_error(exc.field, exc.message)
            else:
                messages.error(request, exc.message)
                return redirect("participants:application-detail", pk=pk)
        else:
            messages.success(request, _("Declined; the reason has been sent to %(email)s.") % {
                "email": application.contact_email})
            return redirect("participants:application-detail", pk=pk)
    return _render_application(request, application, form, status=400)


def _render_my_organization(
    request: AuthenticatedHttpRequest, invite_form: InvitationCreateForm | None = None, status: int = 200
) -> HttpResponse:
    organization = selectors.user_primary_organization(user=request.user)
    context: dict[str, object] = {"organization": organization}
    if organization is not None:
        context.update(
            colleagues=selectors.organization_colleagues(organization=organization),
            invitations=selectors.invitation_open_for_organization(organization=organization),
            invite_form=invite_form or InvitationCreateForm(initial={"language": (get_language() or "ru")[:2]}),
            invitation_days=settings.ORG_INVITATION_DAYS,
        )
    return render(request, "participants/my_organization.html", context, status=status)


@ngo_required
def my_organization(request: AuthenticatedHttpRequest) -> HttpResponse:
    return _render_my_organization(request)


@require_POST
@ngo_required
def invitation_create(request: AuthenticatedHttpRequest) -> HttpResponse:
    organization = selectors.user_primary_organization(user=request.user)
    if organization is None:
        raise Http404
    form = InvitationCreateForm(request.POST)
    if form.is_valid():
        created = save_form(form, lambda: services.invitation_create(
            organization=organization,
            email=form.cleaned_data["email"],
            invited_by=request.user,
            language=form.cleaned_data["language"],
        ))
        if not isinstance(created, Refused):
            invitation, _token = created
            messages.success(request, _("The invitation has been sent to %(email)s.") % {"email": invitation.email})
            return redirect("participants:my-organization")
    return _render_my_organization(request, form, status=400)


@require_POST
@ngo_required
def invitation_revoke(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    invitation = selectors.invitation_get_for_representative(user=request.user, pk=pk)
    if invitation is None:
        raise Http404
    run_service(request, lambda: services.invitation_revoke(invitation=invitation, actor=request.user),
                success=_("The invitation to %(email)s has been revoked.") % {"email": invitation.email})
    return redirect("participants:my-organization")


@require_http_methods(["GET", "POST"])
def invitation_accept(request: HttpRequest, token: str) -> HttpResponse:
    """Public: the invited colleague sets a name and password and joins the organisation."""
    invitation = selectors.invitation_get_by_token(token=token)
    if invitation is None:
        problem = _("This invitation link is not valid. Please copy the whole link from the e-mail.")
    elif invitation.state != "open":
        problem = str(services.INVITATION_STATE_MESSAGES[invitation.state])
    else:
        problem = ""
    if problem:
        return render(request, "participants/invitation_invalid.html", {"problem": problem}, status=410 if invitation else 404)
    form = InvitationAcceptForm(
        request.POST or None,
        email=invitation.email,  # type: ignore[union-attr]  # not None: a missing invitation returned above
        initial={"preferred_language": (get_language() or "ru")[:2]},
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            user = services.invitation_accept(
                token=token,
                first_name=data["first_name"],
                last_name=data["last_name"],
                position=data["position"],
                password=data["password1"],
                preferred_language=data["preferred_language"],
            )
        except ApplicationError as exc:
            return render(request, "participants/invitation_invalid.html", {"problem": exc.message}, status=409)
        login(request, user, backend="django.contrib.auth.backends.ModelBackend")
        messages.success(
            request,
            _("Welcome! You now represent %(name)s on the platform.")
            % {"name": invitation.organization.localized_name},  # type: ignore[union-attr]  # not None: see above
        )
        return redirect("participants:my-organization")
    return render(request, "participants/invitation_accept.html", {"form": form, "invitation": invitation})
