"""Bad input and object permissions through the full stack: clear messages, nothing lost, nothing doubled."""

from __future__ import annotations

import uuid
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from participants.models import User
from submissions.models import Submission, SubmissionUpload
from tests.auth import force_login
from tests.recommendations.factories import ThemeFactory, mechanism
from tests.submissions.factories import (
    CommentPeriodFactory,
    SubmissionFactory,
    exe_renamed_pdf,
    ngo_user,
    pdf_upload,
    secretariat_user,
)

pytestmark = pytest.mark.django_db

S = Submission.Status


def _client(user: User, **kwargs: Any) -> Client:
    client = Client(**kwargs)
    force_login(client, user)
    return client


def _proposal(**extra: object) -> dict[str, object]:
    data: dict[str, object] = {"title": "Independent monitoring of detention",
                               "text": "Give the NPM unannounced access to every closed institution.",
                               "justification": "CAT 2021, para 12.", "intent": "submit"}
    data.update(extra)
    return data


def _report(**extra: object) -> dict[str, object]:
    data: dict[str, object] = {"title": "Alternative report to CEDAW", "mechanism": mechanism("cedaw").pk,
                               "text": "Our findings on gender-based violence.", "intent": "submit"}
    data.update(extra)
    return data


def test_missing_fields_get_messages_next_to_them_and_keep_what_was_typed() -> None:
    client = _client(ngo_user())
    response = client.post(reverse("submissions:create", args=["proposal"]), _proposal(title="", justification=""))
    assert response.status_code == 200
    form = response.context["form"]
    assert set(form.errors) == {"title", "justification"}
    assert "Give the NPM unannounced access" in response.content.decode()
    assert not Submission.objects.exists()


def test_comment_after_the_period_closed_gets_a_clear_message_and_keeps_the_text_as_a_draft() -> None:
    user = ngo_user()
    client = _client(user)
    period = CommentPeriodFactory(closed=True)
    response = client.post(reverse("submissions:create", args=["comment"]), {
        "comment_period": period.pk, "title": "Late thoughts", "text": "Action 4 lacks an indicator.",
        "intent": "submit",
    }, follow=True)
    page = response.content.decode()
    assert "comment period for this draft is closed" in page
    submission = Submission.objects.get()
    assert submission.status == S.DRAFT
    assert response.redirect_chain[-1][0] == reverse("submissions:edit", args=[submission.pk])
    assert "Action 4 lacks an indicator." in page


def test_a_30_mb_upload_is_refused_with_a_message_and_the_text_is_kept() -> None:
    client = _client(ngo_user())
    big = SimpleUploadedFile("big.pdf", b"%PDF-1.4\n" + b"0" * (30 * 1024 * 1024), content_type="application/pdf")
    response = client.post(reverse("submissions:create", args=["shadow_report"]), _report(document=big))
    assert response.status_code == 200
    assert "too large" in " ".join(response.context["form"].errors["document"])
    assert "Our findings on gender-based violence." in response.content.decode()
    assert not Submission.objects.exists()
    assert not SubmissionUpload.objects.exists()


def test_an_executable_renamed_pdf_is_refused() -> None:
    client = _client(ngo_user())
    response = client.post(reverse("submissions:create", args=["shadow_report"]), _report(document=exe_renamed_pdf()))
    assert response.status_code == 200
    assert "not an accepted document" in " ".join(response.context["form"].errors["document"])
    assert not Submission.objects.exists()
    assert not SubmissionUpload.objects.exists()


def test_a_valid_upload_is_kept_when_other_fields_fail_and_need_not_be_sent_again() -> None:
    user = ngo_user()
    client = _client(user)
    response = client.post(reverse("submissions:create", args=["shadow_report"]),
                           _report(title="", document=pdf_upload("findings.pdf")))
    assert response.status_code == 200
    upload = SubmissionUpload.objects.get()
    page = response.content.decode()
    assert upload.token in page
    assert "findings.pdf" in page
    form_token = response.context["form"]["form_token"].value()
    response = client.post(reverse("submissions:create", args=["shadow_report"]),
                           _report(upload_token=upload.token, form_token=form_token))
    assert response.status_code == 302
    submission = Submission.objects.get()
    assert submission.status == S.SUBMITTED
    assert submission.document_name == "findings.pdf"
    assert submission.document.read().startswith(b"%PDF")
    assert not SubmissionUpload.objects.exists()


