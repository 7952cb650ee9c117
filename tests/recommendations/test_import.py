from __future__ import annotations

import io
from collections import Counter

import pytest
from django.core.management import CommandError, call_command
from openpyxl import Workbook

from core.exceptions import ApplicationError
from recommendations import services
from recommendations.importers import ImportRowError, decode_bytes
from recommendations.importers.upr_info import cycle_for_session
from recommendations.models import Recommendation, RecommendingState, Review, Theme
from tests.participants.factories import OrganizationFactory

pytestmark = pytest.mark.django_db

HEADER = "To,To-Rgrp,To-Org,Text,From,From-Rgrp,From-Org,Response,Action,Issue,Session"


def upr_csv(*rows: str, newline: str = "\r\n") -> bytes:
    return newline.join([HEADER, *rows]).encode("utf-8")


def import_upr(raw: bytes, **kwargs: object) -> services.ImportSummary:
    return services.recommendation_import(raw=raw, format="upr-info", actor=None, **kwargs)  # type: ignore[arg-type]


def test_shipped_upr_info_sample_keeps_its_cr_only_line_endings(upr_sample: bytes) -> None:
    # .gitattributes marks it -text: a checkout that converted line endings would no longer test CR-only input.
    assert upr_sample.count(b"\r") == 327
    assert b"\n" not in upr_sample
    assert upr_sample.startswith(HEADER.encode("ascii") + b"\r")


def test_shared_upr_info_sample_gives_the_readme_counts_per_state_and_session(upr_sample: bytes) -> None:
    summary = import_upr(upr_sample)

    assert summary.encoding == "mac-roman"
    assert summary.created == 326
    counts = Counter(
        (r.review.state_under_review, r.review.session, r.kind, r.response)
        for r in Recommendation.objects.select_related("review")
    )
    assert counts == {
        ("Kyrgyzstan", 8, "recommendation", "supported"): 154,
        ("Kyrgyzstan", 8, "recommendation", "noted"): 21,
        ("Kyrgyzstan", 8, "voluntary_pledge", ""): 1,
        ("Tajikistan", 12, "recommendation", "supported"): 115,
        ("Tajikistan", 12, "recommendation", "noted"): 35,
    }


def test_shared_sample_reviews_keep_the_state_under_review_and_first_cycle(upr_sample: bytes) -> None:
    import_upr(upr_sample)

    reviews = {(r.state_under_review, r.number, r.session) for r in Review.objects.filter(mechanism__code="upr")}
    assert reviews == {("Kyrgyzstan", 1, 8), ("Tajikistan", 1, 12)}
    assert RecommendingState.objects.get(name="Afghanistan").regional_group == "Asia"
    assert Theme.objects.filter(name="Rights of the Child").exists()


def test_importing_the_same_file_again_adds_nothing(upr_sample: bytes) -> None:
    import_upr(upr_sample)
    again = import_upr(upr_sample)

    assert again.created == 0
    assert again.existing == 326
    assert Recommendation.objects.count() == 326


def test_natural_key_ignores_whitespace_differences_in_the_text() -> None:
    import_upr(upr_csv("Kazakhstan,Asia,,Abolish  the death penalty ,France,WEOG,,Accepted,5,Death penalty,34"))
    again = import_upr(upr_csv('Kazakhstan,Asia,," Abolish the   death penalty",France,WEOG,,Accepted,5,Death penalty,34'))

    assert again.created == 0
    assert Recommendation.objects.get().text == "Abolish the death penalty"


def test_same_text_from_two_recommending_states_gives_two_recommendations() -> None:
    summary = import_upr(upr_csv(
        "Kazakhstan,Asia,,Ratify OPCAT,France,WEOG,,Accepted,5,Torture,34",
        "Kazakhstan,Asia,,Ratify OPCAT,Chile,GRULAC,,Accepted,5,Torture,34",
    ))

    assert summary.created == 2
    assert sorted(Recommendation.objects.values_list("recommending_states__name", flat=True)) == ["Chile", "France"]


