from __future__ import annotations

import datetime as dt
import hashlib
from typing import TYPE_CHECKING, ClassVar

from django.contrib.auth.models import AbstractUser, BaseUserManager
from django.db import models
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.crypto import salted_hmac
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from core.concurrency import VersionedModel
from core.models import LocalizedNameMixin, TimeStampedModel
from core.multilingual import TranslatableModel
from participants.validators import validate_bin


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


class User(VersionedModel, AbstractUser):
    """A person who signs in with an e-mail address. Anonymous visitors are the public."""

    class Role(models.TextChoices):
        SECRETARIAT = "secretariat", _("Secretariat")
        FOCAL_POINT = "focal_point", _("Government focal point")
        NGO = "ngo", _("NGO representative")
        OBSERVER = "observer", _("Observer")

    # No username column (the e-mail address signs in); the stubs know AbstractUser's username only as a text field.
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
    REQUIRED_FIELDS: ClassVar[list[str]] = []
    # Signing in is not an edit of the account (core.concurrency): an open "My account" form stays valid.
    unversioned_fields = frozenset({"last_login"})

    # E-mail based, so not auth's username-based UserManager that the stubs expect on AbstractUser.
    objects: ClassVar[UserManager] = UserManager()  # type: ignore[assignment]

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


class Region(models.TextChoices):
    """The 17 regions of Kazakhstan and its 3 cities of republican significance."""

    ASTANA = "astana", _("Astana (city)")
    ALMATY_CITY = "almaty_city", _("Almaty (city)")
    SHYMKENT = "shymkent", _("Shymkent (city)")
    ABAI = "abai", _("Abai Region")
    AKMOLA = "akmola", _("Akmola Region")
    AKTOBE = "aktobe", _("Aktobe Region")
    ALMATY = "almaty", _("Almaty Region")
    ATYRAU = "atyrau", _("Atyrau Region")
    EAST_KAZAKHSTAN = "east_kazakhstan", _("East Kazakhstan Region")
    ZHAMBYL = "zhambyl", _("Zhambyl Region")
    ZHETYSU = "zhetysu", _("Zhetysu Region")
    WEST_KAZAKHSTAN = "west_kazakhstan", _("West Kazakhstan Region")
    KARAGANDA = "karaganda", _("Karaganda Region")
    KOSTANAY = "kostanay", _("Kostanay Region")
    KYZYLORDA = "kyzylorda", _("Kyzylorda Region")
    MANGYSTAU = "mangystau", _("Mangystau Region")
    PAVLODAR = "pavlodar", _("Pavlodar Region")
    NORTH_KAZAKHSTAN = "north_kazakhstan", _("North Kazakhstan Region")
    TURKISTAN = "turkistan", _("Turkistan Region")
    ULYTAU = "ulytau", _("Ulytau Region")


class FocusArea(models.TextChoices):
    """Human-rights areas an NGO works on; stored as a JSON list of these values."""

    CIVIL_POLITICAL = "civil_political", _("Civil and political rights")
    EXPRESSION_MEDIA = "expression_media", _("Freedom of expression and the media")
    ASSEMBLY_ASSOCIATION = "assembly_association", _("Freedom of peaceful assembly and association")
    RELIGION = "religion", _("Freedom of religion or belief")
    TORTURE_PREVENTION = "torture_prevention", _("Prevention of torture and rights in detention")
    JUSTICE = "justice", _("Access to justice and fair trial")
    WOMEN = "women", _("Women's rights and gender equality")
    DOMESTIC_VIOLENCE = "domestic_violence", _("Domestic and gender-based violence")
    CHILDREN = "children", _("Children's rights")
    DISABILITY = "disability", _("Rights of persons with disabilities")
    OLDER_PERSONS = "older_persons", _("Rights of older persons")
    NON_DISCRIMINATION = "non_discrimination", _("Non-discrimination and minority rights")
    MIGRANTS = "migrants", _("Migrants, refugees and stateless persons")
    TRAFFICKING = "trafficking", _("Combating human trafficking")
    LABOUR = "labour", _("Labour and social rights")
    HEALTH = "health", _("Right to health")
    EDUCATION = "education", _("Right to education and human-rights education")
    ENVIRONMENT = "environment", _("Environment and human rights")
    DIGITAL = "digital", _("Digital rights and privacy")


