from __future__ import annotations

import datetime
import re
from collections.abc import Callable

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from participants.models import Organization, User
from recommendations import services
from recommendations.models import Action, ImportJob, ProgressUpdate, Recommendation
from tests.auth import force_login
from tests.participants.factories import OrganizationFactory
from tests.recommendations.factories import (
    ActionFactory,
    RecommendationFactory,
    RecommendingStateFactory,
    ReviewFactory,
    RoadMapFactory,
    ThemeFactory,
    mechanism,
)

pytestmark = pytest.mark.django_db

TRACKER = "/en/recommendations/"


def texts(response) -> list[str]:  # noqa: ANN001
    return [r.text for r in response.context["page"].object_list]


def test_tracker_filters_by_mechanism_response_theme_and_state(client: Client) -> None:
    torture = ThemeFactory(name="Torture")
    france = RecommendingStateFactory(name="France")
    upr = ReviewFactory(number=3)
    cedaw = ReviewFactory(mechanism=mechanism("cedaw"), number=5, title="CEDAW 5")
    RecommendationFactory(review=upr, text="Prevent torture", themes=[torture], recommending_states=[france])
    RecommendationFactory(review=upr, text="Abolish death penalty", response=Recommendation.Response.NOTED)
    RecommendationFactory(review=cedaw, text="Protect women", response=Recommendation.Response.PENDING)

    assert texts(client.get(TRACKER, {"mechanism": "cedaw"})) == ["Protect women"]
    assert texts(client.get(TRACKER, {"response": "noted"})) == ["Abolish death penalty"]
    by_theme = client.get(TRACKER, {"theme": "torture"})
    assert texts(by_theme) == ["Prevent torture"]
    assert '<option value="torture" selected>Torture</option>' in by_theme.content.decode()
    assert texts(client.get(TRACKER, {"state": "France"})) == ["Prevent torture"]
    assert texts(client.get(TRACKER, {"cycle": cedaw.pk})) == ["Protect women"]
    assert set(texts(client.get(TRACKER, {"mechanism": "upr", "response": "supported"}))) == {"Prevent torture"}


def test_tracker_search_finds_words_and_an_empty_search_shows_everything(client: Client) -> None:
    RecommendationFactory(text="Establish a national preventive mechanism against torture")
    RecommendationFactory(text="Abolish the death penalty")

    assert texts(client.get(TRACKER, {"q": "torture"})) == ["Establish a national preventive mechanism against torture"]
    assert texts(client.get(TRACKER, {"q": "penalty", "response": "supported"})) == ["Abolish the death penalty"]
    response = client.get(TRACKER, {"q": "   "})
    assert response.status_code == 200
    assert len(texts(response)) == 2


def test_tracker_unknown_filter_value_shows_a_clear_message_not_an_error(client: Client) -> None:
    RecommendationFactory(text="Prevent torture")

    response = client.get(TRACKER, {"mechanism": "nonsense", "theme": "no-such-theme", "cycle": "999999"})

    assert response.status_code == 200
    content = response.content.decode()
    assert "Some filters could not be applied" in content
    assert "Select a valid choice" in content
    assert content.split("Some filters could not be applied")[1].split("</ul>")[0].count("<li>") == 3
    assert texts(response) == ["Prevent torture"]  # the bad filters are ignored, not turned into an empty list


def test_tracker_sorts_and_keeps_filters_in_pagination_links(client: Client) -> None:
    for n in range(30):
        RecommendationFactory(text=f"Item {n:02d}", response=Recommendation.Response.NOTED)

    oldest = client.get(TRACKER, {"response": "noted", "sort": "oldest"})
    assert texts(oldest)[0] == "Item 00"
    assert "response=noted&amp;sort=oldest&amp;page=2" in oldest.content.decode()
    assert texts(client.get(TRACKER, {"response": "noted", "sort": "newest", "page": 2}))[-1] == "Item 00"  # type: ignore[arg-type]  # query parameters


def test_tracker_query_count_does_not_grow_with_the_data(client: Client, django_assert_max_num_queries) -> None:  # noqa: ANN001
    theme = ThemeFactory()
    agency = OrganizationFactory(kind=Organization.Kind.MINISTRY)
    state = RecommendingStateFactory()
    for _ in range(40):
        RecommendationFactory(themes=[theme], responsible_agencies=[agency], recommending_states=[state])

    with django_assert_max_num_queries(16):
        response = client.get(TRACKER, {"q": "human", "theme": theme.slug})
    assert response.status_code == 200
    assert len(texts(response)) == 25


