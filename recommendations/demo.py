"""Demo recommendations, road maps and national plans, drawn from public facts about Kazakhstan's reviews.

Recommendation texts are paraphrases of public UPR and treaty-body themes, not quotations; they go in through
the importer, so running the seed again adds nothing. The real 2019 UPR figures (245 recommendations, 214
supported, 31 noted) are stated in the cycle's description, not fabricated as rows.
"""

from __future__ import annotations

import datetime
import hashlib
import random
from typing import Any

from django.db import transaction
from django.utils import timezone, translation

from core import tabular
from participants.models import Organization, User
from recommendations import demo_translations, services
from recommendations.importers import upr_info
from recommendations.models import Action, Mechanism, Recommendation, Review, RoadMap, Theme

MFA = "Ministry of Foreign Affairs of the Republic of Kazakhstan"
MOJ = "Ministry of Justice of the Republic of Kazakhstan"
MIA = "Ministry of Internal Affairs of the Republic of Kazakhstan"
MLSPP = "Ministry of Labour and Social Protection of the Population of the Republic of Kazakhstan"
GPO = "Prosecutor General's Office of the Republic of Kazakhstan"
OMBUDSMAN = "Commissioner for Human Rights in the Republic of Kazakhstan"
CHILD_OMBUDSMAN = "Commissioner for Children's Rights in the Republic of Kazakhstan"
SUPREME_COURT = "Supreme Court of the Republic of Kazakhstan"
KIBHR = "Kazakhstan International Bureau for Human Rights and Rule of Law"
CRISIS_CENTRES = "Union of Crisis Centres of Kazakhstan"
CHARTER = "Charter for Human Rights"
UNDP = "United Nations Development Programme in Kazakhstan"
OHCHR = "OHCHR Regional Office for Central Asia"

THEMES = [
    ("torture-prevention", "Torture prevention", "Предупреждение пыток", "Азаптауды болдырмау"),
    ("freedom-of-assembly", "Freedom of assembly", "Свобода собраний", "Бейбіт жиналыстар бостандығы"),
    ("freedom-of-expression", "Freedom of expression", "Свобода выражения мнений", "Пікір білдіру бостандығы"),
    ("domestic-violence", "Domestic violence", "Бытовое насилие", "Тұрмыстық зорлық-зомбылық"),
    ("disability-rights", "Rights of persons with disabilities", "Права лиц с инвалидностью",
     "Мүгедектігі бар адамдардың құқықтары"),
    ("death-penalty", "Death penalty", "Смертная казнь", "Өлім жазасы"),
    ("rights-of-the-child", "Rights of the child", "Права ребёнка", "Бала құқықтары"),
    ("justice", "Justice and fair trial", "Правосудие и справедливый суд", "Сот төрелігі"),
    ("nhri", "National human rights institution", "Национальное правозащитное учреждение",
     "Ұлттық адам құқықтары институты"),
    ("women-rights", "Women's rights", "Права женщин", "Әйелдер құқықтары"),
    ("human-trafficking", "Trafficking in persons", "Торговля людьми", "Адам саудасы"),
    ("civil-society", "Civil society", "Гражданское общество", "Азаматтық қоғам"),
]
GROUPS = [
    ("women", "Women", "Женщины", "Әйелдер"),
    ("children", "Children", "Дети", "Балалар"),
    ("persons-with-disabilities", "Persons with disabilities", "Лица с инвалидностью", "Мүгедектігі бар адамдар"),
    ("detainees", "Persons deprived of liberty", "Лица, лишённые свободы", "Бас бостандығынан айырылған адамдар"),
    ("journalists", "Journalists and human rights defenders", "Журналисты и правозащитники",
     "Журналистер мен құқық қорғаушылар"),
    ("migrants", "Migrants", "Мигранты", "Мигранттар"),
]