def test_someone_elses_upload_token_is_ignored() -> None:
    other = ngo_user()
    upload_response = _client(other).post(reverse("submissions:create", args=["shadow_report"]),
                                          _report(title="", document=pdf_upload()))
    assert upload_response.status_code == 200
    token = SubmissionUpload.objects.get().token
    response = _client(ngo_user()).post(reverse("submissions:create", args=["shadow_report"]),
                                        _report(upload_token=token))
    assert response.status_code == 200
    assert "Attach the report file." in response.context["form"].errors["document"]
    assert not Submission.objects.exists()


def test_double_click_on_submit_makes_one_record() -> None:
    client = _client(ngo_user())
    data = _proposal(form_token=str(uuid.uuid4()))
    first = client.post(reverse("submissions:create", args=["proposal"]), data)
    second = client.post(reverse("submissions:create", args=["proposal"]), data, follow=True)
    assert first.status_code == 302
    assert Submission.objects.count() == 1
    assert Submission.objects.get().events.filter(action="submitted").count() == 1
    assert "already sent; nothing was added" in second.content.decode()


def test_rate_limit_per_person_refuses_with_429_and_keeps_the_text(settings) -> None:  # noqa: ANN001
    settings.SUBMISSIONS_RATE_PER_USER = "2/h"
    client = _client(ngo_user())
    for n in range(2):
        response = client.post(reverse("submissions:create", args=["proposal"]),
                               _proposal(title=f"Proposal {n}", text=f"Distinct text number {n} about prisons."))
        assert response.status_code == 302
    response = client.post(reverse("submissions:create", args=["proposal"]),
                           _proposal(title="Third", text="A third text that must be kept."))
    assert response.status_code == 429
    assert "many submissions in a short time" in response.content.decode()
    assert "A third text that must be kept." in response.content.decode()
    assert Submission.objects.count() == 2


def test_rate_limit_per_address_covers_several_accounts(settings) -> None:  # noqa: ANN001
    settings.SUBMISSIONS_RATE_PER_IP = "1/h"
    first = _client(ngo_user()).post(reverse("submissions:create", args=["proposal"]), _proposal())
    second = _client(ngo_user()).post(reverse("submissions:create", args=["proposal"]), _proposal(title="Other"))
    assert (first.status_code, second.status_code) == (302, 429)
    assert Submission.objects.count() == 1


def test_csrf_is_enforced_on_submissions() -> None:
    client = _client(ngo_user(), enforce_csrf_checks=True)
    response = client.post(reverse("submissions:create", args=["proposal"]), _proposal())
    assert response.status_code == 403
    assert not Submission.objects.exists()


def test_editing_another_organisations_submission_is_not_found_and_changes_nothing() -> None:
    submission = SubmissionFactory(title="Original")
    stranger = _client(ngo_user())
    assert stranger.get(reverse("submissions:edit", args=[submission.pk])).status_code == 404
    assert stranger.post(reverse("submissions:edit", args=[submission.pk]),
                         _proposal(title="Hijacked")).status_code == 404
    assert stranger.post(reverse("submissions:submit", args=[submission.pk])).status_code == 404
    assert stranger.post(reverse("submissions:withdraw", args=[submission.pk])).status_code == 404
    assert stranger.get(reverse("submissions:detail", args=[submission.pk])).status_code == 404
    submission.refresh_from_db()
    assert (submission.title, submission.status) == ("Original", S.DRAFT)


def test_secretariat_cannot_edit_an_ngo_submission() -> None:
    submission = SubmissionFactory(sent=True, title="Original")
    response = _client(secretariat_user()).post(reverse("submissions:edit", args=[submission.pk]),
                                                 _proposal(title="Changed"))
    assert response.status_code == 403
    submission.refresh_from_db()
    assert submission.title == "Original"


def test_colleague_edits_a_submitted_proposal_but_not_after_review_started() -> None:
    submission = SubmissionFactory(sent=True)
    colleague = _client(ngo_user(submission.organization))
    response = colleague.post(reverse("submissions:edit", args=[submission.pk]),
                              {**_proposal(title="Sharper title"), "version": submission.version})
    assert response.status_code == 302
    submission.refresh_from_db()
    assert submission.title == "Sharper title"
    submission.status = S.UNDER_REVIEW
    submission.save()
    response = colleague.post(reverse("submissions:edit", args=[submission.pk]), _proposal(title="Late"), follow=True)
    assert "can no longer be edited" in response.content.decode()
    submission.refresh_from_db()
    assert submission.title == "Sharper title"


