"""Demo meetings paraphrased from the public facts in DEVELOPERS.md. Running it again adds nothing.

Written in Russian, with Kazakh and English translations (a few left out on purpose). Plenary meetings 40-43
were held in the last four quarters and have published minutes, the 44th is
scheduled for next quarter, and a working subgroup preparing the fourth UPR national report,
co-chaired by the MFA and the Ministry of Justice, has met once and meets again soon. The wording
is ours: no one is quoted.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, cast

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone, translation

from core.multilingual import TranslatableModel, any_language_q
from meetings import services
from meetings.models import AgendaItem, FollowUpAction, Invitation, Meeting, MeetingDocument, Subgroup, Topic
from participants.models import Organization, User
from recommendations.models import Recommendation, RoadMap

MFA = "Ministry of Foreign Affairs of the Republic of Kazakhstan"
MOJ = "Ministry of Justice of the Republic of Kazakhstan"
SUBGROUP_NAME = "Working subgroup on the fourth UPR national report"

# The secretariat writes in Russian; Kazakh and English are translations added side by side. A few are left out on
# purpose, so the marked fallback ("In Russian only") and the "To translate" queue have something to show:
# the English minutes of meeting 42, the English title and one Kazakh agenda item of meeting 44, the English
# follow-up of meeting 41, the Kazakh title of the subgroup's second meeting, one document's Kazakh title.


def T(ru: str, kk: str = "", en: str = "") -> dict[str, str]:  # noqa: N802 - reads as a table
    return {"ru": ru, "kk": kk, "en": en}


# The chair as shown, in each language (a translatable field since migration 0010).
CHAIR = T("Посол по особым поручениям МИД Республики Казахстан",
          "Қазақстан Республикасы СІМ-нің Ерекше тапсырмалар жөніндегі елшісі",
          "Ambassador-at-Large of the Ministry of Foreign Affairs of the Republic of Kazakhstan")
SUBGROUP_CHAIRS = T("Сопредседатели: МИД и Министерство юстиции Республики Казахстан",
                    "Тең төрағалар: Қазақстан Республикасы СІМ мен Әділет министрлігі",
                    "Co-chairs: the Ministry of Foreign Affairs and the Ministry of Justice of the Republic of Kazakhstan")
VENUE = T("Министерство иностранных дел, Астана", "Сыртқы істер министрлігі, Астана", "Ministry of Foreign Affairs, Astana")
TOPICS = {
    "UPR": T("УПО", "ЖМШ", "UPR"),
    "National human rights plan": T("Национальный план по правам человека", "Адам құқықтары жөніндегі ұлттық жоспар",
                                    "National human rights plan"),
    "Torture prevention": T("Предупреждение пыток", "Азаптаудың алдын алу", "Torture prevention"),
    "CAT": T("КПП", "АҚК", "CAT"),
    "CRPD": T("КПИ", "МҚК", "CRPD"),
    "Children's rights": T("Права ребёнка", "Бала құқықтары", "Children's rights"),
    "Human rights action plan": T("План действий в области прав человека", "Адам құқықтары саласындағы іс-қимыл жоспары",
                                  "Human rights action plan"),
    "Road maps": T("Дорожные карты", "Жол карталары", "Road maps"),
}


def _title(number: int, *, english: bool = True) -> dict[str, str]:
    return T(f"Заседание № {number} Диалоговой платформы по человеческому измерению",
             f"Адами өлшем жөніндегі диалог алаңының № {number} отырысы",
             f"Meeting No. {number} of the Dialogue Platform on the Human Dimension" if english else "")


OPENING = T("Вступительное слово председателя", "Төрағаның кіріспе сөзі", "Opening remarks by the chair")

# (number, quarters from now, topics, agenda [(title, presenter)], minutes body, decisions, follow-up (owner, text))
PLENARY = [
    (
        40, -4, ["UPR", "National human rights plan"],
        [(OPENING, "CHAIR"),
         (T("Выполнение рекомендаций УПО 2019 года", "2019 жылғы ЖМШ ұсынымдарының орындалуы",
            "Implementation of the 2019 UPR recommendations"), MOJ),
         (T("Ход выполнения Межведомственного плана на 2020–2024 годы",
            "2020–2024 жылдарға арналған ведомствоаралық жоспардың орындалу барысы",
            "Progress of the Interdepartmental Plan 2020-2024"), MFA),
         (T("Предложения гражданского общества", "Азаматтық қоғамның ұсыныстары", "Proposals of civil society"), "NGO")],
        T("<p>Платформа рассмотрела ход выполнения рекомендаций цикла УПО 2019 года. Из 245 полученных рекомендаций "
          "214 поддержаны, 31 принята к сведению; дорожные карты группируют их по темам.</p>"
          "<p>Участники обсудили Межведомственный план на 2020–2024 годы и порядок отчётности министерств о ходе "
          "его выполнения.</p>",
          "<p>Алаң 2019 жылғы ЖМШ циклі ұсынымдарының орындалу барысын қарады. Алынған 245 ұсынымның 214-і қолдау "
          "тапты, 31-і назарға алынды; жол карталары оларды тақырыптар бойынша топтастырады.</p>"
          "<p>Қатысушылар 2020–2024 жылдарға арналған ведомствоаралық жоспарды және министрліктердің оның орындалу "
          "барысы туралы есеп беру тәртібін талқылады.</p>",
          "<p>The Platform reviewed how the recommendations of the 2019 UPR cycle are being carried out. Of the 245 "
          "recommendations received, 214 were supported and 31 noted; the road maps group them by theme.</p>"
          "<p>Members discussed the Interdepartmental Plan 2020-2024 and how ministries report progress.</p>"),
        T("<p>Министерства будут ежеквартально отчитываться на портале о ходе выполнения дорожных карт.</p>",
          "<p>Министрліктер жол карталарының орындалу барысы туралы порталда тоқсан сайын есеп береді.</p>",
          "<p>Ministries will report road-map progress on the portal every quarter.</p>"),
        (MOJ, T("Подготовить обзор рекомендаций УПО, остающихся невыполненными в рамках дорожных карт",
                "Жол карталары аясында әлі орындалмаған ЖМШ ұсынымдарына шолу дайындау",
                "Prepare an overview of the UPR recommendations still open under the road maps")),
    ),
    (
        41, -3, ["Torture prevention", "CAT"],
        [(OPENING, "CHAIR"),
         (T("Выполнение рекомендаций Комитета против пыток", "Азаптауларға қарсы комитет ұсынымдарының орындалуы",
            "Follow-up to the recommendations of the Committee against Torture"),
          "Commissioner for Human Rights in the Republic of Kazakhstan"),
         (T("Национальный превентивный механизм", "Ұлттық алдын алу тетігі", "The national preventive mechanism"),
          "NGO")],
        T("<p>На заседании обсуждались рекомендации Комитета ООН против пыток и работа национального превентивного "
          "механизма; выступили Уполномоченный по правам человека и представители НПО.</p>",
          "<p>Отырыста БҰҰ-ның Азаптауларға қарсы комитетінің ұсынымдары және ұлттық алдын алу тетігінің жұмысы "
          "талқыланды; Адам құқықтары жөніндегі уәкіл мен ҮЕҰ өкілдері сөз сөйледі.</p>",
          "<p>The meeting discussed the recommendations of the UN Committee against Torture and the work of the "
          "national preventive mechanism, with the Commissioner for Human Rights and NGOs presenting.</p>"),
        T("<p>Секретариат разошлёт таблицу рекомендаций Комитета против пыток с указанием ответственных органов.</p>",
          "<p>Хатшылық Азаптауларға қарсы комитет ұсынымдары мен жауапты органдардың кестесін таратады.</p>",
          "<p>The secretariat will circulate a table of CAT recommendations and responsible agencies.</p>"),
        ("Commissioner for Human Rights in the Republic of Kazakhstan",
         T("Ознакомить Платформу с итогами превентивных посещений",
           "Алдын алу мақсатындағы бару қорытындыларымен Алаңды таныстыру")),
    ),
    (
        42, -2, ["CRPD", "Children's rights"],
        [(OPENING, "CHAIR"),
         (T("Права лиц с инвалидностью: рекомендации КПИ",
            "Мүгедектігі бар адамдардың құқықтары: МҚК ұсынымдары",
            "Rights of persons with disabilities: CRPD recommendations"),
          "Ministry of Labour and Social Protection of the Population of the Republic of Kazakhstan"),
         (T("Права ребёнка: рекомендации Комитета по правам ребёнка",
            "Бала құқықтары: Бала құқықтары жөніндегі комитеттің ұсынымдары",
            "Children's rights: CRC recommendations"),
          "Commissioner for Children's Rights in the Republic of Kazakhstan")],
        T("<p>Участники обсудили рекомендации Комитета по правам инвалидов и Комитета по правам ребёнка, "
          "доступность государственных услуг и защиту прав детей.</p>",
          "<p>Қатысушылар Мүгедектігі бар адамдардың құқықтары жөніндегі комитет пен Бала құқықтары жөніндегі "
          "комитеттің ұсынымдарын, мемлекеттік қызметтердің қолжетімділігін және балалардың құқықтарын қорғауды "
          "талқылады.</p>"),
        T("<p>Органы включат рекомендации обоих комитетов в соответствующие дорожные карты.</p>",
          "<p>Органдар екі комитеттің ұсынымдарын тиісті жол карталарына енгізеді.</p>"),
        ("Ministry of Labour and Social Protection of the Population of the Republic of Kazakhstan",
         T("Предложить мероприятия дорожной карты по доступности государственных услуг",
           "Мемлекеттік қызметтердің қолжетімділігі бойынша жол картасының іс-шараларын ұсыну",
           "Propose road-map actions on accessibility of public services")),
    ),
    (
        43, -1, ["Human rights action plan", "UPR"],
        [(OPENING, "CHAIR"),
         (T("План действий в области прав человека по Указу Президента от 8 декабря 2023 года",
            "Президенттің 2023 жылғы 8 желтоқсандағы Жарлығымен бекітілген адам құқықтары саласындағы іс-қимыл "
            "жоспары",
            "The human-rights action plan under the Presidential Decree of 8 December 2023"), MFA),
         (T("Подготовка четвёртого национального доклада по УПО", "ЖМШ бойынша төртінші ұлттық баяндаманы дайындау",
            "Preparation of the fourth UPR national report"), MOJ),
         (T("Альтернативные доклады НПО", "ҮЕҰ-ның балама баяндамалары", "Alternative reports of NGOs"), "NGO")],
        T("<p>Платформа обсудила план действий из более чем 40 мер, принятый Указом Президента от 8 декабря "
          "2023 года, и договорилась о том, как НПО внесут вклад в четвёртый национальный доклад по УПО.</p>",
          "<p>Алаң Президенттің 2023 жылғы 8 желтоқсандағы Жарлығымен қабылданған 40-тан астам шарадан тұратын "
          "іс-қимыл жоспарын талқылап, ҮЕҰ-ның ЖМШ бойынша төртінші ұлттық баяндамаға қалай үлес қосатынын "
          "келісті.</p>",
          "<p>The Platform discussed the action plan of more than 40 measures adopted with the Presidential Decree "
          "of 8 December 2023 and agreed how NGOs will contribute to the fourth UPR national report.</p>"),
        T("<p>Рабочая подгруппа под сопредседательством МИД и Министерства юстиции подготовит четвёртый "
          "национальный доклад по УПО.</p>",
          "<p>СІМ мен Әділет министрлігі бірлесіп төрағалық ететін жұмыс кіші тобы ЖМШ бойынша төртінші ұлттық "
          "баяндаманы дайындайды.</p>",
          "<p>A working subgroup co-chaired by the MFA and the Ministry of Justice will prepare the fourth UPR "
          "national report.</p>"),
        (MOJ, T("Разослать членам Платформы структуру четвёртого национального доклада по УПО",
                "ЖМШ бойынша төртінші ұлттық баяндаманың құрылымын Алаң мүшелеріне тарату",
                "Circulate the outline of the fourth UPR national report to members")),
    ),
]

NEXT_AGENDA = [
    (OPENING, "CHAIR"),
    (T("Отчёты министерств о ходе выполнения дорожных карт",
       "Министрліктердің жол карталарының орындалу барысы туралы есептері",
       "Road-map progress reported by ministries"), MFA),
    # No Kazakh yet: the queue lists it.
    (T("Проект структуры четвёртого национального доклада по УПО", "",
       "Draft outline of the fourth UPR national report"), MOJ),
]
SUBGROUP = {
    "name": T("Рабочая подгруппа по четвёртому национальному докладу по УПО",
              "ЖМШ бойынша төртінші ұлттық баяндама жөніндегі жұмыс кіші тобы", SUBGROUP_NAME),
    "mandate": T("Готовит четвёртый национальный доклад Казахстана в рамках Универсального периодического обзора, "
                 "собирая материалы министерств, государственных органов и НПО.",
                 "Қазақстанның Жалпыға бірдей мерзімдік шолу бойынша төртінші ұлттық баяндамасын дайындайды, "
                 "министрліктердің, мемлекеттік органдардың және ҮЕҰ-ның материалдарын жинайды.",
                 "Prepares the fourth national report of Kazakhstan under the Universal Periodic Review, collecting "
                 "contributions from ministries, state bodies and NGOs."),
}
SUBGROUP_MEETINGS = [
    (-1, True, T("Первое заседание рабочей подгруппы по четвёртому докладу по УПО",
                 "ЖМШ бойынша төртінші баяндама жөніндегі жұмыс кіші тобының бірінші отырысы",
                 "First meeting of the working subgroup on the fourth UPR report")),
    # No Kazakh title yet: /kk/ shows the Russian one, marked.
    (0, False, T("Второе заседание рабочей подгруппы по четвёртому докладу по УПО", "",
                 "Second meeting of the working subgroup on the fourth UPR report")),
]
SUBGROUP_ITEM = T("Вклад в национальный доклад", "Ұлттық баяндамаға үлес", "Contributions to the national report")
SUBGROUP_MINUTES = T(
    "<p>Подгруппа согласовала график сбора материалов министерств и НПО для четвёртого национального доклада по "
    "УПО.</p>",
    "<p>Кіші топ ЖМШ бойынша төртінші ұлттық баяндамаға министрліктер мен ҮЕҰ-дан материалдар жинау кестесін "
    "келісті.</p>",
    "<p>The subgroup agreed a timetable for collecting contributions from ministries and NGOs to the fourth UPR "
    "national report.</p>",
)

# What the demo agendas discussed in the tracker: (meeting number, agenda item title) -> (road-map numbers,
# the opening words of the recommendations, as recommendations.demo seeds them). Follow-up actions advance
# a road map: meeting number -> road-map number.
AGENDA_LINKS = {
    (40, "Implementation of the 2019 UPR recommendations"): (
        [3, 4, 8], ["Revise the legislation on peaceful", "Criminalise domestic violence",
                    "Continue efforts to combat trafficking"]),
    (40, "Progress of the Interdepartmental Plan 2020-2024"): ([6, 9], ["Continue the reform of the judiciary"]),
    (41, "Follow-up to the recommendations of the Committee against Torture"): (
        [1], ["Ensure that all detainees enjoy", "Ensure prompt, impartial investigation"]),
    (41, "The national preventive mechanism"): (
        [1, 7], ["Establish an effective national preventive", "Strengthen the independence of the national"]),
    (42, "Rights of persons with disabilities: CRPD recommendations"): (
        [5], ["Replace the medical model", "Abolish substituted decision-making", "Ensure inclusive education"]),
    (43, "The human-rights action plan under the Presidential Decree of 8 December 2023"): ([4, 10], []),
    (43, "Preparation of the fourth UPR national report"): (
        [], ["Adopt a comprehensive law on violence", "Ensure that the Commissioner for Human Rights"]),
    (43, "Alternative reports of NGOs"): ([3, 4], ["Ensure that peaceful assemblies require", "Fund crisis centres"]),
    (44, "Road-map progress reported by ministries"): ([1, 4, 5], []),
}
FOLLOW_UP_ROAD_MAPS = {40: 6, 41: 1, 42: 5}

PDF_DEMO = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\n"
    b"trailer<</Root 1 0 R>>\n%%EOF\n"
)


def _quarter_start(offset: int, *, hour: int = 10) -> dt.datetime:
    """10:00 Astana time on the 15th of the middle month of the quarter `offset` quarters from now."""
    today = timezone.localdate()
    index = today.year * 4 + (today.month - 1) // 3 + offset
    year, quarter = divmod(index, 4)
    return dt.datetime(year, quarter * 3 + 2, 15, hour, tzinfo=timezone.get_current_timezone())


def _orgs() -> dict[str, Organization]:
    return {cast(str, o.name_en): o for o in Organization.objects.all()}  # the demo's names, all in English


def _translate(obj: TranslatableModel, texts: dict[str, dict[str, str]]) -> None:
    """Add the Kazakh and English translations beside the Russian original, as the side-by-side editor does."""
    for field, by_language in texts.items():
        for language, text in by_language.items():
            if language != obj.original_language and text:
                obj.set_text(field, language, text)
    obj.save()


def _presenters(key: str, orgs: dict[str, Organization], ngo_org: Organization | None) -> list[Organization]:
    if key == "CHAIR":
        return [orgs[MFA]] if MFA in orgs else []
    if key == "NGO":
        return [ngo_org] if ngo_org else []
    return [orgs[key]] if key in orgs else []


def _invite_and_attend(meeting: Meeting, people: list[User], actor: User, *, held: bool) -> None:
    services.invitations_create(actor=actor, meeting=meeting, people=people)
    if held:
        # Answers given before the meeting; it is then marked held and attendance recorded.
        Invitation.objects.filter(meeting=meeting).update(response=Invitation.Response.ACCEPTED,
                                                          attendance_mode=Invitation.AttendanceMode.IN_PERSON)
        services.meeting_transition(actor=actor, meeting=meeting, to=Meeting.Status.HELD)
        services.attendance_record(actor=actor, meeting=meeting, attended_person_ids=[p.pk for p in people])


def _topics() -> None:
    for english, names in TOPICS.items():
        topic = Topic.objects.filter(any_language_q("name", "iexact", english)).first()
        if topic is None:
            topic = Topic(original_language="ru", name_ru=names["ru"])
            topic.save()
            _translate(topic, {"name": names})


def _meeting(actor: User, title: dict[str, str], *, chair: dict[str, str], **fields: Any) -> Meeting:
    meeting = services.meeting_create(actor=actor, title=title["ru"], original_language="ru", chair=chair["ru"],
                                      **fields)
    _translate(meeting, {"title": title, "venue": VENUE if fields.get("venue") else {}, "chair": chair})
    return meeting


def _agenda(actor: User, meeting: Meeting, items: list, orgs: dict[str, Organization],
            ngo_org: Organization | None, minutes: int) -> None:
    for title, presenter in items:
        item = services.agenda_item_create(actor=actor, meeting=meeting, title=title["ru"], minutes_allotted=minutes,
                                           presenter_organizations=_presenters(presenter, orgs, ngo_org))
        _translate(item, {"title": title})


def _minutes(actor: User, meeting: Meeting, body: dict[str, str], decisions: dict[str, str]) -> None:
    minutes = services.minutes_save(actor=actor, meeting=meeting, body=body["ru"], decisions=decisions["ru"],
                                    version=1, original_language="ru")
    # Translated before approval: publication needs the Kazakh and Russian texts (MINUTES_REQUIRED_LANGUAGES).
    _translate(minutes, {"body": body, "decisions": decisions})
    services.minutes_approve(actor=actor, meeting=meeting)
    services.minutes_publish(actor=actor, meeting=meeting)


@transaction.atomic
def seed() -> dict[str, int]:
    actor = User.objects.filter(role=User.Role.SECRETARIAT, is_active=True).order_by("pk").first()
    if actor is None:
        return {"meetings": 0}
    with translation.override("ru"):
        created = _seed(actor)
    _link_to_tracker()
    return {"meetings": created}


def _seed(actor: User) -> int:
    orgs = _orgs()
    people = list(User.objects.filter(email__in=[
        "secretariat@example.org", "focal.justice@example.org", "ngo@example.org", "observer@example.org",
    ]).order_by("pk"))
    ngo_org = Organization.objects.filter(memberships__user__email="ngo@example.org").first()
    created = 0
    _topics()

    subgroup = Subgroup.objects.filter(any_language_q("name", "exact", SUBGROUP_NAME)).first()
    if subgroup is None:
        subgroup = services.subgroup_save(
            actor=actor, name=SUBGROUP["name"]["ru"], mandate=SUBGROUP["mandate"]["ru"],
            co_chair_organizations=[orgs[n] for n in (MFA, MOJ) if n in orgs],
            members=people,
        )
        _translate(subgroup, SUBGROUP)

    for number, offset, topics, agenda, body, decisions, follow_up in PLENARY:
        if Meeting.objects.filter(number=number, subgroup__isnull=True).exists():
            continue
        start = _quarter_start(offset)
        meeting = _meeting(
            actor, _title(number), number=number, status=Meeting.Status.SCHEDULED,
            starts_at=start, ends_at=start + dt.timedelta(hours=3), format=Meeting.Format.HYBRID,
            venue=VENUE["ru"], online_link="https://meet.example.org/dialogue-platform", chair=CHAIR, topics=topics,
        )
        _agenda(actor, meeting, agenda, orgs, ngo_org, 30)
        _invite_and_attend(meeting, people, actor, held=True)
        _minutes(actor, meeting, body, decisions)
        owner, text = follow_up
        action = services.follow_up_action_create(
            actor=actor, meeting=meeting, description=text["ru"], owner_organization=orgs.get(owner),
            due_date=(start + dt.timedelta(days=150)).date(),
            status=FollowUpAction.Status.DONE if offset < -2 else FollowUpAction.Status.OPEN,
        )
        _translate(action, {"description": text})
        document = services.document_create(
            actor=actor, meeting=meeting, title=f"Повестка дня заседания № {number}",
            file=ContentFile(PDF_DEMO, name=f"agenda-{number}.pdf"), visibility=MeetingDocument.Visibility.PUBLIC,
        )
        _translate(document, {"title": T("", f"№ {number} отырыстың күн тәртібі" if number != 43 else "",
                                         f"Agenda of meeting No. {number}")})
        created += 1

    if not Meeting.objects.filter(number=44, subgroup__isnull=True).exists():
        start = _quarter_start(1)
        # No English title yet: /en/ shows the Russian one, marked "In Russian".
        meeting = _meeting(
            actor, _title(44, english=False), number=44, status=Meeting.Status.SCHEDULED,
            starts_at=start, ends_at=start + dt.timedelta(hours=3), format=Meeting.Format.HYBRID, venue=VENUE["ru"],
            online_link="https://meet.example.org/dialogue-platform-44", chair=CHAIR, topics=["UPR", "Road maps"],
        )
        _agenda(actor, meeting, NEXT_AGENDA, orgs, ngo_org, 40)
        services.invitations_create(actor=actor, meeting=meeting, people=people)
        document = services.document_create(
            actor=actor, meeting=meeting, title="Проект повестки дня заседания № 44 (для участников)",
            file=ContentFile(PDF_DEMO, name="draft-agenda-44.pdf"),
            visibility=MeetingDocument.Visibility.PARTICIPANTS,
        )
        _translate(document, {"title": T("", "№ 44 отырыстың күн тәртібінің жобасы (қатысушылар үшін)",
                                         "Draft agenda of meeting No. 44 (for participants)")})
        created += 1

    for offset, held, title in SUBGROUP_MEETINGS:
        if Meeting.objects.filter(subgroup=subgroup, title_ru=title["ru"]).exists():
            continue
        start = _quarter_start(offset, hour=15) + dt.timedelta(days=20 if offset == 0 else 14)
        if not held and start <= timezone.now():
            start = timezone.localtime().replace(hour=15, minute=0, second=0, microsecond=0) + dt.timedelta(days=14)
        meeting = _meeting(
            actor, title, subgroup=subgroup, status=Meeting.Status.SCHEDULED, starts_at=start,
            ends_at=start + dt.timedelta(hours=2), format=Meeting.Format.ONLINE,
            online_link="https://meet.example.org/upr-subgroup", chair=SUBGROUP_CHAIRS,
            topics=["UPR"],
        )
        _agenda(actor, meeting, [(SUBGROUP_ITEM, MOJ)], orgs, ngo_org, 60)
        _invite_and_attend(meeting, people, actor, held=held)
        if held:
            _minutes(actor, meeting, SUBGROUP_MINUTES, T(""))
        created += 1
    return created


def _link_to_tracker() -> None:
    """Agenda items and follow-up actions point at the road maps and recommendations they concern. Links are
    added (never duplicated) on every run, so a demo database seeded before they existed gets them too."""
    road_maps = {r.number: r for r in RoadMap.objects.all()}
    for (number, title), (map_numbers, text_starts) in AGENDA_LINKS.items():
        item = AgendaItem.objects.filter(
            meeting__number=number, meeting__subgroup__isnull=True, title_en=title).first()
        if item is None:
            continue
        item.road_maps.add(*[road_maps[n] for n in map_numbers if n in road_maps])
        recommendations = [
            Recommendation.objects.filter(text__startswith=start).order_by("pk").first() for start in text_starts
        ]
        item.recommendations.add(*[r for r in recommendations if r is not None])
    for number, map_number in FOLLOW_UP_ROAD_MAPS.items():
        if map_number in road_maps:
            FollowUpAction.objects.filter(
                meeting__number=number, meeting__subgroup__isnull=True, road_map__isnull=True
            ).update(road_map=road_maps[map_number])