def test_recommendation_detail_shows_history_of_status_changes(client: Client, secretariat: User) -> None:
    recommendation = RecommendationFactory()
    services.recommendation_update(actor=secretariat, recommendation=recommendation,
                                   data={"status": Recommendation.Status.IN_PROGRESS}, version=recommendation.version)

    response = client.get(reverse("recommendations:recommendation-detail", args=[recommendation.pk]))

    content = response.content.decode()
    assert "Not started → In progress" in content


def test_recommendation_detail_query_count(client: Client, django_assert_max_num_queries) -> None:  # noqa: ANN001
    recommendation = RecommendationFactory(themes=[ThemeFactory(), ThemeFactory()])
    RoadMapFactory().recommendations.add(recommendation)
    with django_assert_max_num_queries(14):
        assert client.get(reverse("recommendations:recommendation-detail", args=[recommendation.pk])).status_code == 200


def test_secretariat_edits_a_recommendation(client_as: Callable[[str], Client]) -> None:
    recommendation = RecommendationFactory()
    road_map = RoadMapFactory()
    client = client_as("secretariat")

    response = client.post(reverse("recommendations:recommendation-edit", args=[recommendation.pk]), {
        "document_symbol": "A/HRC/44/10", "paragraph": "141.1", "text": "Edited text", "response": "noted",
        "status": "implemented", "road_maps": [road_map.pk], "version": recommendation.version,
    })

    assert response.status_code == 302
    recommendation.refresh_from_db()
    assert (recommendation.text, recommendation.response, recommendation.status) == ("Edited text", "noted", "implemented")
    assert list(recommendation.road_maps.all()) == [road_map]
    assert recommendation.history.count() == 2  # type: ignore[attr-defined]  # simple_history's HistoryManager


def test_the_recommendation_edit_form_offers_searchable_lists_in_the_readers_language(
    client_as: Callable[[str], Client],
) -> None:
    """Issue 16, item 6: no Ctrl-click list boxes with English names on a Kazakh page."""
    recommendation = RecommendationFactory()
    ThemeFactory(name="Domestic violence", name_kk="Тұрмыстық зорлық-зомбылық")
    OrganizationFactory(name="Ministry of Justice", name_kk="Әділет министрлігі", acronym="MoJ",
                        kind=Organization.Kind.MINISTRY)
    client = client_as("secretariat")

    page = client.get(f"/kk/recommendations/{recommendation.pk}/edit/").content.decode()

    for name in ("themes", "affected_groups", "sdg_targets", "responsible_agencies", "road_maps"):
        assert re.search(rf'<select name="{name}"[^>]*data-searchable', page), name
    assert re.search(r'<select name="source_organization"[^>]*data-searchable', page)
    assert ">Тұрмыстық зорлық-зомбылық</option>" in page
    assert ">Әділет министрлігі (MoJ)</option>" in page
    assert "tom-select.complete.min.js" in page


def test_secretariat_classifies_many_recommendations_at_once(client_as: Callable[[str], Client]) -> None:
    first, second, untouched = RecommendationFactory(), RecommendationFactory(), RecommendationFactory()
    theme = ThemeFactory()
    road_map = RoadMapFactory()

    response = client_as("secretariat").post(reverse("recommendations:bulk-classify"), {
        "recommendations": [first.pk, second.pk], "theme": theme.pk, "road_map": road_map.pk, "next": TRACKER,
    })

    assert response.status_code == 302
    assert response["Location"] == TRACKER
    assert set(theme.recommendations.all()) == {first, second}
    assert set(road_map.recommendations.all()) == {first, second}
    assert not untouched.themes.exists()


def test_bulk_classify_without_a_choice_tells_what_is_missing(client_as: Callable[[str], Client]) -> None:
    recommendation = RecommendationFactory()
    client = client_as("secretariat")
    response = client.post(reverse("recommendations:bulk-classify"),
                           {"recommendations": [recommendation.pk], "next": "https://evil.example/"}, follow=True)

    assert response.redirect_chain[-1][0] == TRACKER
    assert "Choose a theme, an agency, a road map or a status" in response.content.decode()


# --- Road maps ---------------------------------------------------------------------------------


