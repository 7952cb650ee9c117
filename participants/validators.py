"""The Kazakh business identification number (BIN) and its check digit.

The twelfth digit is a check digit over the first eleven: their weighted sum with weights 1..11,
modulo 11. When that gives 10, the sum is taken again with weights 3..11, 1, 2; a second 10 means
the number is never issued. (Government Decree of 11 June 2003 No. 565 on the national registers
of identification numbers.)
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

BIN_LENGTH = 12
_FIRST_WEIGHTS = tuple(range(1, 12))
_SECOND_WEIGHTS = (3, 4, 5, 6, 7, 8, 9, 10, 11, 1, 2)


def bin_check_digit(first_eleven: str) -> int | None:
    """The check digit for eleven digits, or None when no valid number starts with them."""
    digits = [int(c) for c in first_eleven]
    value = sum(d * w for d, w in zip(digits, _FIRST_WEIGHTS, strict=True)) % 11
    if value == 10:
        value = sum(d * w for d, w in zip(digits, _SECOND_WEIGHTS, strict=True)) % 11
    return None if value == 10 else value


def normalize_bin(value: str) -> str:
    # People copy BINs from documents with spaces between digit groups.
    return "".join((value or "").split())


def validate_bin(value: str) -> None:
    """Raise a ValidationError that says exactly what is wrong with a BIN as typed."""
    value = normalize_bin(value)
    others = sorted({c for c in value if not ("0" <= c <= "9")})
    if others:
        raise ValidationError(
            _("A BIN is made of digits only; remove %(characters)s.")
            % {"characters": " ".join(f"“{c}”" for c in others)},
            code="bin_not_digits",
        )
    if len(value) != BIN_LENGTH:
        raise ValidationError(
            ngettext(
                "A BIN has 12 digits; you typed %(count)d.",
                "A BIN has 12 digits; you typed %(count)d.",
                len(value),
            )
            % {"count": len(value)},
            code="bin_length",
        )
    if bin_check_digit(value[:11]) != int(value[11]):
        raise ValidationError(
            _("This is not a valid BIN: its last digit (the check digit) does not match the others. "
              "Please check the number for a typo."),
            code="bin_check_digit",
        )
