from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any, cast

from django import forms
from django.conf import settings
from django.contrib.auth import password_validation
from django.contrib.auth.forms import AuthenticationForm, PasswordResetForm
from django.utils.translation import gettext_lazy as _

from core.concurrency import VersionField
from participants import selectors
from participants.models import FocusArea, Organization, OrganizationApplication, Region, User
from participants.validators import normalize_bin, validate_bin


class SignInForm(AuthenticationForm):
    error_messages = {
        "invalid_login": _(
            "The e-mail address or the password is not correct. Please check both and try again."
        ),
        "inactive": _("This account is inactive. Please contact the secretariat."),
    }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["username"].label = _("E-mail address")
        self.fields["username"].widget = forms.EmailInput(
            attrs={"autofocus": True, "autocomplete": "email", "maxlength": 254}
        )
        # Our own label, so the portal's wording ("Құпиясөз") is used rather than Django's catalogue's.
        self.fields["password"].label = _("Password")
        self.fields["password"].widget.attrs["autocomplete"] = "current-password"

    def clean_username(self) -> str:
        # AuthenticationForm sets max_length after the field is built, so Django never checks it; an over-long
        # name would reach the lockout table's 255-character column (a 500 on PostgreSQL).
        username = self.cleaned_data.get("username") or ""
        if len(username) > cast(int, User._meta.get_field("email").max_length):
            raise forms.ValidationError(
                _("An e-mail address has at most %(limit)d characters; please check what you typed."),
                code="max_length",
                params={"limit": User._meta.get_field("email").max_length},
            )
        return username


class ProfileForm(forms.ModelForm):
    version = VersionField()

    class Meta:
        model = User
        fields = ["first_name", "last_name", "preferred_language"]

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        if self.instance.pk is not None:
            self.fields["version"].initial = self.instance.version

    def _post_clean(self) -> None:
        """Deliberately empty: the form only collects input; participants.services.profile_update checks the
        version and saves (the ModelForm's own step would copy the typed values onto request.user first)."""


class DirectoryFilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=100)
    standing = forms.ChoiceField(
        label=_("Standing"), required=False, choices=[("", _("Any standing"))] + Organization.Standing.choices
    )
    kind = forms.ChoiceField(
        label=_("Kind"), required=False, choices=[("", _("Any kind"))] + Organization.Kind.choices
    )


class PortalPasswordResetForm(PasswordResetForm):
    """Django's reset form, also for a new representative who never chose a password.

    Django skips accounts without a usable password; an approved NGO contact has none until they
    follow the "set your password" link, and must be able to ask for a fresh one when it expires.
    """

    def get_users(self, email: str) -> Iterator[User]:
        candidates = User.objects.filter(email__iexact=email.strip(), is_active=True)
        return (u for u in candidates if u.has_usable_password() or u.last_login is None)


_PHONE_CHARACTERS = re.compile(r"^[0-9+()\-\s]+$")


class OrganizationApplicationForm(forms.Form):
    # lang= lets screen readers and spell-checkers treat each name in its own language.
    name_kk = forms.CharField(
        label=_("Name in Kazakh"), max_length=255, required=False, widget=forms.TextInput(attrs={"lang": "kk"})
    )
    name_ru = forms.CharField(
        label=_("Name in Russian"), max_length=255, required=False, widget=forms.TextInput(attrs={"lang": "ru"})
    )
    name_en = forms.CharField(
        label=_("Name in English"),
        max_length=255,
        required=False,
        help_text=_("Optional."),
        widget=forms.TextInput(attrs={"lang": "en"}),
    )
    bin = forms.CharField(
        label=_("BIN (business identification number)"),
        max_length=32,
        help_text=_("12 digits, as on the registration certificate."),
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )
    region = forms.ChoiceField(label=_("Region"), choices=[("", _("Choose a region"))] + Region.choices)
    focus_areas = forms.MultipleChoiceField(
        label=_("Focus areas"),
        choices=FocusArea.choices,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Choose at least one area your organisation works on.")},
    )
    website = forms.URLField(
        label=_("Website"), required=False, assume_scheme="https", help_text=_("Optional.")
    )
    contact_name = forms.CharField(label=_("Full name"), max_length=255)
    contact_position = forms.CharField(label=_("Position"), max_length=255)
    contact_email = forms.EmailField(
        label=_("E-mail address"),
        help_text=_("The decision and the sign-in link will be sent here."),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    contact_phone = forms.CharField(
        label=_("Phone"),
        max_length=32,
        help_text=_("With the country code, e.g. +7 701 234 56 78."),
        widget=forms.TextInput(attrs={"autocomplete": "tel", "inputmode": "tel"}),
    )
    consent = forms.BooleanField(
        label=_("I agree to the processing of the personal data in this form so that the secretariat can "
                "consider the application and contact me."),
        error_messages={
            "required": _("Please agree to the processing of personal data: without it we cannot consider "
                          "the application.")
        },
    )

    def clean_bin(self) -> str:
        value = normalize_bin(self.cleaned_data["bin"])
        validate_bin(value)
        conflict = selectors.application_bin_conflict(bin=value)
        if conflict:
            raise forms.ValidationError(conflict, code="bin_taken")
        return value

    def clean_contact_phone(self) -> str:
        value: str = self.cleaned_data["contact_phone"].strip()
        digits = sum(c.isdigit() for c in value)
        if not _PHONE_CHARACTERS.match(value) or not 10 <= digits <= 15:
            raise forms.ValidationError(
                _("Enter a phone number of 10 to 15 digits with its country code, e.g. +7 701 234 56 78."),
                code="phone",
            )
        return value

    def clean(self) -> dict[str, object]:
        cleaned = cast(dict[str, Any], super().clean())  # Form.clean returns cleaned_data; the stubs allow None
        if not (cleaned.get("name_kk") or "").strip() and not (cleaned.get("name_ru") or "").strip():
            message = _("Give the organisation's name in Kazakh or in Russian (or both).")
            self.add_error("name_kk", message)
            self.add_error("name_ru", message)
        return cleaned


class ApplicationQueueFilterForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("", _("Any status"))] + OrganizationApplication.Status.choices,
    )
    region = forms.ChoiceField(label=_("Region"), required=False, choices=[("", _("Any region"))] + Region.choices)


class ApplicationDeclineForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason for declining"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=4000,
        help_text=_("Sent to the applicant by e-mail, in their language as you write it."),
        error_messages={"required": _("Please give the reason: it is sent to the applicant.")},
    )


class InvitationCreateForm(forms.Form):
    email = forms.EmailField(
        label=_("Colleague's e-mail address"), widget=forms.EmailInput(attrs={"autocomplete": "off"})
    )
    language = forms.ChoiceField(label=_("Language of the invitation"), choices=settings.LANGUAGES)


class InvitationAcceptForm(forms.Form):
    first_name = forms.CharField(label=_("First name"), max_length=150)
    last_name = forms.CharField(label=_("Last name"), max_length=150)
    position = forms.CharField(label=_("Position"), max_length=255, required=False)
    preferred_language = forms.ChoiceField(
        label=_("Language of e-mails"),
        choices=cast("list[tuple[str, str]]", User._meta.get_field("preferred_language").choices),
    )
    password1 = forms.CharField(
        label=_("Password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=password_validation.password_validators_help_text_html(),
    )
    password2 = forms.CharField(
        label=_("Password again"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    def __init__(self, *args: Any, email: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.email = email

    def clean(self) -> dict[str, object]:
        cleaned = cast(dict[str, Any], super().clean())  # Form.clean returns cleaned_data; the stubs allow None
        password1, password2 = cleaned.get("password1"), cleaned.get("password2")
        if password1 and password2 and password1 != password2:
            self.add_error("password2", _("The two passwords are not the same."))
        elif password1:
            candidate = User(
                email=self.email, first_name=cleaned.get("first_name", ""), last_name=cleaned.get("last_name", "")
            )
            try:
                password_validation.validate_password(password1, candidate)
            except forms.ValidationError as error:
                self.add_error("password1", error)
        return cleaned


class SecondFactorForm(forms.Form):
    """One code: six digits from the authenticator app, or (at sign-in) a recovery code."""

    code = forms.CharField(
        label=_("Code"),
        max_length=32,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "autofocus": True, "spellcheck": "false",
                                      "autocapitalize": "none", "class": "form-control totp-code"}),
    )

    def __init__(self, *args: Any, digits_only: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.digits_only = digits_only
        if digits_only:
            self.fields["code"].widget.attrs["inputmode"] = "numeric"
            self.fields["code"].help_text = _("The six digits your authenticator app shows now.")
        else:
            self.fields["code"].help_text = _(
                "The six digits your authenticator app shows now, or one of your recovery codes."
            )

    def clean_code(self) -> str:
        code = "".join(self.cleaned_data["code"].split())
        if self.digits_only and not (code.isdigit() and len(code) == 6):
            raise forms.ValidationError(_("Enter the six digits your authenticator app shows, without letters."))
        if not code.replace("-", "").isalnum():
            raise forms.ValidationError(_("A code has only digits, or letters, digits and a hyphen."))
        return code
