"""Russian and Kazakh for the demo's tracker content (recommendations/demo.py writes it in English, the language of
the UN documents it comes from). Written from the same public facts; the wording is ours.

A few translations are left out on purpose, so the marked fallback ("In English only") and the secretariat's
"To translate" queue have something to show: the Kazakh titles of road maps 9 and 10 and of three of their
actions, the Russian text of action 10.2, the Kazakh description of the Presidential Decree's plan and of the
fourth UPR cycle, one Kazakh plan measure, and the Kazakh title of the NGO alternative reports' cycle.
"""

from __future__ import annotations

from core.multilingual import translate_from_table
from recommendations.models import Action, NationalPlan, PlanMeasure, Review, RoadMap


def T(ru: str, kk: str = "") -> dict[str, str]:  # noqa: N802 - reads as a table
    return {"ru": ru, "kk": kk}


ROAD_MAPS = {
    "Prevention of torture and ill-treatment": T(
        "Предупреждение пыток и жестокого обращения", "Азаптаудың және қатыгез қарым-қатынастың алдын алу"),
    "Abolition of the death penalty": T("Отмена смертной казни", "Өлім жазасын жою"),
    "Freedom of peaceful assembly": T("Свобода мирных собраний", "Бейбіт жиналыстар бостандығы"),
    "Combating domestic violence": T("Противодействие бытовому насилию",
                                     "Тұрмыстық зорлық-зомбылыққа қарсы іс-қимыл"),
    "Rights of persons with disabilities": T("Права лиц с инвалидностью", "Мүгедектігі бар адамдардың құқықтары"),
    "Independence of the judiciary": T("Независимость судебной власти", "Сот билігінің тәуелсіздігі"),
    "National human rights institution": T("Национальное правозащитное учреждение",
                                           "Ұлттық адам құқықтары институты"),
    "Combating trafficking in persons": T("Противодействие торговле людьми", "Адам саудасына қарсы іс-қимыл"),
    # No Kazakh yet: /kk/ shows the Russian title, marked.
    "Freedom of expression and the media": T("Свобода выражения мнений и СМИ"),
    "Gender equality in decision-making": T("Гендерное равенство при принятии решений"),
}