BIN_PATTERN = r"^[0-9]{12}$"


def focus_area_labels(values: list[str]) -> list[str]:
    labels = dict(FocusArea.choices)
    return [str(labels.get(value, value)) for value in values or []]


class Organization(LocalizedNameMixin, VersionedModel, TranslatableModel, TimeStampedModel):
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

    # name_kk, name_ru, name_en: participants/translation.py.
    name = models.CharField(_("name"), max_length=255, unique=True)
    acronym = models.CharField(_("acronym"), max_length=32, blank=True)
    kind = models.CharField(_("kind"), max_length=32, choices=Kind.choices)
    standing = models.CharField(_("standing"), max_length=16, choices=Standing.choices)
    country = models.CharField(
        _("country"), max_length=100, blank=True, help_text=_("For embassies and foreign bodies.")
    )
    website = models.URLField(_("website"), blank=True)
    description = models.TextField(_("description"), blank=True)
    is_active = models.BooleanField(_("active"), default=True)
    bin = models.CharField(
        _("BIN"),
        max_length=12,
        blank=True,
        validators=[validate_bin],
        help_text=_("Business identification number: 12 digits. Kazakh organisations only."),
    )
    region = models.CharField(_("region"), max_length=32, choices=Region.choices, blank=True)
    # A JSON list of FocusArea values: one portable column on SQLite and PostgreSQL alike.
    focus_areas = models.JSONField(_("focus areas"), default=list, blank=True)

    if TYPE_CHECKING:  # the columns django-modeltranslation adds per language (translation.py)
        name_en: str | None
        name_ru: str | None
        name_kk: str | None

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        indexes = [
            # The public list and the directory filter active organisations by standing and kind.
            models.Index(fields=["is_active", "standing", "kind"], name="participants_org_list_idx"),
        ]
        constraints = [
            # A BIN names one legal entity; foreign bodies and older rows have none.
            models.UniqueConstraint(
                fields=["bin"], condition=~models.Q(bin=""), name="participants_organization_bin_unique"
            ),
        ]

    def __str__(self) -> str:
        return self.acronym or self.name

    def get_focus_areas_display(self) -> list[str]:
        return focus_area_labels(self.focus_areas)


class Membership(VersionedModel, TimeStampedModel):
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