def test_a_bad_row_stops_the_import_with_its_line_number_and_writes_nothing() -> None:
    raw = upr_csv(
        "Kazakhstan,Asia,,Ratify OPCAT,France,WEOG,,Accepted,5,Torture,34",
        "Kazakhstan,Asia,,Abolish the death penalty,Chile,GRULAC,,Maybe,5,Death penalty,34",
    )
    with pytest.raises(ImportRowError) as error:
        import_upr(raw)

    assert error.value.line == 3
    assert "Maybe" in error.value.message
    assert Recommendation.objects.count() == 0
    assert Review.objects.count() == 0


def test_a_wrong_header_is_refused_with_the_expected_header() -> None:
    with pytest.raises(ApplicationError) as error:
        import_upr(b"State,Recommendation\r\nKazakhstan,Do more\r\n")

    assert "To,To-Rgrp,To-Org,Text" in error.value.message
    assert Recommendation.objects.count() == 0


def test_an_unknown_encoding_is_refused_clearly() -> None:
    with pytest.raises(ApplicationError, match="Unknown encoding"):
        import_upr(upr_csv("Kazakhstan,Asia,,Ratify OPCAT,France,WEOG,,Accepted,5,Torture,34"), encoding="klingon")


def test_responses_map_to_supported_noted_and_pending() -> None:
    import_upr(upr_csv(
        "Kazakhstan,Asia,,A,France,WEOG,,Accepted,5,Torture,34",
        "Kazakhstan,Asia,,B,France,WEOG,,Noted,5,Torture,34",
        "Kazakhstan,Asia,,C,France,WEOG,,,5,Torture,48",
    ))

    assert dict(Recommendation.objects.values_list("text", "response")) == {"A": "supported", "B": "noted", "C": "pending"}
    assert Recommendation.objects.get(text="C").review.number == 4


@pytest.mark.parametrize(("session", "cycle"), [(1, 1), (7, 1), (8, 1), (12, 1), (13, 2), (20, 2), (26, 2),
                                                 (27, 3), (34, 3), (40, 3), (41, 4), (48, 4)])
def test_upr_session_maps_to_its_cycle(session: int, cycle: int) -> None:
    assert cycle_for_session(session) == cycle


def test_cycle_option_overrides_the_session() -> None:
    import_upr(upr_csv("Kazakhstan,Asia,,A,France,WEOG,,Accepted,5,Torture,34"), cycle=2)

    assert Recommendation.objects.get().review.number == 2


def test_windows_1252_file_is_detected_and_stored_without_mojibake() -> None:
    raw = (HEADER + "\r\nKazakhstan,Asia,,Protect journalists’ rights,Côte d'Ivoire,Africa,,Accepted,4,Media,34\r\n")
    summary = import_upr(raw.encode("cp1252"))

    assert summary.encoding == "cp1252"
    recommendation = Recommendation.objects.get()
    assert recommendation.text == "Protect journalists’ rights"
    assert recommendation.recommending_states.get().name == "Côte d'Ivoire"


def test_mac_roman_with_cr_line_endings_is_detected() -> None:
    raw = (HEADER + "\rKazakhstan,Asia,,Protect journalists’ rights,Côte d'Ivoire,Africa,,Accepted,4,Media,34\r")
    summary = import_upr(raw.encode("mac_roman"))

    assert summary.encoding == "mac-roman"
    assert Recommendation.objects.get().recommending_states.get().name == "Côte d'Ivoire"


def test_wrong_explicit_encoding_that_would_store_mojibake_is_refused() -> None:
    raw = (HEADER + "\r\nKazakhstan,Asia,,Protect journalists’ rights,Côte d'Ivoire,Africa,,Accepted,4,Media,34\r\n")
    with pytest.raises(ApplicationError, match="garbled"):
        import_upr(raw.encode("utf-8"), encoding="cp1252")
    assert Recommendation.objects.count() == 0


def test_decode_bytes_reports_mac_roman_for_the_shared_sample(upr_sample: bytes) -> None:
    text, encoding = decode_bytes(upr_sample)
    assert encoding == "mac-roman"
    assert text.startswith("To,To-Rgrp")