def test_roadmap_progress_is_the_share_of_actions_done_and_overdue_actions_are_marked(client: Client) -> None:
    road_map = RoadMapFactory(title="Prevention of torture")
    yesterday = datetime.date.today() - datetime.timedelta(days=1)
    ActionFactory(road_map=road_map, status=Action.Status.DONE, completed_on=yesterday)
    ActionFactory(road_map=road_map, status=Action.Status.DONE, deadline=yesterday, completed_on=yesterday)
    ActionFactory(road_map=road_map, status=Action.Status.IN_PROGRESS, deadline=yesterday)
    ActionFactory(road_map=road_map)

    listing = client.get(reverse("recommendations:roadmap-list"))
    detail = client.get(reverse("recommendations:roadmap-detail", args=[road_map.number]))

    [listed] = listing.context["road_maps"]
    assert (listed.progress, listed.done_count, listed.action_count, listed.overdue_count) == (50, 2, 4, 1)
    assert '<progress max="100" value="50"' in listing.content.decode()
    assert detail.context["road_map"].progress == 50
    assert detail.content.decode().count("recommendations-overdue") == 1
    assert "Overdue" in detail.content.decode()
    assert "style=" not in detail.content.decode()


def test_roadmap_pages_query_count(client: Client, django_assert_max_num_queries) -> None:  # noqa: ANN001
    for _ in range(5):
        road_map = RoadMapFactory()
        actions = [ActionFactory(road_map=road_map) for _ in range(4)]
    with django_assert_max_num_queries(8):
        listing = client.get(reverse("recommendations:roadmap-list"))
    with django_assert_max_num_queries(12):
        detail = client.get(reverse("recommendations:roadmap-detail", args=[road_map.number]))

    # A page that failed early (an error, a redirect) would pass any query cap: the pages must render in full.
    assert listing.status_code == 200
    assert detail.status_code == 200
    assert road_map.title in listing.content.decode()
    assert all(action.description in detail.content.decode() for action in actions)


def _ministry_of_justice() -> Organization:
    # The focal point fixture belongs to this organisation (conftest.py).
    return OrganizationFactory(name="Ministry of Justice", kind=Organization.Kind.MINISTRY)


def test_focal_point_reports_progress_on_own_agency_action(client_as: Callable[[str], Client]) -> None:
    client = client_as("focal_point")
    action = ActionFactory(responsible_agencies=[_ministry_of_justice()])

    response = client.post(reverse("recommendations:progress-create", args=[action.pk]), {
        "date": datetime.date.today().isoformat(), "text": "Draft law sent to parliament",
        "evidence_url": "https://example.org/law", "proposed_status": "in_progress",
        "evidence_file": SimpleUploadedFile("evidence.pdf", b"%PDF-1.4 test"),
    })

    assert response.status_code == 302
    update = ProgressUpdate.objects.get()
    assert (update.action, update.state, update.author.role) == (action, "submitted", "focal_point")
    assert update.evidence_file.name.endswith(".pdf") and "evidence" not in update.evidence_file.name.rsplit("/")[-1]
    assert (update.evidence_name, update.evidence_content_type) == ("evidence.pdf", "application/pdf")
    my_actions = client.get(reverse("recommendations:my-actions"))
    assert action in list(my_actions.context["actions"])


def test_focal_point_updating_another_agency_action_gets_403_with_a_clear_message(
    client_as: Callable[[str], Client],
) -> None:
    client = client_as("focal_point")
    _ministry_of_justice()
    other = ActionFactory(responsible_agencies=[OrganizationFactory(name="Ministry of Internal Affairs",
                                                                    kind=Organization.Kind.MINISTRY)])

    response = client.post(reverse("recommendations:progress-create", args=[other.pk]),
                           {"date": datetime.date.today().isoformat(), "text": "Not mine"})

    assert response.status_code == 403
    assert "You can report only on the actions of your own agency" in response.content.decode()
    assert "Ministry of Internal Affairs" in response.content.decode()
    assert not ProgressUpdate.objects.exists()


def test_progress_form_keeps_input_and_explains_a_future_date(client_as: Callable[[str], Client]) -> None:
    client = client_as("focal_point")
    action = ActionFactory(responsible_agencies=[_ministry_of_justice()])

    response = client.post(reverse("recommendations:progress-create", args=[action.pk]), {
        "date": (datetime.date.today() + datetime.timedelta(days=3)).isoformat(), "text": "Typed text stays",
    })

    assert response.status_code == 200
    assert "cannot be in the future" in response.content.decode()
    assert "Typed text stays" in response.content.decode()