def test_a_possible_duplicate_is_flagged_before_submitting() -> None:
    user = ngo_user()
    SubmissionFactory(author=ngo_user(user.memberships.get().organization), sent=True,
                      title="Independent monitoring of detention",
                      text="<p>Give the NPM unannounced access to every closed institution.</p>")
    client = _client(user)
    response = client.post(reverse("submissions:create", args=["proposal"]), _proposal())
    draft = Submission.objects.get(author=user)
    assert response["Location"] == reverse("submissions:confirm", args=[draft.pk])
    assert draft.status == S.DRAFT
    page = client.get(response["Location"]).content.decode()
    assert "Possible duplicate" in page
    client.post(reverse("submissions:submit", args=[draft.pk]))
    draft.refresh_from_db()
    assert draft.status == S.DRAFT  # without confirming, it goes back to the confirmation
    client.post(reverse("submissions:submit", args=[draft.pk]), {"confirm_duplicate": "1"})
    draft.refresh_from_db()
    assert draft.status == S.SUBMITTED


def test_public_list_shows_accepted_with_names_unless_anonymous_and_declined_only_as_counts() -> None:
    named = SubmissionFactory(accepted=True, title="Named proposal")
    hidden = SubmissionFactory(accepted=True, anonymous=True, title="Anonymous proposal")
    declined = SubmissionFactory(declined=True, title="Declined proposal")
    SubmissionFactory(sent=True, title="Waiting proposal")
    page = Client().get(reverse("submissions:public-list")).content.decode()
    assert "Named proposal" in page and named.organization.localized_name in page
    assert "Anonymous proposal" in page and hidden.organization.localized_name not in page
    assert "Declined proposal" not in page and declined.organization.localized_name not in page
    assert "Waiting proposal" not in page
    assert "1 declined" in page
    assert Client().get(reverse("submissions:public-detail", args=[declined.pk])).status_code == 404


def test_public_statistics_name_only_organisations_of_accepted_named_submissions() -> None:
    named = SubmissionFactory(accepted=True)
    anonymous = SubmissionFactory(accepted=True, anonymous=True)
    declined = SubmissionFactory(declined=True)
    page = Client().get(reverse("submissions:statistics")).content.decode()
    assert named.organization.localized_name in page
    assert anonymous.organization.localized_name not in page
    assert declined.organization.localized_name not in page
    internal = _client(secretariat_user()).get(reverse("submissions:statistics")).content.decode()
    assert declined.organization.localized_name in internal


def test_report_file_before_acceptance_only_for_its_ngo_and_the_secretariat() -> None:
    submission = SubmissionFactory(sent=True, kind="shadow_report")
    submission.document.save("report.pdf", pdf_upload(), save=True)
    url = reverse("submissions:document", args=[submission.pk])
    signed_out = Client().get(url)  # sent to sign in and back: it may be the NGO's own link (issue 16, item 12)
    assert signed_out.status_code == 302 and signed_out["Location"].startswith(reverse("participants:login"))
    assert _client(ngo_user()).get(url).status_code == 404
    assert _client(ngo_user(submission.organization)).get(url).status_code == 200
    assert _client(secretariat_user()).get(url).status_code == 200


def test_drafts_are_not_in_the_secretariat_queue() -> None:
    draft = SubmissionFactory(title="Still a draft")
    client = _client(secretariat_user())
    assert "Still a draft" not in client.get(reverse("submissions:queue")).content.decode()
    assert client.get(reverse("submissions:moderate", args=[draft.pk])).status_code == 404


def test_queue_filters_by_kind_status_theme_organisation_reviewer_and_month() -> None:
    secretariat = secretariat_user()
    theme = ThemeFactory(name="Torture")
    match = SubmissionFactory(reviewing=True, kind="agenda", reviewer=secretariat, title="Matching one")
    match.themes.add(theme)
    SubmissionFactory(reviewing=True, kind="proposal", title="Other kind")
    month = match.submitted_at.strftime("%Y-%m")
    response = _client(secretariat).get(reverse("submissions:queue"), {
        "kind": "agenda", "status": "under_review", "theme": theme.slug, "organization": match.organization_id,
        "reviewer": secretariat.pk, "month": month,
    })
    titles = [s.title for s in response.context["page"]]
    assert titles == ["Matching one"]