ACTIONS = {
    "Video recording in all interrogation rooms": T(
        "Видеозапись во всех комнатах для допросов", "Барлық жауап алу бөлмелерінде бейнежазба жүргізу"),
    "Transfer investigation of torture allegations to the prosecution service": T(
        "Передача расследования заявлений о пытках органам прокуратуры",
        "Азаптау туралы арыздарды тергеуді прокуратура органдарына беру"),
    "Training of prison staff on the Istanbul Protocol": T(
        "Обучение сотрудников уголовно-исполнительной системы Стамбульскому протоколу",
        "Қылмыстық-атқару жүйесінің қызметкерлерін Стамбул хаттамасы бойынша оқыту"),
    "Annual public report of the national preventive mechanism": T(
        "Ежегодный публичный доклад национального превентивного механизма",
        "Ұлттық алдын алу тетігінің жыл сайынғы жария баяндамасы"),
    "Ratify the Second Optional Protocol to the ICCPR": T(
        "Ратификация Второго факультативного протокола к Международному пакту о гражданских и политических правах",
        "Азаматтық және саяси құқықтар туралы халықаралық пактіге екінші факультативтік хаттаманы ратификациялау"),
    "Remove the death penalty from the Criminal Code": T(
        "Исключение смертной казни из Уголовного кодекса", "Өлім жазасын Қылмыстық кодекстен алып тастау"),
    "Review the law on peaceful assemblies with civil society": T(
        "Пересмотр закона о мирных собраниях совместно с гражданским обществом",
        "Бейбіт жиналыстар туралы заңды азаматтық қоғаммен бірлесіп қайта қарау"),
    "Guidance for local authorities on notification procedures": T(
        "Методические рекомендации для местных исполнительных органов об уведомительном порядке",
        "Жергілікті атқарушы органдарға хабарлама беру тәртібі жөнінде әдістемелік ұсынымдар"),
    "Draft a law criminalising domestic violence": T(
        "Разработка законопроекта о криминализации бытового насилия",
        "Тұрмыстық зорлық-зомбылықты қылмыс ретінде тану туралы заң жобасын әзірлеу"),
    "Protective orders available 24/7": T(
        "Круглосуточный доступ к защитным предписаниям", "Қорғау нұсқамаларына тәулік бойы қол жеткізу"),
    "Crisis centre in every region": T("Кризисный центр в каждом регионе", "Әрбір өңірде дағдарыс орталығы"),
    "Accessibility audit of public buildings": T(
        "Аудит доступности общественных зданий", "Қоғамдық ғимараттардың қолжетімділігін тексеру"),
    "Inclusive education standards": T("Стандарты инклюзивного образования", "Инклюзивті білім беру стандарттары"),
    "Supported decision-making in the Civil Code": T(
        "Поддерживаемое принятие решений в Гражданском кодексе",
        "Азаматтық кодекске қолдау көрсетілетін шешім қабылдау тәртібін енгізу"),
    "Random electronic case allocation": T(
        "Автоматизированное случайное распределение дел", "Істерді автоматтандырылған түрде кездейсоқ бөлу"),
    "Publication of all court decisions": T("Публикация всех судебных актов", "Барлық сот актілерін жариялау"),
    "Constitutional law on the Commissioner for Human Rights": T(
        "Конституционный закон об Уполномоченном по правам человека",
        "Адам құқықтары жөніндегі уәкіл туралы конституциялық заң"),
    "Application for GANHRI accreditation": T(
        "Заявка на аккредитацию в Глобальном альянсе национальных правозащитных учреждений (GANHRI)",
        "Ұлттық адам құқықтары институттарының жаһандық альянсына (GANHRI) аккредиттеу туралы өтінім"),
    "Law on combating trafficking in persons": T(
        "Закон о противодействии торговле людьми", "Адам саудасына қарсы іс-қимыл туралы заң"),
    # No Kazakh yet for these three.
    "Shelters for victims of trafficking": T("Приюты для жертв торговли людьми"),
    "Move defamation from the Criminal Code to the Code of Administrative Offences": T(
        "Перевод клеветы из Уголовного кодекса в Кодекс об административных правонарушениях"),
    "Access-to-information training for press services": T("Обучение пресс-служб по вопросам доступа к информации"),
    "30% quota for women and young people on party lists": T(
        "Квота 30% для женщин и молодёжи в партийных списках",
        "Партиялық тізімдерде әйелдер мен жастарға арналған 30 пайыздық квота"),
    # No Russian yet: /ru/ shows the English text, marked.
    "Mentoring programme for women civil servants": T(
        "", "Мемлекеттік қызметтегі әйелдерге арналған тәлімгерлік бағдарлама"),
}

PLANS = {
    "Interdepartmental Plan 2020-2024 on the UPR recommendations": T(
        "Межведомственный план на 2020–2024 годы по реализации рекомендаций УПО",
        "ЖМШ ұсынымдарын іске асыру жөніндегі 2020–2024 жылдарға арналған ведомствоаралық жоспар"),
    "Plan of the government agencies for the recommendations of the third UPR cycle and the treaty bodies, grouped "
    "into road maps.": T(
        "План государственных органов по выполнению рекомендаций третьего цикла УПО и договорных органов, "
        "сгруппированных в дорожные карты.",
        "Мемлекеттік органдардың ЖМШ үшінші циклі мен шарттық органдар ұсынымдарын орындау жөніндегі жоспары; "
        "ұсынымдар жол карталарына топтастырылған."),
    "Action plan in the field of human rights and the rule of law (Presidential Decree of 8 December 2023)": T(
        "План действий в области прав человека и верховенства закона (Указ Президента от 8 декабря 2023 года)",
        "Адам құқықтары және заңның үстемдігі саласындағы іс-қимыл жоспары (Президенттің 2023 жылғы "
        "8 желтоқсандағы Жарлығы)"),
    # No Kazakh yet: the plan's page on /kk/ shows the Russian description, marked.
    "More than 40 measures on human rights and the rule of law; the portal lists a selection.": T(
        "Более 40 мер в области прав человека и верховенства закона; на портале приведена их часть."),
}

MEASURES = {
    "Implement the road map on the prevention of torture.": T(
        "Выполнить дорожную карту по предупреждению пыток.", "Азаптаудың алдын алу жөніндегі жол картасын орындау."),
    "Implement the road map on domestic violence.": T(
        "Выполнить дорожную карту по противодействию бытовому насилию.",
        "Тұрмыстық зорлық-зомбылыққа қарсы іс-қимыл жөніндегі жол картасын орындау."),
    "Bring the law on peaceful assemblies into line with international standards.": T(
        "Привести закон о мирных собраниях в соответствие с международными стандартами.",
        "Бейбіт жиналыстар туралы заңды халықаралық стандарттарға сәйкес келтіру."),
    # No Kazakh yet.
    "Adopt a human-rights model of disability in legislation.": T(
        "Закрепить в законодательстве правозащитную модель инвалидности."),
}