UPR_CYCLES = [
    (1, 7, 2010, "A/HRC/14/10", "First UPR of Kazakhstan, Human Rights Council Working Group, 7th session, "
                                "February 2010."),
    (2, 20, 2014, "A/HRC/28/10", "Second UPR of Kazakhstan, 20th session, October-November 2014."),
    (3, 34, 2019, "A/HRC/43/10", "Third UPR of Kazakhstan, 34th session, November 2019. Kazakhstan received "
                                 "245 recommendations: it supported 214 and noted 31. The portal holds a selection; "
                                 "the full set comes in through the UPR Info import."),
    (4, 48, 2025, "", "Fourth UPR of Kazakhstan, 48th session, January 2025. The 4th national report was prepared "
                      "with a working subgroup of the Dialogue Platform co-chaired with the Vice Minister of Justice."),
]
TREATY_REPORTS = [
    ("cedaw", 5, 2019, "CEDAW/C/KAZ/CO/5", "CEDAW — concluding observations on the fifth periodic report"),
    ("cat", 4, 2021, "CAT/C/KAZ/CO/4", "CAT — concluding observations on the fourth periodic report"),
    ("crpd", 1, 2024, "CRPD/C/KAZ/CO/1", "CRPD — concluding observations on the initial report"),
]

# (cycle, recommending state, regional group, response, action category, themes, text)
UPR_ROWS = [
    (1, "Denmark", "WEOG", "Accepted", 5, "Torture prevention",
     "Establish an effective national preventive mechanism against torture in line with the Optional Protocol."),
    (1, "Canada", "WEOG", "Accepted", 4, "Justice and fair trial",
     "Continue the reform of the judiciary to strengthen its independence."),
    (1, "United Kingdom", "WEOG", "Noted", 5, "Death penalty",
     "Abolish the death penalty for all crimes and ratify the second optional protocol to the ICCPR."),
    (2, "Norway", "WEOG", "Noted", 5, "Freedom of assembly",
     "Bring the law on peaceful assemblies into line with international standards, replacing permission by notification."),
    (2, "Brazil", "GRULAC", "Accepted", 4, "Domestic violence,Women's rights",
     "Strengthen measures to prevent domestic violence and to protect and assist its victims."),
    (2, "Spain", "WEOG", "Accepted", 5, "Rights of persons with disabilities",
     "Ratify the Convention on the Rights of Persons with Disabilities."),
    (3, "Australia", "WEOG", "Accepted", 5, "Death penalty",
     "Take the steps needed to abolish the death penalty in law."),
    (3, "Germany", "WEOG", "Noted", 5, "Freedom of assembly,Civil society",
     "Revise the legislation on peaceful assemblies so that it requires notification only."),
    (3, "Sweden", "WEOG", "Accepted", 5, "Domestic violence",
     "Criminalise domestic violence as a separate offence and ensure that perpetrators are prosecuted."),
    (3, "Chile", "GRULAC", "Accepted", 5, "Torture prevention",
     "Ensure prompt, impartial investigation of all allegations of torture and ill-treatment."),
    (3, "Portugal", "WEOG", "Accepted", 4, "Rights of persons with disabilities",
     "Ensure inclusive education for children with disabilities."),
    (3, "Uzbekistan", "Asia", "Accepted", 2, "Trafficking in persons",
     "Continue efforts to combat trafficking in persons, including through regional cooperation."),
    (3, "France", "WEOG", "Noted", 5, "Freedom of expression",
     "Decriminalise defamation and bring it into the civil code."),
    (4, "Ireland", "WEOG", "", 5, "Domestic violence,Women's rights",
     "Adopt a comprehensive law on violence against women and girls."),
    (4, "Costa Rica", "GRULAC", "", 4, "National human rights institution",
     "Ensure that the Commissioner for Human Rights fully complies with the Paris Principles."),
]