class OrganizationApplication(TimeStampedModel):
    """A Kazakh NGO's request to join the platform, decided by the secretariat."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Pending")
        APPROVED = "approved", _("Approved")
        DECLINED = "declined", _("Declined")

    name_kk = models.CharField(_("name in Kazakh"), max_length=255, blank=True)
    name_ru = models.CharField(_("name in Russian"), max_length=255, blank=True)
    name_en = models.CharField(_("name in English"), max_length=255, blank=True)
    bin = models.CharField(_("BIN"), max_length=12)
    region = models.CharField(_("region"), max_length=32, choices=Region.choices)
    focus_areas = models.JSONField(_("focus areas"), default=list)
    website = models.URLField(_("website"), blank=True)
    contact_name = models.CharField(_("full name"), max_length=255)
    contact_position = models.CharField(_("position"), max_length=255)
    contact_email = models.EmailField(_("e-mail address"))
    contact_phone = models.CharField(_("phone"), max_length=32)
    # The language the applicant used: e-mails about the application are written in it.
    language = models.CharField(
        _("language"), max_length=8, choices=[("kk", "Қазақша"), ("ru", "Русский"), ("en", "English")], default="ru"
    )
    consent_at = models.DateTimeField(_("consent to the processing of personal data given"))
    applicant = models.ForeignKey(
        User,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("signed-in applicant"),
    )

    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.PENDING)
    decision_reason = models.TextField(_("reason"), blank=True)
    decided_by = models.ForeignKey(
        User, on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("decided by")
    )
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    organization = models.ForeignKey(
        Organization,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="applications",
        verbose_name=_("organisation created"),
    )
    user = models.ForeignKey(
        User, on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("representative")
    )

    class Meta:
        verbose_name = _("membership application")
        verbose_name_plural = _("membership applications")
        indexes = [
            # The secretariat's queue filters by status and region, newest first.
            models.Index(fields=["status", "region", "-created_at"], name="participants_app_queue_idx"),
        ]
        constraints = [
            models.CheckConstraint(condition=models.Q(bin__regex=BIN_PATTERN), name="participants_application_bin_12_digits"),
            # Two pending applications for one BIN would let two people become its first representative.
            models.UniqueConstraint(
                fields=["bin"],
                condition=models.Q(status="pending"),
                name="participants_application_one_pending_per_bin",
            ),
            # The form asks for the Kazakh or the Russian name: a Kazakh NGO is registered under one of them.
            models.CheckConstraint(
                condition=~models.Q(name_kk="") | ~models.Q(name_ru=""),
                name="participants_application_has_kk_or_ru_name",
            ),
            # The contact is told why: a decline without a reason would be a silent refusal.
            models.CheckConstraint(
                condition=~models.Q(status="declined") | ~models.Q(decision_reason=""),
                name="participants_application_decline_has_reason",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.display_name} ({self.pk})"

    @property
    def display_name(self) -> str:
        """The name in the active language, falling back to whichever the applicant gave."""
        language = (get_language() or "en")[:2]
        preferred = {"kk": self.name_kk, "ru": self.name_ru, "en": self.name_en}.get(language, "")
        return preferred or self.name_en or self.name_ru or self.name_kk

    def get_focus_areas_display(self) -> list[str]:
        return focus_area_labels(self.focus_areas)


class OrganizationInvitation(TimeStampedModel):
    """A representative's e-mailed invitation for a colleague to join their organisation.

    Only the SHA-256 of the link's token is stored: a leaked database does not open any invitation. The token is
    derived from the row and the SECRET_KEY (link_token), so the e-mail can be written when it is sent, or sent
    again after a failure, without the token ever being stored.
    """

    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="invitations", verbose_name=_("organisation")
    )
    email = models.EmailField(_("e-mail address"))
    invited_by = models.ForeignKey(
        User, on_delete=models.SET_NULL, null=True, related_name="+", verbose_name=_("invited by")
    )
    token_hash = models.CharField(max_length=64, unique=True)
    expires_at = models.DateTimeField(_("expires"))
    accepted_at = models.DateTimeField(_("accepted"), null=True, blank=True)
    accepted_user = models.ForeignKey(
        User, on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("colleague")
    )
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)

    class Meta:
        verbose_name = _("colleague invitation")
        verbose_name_plural = _("colleague invitations")
        indexes = [
            # "My organisation" lists the open invitations of one organisation.
            models.Index(
                fields=["organization", "expires_at"],
                name="participants_invite_open_idx",
                condition=models.Q(accepted_at__isnull=True, revoked_at__isnull=True),
            ),
        ]
        constraints = [
            # One open invitation per address and organisation; a new one replaces an expired one.
            models.UniqueConstraint(
                "organization",
                Lower("email"),
                condition=models.Q(accepted_at__isnull=True, revoked_at__isnull=True),
                name="participants_invitation_one_open_per_email",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.email} -> {self.organization_id} ({self.pk})"

    @staticmethod
    def hash_token(token: str) -> str:
        return hashlib.sha256(token.encode()).hexdigest()

    def link_token(self) -> str:
        """The token of this invitation's link: an HMAC of its id and creation time under the SECRET_KEY."""
        created = self.created_at.astimezone(dt.UTC).isoformat()
        return salted_hmac("participants.invitation", f"{self.pk}:{created}", algorithm="sha256").hexdigest()

    @property
    def state(self) -> str:
        """'accepted', 'revoked', 'expired' or 'open'."""
        if self.accepted_at:
            return "accepted"
        if self.revoked_at:
            return "revoked"
        if self.expires_at <= timezone.now():
            return "expired"
        return "open"
