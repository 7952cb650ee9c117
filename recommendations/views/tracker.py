from __future__ import annotations

from django.http import FileResponse, Http404, HttpRequest, HttpResponse, StreamingHttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from core import pagecache, tabular
from recommendations import selectors
from recommendations.filters import RecommendationFilter
from recommendations.forms import BulkClassifyForm
from recommendations.models import Recommendation
from recommendations.pagination import CAP, SEARCH_CAP, CappedPaginator

PAGE_SIZE = 25
FILTER_FIELDS = ["mechanism", "cycle", "response", "status", "theme", "group", "sdg", "agency", "state", "kind"]
EXPORT_COLUMNS = [
    "id", "mechanism", "cycle_or_report", "state_under_review", "document_symbol", "paragraph", "text",
    "recommending_states", "action_category", "response", "kind", "themes", "responsible_agencies", "status",
]


# The parts of a row templates/recommendations/partials/tracker_row_parts.html renders, in its order.
ROW_PARTS = ("reference", "lang_attr", "text", "note", "lists", "badges")
# What a row shows comes from these apps' tables (core.pagecache scopes): a change to one drops the cached rows.
ROW_SCOPES = ("recommendations", "participants")


def _filtered(request: HttpRequest, *, with_lists: bool = True) -> RecommendationFilter:
    return RecommendationFilter(
        request.GET or None, queryset=selectors.recommendation_list(with_lists=with_lists), request=request
    )


def _row_key(r: Recommendation) -> str:
    # A row's rendering changes with the row: its id and version (and, in the cache key, the scopes' versions).
    return f"{r.pk}:{r.version}"


def _row_parts(rows: list[Recommendation]) -> dict[str, dict[str, str]]:
    """Each row's rendered parts, by _row_key: the lists of themes, states and agencies are loaded for these rows
    only."""
    selectors.recommendation_lists_load(rows)
    parts = {}
    for r in rows:
        html = render_to_string("recommendations/partials/tracker_row_parts.html", {"r": r})
        parts[_row_key(r)] = dict(zip(ROW_PARTS, html.split("<!--part-->"), strict=True))
    return parts


def _rendered_rows(rows: list[Recommendation]) -> list[tuple[Recommendation, dict[str, str]]]:
    """(row, its rendered parts): a crowd reading different searches and pages shares the rendering of each
    recommendation (core.pagecache.cached_many, one cache read for the page), which is most of a page's work."""
    parts = pagecache.cached_many("tracker-row", ROW_SCOPES, {_row_key(r): r for r in rows}, _row_parts)
    # Our own template's output, its content escaped there.
    return [(r, {name: mark_safe(html) for name, html in parts[_row_key(r)].items()})  # noqa: S308  # nosec B308 B703: rendered by our template, content escaped
            for r in rows]


def _applied_filters(request: HttpRequest, filterset: RecommendationFilter) -> list[tuple[str, str, str]]:
    """(field label, chosen value's label, the list's URL without it) for each filter in use: shown above the list,
    so the full chosen value is always readable (a long Kazakh agency name does not fit a closed drop-down on a
    phone) and each filter is removed with one link."""
    if not filterset.is_bound or not filterset.form.is_valid():
        return []
    applied = []
    for name in FILTER_FIELDS:
        raw = request.GET.get(name, "")
        if not raw or filterset.form.cleaned_data.get(name) in (None, ""):
            continue
        field = filterset.form.fields[name]
        # The widget's options: the filters keep them ready (cached); the field's choices would read the table.
        label = next((str(text) for value, text in field.widget.choices if str(value) == raw), raw)
        query = request.GET.copy()
        query.pop(name, None)
        query.pop("page", None)
        applied.append((str(field.label), label, f"?{query.urlencode()}" if query else "?"))
    return applied


@pagecache.public_page("recommendations", "participants")
def tracker(request: HttpRequest) -> HttpResponse:
    """Public: every recommendation, filtered, searched, sorted and paginated from GET parameters."""
    filterset = _filtered(request, with_lists=False)
    paginator = CappedPaginator(filterset.ordered_qs, PAGE_SIZE, requested=request.GET.get("page") or 1,
                                cap=SEARCH_CAP if filterset.searching else CAP)
    page = paginator.get_page(request.GET.get("page"))
    page.object_list = list(page.object_list)
    if filterset.searching:
        selectors.recommendation_snippets(page.object_list, query=filterset.form.cleaned_data["q"])
    query = request.GET.copy()
    query.pop("page", None)
    bulk_form = None
    if request.user.is_authenticated and request.user.is_secretariat:
        bulk_form = BulkClassifyForm(initial={"next": request.get_full_path()})
    return render(request, "recommendations/tracker.html", {
        "filter": filterset,
        "searching": filterset.searching,
        "filter_fields": [filterset.form[name] for name in FILTER_FIELDS],
        "applied_filters": _applied_filters(request, filterset),
        "page": page,
        "rows": _rendered_rows(page.object_list),
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
    """The current filtered view, all pages, as CSV or XLSX, at any size: CSV is streamed as it is written; the
    XLSX workbook is written row by row to a temporary file, which is then streamed."""
    if fmt not in ("csv", "xlsx"):
        raise Http404
    rows = (_row(r) for r in _filtered(request).ordered_qs.iterator(chunk_size=1000))
    stamp = timezone.localdate().isoformat()
    filename = f"recommendations-{stamp}.{fmt}"
    if fmt == "csv":
        response: HttpResponseBase = StreamingHttpResponse(
            tabular.csv_chunks(EXPORT_COLUMNS, rows), content_type=tabular.CSV_CONTENT_TYPE
        )
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
        return response
    workbook = tabular.XlsxWriter()
    workbook.sheet(_("Recommendations"), EXPORT_COLUMNS)
    for row in rows:
        workbook.write(row)
    return FileResponse(workbook.to_temporary_file(), as_attachment=True, filename=filename,
                        content_type=tabular.XLSX_CONTENT_TYPE)


@pagecache.public_page("recommendations", "participants")
def recommendation_detail(request: HttpRequest, pk: int) -> HttpResponse:
    recommendation = selectors.recommendation_get(pk=pk)
    return render(request, "recommendations/recommendation_detail.html", {
        "recommendation": recommendation,
        "history": selectors.recommendation_history(recommendation=recommendation),
    })


@pagecache.public_page("recommendations", "participants")
def dashboard(request: HttpRequest) -> HttpResponse:
    return render(request, "recommendations/dashboard.html", {
        "stats": selectors.dashboard(), "road_maps": selectors.roadmap_list(),
    })