# Where each UPR row above stands in its cycle's Working Group report: the UPR Info export has no paragraph
# numbers, so the demo adds them after the import. The reports are real (A/HRC/14/10, A/HRC/28/10 and A/HRC/43/10 are
# the Working Group reports on Kazakhstan) and the numbers follow their structure: in 2010 paragraph 95 held the
# accepted recommendations and 97 those not accepted; in 2014 paragraph 124 the supported and 126 the noted ones; in
# 2019 all 245 stand in paragraph 141 (the responses came in an addendum). The texts above are paraphrases, so the
# pairing of a text with a number is illustrative. The fourth cycle's report has no symbol here yet.
UPR_PARAGRAPHS = {
    "Establish an effective national preventive": "95.34",
    "Continue the reform of the judiciary": "95.47",
    "Abolish the death penalty for all": "97.1",
    "Strengthen measures to prevent domestic": "124.80",
    "Ratify the Convention on the Rights": "124.12",
    "Bring the law on peaceful assemblies": "126.36",
    "Take the steps needed to abolish": "141.7",
    "Ensure prompt, impartial investigation": "141.72",
    "Decriminalise defamation": "141.113",
    "Revise the legislation on peaceful": "141.124",
    "Continue efforts to combat trafficking": "141.146",
    "Criminalise domestic violence": "141.172",
    "Ensure inclusive education": "141.221",
}

# generic template rows for treaty bodies and NGOs: (mechanism, cycle, symbol, para, text, response, themes,
# groups, sdg, agencies, status, source)
OTHER_ROWS = [
    ("cedaw", 5, "CEDAW/C/KAZ/CO/5", "14", "Adopt a law that defines and criminalises domestic violence, including "
     "marital rape.", "pending", "Domestic violence; Women's rights", "Women", "5.2", MIA, "in_progress", ""),
    ("cedaw", 5, "CEDAW/C/KAZ/CO/5", "30", "Increase the representation of women in decision-making positions.",
     "pending", "Women's rights", "Women", "5.5", MLSPP, "partially_implemented", ""),
    ("cat", 4, "CAT/C/KAZ/CO/4", "12", "Ensure that all detainees enjoy the fundamental legal safeguards from the "
     "very outset of deprivation of liberty.", "pending", "Torture prevention", "Persons deprived of liberty",
     "16.3", GPO, "in_progress", ""),
    ("cat", 4, "CAT/C/KAZ/CO/4", "22", "Strengthen the independence of the national preventive mechanism.",
     "pending", "Torture prevention; National human rights institution", "Persons deprived of liberty", "16.a",
     OMBUDSMAN, "not_started", ""),
    ("crpd", 1, "CRPD/C/KAZ/CO/1", "8", "Replace the medical model of disability with a human-rights model in law.",
     "pending", "Rights of persons with disabilities", "Persons with disabilities", "10.2", MLSPP, "not_started", ""),
    ("crpd", 1, "CRPD/C/KAZ/CO/1", "24", "Abolish substituted decision-making and introduce supported "
     "decision-making.", "pending", "Rights of persons with disabilities; Justice and fair trial",
     "Persons with disabilities", "16.3", MOJ, "not_started", ""),
    ("ngo", 1, "", "", "Ensure that peaceful assemblies require notification only and that designated places are "
     "not the only places where assemblies may be held.", "pending", "Freedom of assembly; Civil society",
     "Journalists and human rights defenders", "16.10", MIA, "not_started", CHARTER),
    ("ngo", 1, "", "", "Fund crisis centres for survivors of domestic violence in every region.", "pending",
     "Domestic violence", "Women; Children", "5.2", MLSPP, "in_progress", CRISIS_CENTRES),
]


def _org(name: str) -> Organization:
    return Organization.objects.get(name=name)


def _upr_csv() -> bytes:
    sessions = {cycle: session for cycle, session, *_rest in UPR_CYCLES}
    rows = (["Kazakhstan", "Asia", "", text, state, group, "", response, action, issue, sessions[cycle]]
            for cycle, state, group, response, action, issue, text in UPR_ROWS)
    return "".join(tabular.csv_chunks(upr_info.HEADER, rows, bom=False)).encode("utf-8")


