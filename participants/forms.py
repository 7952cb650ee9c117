from __future__ import annotations

from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _

from participants.models import Organization, User


class SignInForm(AuthenticationForm):
    error_messages = {
        "invalid_login": _(
            "The e-mail address or the password is not correct. Please check both and try again."
        ),
        "inactive": _("This account is inactive. Please contact the secretariat."),
    }

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self.fields["username"].label = _("E-mail address")
        self.fields["username"].widget = forms.EmailInput(
            attrs={"autofocus": True, "autocomplete": "email", "maxlength": 254}
        )
        # Our own label, so the portal's wording ("Құпиясөз") is used rather than Django's catalogue's.
        self.fields["password"].label = _("Password")
        self.fields["password"].widget.attrs["autocomplete"] = "current-password"


class ProfileForm(forms.ModelForm):
    class Meta:
        model = User
        fields = ["first_name", "last_name", "preferred_language"]


class DirectoryFilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=100)
    standing = forms.ChoiceField(
        label=_("Standing"), required=False, choices=[("", _("Any standing"))] + Organization.Standing.choices
    )
    kind = forms.ChoiceField(
        label=_("Kind"), required=False, choices=[("", _("Any kind"))] + Organization.Kind.choices
    )
