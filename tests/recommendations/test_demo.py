from __future__ import annotations

import pytest

from participants import demo as participants_demo
from recommendations import demo
from recommendations.models import Action, NationalPlan, ProgressUpdate, Recommendation, Review, RoadMap

pytestmark = pytest.mark.django_db


def test_demo_seed_is_idempotent_and_states_the_2019_figures_as_facts() -> None:
    participants_demo.seed(with_passwords=False)
    demo.seed()
    counts = (Recommendation.objects.count(), RoadMap.objects.count(), Action.objects.count())
    demo.seed()

    assert (Recommendation.objects.count(), RoadMap.objects.count(), Action.objects.count()) == counts
    assert RoadMap.objects.count() == 10
    assert NationalPlan.objects.count() == 2
    cycles = {(r.number, r.session, r.year) for r in Review.objects.filter(mechanism__code="upr")}
    assert cycles == {(1, 7, 2010), (2, 20, 2014), (3, 34, 2019), (4, 48, 2025)}
    third = Review.objects.get(mechanism__code="upr", number=3)
    assert "245" in third.description and "214" in third.description and "31" in third.description
    assert Recommendation.objects.filter(review=third).count() < 245
    assert {"cedaw", "cat", "crpd", "ngo"} <= set(Recommendation.objects.values_list("mechanism__code", flat=True))
    assert any(a.is_overdue for a in Action.objects.all())
    assert Action.objects.filter(status=Action.Status.DONE).exists()


def test_seed_volume_adds_synthetic_rows_once() -> None:
    participants_demo.seed(with_passwords=False)
    demo.seed()
    before = Recommendation.objects.count()

    assert demo.seed_volume(count=300) == 300
    assert demo.seed_volume(count=300) == 0
    assert Recommendation.objects.count() == before + 300


def test_demo_upr_recommendations_carry_their_report_and_paragraph() -> None:
    """Issue 16, item 6: the demo's UPR rows are cited as the tracker shows them, and the help texts' examples
    (A/HRC/43/10 para 141.7, CEDAW/C/KAZ/CO/5 para 14) are real demo rows."""
    from recommendations import references

    participants_demo.seed(with_passwords=False)
    demo.seed()
    third = Recommendation.objects.filter(review__mechanism__code="upr", review__number=3)
    assert third.count() == 7
    assert set(third.values_list("document_symbol", flat=True)) == {"A/HRC/43/10"}
    assert all(p.startswith("141.") for p in third.values_list("paragraph", flat=True))
    cited = Recommendation.objects.filter(review__mechanism__code="upr").exclude(review__number=4)
    assert not cited.filter(paragraph="").exists()
    checked = references.check(references.parse("A/HRC/43/10 para 141.7; CEDAW/C/KAZ/CO/5 para 14")[0])
    assert all(c.recommendation is not None for c in checked)


def test_the_demo_has_one_progress_update_waiting_for_approval() -> None:
    """The approval queue and the secretariat's home show what waiting looks like; a second run adds nothing."""
    participants_demo.seed(with_passwords=False)
    demo.seed()
    demo.seed()
    update = ProgressUpdate.objects.get()
    assert update.state == ProgressUpdate.State.SUBMITTED
    assert update.author.email == "focal.justice@example.org"
    assert "Supported decision-making" in update.action.description
    assert update.proposed_status == Action.Status.IN_PROGRESS != update.action.status