def _generic_csv() -> bytes:
    header = ["mechanism", "cycle", "document_symbol", "paragraph", "text", "response", "themes",
              "affected_groups", "sdg_targets", "responsible_agencies", "status", "source_organisation"]
    return "".join(tabular.csv_chunks(header, OTHER_ROWS, bom=False)).encode("utf-8")


def _find(text_start: str) -> Recommendation | None:
    return Recommendation.objects.filter(text__startswith=text_start).order_by("id").first()


def seed() -> None:
    # Written in English (the UN documents' language): `title=` must fill the English columns whatever the caller's
    # language, and translations go beside them.
    with translation.override("en"):
        return _seed_in_english()


@transaction.atomic
def _seed_in_english() -> None:
    """Create or refresh the demo data. Needs participants.demo.seed first (organisations)."""
    for slug, name, name_ru, name_kk in THEMES:
        services.theme_upsert(slug=slug, name=name, name_ru=name_ru, name_kk=name_kk)
    for slug, name, name_ru, name_kk in GROUPS:
        services.affected_group_upsert(slug=slug, name=name, name_ru=name_ru, name_kk=name_kk)
    for cycle, session, year, symbol, description in UPR_CYCLES:
        services.review_upsert(
            mechanism_code="upr", number=cycle, session=session, year=year, document_symbol=symbol,
            title=f"UPR cycle {cycle} (session {session}, {year})", description=description,
        )
    for code, number, year, symbol, title in TREATY_REPORTS:
        services.review_upsert(mechanism_code=code, number=number, year=year, document_symbol=symbol, title=title)
    services.review_upsert(mechanism_code="ngo", number=1, year=2024, title="NGO alternative reports, 2024")
    services.recommendation_import(raw=_upr_csv(), format="upr-info", actor=None, filename="demo-upr.csv")
    services.recommendation_import(raw=_generic_csv(), format="generic", actor=None, filename="demo-other.csv")
    _seed_paragraphs()
    _seed_classification()
    road_maps = _seed_road_maps()
    _seed_plans(road_maps)
    demo_translations.seed()
    _seed_progress_update(road_maps)


def _seed_paragraphs() -> None:
    """Each demo UPR recommendation cited as the tracker shows it: its cycle's report and its paragraph."""
    for start, paragraph in UPR_PARAGRAPHS.items():
        recommendation = _find(start)
        if recommendation is None:
            continue
        symbol = recommendation.review.document_symbol
        if (recommendation.document_symbol, recommendation.paragraph) != (symbol, paragraph):
            recommendation.document_symbol, recommendation.paragraph = symbol, paragraph
            recommendation.save(update_fields=["document_symbol", "paragraph", "updated_at"])


def _seed_classification() -> None:
    links = {
        "Establish an effective national preventive": [GPO, OMBUDSMAN],
        "Continue the reform of the judiciary": [SUPREME_COURT, MOJ],
        "Abolish the death penalty for all": [MOJ],
        "Take the steps needed to abolish": [MOJ, MFA],
        "Bring the law on peaceful assemblies": [MIA],
        "Revise the legislation on peaceful": [MIA, MOJ],
        "Strengthen measures to prevent domestic": [MIA, MLSPP],
        "Criminalise domestic violence": [MIA, MOJ],
        "Ratify the Convention on the Rights": [MLSPP, MFA],
        "Ensure inclusive education": [MLSPP],
        "Ensure prompt, impartial investigation": [GPO],
        "Continue efforts to combat trafficking": [MIA],
        "Decriminalise defamation": [MOJ],
    }
    for start, agencies in links.items():
        recommendation = _find(start)
        if recommendation:
            recommendation.responsible_agencies.add(*[_org(n) for n in agencies])
    # Kazakhstan ratified the CRPD in 2015 and abolished the death penalty in 2021.
    for start in ("Ratify the Convention on the Rights", "Take the steps needed to abolish"):
        recommendation = _find(start)
        if recommendation and recommendation.status != Recommendation.Status.IMPLEMENTED:
            recommendation.status = Recommendation.Status.IMPLEMENTED
            recommendation.save(update_fields=["status", "updated_at"])