def _cycle_titles() -> dict[str, dict[str, str]]:
    from recommendations.demo import UPR_CYCLES

    return {
        f"UPR cycle {cycle} (session {session}, {year})": T(
            f"УПО, {cycle}-й цикл ({session}-я сессия, {year} г.)", f"ЖМШ, {cycle}-цикл ({session}-сессия, {year} ж.)")
        for cycle, session, year, _symbol, _description in UPR_CYCLES
    }


REVIEWS = {
    "First UPR of Kazakhstan, Human Rights Council Working Group, 7th session, February 2010.": T(
        "Первый УПО Казахстана, Рабочая группа Совета по правам человека, 7-я сессия, февраль 2010 года.",
        "Қазақстанның бірінші ЖМШ-сы, Адам құқықтары жөніндегі кеңестің жұмыс тобы, 7-сессия, 2010 жылғы ақпан."),
    "Second UPR of Kazakhstan, 20th session, October-November 2014.": T(
        "Второй УПО Казахстана, 20-я сессия, октябрь–ноябрь 2014 года.",
        "Қазақстанның екінші ЖМШ-сы, 20-сессия, 2014 жылғы қазан–қараша."),
    "Third UPR of Kazakhstan, 34th session, November 2019. Kazakhstan received 245 recommendations: it supported "
    "214 and noted 31. The portal holds a selection; the full set comes in through the UPR Info import.": T(
        "Третий УПО Казахстана, 34-я сессия, ноябрь 2019 года. Казахстан получил 245 рекомендаций: 214 поддержал, "
        "31 принял к сведению. На портале приведена их часть; полный перечень загружается импортом из UPR Info.",
        "Қазақстанның үшінші ЖМШ-сы, 34-сессия, 2019 жылғы қараша. Қазақстан 245 ұсыным алды: оның 214-ін қолдады, "
        "31-ін назарға алды. Порталда олардың бір бөлігі берілген; толық тізім UPR Info импорты арқылы жүктеледі."),
    # No Kazakh yet: the fourth cycle's description on /kk/ is the Russian one, marked.
    "Fourth UPR of Kazakhstan, 48th session, January 2025. The 4th national report was prepared with a working "
    "subgroup of the Dialogue Platform co-chaired with the Vice Minister of Justice.": T(
        "Четвёртый УПО Казахстана, 48-я сессия, январь 2025 года. Четвёртый национальный доклад подготовлен при "
        "участии рабочей подгруппы Диалоговой платформы под сопредседательством вице-министра юстиции."),
    "CEDAW — concluding observations on the fifth periodic report": T(
        "КЛДЖ — заключительные замечания по пятому периодическому докладу",
        "Әйелдерге қатысты кемсітушілікті жою жөніндегі комитет — бесінші кезеңдік баяндама бойынша қорытынды "
        "ескертпелер"),
    "CAT — concluding observations on the fourth periodic report": T(
        "КПП — заключительные замечания по четвёртому периодическому докладу",
        "Азаптауларға қарсы комитет — төртінші кезеңдік баяндама бойынша қорытынды ескертпелер"),
    "CRPD — concluding observations on the initial report": T(
        "КПИ — заключительные замечания по первоначальному докладу",
        "Мүгедектігі бар адамдардың құқықтары жөніндегі комитет — бастапқы баяндама бойынша қорытынды ескертпелер"),
    # No Kazakh yet.
    "NGO alternative reports, 2024": T("Альтернативные доклады НПО, 2024 год"),
}


def seed() -> int:
    """Add the missing Russian and Kazakh texts to the demo's tracker content; a second run saves nothing."""
    reviews = {**_cycle_titles(), **REVIEWS}
    return (
        translate_from_table(RoadMap.objects.order_by("number"), ["title"], ROAD_MAPS)
        + translate_from_table(Action.objects.order_by("road_map__number", "number"), ["description"], ACTIONS)
        + translate_from_table(NationalPlan.objects.order_by("pk"), ["title", "description"], PLANS)
        + translate_from_table(PlanMeasure.objects.order_by("pk"), ["text"], MEASURES)
        + translate_from_table(Review.objects.order_by("pk"), ["title", "description"], reviews)
    )
