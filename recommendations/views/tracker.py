from __future__ import annotations

import csv
import io
from collections.abc import Iterator

from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBase, StreamingHttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _

from recommendations import selectors
from recommendations.filters import RecommendationFilter
from recommendations.forms import BulkClassifyForm
from recommendations.models import Recommendation
from recommendations.pagination import CappedPaginator

PAGE_SIZE = 25
FILTER_FIELDS = ["mechanism", "cycle", "response", "status", "theme", "group", "sdg", "agency", "state", "kind"]
EXPORT_COLUMNS = [
    "id", "mechanism", "cycle_or_report", "state_under_review", "document_symbol", "paragraph", "text",
    "recommending_states", "action_category", "response", "kind", "themes", "responsible_agencies", "status",
]


def _filtered(request: HttpRequest) -> RecommendationFilter:
    return RecommendationFilter(request.GET or None, queryset=selectors.recommendation_list(), request=request)


def tracker(request: HttpRequest) -> HttpResponse:
    """Public: every recommendation, filtered, searched, sorted and paginated from GET parameters."""
    filterset = _filtered(request)
    paginator = CappedPaginator(filterset.ordered_qs, PAGE_SIZE, requested=request.GET.get("page") or 1)
    page = paginator.get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    bulk_form = None
    if request.user.is_authenticated and request.user.is_secretariat:
        bulk_form = BulkClassifyForm(initial={"next": request.get_full_path()})
    return render(request, "recommendations/tracker.html", {
        "filter": filterset,
        "filter_fields": [filterset.form[name] for name in FILTER_FIELDS],
        "page": page,
        "capped": paginator.is_capped,
        "cap": paginator.cap,
        "querystring": query.urlencode(),
        "bulk_form": bulk_form,
        "filter_errors": [
            (filterset.form.fields[name].label, error) for name, errors in filterset.form.errors.items()
            for error in errors
        ] if filterset.is_bound else [],
    })


def _row(r: Recommendation) -> list[object]:
    return [
        r.pk, r.mechanism.acronym, r.review.title, r.review.state_under_review, r.document_symbol, r.paragraph, r.text,
        "; ".join(s.name for s in r.state_list), r.action_category or "", r.response or "",
        r.kind, "; ".join(t.name for t in r.theme_list),
        "; ".join(a.name for a in r.agency_list), r.status,
    ]


def export(request: HttpRequest, fmt: str) -> HttpResponseBase:
    """The current filtered view, all pages, as CSV (streamed) or XLSX."""
    if fmt not in ("csv", "xlsx"):
        raise Http404
    rows = _filtered(request).ordered_qs.iterator(chunk_size=1000)
    stamp = timezone.localdate().isoformat()
    if fmt == "csv":
        def lines() -> Iterator[str]:
            buffer = io.StringIO()
            writer = csv.writer(buffer)
            yield "\ufeff"  # Excel opens a UTF-8 CSV correctly only with a BOM.
            writer.writerow(EXPORT_COLUMNS)
            for recommendation in rows:
                writer.writerow(_row(recommendation))
                if buffer.tell() > 64 * 1024:
                    yield buffer.getvalue()
                    buffer.seek(0)
                    buffer.truncate()
            yield buffer.getvalue()

        response: HttpResponseBase = StreamingHttpResponse(lines(), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="recommendations-{stamp}.csv"'
        return response
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(_("Recommendations")[:31])
    sheet.append(EXPORT_COLUMNS)
    for recommendation in rows:
        sheet.append(_row(recommendation))
    buffer = io.BytesIO()
    workbook.save(buffer)
    response = HttpResponse(
        buffer.getvalue(), content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    response["Content-Disposition"] = f'attachment; filename="recommendations-{stamp}.xlsx"'
    return response


def recommendation_detail(request: HttpRequest, pk: int) -> HttpResponse:
    recommendation = selectors.recommendation_get(pk=pk)
    return render(request, "recommendations/recommendation_detail.html", {
        "recommendation": recommendation,
        "history": selectors.recommendation_history(recommendation=recommendation),
    })


def dashboard(request: HttpRequest) -> HttpResponse:
    return render(request, "recommendations/dashboard.html", {
        "stats": selectors.dashboard(), "road_maps": selectors.roadmap_list(),
    })