def _seed_progress_update(road_maps: dict[int, RoadMap]) -> None:
    """One update waiting for the secretariat's approval, from the Ministry of Justice's focal point, proposing that a
    not-yet-started action is now in progress: the approval queue, the secretariat's home and the focal point's own
    page have something to show. Written once."""
    action = Action.objects.filter(road_map=road_maps[5], number=3).first()
    author = User.objects.filter(email="focal.justice@example.org").first()
    if action is None or author is None or action.updates.exists():
        return
    if not services.action_can_report(user=author, action=action):
        return
    services.progress_update_submit(
        actor=author, action=action, date=timezone.localdate() - datetime.timedelta(days=3),
        text="A working group of the Ministry of Justice, the Supreme Court and two organisations of persons with "
             "disabilities began drafting the Civil Code amendments on supported decision-making.",
        proposed_status=Action.Status.IN_PROGRESS,
    )


def _seed_road_maps() -> dict[int, RoadMap]:
    today = timezone.localdate()
    past = lambda days: today - datetime.timedelta(days=days)  # noqa: E731
    future = lambda days: today + datetime.timedelta(days=days)  # noqa: E731
    themes = {t.slug: t for t in Theme.objects.all()}
    done, progress, todo = Action.Status.DONE, Action.Status.IN_PROGRESS, Action.Status.NOT_STARTED
    plans: list[tuple[Any, ...]] = [
        (1, "Prevention of torture and ill-treatment", GPO, "torture-prevention",
         ["Establish an effective national preventive", "Ensure prompt, impartial investigation",
          "Ensure that all detainees enjoy"],
         [("Video recording in all interrogation rooms", [MIA], [KIBHR], past(400), done, past(420)),
          ("Transfer investigation of torture allegations to the prosecution service", [GPO], [], past(200), done,
           past(230)),
          ("Training of prison staff on the Istanbul Protocol", [MIA], [OHCHR, KIBHR], past(30), progress, None),
          ("Annual public report of the national preventive mechanism", [OMBUDSMAN], [], future(120), todo, None)]),
        (2, "Abolition of the death penalty", MOJ, "death-penalty",
         ["Abolish the death penalty for all", "Take the steps needed to abolish"],
         [("Ratify the Second Optional Protocol to the ICCPR", [MFA], [], past(1000), done, past(1050)),
          ("Remove the death penalty from the Criminal Code", [MOJ], [], past(900), done, past(950))]),
        (3, "Freedom of peaceful assembly", MIA, "freedom-of-assembly",
         ["Bring the law on peaceful assemblies", "Revise the legislation on peaceful", "Ensure that peaceful"],
         [("Review the law on peaceful assemblies with civil society", [MIA, MOJ], [CHARTER], past(60), progress,
           None),
          ("Guidance for local authorities on notification procedures", [MIA], [], future(90), todo, None)]),
        (4, "Combating domestic violence", MIA, "domestic-violence",
         ["Strengthen measures to prevent domestic", "Criminalise domestic violence", "Adopt a law that defines",
          "Fund crisis centres"],
         [("Draft a law criminalising domestic violence", [MIA, MOJ], [CRISIS_CENTRES], past(300), done, past(310)),
          ("Protective orders available 24/7", [MIA], [], past(90), progress, None),
          ("Crisis centre in every region", [MLSPP], [CRISIS_CENTRES, UNDP], future(200), progress, None)]),
        (5, "Rights of persons with disabilities", MLSPP, "disability-rights",
         ["Ratify the Convention on the Rights", "Ensure inclusive education", "Replace the medical model",
          "Abolish substituted decision-making"],
         [("Accessibility audit of public buildings", [MLSPP], [], past(150), progress, None),
          ("Inclusive education standards", [MLSPP], [UNDP], future(300), todo, None),
          ("Supported decision-making in the Civil Code", [MOJ], [], future(400), todo, None)]),
        (6, "Independence of the judiciary", SUPREME_COURT, "justice",
         ["Continue the reform of the judiciary"],
         [("Random electronic case allocation", [SUPREME_COURT], [], past(500), done, past(520)),
          ("Publication of all court decisions", [SUPREME_COURT], [], past(20), progress, None)]),
        (7, "National human rights institution", OMBUDSMAN, "nhri",
         ["Ensure that the Commissioner for Human Rights", "Strengthen the independence of the national"],
         [("Constitutional law on the Commissioner for Human Rights", [MOJ], [], past(700), done, past(720)),
          ("Application for GANHRI accreditation", [OMBUDSMAN], [OHCHR], future(150), progress, None)]),
        (8, "Combating trafficking in persons", MIA, "human-trafficking",
         ["Continue efforts to combat trafficking"],
         [("Law on combating trafficking in persons", [MIA], [], past(120), progress, None),
          ("Shelters for victims of trafficking", [MLSPP], [], future(180), todo, None)]),
        (9, "Freedom of expression and the media", MFA, "freedom-of-expression",
         ["Decriminalise defamation"],
         [("Move defamation from the Criminal Code to the Code of Administrative Offences", [MOJ], [], past(800),
           done, past(830)),
          ("Access-to-information training for press services", [MFA], [], past(10), todo, None)]),
        (10, "Gender equality in decision-making", MLSPP, "women-rights",
         ["Increase the representation of women"],
         [("30% quota for women and young people on party lists", [MOJ], [], past(600), done, past(640)),
          ("Mentoring programme for women civil servants", [MLSPP], [UNDP], future(60), progress, None)]),
    ]
    road_maps: dict[int, RoadMap] = {}
    for number, title, lead, theme, recs, actions in plans:
        road_map = services.roadmap_upsert(
            number=number, title=title, lead_agency=_org(lead), theme=themes.get(theme),
            recommendations=[r for r in (_find(s) for s in recs) if r],
        )
        road_maps[number] = road_map
        existing = set(Action.objects.filter(road_map=road_map).values_list("number", flat=True))
        for index, (description, responsible, partners, deadline, status, completed) in enumerate(actions, start=1):
            if index in existing:
                # Deadlines are relative to today: rewriting them on a later run would be a phantom change in the
                # action's public history, and would undo what the secretariat edited since.
                continue
            services.action_upsert(
                road_map=road_map, number=index, description=description,
                responsible=[_org(n) for n in responsible], partners=[_org(n) for n in partners], deadline=deadline,
                indicator="", status=status, completed_on=completed,
            )
    return road_maps