def test_approved_updates_are_public_and_set_the_action_status(client: Client, secretariat: User) -> None:
    action = ActionFactory()
    update = services.progress_update_submit(
        actor=secretariat, action=action, date=datetime.date.today(), text="Law adopted", proposed_status="done",
    )
    page = reverse("recommendations:roadmap-detail", args=[action.road_map.number])
    assert "Law adopted" not in client.get(page).content.decode()

    staff = Client()
    force_login(staff, secretariat)
    response = staff.post(reverse("recommendations:progress-approve", args=[update.pk]))

    assert response.status_code == 302
    update.refresh_from_db()
    action.refresh_from_db()
    assert update.state == ProgressUpdate.State.APPROVED
    assert (action.status, action.completed_on) == (Action.Status.DONE, datetime.date.today())
    assert "Law adopted" in client.get(page).content.decode()


def test_returning_an_update_needs_a_reason(client: Client, secretariat: User) -> None:
    action = ActionFactory()
    update = services.progress_update_submit(actor=secretariat, action=action, date=datetime.date.today(), text="x")
    force_login(client, secretariat)

    client.post(reverse("recommendations:progress-reject", args=[update.pk]), {"note": ""})
    update.refresh_from_db()
    assert update.state == ProgressUpdate.State.SUBMITTED

    client.post(reverse("recommendations:progress-reject", args=[update.pk]), {"note": "Add the evidence"})
    update.refresh_from_db()
    assert (update.state, update.review_note) == (ProgressUpdate.State.REJECTED, "Add the evidence")


def test_agency_view_lists_the_agency_actions(client: Client) -> None:
    action = ActionFactory(description="Video recording in interrogation rooms")
    agency = action.responsible_agencies.get()

    response = client.get(reverse("recommendations:agency-detail", args=[agency.pk]))

    assert list(response.context["actions"]) == [action]
    assert "Video recording in interrogation rooms" in response.content.decode()


def test_dashboard_counts_by_mechanism_response_and_status_with_data_tables(client: Client) -> None:
    RecommendationFactory(response="supported")
    RecommendationFactory(response="noted")
    RecommendationFactory(review=ReviewFactory(mechanism=mechanism("cat"), number=4), response="pending")
    ActionFactory(status=Action.Status.DONE, completed_on=datetime.date.today())

    response = client.get(reverse("recommendations:dashboard"))

    stats = response.context["stats"]
    assert {(b.label, b.value) for b in stats["by_mechanism"]} == {("UPR", 2), ("CAT", 1)}
    assert {(b.label, b.value) for b in stats["by_response"]} == {("Supported", 1), ("Noted", 1), ("Pending", 1)}
    assert stats["progress"][-1].percent == 100
    content = response.content.decode()
    assert content.count("<table") == 4  # mechanism, response, status (no themes yet), progress
    assert "<svg" in content and "style=" not in content


# --- Import and export pages ------------------------------------------------------------------


def test_upload_preview_confirm_imports_the_shared_sample(
    client_as: Callable[[str], Client], upr_sample: bytes, django_capture_on_commit_callbacks,  # noqa: ANN001
) -> None:
    client = client_as("secretariat")

    with django_capture_on_commit_callbacks(execute=True):
        upload = client.post(reverse("recommendations:import"), {
            "file": SimpleUploadedFile("kg-tj.csv", upr_sample), "format": "upr-info", "encoding": "",
        })
    assert upload.status_code == 302
    preview = client.get(upload["Location"])
    assert Recommendation.objects.count() == 0
    job = preview.context["job"]
    assert job.status == ImportJob.Status.READY
    assert {(row["state"], row["supported"], row["noted"]) for row in job.preview["table"]} == {
        ("Kyrgyzstan", 154, 21), ("Tajikistan", 115, 35),
    }
    assert len(job.preview["first_rows"]) == 10
    assert "Import 326 recommendations" in preview.content.decode()

    with django_capture_on_commit_callbacks(execute=True):
        confirm = client.post(upload["Location"])

    assert confirm.status_code == 302
    assert Recommendation.objects.count() == 326
    job.refresh_from_db()
    assert (job.status, job.created_count, job.file.name) == (ImportJob.Status.DONE, 326, "")
    done = client.get(upload["Location"]).content.decode()
    assert "326 recommendations were imported" in done
    with django_capture_on_commit_callbacks(execute=True):
        client.post(upload["Location"])
    assert Recommendation.objects.count() == 326


