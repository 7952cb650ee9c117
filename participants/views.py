from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse_lazy
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from participants import selectors
from participants.forms import DirectoryFilterForm, ProfileForm, SignInForm
from participants.models import Organization
from participants.permissions import signed_in_required

PAGE_SIZE = 25


class SignInView(auth_views.LoginView):
    form_class = SignInForm
    template_name = "registration/login.html"
    redirect_authenticated_user = True


sign_in = SignInView.as_view()
sign_out = auth_views.LogoutView.as_view()
password_change = auth_views.PasswordChangeView.as_view(
    success_url=reverse_lazy("participants:password-change-done")
)
password_change_done = auth_views.PasswordChangeDoneView.as_view()
password_reset = auth_views.PasswordResetView.as_view(
    success_url=reverse_lazy("participants:password-reset-done"),
    email_template_name="registration/password_reset_email.txt",
    html_email_template_name="registration/password_reset_email.html",
    subject_template_name="registration/password_reset_subject.txt",
)
password_reset_done = auth_views.PasswordResetDoneView.as_view()
password_reset_confirm = auth_views.PasswordResetConfirmView.as_view(
    success_url=reverse_lazy("participants:password-reset-complete")
)
password_reset_complete = auth_views.PasswordResetCompleteView.as_view()


def organization_list(request: HttpRequest) -> HttpResponse:
    """Public: who sits on the platform, members first, then observers."""
    organizations = list(selectors.organization_public_list())
    groups = [
        (standing_label, [o for o in organizations if o.standing == standing])
        for standing, standing_label in Organization.Standing.choices
    ]
    return render(request, "participants/organization_list.html", {"groups": groups})


@signed_in_required
def directory(request: HttpRequest) -> HttpResponse:
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
def profile(request: HttpRequest) -> HttpResponse:
    form = ProfileForm(request.POST or None, instance=request.user)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Your details have been saved."))
        return redirect("participants:profile")
    organization = selectors.user_primary_organization(user=request.user)
    return render(request, "participants/profile.html", {"form": form, "organization": organization})