def _seed_plans(road_maps: dict[int, RoadMap]) -> None:
    plan = services.plan_upsert(
        slug="interdepartmental-plan-2020-2024", title="Interdepartmental Plan 2020-2024 on the UPR recommendations",
        adopted_by="Government of the Republic of Kazakhstan", start_year=2020, end_year=2024,
        description="Plan of the government agencies for the recommendations of the third UPR cycle and the treaty "
                    "bodies, grouped into road maps.",
    )
    services.plan_measure_upsert(plan=plan, number="1", text="Implement the road map on the prevention of torture.",
                                 responsible=[_org(GPO)], road_maps=[road_maps[1]],
                                 recommendations=[r for r in [_find("Establish an effective national")] if r])
    services.plan_measure_upsert(plan=plan, number="2", text="Implement the road map on domestic violence.",
                                 responsible=[_org(MIA)], road_maps=[road_maps[4]])
    decree = services.plan_upsert(
        slug="human-rights-action-plan-2023",
        title="Action plan in the field of human rights and the rule of law (Presidential Decree of 8 December 2023)",
        adopted_by="President of the Republic of Kazakhstan", adopted_on=datetime.date(2023, 12, 8),
        start_year=2023, end_year=2026,
        description="More than 40 measures on human rights and the rule of law; the portal lists a selection.",
    )
    services.plan_measure_upsert(plan=decree, number="1",
                                 text="Bring the law on peaceful assemblies into line with international standards.",
                                 responsible=[_org(MIA)], road_maps=[road_maps[3]])
    services.plan_measure_upsert(plan=decree, number="2",
                                 text="Adopt a human-rights model of disability in legislation.",
                                 responsible=[_org(MLSPP)], road_maps=[road_maps[5]])