def test_upload_with_a_wrong_header_shows_the_reason_and_saves_nothing(
    client_as: Callable[[str], Client], django_capture_on_commit_callbacks,  # noqa: ANN001
) -> None:
    client = client_as("secretariat")
    with django_capture_on_commit_callbacks(execute=True):
        upload = client.post(reverse("recommendations:import"), {
            "file": SimpleUploadedFile("bad.csv", b"Country,Recommendation\nKazakhstan,Do more\n"), "format": "upr-info",
        })

    preview = client.get(upload["Location"])

    assert "This is not a UPR Info export" in preview.content.decode()
    assert "Import 0" not in preview.content.decode()
    assert client.post(upload["Location"], follow=True).status_code == 200
    assert Recommendation.objects.count() == 0


def test_upload_with_an_unknown_encoding_is_a_form_error(client_as: Callable[[str], Client], upr_sample: bytes) -> None:
    response = client_as("secretariat").post(reverse("recommendations:import"), {
        "file": SimpleUploadedFile("kg.csv", upr_sample), "format": "upr-info", "encoding": "ebcdic-martian",
    })

    assert response.status_code == 200
    assert "Unknown encoding" in response.content.decode()
    assert 'value="ebcdic-martian"' in response.content.decode()
    assert not ImportJob.objects.exists()


def test_another_secretariat_member_cannot_open_my_upload(client_as: Callable[[str], Client], upr_sample: bytes) -> None:
    client = client_as("secretariat")
    upload = client.post(reverse("recommendations:import"), {
        "file": SimpleUploadedFile("kg.csv", upr_sample), "format": "upr-info",
    })
    colleague = Client()
    from conftest import make_role_user

    force_login(colleague, make_role_user("secretariat", email="colleague@example.org"))
    assert colleague.get(upload["Location"]).status_code == 404
    assert colleague.post(upload["Location"]).status_code == 404


def test_export_csv_and_xlsx_follow_the_current_filters(client: Client) -> None:
    RecommendationFactory(text="Supported one", response="supported")
    RecommendationFactory(text="Noted one", response="noted")

    csv_response = client.get(reverse("recommendations:export", args=["csv"]), {"response": "noted"})
    body = b"".join(csv_response.streaming_content).decode("utf-8-sig")  # type: ignore[attr-defined]  # a streaming response
    assert "Noted one" in body and "Supported one" not in body

    from io import BytesIO

    from openpyxl import load_workbook

    xlsx = client.get(reverse("recommendations:export", args=["xlsx"]), {"response": "supported"})
    rows = list(load_workbook(BytesIO(b"".join(xlsx.streaming_content))).active.iter_rows(  # type: ignore[attr-defined]  # a FileResponse
        values_only=True))
    assert rows[0][0] == "id" and [r[6] for r in rows[1:]] == ["Supported one"]
    assert client.get("/en/recommendations/export.pdf").status_code == 404


def test_import_template_downloads_with_the_documented_columns(client_as: Callable[[str], Client]) -> None:
    response = client_as("secretariat").get(reverse("recommendations:import-template", args=["csv"]))
    header = response.content.decode().splitlines()[0]
    assert header.startswith("mechanism,cycle,state_under_review")


def test_large_results_are_not_counted_to_the_end_but_every_page_stays_reachable(
    client: Client, monkeypatch: pytest.MonkeyPatch
) -> None:
    import importlib

    # The module, not the view function of the same name that recommendations.views exports.
    tracker_views = importlib.import_module("recommendations.views.tracker")

    for n in range(60):
        RecommendationFactory(text=f"Row {n:02d}")
    with monkeypatch.context() as patch:
        patch.setattr(tracker_views, "CAP", 30)
        first = client.get(TRACKER)
        assert "More than 30 recommendations" in first.content.decode()
        assert "Page 1 of" not in first.content.decode()
        last = client.get(TRACKER, {"page": 3})
        assert texts(last)[-1] == "Row 00"
        assert not last.context["page"].has_next()
        assert last.context["page"].has_previous()
    exact = client.get(TRACKER)
    assert "60 recommendations" in exact.content.decode()
    assert "Page 1 of 3" in exact.content.decode()