def test_dry_run_writes_nothing_but_counts(upr_sample: bytes) -> None:
    summary = import_upr(upr_sample, dry_run=True)

    assert len(summary.new_rows) == 326
    assert {(row["state"], row["supported"], row["noted"], row["pledges"]) for row in summary.table} == {
        ("Kyrgyzstan", 154, 21, 1), ("Tajikistan", 115, 35, 0),
    }
    assert Recommendation.objects.count() == 0


def test_management_command_imports_and_prints_counts(upr_sample: bytes, tmp_path) -> None:  # noqa: ANN001
    path = tmp_path / "export.csv"
    path.write_bytes(upr_sample)
    out = io.StringIO()

    call_command("import_recommendations", str(path), "--format", "upr-info", stdout=out)

    assert "Imported 326 recommendations" in out.getvalue()
    assert "Kyrgyzstan" in out.getvalue() and "154" in out.getvalue()
    assert Recommendation.objects.count() == 326


def test_management_command_dry_run_and_bad_encoding(upr_sample: bytes, tmp_path) -> None:  # noqa: ANN001
    path = tmp_path / "export.csv"
    path.write_bytes(upr_sample)
    out = io.StringIO()
    call_command("import_recommendations", str(path), "--dry-run", stdout=out)
    assert "Dry run" in out.getvalue()
    assert Recommendation.objects.count() == 0
    with pytest.raises(CommandError, match="Unknown encoding"):
        call_command("import_recommendations", str(path), "--encoding", "nope", stdout=out)


GENERIC_HEADER = "mechanism,cycle,state_under_review,document_symbol,paragraph,text,response,themes,responsible_agencies,status"


def test_generic_csv_imports_treaty_body_observations_with_agencies() -> None:
    OrganizationFactory(name="Ministry of Internal Affairs", acronym="MIA")
    raw = "\n".join([
        GENERIC_HEADER,
        "cedaw,5,Kazakhstan,CEDAW/C/KAZ/CO/5,14(a),Criminalise domestic violence,pending,Domestic violence; Women,MIA,in_progress",
    ]).encode("utf-8")

    summary = services.recommendation_import(raw=raw, format="generic", actor=None, filename="tb.csv")

    assert summary.created == 1
    recommendation = Recommendation.objects.get()
    assert recommendation.mechanism.code == "cedaw"
    assert recommendation.reference == "CEDAW/C/KAZ/CO/5 para 14(a)"
    assert recommendation.status == "in_progress"
    assert [o.acronym for o in recommendation.responsible_agencies.all()] == ["MIA"]
    assert sorted(t.name for t in recommendation.themes.all()) == ["Domestic violence", "Women"]


def test_generic_xlsx_is_read_and_an_unknown_mechanism_names_its_row() -> None:
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(GENERIC_HEADER.split(","))
    sheet.append(["crpd", 1, "Kazakhstan", "CRPD/C/KAZ/CO/1", "10", "Adopt a human-rights model of disability", "noted", "", "", ""])
    sheet.append(["xyz", 1, "Kazakhstan", "", "", "Something", "noted", "", "", ""])
    buffer = io.BytesIO()
    workbook.save(buffer)

    with pytest.raises(ImportRowError) as error:
        services.recommendation_import(raw=buffer.getvalue(), format="generic", actor=None, filename="tb.xlsx")

    assert error.value.line == 3
    assert "xyz" in error.value.message
    assert Recommendation.objects.count() == 0


def test_generic_unknown_agency_is_refused_with_the_line() -> None:
    raw = f"{GENERIC_HEADER}\ncat,3,Kazakhstan,,,Prevent torture,supported,,Ministry of Magic,\n".encode()
    with pytest.raises(ImportRowError, match="Ministry of Magic") as error:
        services.recommendation_import(raw=raw, format="generic", actor=None)
    assert error.value.line == 2


def test_issues_reuse_existing_themes_by_name_in_any_language() -> None:
    existing = Theme.objects.create(slug="women-rights", name="Women's rights", name_ru="Права женщин")
    import_upr(upr_csv(
        "Kazakhstan,Asia,,A,France,WEOG,,Accepted,5,Women's rights,34",
        "Kazakhstan,Asia,,B,France,WEOG,,Accepted,5,права женщин,34",
    ))

    assert Theme.objects.count() == 1
    assert existing.recommendations.count() == 2