# --- Synthetic volume for benchmarks -------------------------------------------------------------

VOCABULARY = ["torture", "prevention", "detention", "police", "investigation", "assembly", "notification", "protest", "expression", "media", "journalist", "defamation", "domestic", "violence", "women", "girls", "children", "disability", "inclusive", "education", "accessibility", "migrants", "trafficking", "labour", "health", "housing", "water", "corruption", "judiciary", "independence", "prosecutor", "court", "ombudsman", "discrimination", "minorities", "language", "religion", "registration", "elections", "participation", "gender", "equality", "refugees", "statelessness", "prison", "conditions", "juvenile", "justice", "poverty", "social", "protection", "environment", "climate"]
VERBS = ["Ensure", "Strengthen", "Adopt", "Continue", "Guarantee", "Review", "Consider", "Ratify", "Establish",
         "Investigate", "Promote", "Take measures to improve"]
# The same words in Russian and Kazakh, in the same order: the synthetic rows exist in every language, as the UN's
# Russian texts and the Platform's Kazakh translations do (bench/tracker.py searches a Russian word on /ru/).
VOCABULARY_RU = ["пыток", "предупреждения", "содержания под стражей", "полиции", "расследования", "собраний",
                 "уведомления", "протеста", "выражения мнений", "СМИ", "журналистов", "клеветы", "бытового",
                 "насилия", "женщин", "девочек", "детей", "инвалидности", "инклюзивного", "образования",
                 "доступности", "мигрантов", "торговли людьми", "труда", "здоровья", "жилья", "воды", "коррупции",
                 "судебной системы", "независимости", "прокурора", "суда", "омбудсмена", "дискриминации",
                 "меньшинств", "языка", "религии", "регистрации", "выборов", "участия", "гендерного", "равенства",
                 "беженцев", "безгражданства", "тюрьмы", "условий", "несовершеннолетних", "правосудия", "бедности",
                 "социальной", "защиты", "окружающей среды", "климата"]
VOCABULARY_KK = ["азаптау", "алдын алу", "қамауда ұстау", "полиция", "тергеу", "жиналыс", "хабарлама", "наразылық",
                 "сөз бостандығы", "бұқаралық ақпарат", "журналист", "жала жабу", "тұрмыстық", "зорлық-зомбылық",
                 "әйелдер", "қыздар", "балалар", "мүгедектік", "инклюзивті", "білім", "қолжетімділік", "көші-қон",
                 "адам саудасы", "еңбек", "денсаулық", "тұрғын үй", "су", "сыбайлас жемқорлық", "сот жүйесі",
                 "тәуелсіздік", "прокурор", "сот", "омбудсмен", "кемсіту", "азшылықтар", "тіл", "дін", "тіркеу",
                 "сайлау", "қатысу", "гендерлік", "теңдік", "босқындар", "азаматтығы жоқ адамдар", "түрме",
                 "жағдайлар", "кәмелетке толмағандар", "сот төрелігі", "кедейлік", "әлеуметтік", "қорғау",
                 "қоршаған орта", "климат"]
VERBS_RU = ["Обеспечить", "Укрепить", "Принять", "Продолжить", "Гарантировать", "Пересмотреть", "Рассмотреть",
            "Ратифицировать", "Создать", "Расследовать", "Поощрять", "Принять меры по улучшению"]
VERBS_KK = ["Қамтамасыз ету", "Нығайту", "Қабылдау", "Жалғастыру", "Кепілдік беру", "Қайта қарау", "Қарастыру",
            "Ратификациялау", "Құру", "Тергеу", "Ілгерілету", "Жақсарту шараларын қабылдау"]


