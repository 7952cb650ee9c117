"""Every URL of the submissions app against every role (tests/test_access_matrix.py walks these).

Object-level rules (only one's own organisation's submissions) cannot be told by role alone:
tests/submissions/test_views.py covers another NGO's submission (404, never a change).
"""

from __future__ import annotations

from django.urls import reverse

from tests.access import PUBLIC, Rule

NGO = ("ngo",)
SECRETARIAT = ("secretariat",)
REDIRECT = (302,)


def _own_submission(**extra: object) -> int:
    """A submission of "Human Rights Bureau", the organisation of the ngo fixture (conftest.py), by a colleague."""
    from participants.models import Organization
    from tests.participants.factories import OrganizationFactory
    from tests.submissions.factories import SubmissionFactory, ngo_user

    organization = OrganizationFactory(name="Human Rights Bureau", kind=Organization.Kind.NGO)
    return SubmissionFactory(author=ngo_user(organization), **extra).pk


def _sent_submission(**extra: object) -> int:
    from tests.submissions.factories import SubmissionFactory

    return SubmissionFactory(sent=True, **extra).pk


def _accepted_report() -> int:
    from tests.submissions.factories import SubmissionFactory, pdf_upload

    submission = SubmissionFactory(accepted=True, kind="shadow_report")
    submission.document.save("report.pdf", pdf_upload(), save=True)
    return submission.pk


def _period(with_document: bool = False) -> int:
    from tests.submissions.factories import CommentPeriodFactory, pdf_upload

    period = CommentPeriodFactory()
    if with_document:
        period.document.save("draft.pdf", pdf_upload(), save=True)
    return period.pk


def _url(name: str, *args: object) -> str:
    return reverse(f"submissions:{name}", args=args)


ACCESS_RULES = [
    Rule("submissions public list", lambda: _url("public-list"), PUBLIC),
    Rule("submission public page (accepted)", lambda: _url("public-detail", _sent_submission(
        status="accepted", decided_at="2026-01-10T10:00:00Z", public_answer="Taken up.")), PUBLIC),
    Rule("accepted shadow report file", lambda: _url("document", _accepted_report()), PUBLIC),
    Rule("submissions statistics", lambda: _url("statistics"), PUBLIC),
    Rule("open comment periods", lambda: _url("comment-periods"), PUBLIC),
    Rule("comment period draft file", lambda: _url("period-document", _period(with_document=True)), PUBLIC),
    Rule("new submission: choose a kind", lambda: _url("new"), NGO),
    Rule("new proposal", lambda: _url("create", "proposal"), NGO),
    Rule("new comment", lambda: _url("create", "comment"), NGO),
    Rule("new shadow report", lambda: _url("create", "shadow_report"), NGO),
    Rule("new agenda suggestion", lambda: _url("create", "agenda"), NGO),
    Rule("my submissions", lambda: _url("mine"), NGO),
    Rule("own submission timeline", lambda: _url("detail", _own_submission()), NGO),
    Rule("edit own draft", lambda: _url("edit", _own_submission()), NGO),
    Rule("confirm a possible duplicate", lambda: _url("confirm", _own_submission()), NGO),
    Rule("submit own draft", lambda: _url("submit", _own_submission()), NGO, method="post", ok_status=REDIRECT),
    Rule("withdraw own submission", lambda: _url("withdraw", _own_submission()), NGO, method="post",
         ok_status=REDIRECT),
    Rule("moderation queue", lambda: _url("queue"), SECRETARIAT),
    Rule("withdraw a published submission", lambda: _url("publication-withdraw", _sent_submission(
        status="accepted", decided_at="2026-01-10T10:00:00Z", public_answer="Taken up.")), SECRETARIAT),
    Rule("moderation bulk action", lambda: _url("bulk"), SECRETARIAT, method="post", ok_status=REDIRECT),
    Rule("moderate a submission", lambda: _url("moderate", _sent_submission()), SECRETARIAT),
    Rule("assign a reviewer", lambda: _url("assign", _sent_submission()), SECRETARIAT, method="post",
         ok_status=(400,)),
    Rule("start review", lambda: _url("start-review", _sent_submission()), SECRETARIAT, method="post",
         ok_status=REDIRECT),
    Rule("internal note", lambda: _url("note", _sent_submission()), SECRETARIAT, method="post",
         data={"note": "Check the figures."}, ok_status=REDIRECT),
    Rule("decide", lambda: _url("decide", _sent_submission()), SECRETARIAT, method="post",
         data={"status": "declined", "public_answer": "Outside the mandate."}, ok_status=REDIRECT),
    Rule("convert to an agenda item", lambda: _url("convert-agenda", _sent_submission()), SECRETARIAT,
         method="post", ok_status=(400,)),
    Rule("convert to a recommendation", lambda: _url("convert-recommendation", _sent_submission()), SECRETARIAT,
         method="post", ok_status=REDIRECT),
    Rule("convert to a road-map action", lambda: _url("convert-action", _sent_submission()), SECRETARIAT,
         method="post", ok_status=(400,)),
    Rule("manage comment periods", lambda: _url("period-manage"), SECRETARIAT),
    Rule("close a comment period", lambda: _url("period-close", _period()), SECRETARIAT, method="post",
         ok_status=REDIRECT),
    # The administration: the secretariat's role gives it the submissions models too (participants/backends.py).
    Rule("administration: submissions", lambda: reverse("admin:submissions_submission_changelist"), SECRETARIAT),
    Rule("administration: a submission", lambda: reverse("admin:submissions_submission_change",
                                                          args=[_sent_submission()]), SECRETARIAT),
    Rule("administration: comment periods", lambda: reverse("admin:submissions_commentperiod_changelist"),
         SECRETARIAT),
]
