from __future__ import annotations

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from notifications import registry, selectors, services
from notifications.forms import DeliveryFilterForm, NoticeFilterForm
from notifications.models import Notice
from participants.models import User
from participants.permissions import AuthenticatedHttpRequest, secretariat_required, signed_in_required


# The signed token is the credential, and mail clients' one-click unsubscribe (RFC 8058) POSTs without a CSRF
# token or a session; the POST only ever switches a notice off, so a forged one can do no more than the link.
@csrf_exempt
@require_http_methods(["GET", "POST"])
def unsubscribe(request: HttpRequest, token: str) -> HttpResponse:
    """GET asks to confirm (link scanners must not unsubscribe anyone); POST switches the topic off."""
    data = services.unsubscribe_token_read(token)
    user = User.objects.filter(pk=data[0], is_active=True).first() if data else None
    topics = registry.optional_topics()
    if data is None or user is None or data[1] not in topics:
        return render(request, "notifications/unsubscribe.html", {"invalid": True}, status=404)
    topic = data[1]
    done = False
    if request.method == "POST":
        services.opt_out_set(user=user, topic=topic, opted_out=True)
        done = True
    return render(request, "notifications/unsubscribe.html", {"topic_label": topics[topic], "done": done})


@signed_in_required
@require_http_methods(["GET", "POST"])
def preferences(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Every signed-in person chooses which optional notices they receive; required ones are listed, not offered."""
    topics = registry.optional_topics()
    if request.method == "POST":
        # Checked boxes are the topics the person wants; the rest are switched off.
        wanted = set(request.POST.getlist("topics"))
        services.opt_outs_update(user=request.user, topics=[t for t in topics if t not in wanted])
        messages.success(request, _("Your e-mail choices are saved."))
        return redirect("notifications:preferences")
    opted_out = selectors.opt_out_topics(user=request.user)
    choices = [(topic, label, topic not in opted_out) for topic, label in topics.items()]
    return render(request, "notifications/preferences.html", {"choices": choices})


LOG_PAGE_SIZE = 25
DELIVERY_PAGE_SIZE = 50


@secretariat_required
@require_GET
def notice_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    """The secretariat's delivery log: every notice with how many of its e-mails went out, failed or wait."""
    form = NoticeFilterForm(request.GET or None, kinds=selectors.notice_kinds_used())
    filters = form.cleaned_data if form.is_valid() else {}
    notices = selectors.notice_log(
        kind=filters.get("kind") or "", problem=filters.get("problem") or "", email=filters.get("email") or ""
    )
    page = Paginator(notices, LOG_PAGE_SIZE).get_page(request.GET.get("page"))
    for notice in page.object_list:
        notice.kind_label = registry.label(notice.kind)
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "notifications/notice_list.html",
        {"form": form, "page": page, "querystring": query.urlencode(), "log_current": True},
    )


@secretariat_required
@require_GET
def notice_detail(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    notice = get_object_or_404(Notice, pk=pk)
    form = DeliveryFilterForm(request.GET or None)
    status = form.cleaned_data.get("status", "") if form.is_valid() else ""
    page = Paginator(selectors.notice_deliveries(notice=notice, status=status), DELIVERY_PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "notifications/notice_detail.html",
        {
            "notice": notice,
            "kind_label": registry.label(notice.kind),
            "counts": selectors.notice_status_counts(notice=notice),
            "form": form,
            "page": page,
            "querystring": query.urlencode(),
            "log_current": True,
        },
    )


@secretariat_required
@require_POST
def notice_resend_failed(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    notice = get_object_or_404(Notice, pk=pk)
    count = services.notice_resend_failed(notice=notice)
    if count:
        messages.success(
            request,
            ngettext(
                "%(count)d failed e-mail is queued to be sent again.",
                "%(count)d failed e-mails are queued to be sent again.",
                count,
            )
            % {"count": count},
        )
    else:
        messages.info(request, _("This notice has no failed e-mails."))
    return redirect("notifications:notice-detail", pk=notice.pk)