def test_bulk_start_review_and_decline_from_the_queue() -> None:
    first, second = SubmissionFactory(sent=True), SubmissionFactory(sent=True)
    client = _client(secretariat_user())
    client.post(reverse("submissions:bulk"), {"action": "start_review", "ids": [first.pk, second.pk]})
    first.refresh_from_db()
    assert first.status == S.UNDER_REVIEW
    response = client.post(reverse("submissions:bulk"), {"action": "decline", "ids": [first.pk], "reason": ""},
                           follow=True)
    assert "Give the reason for declining" in response.content.decode()
    first.refresh_from_db()
    assert first.status == S.UNDER_REVIEW
    client.post(reverse("submissions:bulk"), {"action": "decline", "ids": [first.pk, second.pk],
                                              "reason": "Outside the mandate."})
    assert set(Submission.objects.values_list("status", flat=True)) == {S.DECLINED}


def test_decision_without_reason_shows_the_error_next_to_the_field() -> None:
    submission = SubmissionFactory(reviewing=True)
    response = _client(secretariat_user()).post(reverse("submissions:decide", args=[submission.pk]),
                                                {"status": "declined", "public_answer": ""})
    assert response.status_code == 400
    assert "public_answer" in response.context["decision_form"].errors
    submission.refresh_from_db()
    assert submission.status == S.UNDER_REVIEW


def test_secretariat_opens_and_closes_a_comment_period() -> None:
    client = _client(secretariat_user())
    response = client.post(reverse("submissions:period-manage"), {
        "title": "Draft fourth UPR report", "opens_at": "2026-01-01T10:00", "closes_at": "2025-12-01T10:00",
    })
    assert response.status_code == 400
    assert "close after it opens" in response.content.decode()
    response = client.post(reverse("submissions:period-manage"), {
        "title": "Draft fourth UPR report", "opens_at": "2026-01-01T10:00", "closes_at": "2030-12-01T10:00",
    })
    assert response.status_code == 302
    from submissions.models import CommentPeriod

    period = CommentPeriod.objects.get()
    assert Client().get(reverse("submissions:comment-periods")).content.decode().count("Draft fourth UPR report") == 1
    client.post(reverse("submissions:period-close", args=[period.pk]))
    assert "Draft fourth UPR report" not in Client().get(reverse("submissions:comment-periods")).content.decode()


# --- Query counts ---------------------------------------------------------------------------------


def test_moderation_queue_query_count_does_not_grow(django_assert_max_num_queries) -> None:  # noqa: ANN001
    secretariat = secretariat_user()
    theme = ThemeFactory()
    for _ in range(25):
        SubmissionFactory(sent=True, reviewer=secretariat).themes.add(theme)
    client = _client(secretariat)
    with django_assert_max_num_queries(14):
        assert client.get(reverse("submissions:queue")).status_code == 200


def test_my_submissions_query_count_does_not_grow(django_assert_max_num_queries) -> None:  # noqa: ANN001
    user = ngo_user()
    organization = user.memberships.get().organization
    for _ in range(10):
        SubmissionFactory(author=ngo_user(organization), accepted=True).themes.add(ThemeFactory())
    client = _client(user)
    with django_assert_max_num_queries(12):
        assert client.get(reverse("submissions:mine")).status_code == 200


def test_public_list_query_count_does_not_grow(django_assert_max_num_queries) -> None:  # noqa: ANN001
    for _ in range(20):
        SubmissionFactory(accepted=True).themes.add(ThemeFactory())
    client = Client()
    with django_assert_max_num_queries(8):
        assert client.get(reverse("submissions:public-list")).status_code == 200


def test_meetings_agenda_page_lists_accepted_ngo_agenda_suggestions() -> None:
    from tests.meetings.factories import MeetingFactory

    meeting = MeetingFactory()
    SubmissionFactory(accepted=True, kind="agenda", title="Torture prevention in closed institutions")
    page = _client(secretariat_user()).get(reverse("meetings:agenda", args=[meeting.pk])).content.decode()
    assert "Suggestions: accepted NGO submissions" in page
    assert "Torture prevention in closed institutions" in page


def test_forms_show_theme_names_in_the_page_language() -> None:
    ThemeFactory(name="Torture prevention", name_ru="Предупреждение пыток")
    page = _client(ngo_user()).get("/ru/submissions/new/proposal/").content.decode()
    assert "Предупреждение пыток" in page


def test_a_conversion_step_reads_in_the_ngos_language() -> None:
    from submissions import services

    submission = SubmissionFactory(accepted=True)
    services.submission_convert_to_recommendation(actor=secretariat_user(), submission=submission)
    client = _client(submission.author)
    russian = client.get(f"/ru/submissions/mine/{submission.pk}/").content.decode()
    assert "Принято в работу как рекомендация в трекере." in russian
    english = client.get(f"/en/submissions/mine/{submission.pk}/").content.decode()
    assert "Taken up as a recommendation in the tracker." in english