def seed_volume(*, count: int, seed_value: int = 20260101) -> int:
    """Add synthetic recommendations up to `count` (numbered, so running it again adds nothing). For bench/."""
    rng = random.Random(seed_value)  # noqa: S311 - reproducible test data, not secrets
    reviews = list(Review.objects.select_related("mechanism"))
    if not reviews:
        reviews = [services.review_upsert(mechanism_code="upr", number=3, session=34, year=2019,
                                          title="UPR cycle 3 (session 34, 2019)")]
    themes = list(Theme.objects.values_list("pk", flat=True))
    agencies = list(Organization.objects.filter(kind=Organization.Kind.MINISTRY).values_list("pk", flat=True))
    responses = ["supported"] * 6 + ["noted", "pending"]
    statuses = list(Recommendation.Status.values)
    mechanisms = {m.pk: m for m in Mechanism.objects.all()}
    created = 0
    batch: list[Recommendation] = []
    ThemeLink = Recommendation.themes.through
    AgencyLink = Recommendation.responsible_agencies.through

    def flush() -> int:
        with transaction.atomic():
            made = Recommendation.objects.bulk_create(batch, ignore_conflicts=True, batch_size=2000)
            keys = [r.natural_key for r in made]
            ids = dict(Recommendation.objects.filter(natural_key__in=keys).values_list("natural_key", "pk"))
            theme_links, agency_links = [], []
            for rec in made:
                pk = ids.get(rec.natural_key)
                digest = int(rec.natural_key[10:18], 16)
                if pk and themes:
                    theme_links.append(ThemeLink(recommendation_id=pk, theme_id=themes[digest % len(themes)]))
                if pk and agencies and digest % 3 == 0:
                    agency_links.append(AgencyLink(recommendation_id=pk, organization_id=agencies[digest % len(agencies)]))
            ThemeLink.objects.bulk_create(theme_links, ignore_conflicts=True, batch_size=5000)
            AgencyLink.objects.bulk_create(agency_links, ignore_conflicts=True, batch_size=5000)
        return len(made)

    existing = set(Recommendation.objects.filter(natural_key__startswith="synthetic-").values_list("natural_key",
                                                                                                      flat=True))
    for index in range(count):
        key = hashlib.sha256(f"synthetic-{index}".encode()).hexdigest()[:54]
        key = f"synthetic-{key}"
        words = rng.sample(range(len(VOCABULARY)), 6)
        verb = rng.randrange(len(VERBS))
        review = reviews[index % len(reviews)]
        if key in existing:
            continue
        english = (f"{VERBS[verb]} {' '.join(VOCABULARY[w] for w in words[:3])} and "
                   f"{' '.join(VOCABULARY[w] for w in words[3:])} (synthetic {index}).")
        russian = (f"{VERBS_RU[verb]} {', '.join(VOCABULARY_RU[w] for w in words[:3])} и "
                   f"{', '.join(VOCABULARY_RU[w] for w in words[3:])} (синтетическая {index}).")
        # A Kazakh translation for every third row: the others show the fallback on /kk/.
        kazakh = (f"{', '.join(VOCABULARY_KK[w] for w in words)}: {VERBS_KK[verb].lower()} (синтетикалық {index})."
                  if index % 3 == 0 else "")
        # bulk_create skips TranslatableModel.save: the columns and the status are written here.
        batch.append(Recommendation(
            mechanism=mechanisms[review.mechanism_id], review=review,
            document_symbol=review.document_symbol or f"SYN/{review.pk}",
            paragraph=f"{100 + index // 1000}.{index % 1000 + 1}",
            text=english, text_en=english, text_ru=russian, text_kk=kazakh, original_language="en",
            translation_status={"en": "original", "ru": "complete", "kk": "complete" if kazakh else "missing"},
            response=rng.choice(responses), status=rng.choice(statuses), natural_key=key,
            action_category=rng.randint(1, 5),
        ))
        if len(batch) >= 5000:
            created += flush()
            batch = []
    if batch:
        created += flush()
    return created

