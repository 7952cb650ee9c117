"""Demo organisations and accounts drawn from public facts about the Dialogue Platform."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from participants import services
from participants.models import FocusArea, Organization, OrganizationApplication, Region, User

K = Organization.Kind
S = Organization.Standing

# (English name, Russian, Kazakh, acronym, kind, standing, country)
ORGANIZATIONS: list[tuple[str, str, str, str, str, str, str]] = [
    ("Ministry of Foreign Affairs of the Republic of Kazakhstan", "Министерство иностранных дел Республики Казахстан",
     "Қазақстан Республикасының Сыртқы істер министрлігі", "MFA", K.MINISTRY, S.MEMBER, ""),
    ("Ministry of Justice of the Republic of Kazakhstan", "Министерство юстиции Республики Казахстан",
     "Қазақстан Республикасының Әділет министрлігі", "MoJ", K.MINISTRY, S.MEMBER, ""),
    ("Ministry of Internal Affairs of the Republic of Kazakhstan", "Министерство внутренних дел Республики Казахстан",
     "Қазақстан Республикасының Ішкі істер министрлігі", "MIA", K.MINISTRY, S.MEMBER, ""),
    ("Ministry of Labour and Social Protection of the Population of the Republic of Kazakhstan",
     "Министерство труда и социальной защиты населения Республики Казахстан",
     "Қазақстан Республикасының Еңбек және халықты әлеуметтік қорғау министрлігі", "MLSPP", K.MINISTRY, S.MEMBER, ""),
    ("Prosecutor General's Office of the Republic of Kazakhstan", "Генеральная прокуратура Республики Казахстан",
     "Қазақстан Республикасының Бас прокуратурасы", "GPO", K.MINISTRY, S.MEMBER, ""),
    ("Mazhilis of the Parliament of the Republic of Kazakhstan", "Мажилис Парламента Республики Казахстан",
     "Қазақстан Республикасы Парламентінің Мәжілісі", "", K.PARLIAMENT, S.MEMBER, ""),
    ("Commissioner for Human Rights in the Republic of Kazakhstan",
     "Уполномоченный по правам человека в Республике Казахстан",
     "Қазақстан Республикасындағы Адам құқықтары жөніндегі уәкіл", "", K.OMBUDSMAN, S.MEMBER, ""),
    ("Commissioner for Children's Rights in the Republic of Kazakhstan",
     "Уполномоченный по правам ребенка в Республике Казахстан",
     "Қазақстан Республикасындағы Бала құқықтары жөніндегі уәкіл", "", K.OMBUDSMAN, S.MEMBER, ""),
    ("Commission on Human Rights under the President of the Republic of Kazakhstan",
     "Комиссия по правам человека при Президенте Республики Казахстан",
     "Қазақстан Республикасының Президенті жанындағы Адам құқықтары жөніндегі комиссия", "", K.PRESIDENTIAL_COMMISSION,
     S.MEMBER, ""),
    ("Supreme Court of the Republic of Kazakhstan", "Верховный Суд Республики Казахстан",
     "Қазақстан Республикасының Жоғарғы Соты", "", K.COURT, S.MEMBER, ""),
    ("Constitutional Court of the Republic of Kazakhstan", "Конституционный Суд Республики Казахстан",
     "Қазақстан Республикасының Конституциялық Соты", "", K.COURT, S.MEMBER, ""),
    ("Kazakhstan International Bureau for Human Rights and Rule of Law",
     "Казахстанское международное бюро по правам человека и соблюдению законности",
     "Адам құқықтары және заңдылықты сақтау жөніндегі Қазақстан халықаралық бюросы", "KIBHR", K.NGO, S.MEMBER, ""),
    ("International Foundation for Protection of Freedom of Speech \"Adil Soz\"",
     "Международный фонд защиты свободы слова «Әділ сөз»",
     "«Әділ сөз» сөз бостандығын қорғау халықаралық қоры", "", K.NGO, S.MEMBER, ""),
    ("Charter for Human Rights", "Хартия за права человека", "Адам құқықтары жөніндегі хартия", "", K.NGO, S.MEMBER, ""),
    ("Union of Crisis Centres of Kazakhstan", "Союз кризисных центров Казахстана",
     "Қазақстан дағдарыс орталықтарының одағы", "", K.NGO, S.MEMBER, ""),
    ("Legal Media Centre", "Правовой медиа-центр", "Құқықтық медиа-орталық", "", K.NGO, S.MEMBER, ""),
    ("United Nations Development Programme in Kazakhstan", "Программа развития ООН в Казахстане",
     "БҰҰ Даму бағдарламасының Қазақстандағы өкілдігі", "UNDP", K.INTERNATIONAL, S.OBSERVER, ""),
    ("OHCHR Regional Office for Central Asia", "Региональное отделение УВКПЧ ООН для Центральной Азии",
     "БҰҰ Адам құқықтары жөніндегі жоғарғы комиссары басқармасының Орталық Азиядағы өңірлік өкілдігі", "OHCHR",
     K.INTERNATIONAL, S.OBSERVER, ""),
    ("OSCE Programme Office in Astana", "Офис программ ОБСЕ в Астане", "ЕҚЫҰ-ның Астанадағы бағдарламалар офисі",
     "OSCE", K.INTERNATIONAL, S.OBSERVER, ""),
    ("Delegation of the European Union to Kazakhstan", "Представительство Европейского союза в Казахстане",
     "Еуропалық Одақтың Қазақстандағы өкілдігі", "EU", K.INTERNATIONAL, S.OBSERVER, ""),
    ("United States Agency for International Development, Central Asia",
     "Агентство США по международному развитию, Центральная Азия",
     "АҚШ Халықаралық даму агенттігі, Орталық Азия", "USAID", K.INTERNATIONAL, S.OBSERVER, "United States"),
    ("Embassy of the Federal Republic of Germany in Astana", "Посольство Федеративной Республики Германия в Астане",
     "Германия Федеративтік Республикасының Астанадағы елшілігі", "", K.EMBASSY, S.OBSERVER, "Germany"),
    ("Norwegian Helsinki Committee", "Норвежский Хельсинкский комитет", "Норвегиялық Хельсинки комитеті", "NHC",
     K.FOREIGN_NGO, S.OBSERVER, "Norway"),
]


@dataclass(frozen=True)
class DemoAccount:
    email: str
    role: str
    first_name: str
    last_name: str
    organization: str
    position: str


DEMO_ACCOUNTS = [
    DemoAccount("secretariat@example.org", User.Role.SECRETARIAT, "Aigerim", "Nurlanova",
                "Ministry of Foreign Affairs of the Republic of Kazakhstan",
                "Secretariat of the Dialogue Platform, Department of Multilateral Diplomacy"),
    DemoAccount("focal.justice@example.org", User.Role.FOCAL_POINT, "Yerlan", "Seitkali",
                "Ministry of Justice of the Republic of Kazakhstan", "Focal point for human rights"),
    DemoAccount("ngo@example.org", User.Role.NGO, "Dana", "Abenova",
                "Kazakhstan International Bureau for Human Rights and Rule of Law", "Programme coordinator"),
    DemoAccount("observer@example.org", User.Role.OBSERVER, "Marta", "Keller",
                "OHCHR Regional Office for Central Asia", "Human rights officer"),
]

DEMO_PASSWORD = "Dialogue-demo-2026"
# The demo secretariat's authenticator key (20 bytes, as django-otp stores it: hex). Printed by seed_demo with DEBUG
# on, so a developer can add it to an app, or run `manage.py demo_totp_code`; removed when DEBUG is off.
DEMO_TOTP_KEY = b"dialogue-demo-2fa-26".hex()


def seed(*, with_passwords: bool) -> list[DemoAccount]:
    """Create or refresh the demo organisations and accounts. Safe to run any number of times."""
    orgs = {}
    for name, name_ru, name_kk, acronym, kind, standing, country in ORGANIZATIONS:
        orgs[name] = services.organization_upsert(
            name=name, name_ru=name_ru, name_kk=name_kk, acronym=acronym, kind=kind, standing=standing,
            country=country,
        )
    for account in DEMO_ACCOUNTS:
        user = services.user_upsert(
            email=account.email,
            role=account.role,
            first_name=account.first_name,
            last_name=account.last_name,
            password=DEMO_PASSWORD if with_passwords else None,
        )
        if not with_passwords and user.check_password(DEMO_PASSWORD):
            # Seeded once on a developer's machine, now served with DEBUG off: close the known door.
            services.user_password_disable(user=user)
        services.membership_set(user=user, organization=orgs[account.organization], position=account.position)
        if account.role == User.Role.SECRETARIAT:
            seed_demo_second_factor(user=user, enabled=with_passwords)
    seed_applications()
    return DEMO_ACCOUNTS


def seed_demo_second_factor(*, user: User, enabled: bool) -> None:
    """With DEBUG on, the demo secretariat's authenticator uses the published demo key; with it off, a device with
    that key is removed (the person enrols a real app at the next sign-in)."""
    from django_otp.plugins.otp_totp.models import TOTPDevice

    demo_devices = TOTPDevice.objects.filter(user=user, key=DEMO_TOTP_KEY)
    if not enabled:
        demo_devices.delete()
        return
    if not TOTPDevice.objects.filter(user=user, confirmed=True).exists():
        TOTPDevice.objects.create(user=user, name="Demo authenticator", key=DEMO_TOTP_KEY, confirmed=True)


def demo_totp_secret() -> str:
    """The demo key as people type it into an authenticator app (base32)."""
    import base64

    return base64.b32encode(bytes.fromhex(DEMO_TOTP_KEY)).decode().rstrip("=")


def demo_totp_code() -> str:
    """The code an authenticator app with the demo key shows now."""
    from django_otp.oath import totp

    return f"{totp(bytes.fromhex(DEMO_TOTP_KEY)):06d}"


# Two applications for the secretariat's queue. The NGOs are invented (with BINs whose check digit
# is right) so that no real organisation appears to have applied or been refused.
DEMO_APPLICATIONS: list[dict[str, Any]] = [
    {
        "name_kk": "«Тең мүмкіндік» мүгедектігі бар адамдардың құқықтарын қорғау қоғамдық бірлестігі",
        "name_ru": "Общественное объединение защиты прав людей с инвалидностью «Равные возможности»",
        "name_en": "Equal Opportunities Public Association for the Rights of Persons with Disabilities",
        "bin": "180640012347",
        "region": Region.SHYMKENT,
        "focus_areas": [FocusArea.DISABILITY, FocusArea.NON_DISCRIMINATION, FocusArea.EDUCATION],
        "website": "https://equal-opportunities.example.org",
        "contact_name": "Gulnara Tulegenova",
        "contact_position": "Chair of the board",
        "contact_email": "g.tulegenova@example.org",
        "contact_phone": "+7 725 253 41 17",
        "language": "kk",
    },
    {
        "name_kk": "«Дала құқығы» экологиялық құқықтар қоры",
        "name_ru": "Фонд экологических прав «Право степи»",
        "name_en": "Steppe Law Environmental Rights Foundation",
        "bin": "201140034567",
        "region": Region.EAST_KAZAKHSTAN,
        "focus_areas": [FocusArea.ENVIRONMENT, FocusArea.HEALTH],
        "website": "",
        "contact_name": "Timur Zhaksylykov",
        "contact_position": "Director",
        "contact_email": "t.zhaksylykov@example.org",
        "contact_phone": "+7 723 222 58 90",
        "language": "ru",
    },
]
DEMO_DECLINE_REASON = (
    "The foundation's registration certificate names a commercial activity (environmental consulting) as its "
    "main purpose. The platform admits non-commercial organisations; you are welcome to apply again once the "
    "charter is amended."
)


def seed_applications() -> None:
    """One pending and one declined application; running it again adds nothing."""
    if OrganizationApplication.objects.filter(bin__in=[a["bin"] for a in DEMO_APPLICATIONS]).exists():
        return
    secretariat = User.objects.get(email="secretariat@example.org")
    services.application_submit(**DEMO_APPLICATIONS[0])
    declined = services.application_submit(**DEMO_APPLICATIONS[1])
    services.application_decline(application=declined, actor=secretariat, reason=DEMO_DECLINE_REASON)
