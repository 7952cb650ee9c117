from __future__ import annotations

from django.contrib.auth.models import AbstractUser, BaseUserManager
from django.db import models
from django.db.models.functions import Lower
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _


class TimeStampedModel(models.Model):
    created_at = models.DateTimeField(_("created"), auto_now_add=True, db_index=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        abstract = True


class LocalizedNameMixin:
    """`localized_name`: the name in the active language (name_ru, name_kk), falling back to English `name`."""

    name: str
    name_ru: str
    name_kk: str

    @property
    def localized_name(self) -> str:
        language = (get_language() or "en")[:2]
        return {"ru": self.name_ru, "kk": self.name_kk}.get(language) or self.name


class UserManager(BaseUserManager["User"]):
    use_in_migrations = True

    def _create_user(self, email: str, password: str | None, **extra: object) -> User:
        if not email:
            raise ValueError("An e-mail address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **extra)
        if password:
            user.set_password(password)
        else:
            user.set_unusable_password()
        user.save(using=self._db)
        return user

    def get_by_natural_key(self, username: str | None) -> User:
        # People type their address in any case; sign-in must not depend on it.
        return self.get(email__iexact=(username or "").strip())

    def create_user(self, email: str, password: str | None = None, **extra: object) -> User:
        extra.setdefault("is_staff", False)
        extra.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra)

    def create_superuser(self, email: str, password: str | None = None, **extra: object) -> User:
        extra.setdefault("is_staff", True)
        extra.setdefault("is_superuser", True)
        extra.setdefault("role", User.Role.SECRETARIAT)
        return self._create_user(email, password, **extra)


class User(AbstractUser):
    """A person who signs in with an e-mail address. Anonymous visitors are the public."""

    class Role(models.TextChoices):
        SECRETARIAT = "secretariat", _("Secretariat")
        FOCAL_POINT = "focal_point", _("Government focal point")
        NGO = "ngo", _("NGO representative")
        OBSERVER = "observer", _("Observer")

    username = None  # type: ignore[assignment]
    email = models.EmailField(_("e-mail address"), unique=True)
    role = models.CharField(
        _("role"), max_length=20, choices=Role.choices, default=Role.OBSERVER, db_index=True
    )
    preferred_language = models.CharField(
        _("preferred language"),
        max_length=8,
        choices=[("kk", "Қазақша"), ("ru", "Русский"), ("en", "English")],
        default="ru",
        help_text=_("Language of e-mails and notices sent to this person."),
    )

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS: list[str] = []

    objects = UserManager()  # type: ignore[misc]

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        constraints = [
            # E-mail is the sign-in name; two spellings of one address must not make two people.
            models.UniqueConstraint(Lower("email"), name="participants_user_email_ci_unique"),
        ]

    def __str__(self) -> str:
        return self.get_full_name() or self.email

    @property
    def is_secretariat(self) -> bool:
        return self.is_active and (self.role == self.Role.SECRETARIAT or self.is_superuser)

    @property
    def is_focal_point(self) -> bool:
        return self.is_active and self.role == self.Role.FOCAL_POINT

    @property
    def is_ngo(self) -> bool:
        return self.is_active and self.role == self.Role.NGO

    @property
    def is_observer(self) -> bool:
        return self.is_active and self.role == self.Role.OBSERVER


class Organization(LocalizedNameMixin, TimeStampedModel):
    """A body that takes part in the platform: a member or an observer."""

    class Kind(models.TextChoices):
        MINISTRY = "ministry", _("Ministry or state agency")
        PARLIAMENT = "parliament", _("Parliament")
        OMBUDSMAN = "ombudsman", _("Ombudsman")
        COURT = "court", _("Court")
        PRESIDENTIAL_COMMISSION = "presidential_commission", _("Presidential commission")
        NGO = "ngo", _("NGO")
        INTERNATIONAL = "international", _("International organisation")
        EMBASSY = "embassy", _("Embassy")
        FOREIGN_NGO = "foreign_ngo", _("Foreign NGO")
        ACADEMIA = "academia", _("Academia")
        MEDIA = "media", _("Media")

    class Standing(models.TextChoices):
        MEMBER = "member", _("Member")
        OBSERVER = "observer", _("Observer")

    name = models.CharField(_("name (English)"), max_length=255, unique=True)
    name_ru = models.CharField(_("name (Russian)"), max_length=255, blank=True)
    name_kk = models.CharField(_("name (Kazakh)"), max_length=255, blank=True)
    acronym = models.CharField(_("acronym"), max_length=32, blank=True)
    kind = models.CharField(_("kind"), max_length=32, choices=Kind.choices)
    standing = models.CharField(_("standing"), max_length=16, choices=Standing.choices)
    country = models.CharField(
        _("country"), max_length=100, blank=True, help_text=_("For embassies and foreign bodies.")
    )
    website = models.URLField(_("website"), blank=True)
    description = models.TextField(_("description"), blank=True)
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        indexes = [
            # The public list and the directory filter active organisations by standing and kind.
            models.Index(fields=["is_active", "standing", "kind"], name="participants_org_list_idx"),
        ]

    def __str__(self) -> str:
        return self.acronym or self.name


class Membership(TimeStampedModel):
    """A person's place in an organisation, with the position they hold there."""

    user = models.ForeignKey(
        User, on_delete=models.CASCADE, related_name="memberships", verbose_name=_("person")
    )
    organization = models.ForeignKey(
        Organization,
        on_delete=models.CASCADE,
        related_name="memberships",
        verbose_name=_("organisation"),
    )
    position = models.CharField(_("position"), max_length=255, blank=True)
    is_primary = models.BooleanField(
        _("primary organisation"),
        default=True,
        help_text=_("The organisation this person speaks for on the platform."),
    )

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints = [
            models.UniqueConstraint(fields=["user", "organization"], name="participants_membership_unique"),
            # One voice per person: at most one primary organisation.
            models.UniqueConstraint(
                fields=["user"],
                condition=models.Q(is_primary=True),
                name="participants_membership_one_primary",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user_id} @ {self.organization_id}"
