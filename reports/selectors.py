"""Reads of the reports app; the only place that scopes reports and documents to the person asking."""

from __future__ import annotations

from django.contrib.auth.models import AnonymousUser
from django.db.models import Prefetch, Q, QuerySet
from django.http import Http404

from participants.models import User
from participants.permissions import user_has_role
from reports.models import Report, ReportDocument, ReportVersion


def _is_secretariat(user: User | AnonymousUser | None) -> bool:
    return user_has_role(user, User.Role.SECRETARIAT)


def report_list_for_user(
    *, user: User | AnonymousUser | None, kind: str = "", mechanism: int | None = None, year: int | None = None,
) -> QuerySet[Report]:
    """The registry: published reports for everyone, drafts too for the secretariat; newest first."""
    qs = Report.objects.select_related("mechanism", "author_organization")
    if not _is_secretariat(user):
        qs = qs.filter(status=Report.Status.PUBLISHED)
    if kind:
        qs = qs.filter(kind=kind)
    if mechanism:
        qs = qs.filter(mechanism_id=mechanism)
    if year:
        qs = qs.filter(year=year)
    # `data` holds a digest's figures, which the list never shows.
    return qs.defer("data").order_by("-year", "-period_start", "-pk")


def report_years() -> list[int]:
    return list(Report.objects.filter(status=Report.Status.PUBLISHED).order_by("-year")
                .values_list("year", flat=True).distinct())


def _visible_documents(user: User | AnonymousUser | None) -> Q:
    if _signed_in(user):
        return Q()
    return Q(visibility=ReportDocument.Visibility.PUBLIC)


def _signed_in(user: User | AnonymousUser | None) -> bool:
    return bool(user is not None and user.is_authenticated and user.is_active)


def _under_comment(version: ReportVersion) -> bool:
    return version.comment_period is not None and version.comment_period.is_open


def report_get_for_user(*, user: User | AnonymousUser | None, pk: int) -> Report:
    """404 for a draft unless the secretariat asks, so draft titles do not leak.

    A draft version put to comment is the exception: while its comment period is open, signed-in participants
    see the report and that version's documents (NGOs cannot comment on what they cannot read).
    """
    report = (
        Report.objects.select_related("mechanism", "review", "author_organization")
        .prefetch_related(Prefetch(
            "versions",
            queryset=ReportVersion.objects.select_related("comment_period").order_by("-number").prefetch_related(Prefetch(
                "documents",
                queryset=ReportDocument.objects.filter(_visible_documents(user)).order_by("generated_key", "language",
                                                                                          "pk"),
            )),
        ))
        .filter(pk=pk).first()
    )
    if report is None:
        raise Http404
    if report.is_published or _is_secretariat(user):
        return report
    if _signed_in(user) and any(_under_comment(v) for v in report.versions.all()):
        return report
    raise Http404


def report_versions_for_user(*, user: User | AnonymousUser | None, report: Report) -> list[ReportVersion]:
    """The versions of a report_get_for_user() report this person may open."""
    versions = list(report.versions.all())
    if report.is_published or _is_secretariat(user):
        return versions
    return [v for v in versions if _under_comment(v)]


def report_get_for_edit(*, pk: int) -> Report:
    report = Report.objects.filter(pk=pk).first()
    if report is None:
        raise Http404
    return report


def version_get(*, pk: int) -> ReportVersion:
    version = ReportVersion.objects.select_related("report").filter(pk=pk).first()
    if version is None:
        raise Http404
    return version


def document_get_for_user(*, user: User | AnonymousUser | None, pk: int) -> ReportDocument:
    """Participants-only files need an account; documents of a draft report only the secretariat sees."""
    # all_objects: a withdrawn document's link answers 410 with when and why (reports.views.document_download).
    document = (ReportDocument.all_objects.select_related("version__report", "version__comment_period")
                .filter(pk=pk).first())
    if document is None:
        raise Http404
    if _is_secretariat(user):
        return document
    if not document.version.report.is_published and not (_signed_in(user) and _under_comment(document.version)):
        raise Http404
    if not ReportDocument.all_objects.filter(_visible_documents(user), pk=pk).exists():
        raise Http404
    return document
