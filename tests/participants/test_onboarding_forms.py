"""The application form: every mistake gets its own message next to the field."""

from __future__ import annotations

import pytest

from participants.forms import InvitationAcceptForm, OrganizationApplicationForm
from participants.models import FocusArea, OrganizationApplication, Region
from participants.validators import bin_check_digit
from tests.participants.factories import OrganizationApplicationFactory, OrganizationFactory, valid_bin

pytestmark = pytest.mark.django_db


def _data(**overrides: object) -> dict[str, object]:
    data: dict[str, object] = {
        "name_kk": "«Құқық» қоғамдық қоры",
        "name_ru": "",
        "name_en": "",
        "bin": valid_bin(42),
        "region": Region.ASTANA,
        "focus_areas": [FocusArea.CHILDREN, FocusArea.EDUCATION],
        "website": "pravo.example.kz",
        "contact_name": "Aliya Serikova",
        "contact_position": "Director",
        "contact_email": "aliya@pravo.example.kz",
        "contact_phone": "+7 (701) 234-56-78",
        "consent": "on",
    }
    data.update(overrides)
    return data


def test_a_complete_application_is_valid_and_spaces_in_the_bin_are_ignored() -> None:
    bin_value = valid_bin(42)
    form = OrganizationApplicationForm(_data(bin=f"{bin_value[:4]} {bin_value[4:8]} {bin_value[8:]}"))
    assert form.is_valid(), form.errors
    assert form.cleaned_data["bin"] == bin_value
    assert form.cleaned_data["website"] == "https://pravo.example.kz"


def test_a_13_digit_bin_is_refused_with_the_count() -> None:
    form = OrganizationApplicationForm(_data(bin=valid_bin(42) + "5"))
    assert form.errors["bin"] == ["A BIN has 12 digits; you typed 13."]


def test_a_short_bin_is_refused_with_the_count() -> None:
    form = OrganizationApplicationForm(_data(bin="12345"))
    assert form.errors["bin"] == ["A BIN has 12 digits; you typed 5."]


def test_letters_in_the_bin_are_named() -> None:
    form = OrganizationApplicationForm(_data(bin="12345678901O"))
    assert form.errors["bin"] == ["A BIN is made of digits only; remove “O”."]


def test_a_wrong_check_digit_is_refused() -> None:
    good = valid_bin(42)
    bad = good[:11] + str((int(good[11]) + 1) % 10)
    form = OrganizationApplicationForm(_data(bin=bad))
    assert "check digit" in form.errors["bin"][0]


def test_check_digit_uses_the_second_weights_when_the_first_sum_gives_ten() -> None:
    # The first eleven digits of some numbers weigh 10 modulo 11: then weights 3..11, 1, 2 decide.
    prefix = next(f"{n:011d}" for n in range(1, 10_000)
                  if sum(int(d) * w for d, w in zip(f"{n:011d}", range(1, 12), strict=True)) % 11 == 10)
    second = sum(int(d) * w for d, w in zip(prefix, (3, 4, 5, 6, 7, 8, 9, 10, 11, 1, 2), strict=True)) % 11
    assert bin_check_digit(prefix) == (None if second == 10 else second)


def test_known_real_bins_pass() -> None:
    # Published BINs of Kazakh organisations.
    for value in ("180340021791", "000740001307", "940140000385"):
        assert OrganizationApplicationForm(_data(bin=value)).is_valid()


def test_duplicate_bin_of_a_pending_application_is_refused() -> None:
    OrganizationApplicationFactory(bin=valid_bin(42))
    form = OrganizationApplicationForm(_data())
    assert "already waiting for the secretariat's decision" in form.errors["bin"][0]


def test_duplicate_bin_of_a_member_is_refused() -> None:
    OrganizationFactory(name="Pravo", bin=valid_bin(42))
    form = OrganizationApplicationForm(_data())
    assert "already on the platform" in form.errors["bin"][0]


def test_a_declined_application_does_not_block_a_new_one() -> None:
    OrganizationApplicationFactory(
        bin=valid_bin(42), status=OrganizationApplication.Status.DECLINED, decision_reason="Incomplete."
    )
    assert OrganizationApplicationForm(_data()).is_valid()


def test_a_kazakh_or_russian_name_is_required() -> None:
    form = OrganizationApplicationForm(_data(name_kk="", name_ru="", name_en="Pravo Foundation"))
    assert form.errors["name_kk"] == ["Give the organisation's name in Kazakh or in Russian (or both)."]
    assert OrganizationApplicationForm(_data(name_kk="", name_ru="Фонд «Право»")).is_valid()


def test_consent_focus_areas_and_phone_are_checked() -> None:
    form = OrganizationApplicationForm(_data(consent="", focus_areas=[], contact_phone="call me"))
    assert "processing of personal data" in form.errors["consent"][0]
    assert form.errors["focus_areas"] == ["Choose at least one area your organisation works on."]
    assert "country code" in form.errors["contact_phone"][0]


def test_invitation_accept_form_checks_the_passwords() -> None:
    data = {"first_name": "A", "last_name": "B", "preferred_language": "ru"}
    different = InvitationAcceptForm({**data, "password1": "a-long-passphrase", "password2": "other-passphrase"},
                                     email="a@example.kz")
    assert different.errors["password2"] == ["The two passwords are not the same."]
    weak = InvitationAcceptForm({**data, "password1": "12345678901", "password2": "12345678901"}, email="a@example.kz")
    assert "password1" in weak.errors
