"""{% un_reference recommendation %}: a recommendation by its UN reference, its text on hover and keyboard focus."""

from __future__ import annotations

import itertools

from django import template

from recommendations.models import Recommendation

register = template.Library()

_WITHOUT_REQUEST = itertools.count(1)


@register.inclusion_tag("recommendations/partials/reference.html", takes_context=True)
def un_reference(context: template.Context, recommendation: Recommendation, link: bool = True) -> dict[str, object]:
    """The reference links to the recommendation's page; its text is a tooltip (role="tooltip", named by
    aria-describedby, so screen readers read it too) that static/js/references.js closes with Escape. Ids count up
    per request, so a recommendation shown twice on one page still gets two distinct ids."""
    request = context.get("request")
    counter: itertools.count[int] | None
    if request is None:
        counter = _WITHOUT_REQUEST  # e-mails and bare template renders: unique across the process
    else:
        counter = getattr(request, "_un_reference_ids", None)
        if counter is None:
            counter = request._un_reference_ids = itertools.count(1)
    return {"r": recommendation, "tip_id": f"un-ref-{recommendation.pk}-{next(counter)}", "link": link}
