from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from notifications import registry, selectors, services
from participants.models import User
from participants.permissions import signed_in_required


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
def preferences(request: HttpRequest) -> HttpResponse:
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
