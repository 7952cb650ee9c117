"""Demo reports drawn from public facts: Kazakhstan's UPR national reports, an NGO coalition's alternative
report, and the platform's digest of the last quarter built from the demo meetings and road maps."""

from __future__ import annotations

import datetime

from django.db import transaction
from django.utils import timezone, translation

from core.multilingual import translate_from_table
from participants.models import Organization
from recommendations.models import Mechanism, Review
from reports import services
from reports.digests import previous_quarter
from reports.models import Report, ReportVersion

# (cycle, year, symbol, English title, Russian title, Kazakh title, date submitted)
UPR_NATIONAL_REPORTS = [
    (1, 2010, "A/HRC/WG.6/7/KAZ/1",
     "National report of Kazakhstan to the first cycle of the Universal Periodic Review",
     "Национальный доклад Казахстана в рамках первого цикла Универсального периодического обзора",
     "Қазақстанның Жалпыға бірдей мерзімдік шолудың бірінші циклі бойынша ұлттық баяндамасы",
     datetime.date(2009, 11, 20)),
    (2, 2014, "A/HRC/WG.6/20/KAZ/1",
     "National report of Kazakhstan to the second cycle of the Universal Periodic Review",
     "Национальный доклад Казахстана в рамках второго цикла Универсального периодического обзора",
     "Қазақстанның Жалпыға бірдей мерзімдік шолудың екінші циклі бойынша ұлттық баяндамасы",
     datetime.date(2014, 7, 28)),
    (3, 2019, "A/HRC/WG.6/34/KAZ/1",
     "National report of Kazakhstan to the third cycle of the Universal Periodic Review",
     "Национальный доклад Казахстана в рамках третьего цикла Универсального периодического обзора",
     "Қазақстанның Жалпыға бірдей мерзімдік шолудың үшінші циклі бойынша ұлттық баяндамасы",
     datetime.date(2019, 8, 23)),
]

COALITION_AUTHOR = "Kazakhstan International Bureau for Human Rights and Rule of Law"
COALITION_SUMMARY = (
    "An alternative report by a coalition of Kazakhstan human-rights NGOs, summarised by OHCHR in the stakeholders' "
    "summary A/HRC/WG.6/34/KAZ/3."
)


def _translations() -> tuple[dict[str, dict[str, str]], dict[str, dict[str, str]]]:
    """({English summary: {language: text}}, {English version notes: ...}). The coalition's summary has no Kazakh
    yet, on purpose: /kk/ shows the Russian one, marked, and the "To translate" queue lists it."""
    summaries = {COALITION_SUMMARY: {
        "ru": "Альтернативный доклад коалиции правозащитных НПО Казахстана; УВКПЧ кратко изложило его в резюме "
              "информации заинтересованных сторон A/HRC/WG.6/34/KAZ/3.",
    }}
    notes = {}
    for _cycle, _year, symbol, *_rest in UPR_NATIONAL_REPORTS:
        summaries[f"Submitted to the Human Rights Council's Working Group on the UPR; UN document {symbol}."] = {
            "ru": f"Представлен Рабочей группе Совета по правам человека по УПО; документ ООН {symbol}.",
            "kk": f"Адам құқықтары жөніндегі кеңестің ЖМШ жөніндегі жұмыс тобына ұсынылды; БҰҰ құжаты {symbol}.",
        }
        notes[f"As submitted to the UN. The official text is UN document {symbol}."] = {
            "ru": f"В редакции, представленной в ООН. Официальный текст — документ ООН {symbol}.",
            "kk": f"БҰҰ-ға ұсынылған редакциясы. Ресми мәтіні — БҰҰ құжаты {symbol}.",
        }
    return summaries, notes


def _translate() -> None:
    """Russian and Kazakh summaries and version notes beside the English originals; a second run saves nothing."""
    summaries, notes = _translations()
    translate_from_table(Report.objects.exclude(kind=Report.Kind.QUARTERLY_DIGEST).order_by("pk"), ["summary"],
                         summaries)
    translate_from_table(ReportVersion.objects.order_by("pk"), ["notes"], notes)


def seed() -> dict[str, int]:
    # Written in English (the UN documents' language): `title=` must fill the English columns whatever the caller's
    # language, and translations go beside them.
    with translation.override("en"):
        return _seed_in_english()


@transaction.atomic
def _seed_in_english() -> dict[str, int]:
    """Create the demo reports once (looked up by symbol or title) and build the last quarter's digest."""
    made = 0
    upr = Mechanism.objects.filter(code="upr").first()
    for cycle, year, symbol, title, title_ru, title_kk, submitted in UPR_NATIONAL_REPORTS:
        if Report.objects.filter(document_symbol=symbol).exists():
            continue
        review = Review.objects.filter(mechanism=upr, number=cycle).first() if upr else None
        report = services.report_create(
            actor=None, kind=Report.Kind.UPR_NATIONAL, title=title, title_ru=title_ru, title_kk=title_kk,
            document_symbol=symbol, year=year, mechanism=upr, review=review,
            author_organization=Organization.objects.filter(name__startswith="Ministry of Foreign Affairs").first(),
            summary=f"Submitted to the Human Rights Council's Working Group on the UPR; UN document {symbol}.",
        )
        services.version_create(actor=None, report=report, date=submitted,
                                notes=f"As submitted to the UN. The official text is UN document {symbol}.")
        services.report_publish(actor=None, report=report)
        made += 1
    coalition_title = "Joint submission of the coalition of Kazakhstan NGOs to the third UPR cycle"
    if not Report.objects.filter(title=coalition_title).exists():
        review = Review.objects.filter(mechanism=upr, number=3).first() if upr else None
        report = services.report_create(
            actor=None, kind=Report.Kind.ALTERNATIVE, title=coalition_title,
            title_ru="Совместное представление коалиции НПО Казахстана к третьему циклу УПО",
            title_kk="Қазақстан ҮЕҰ коалициясының ЖМШ үшінші цикліне бірлескен баяндамасы",
            year=2019, mechanism=upr, review=review,
            author_organization=Organization.objects.filter(name=COALITION_AUTHOR).first(),
            summary=COALITION_SUMMARY,
        )
        services.version_create(actor=None, report=report, date=datetime.date(2019, 4, 1))
        services.report_publish(actor=None, report=report)
        made += 1
    _translate()
    year, quarter = previous_quarter(timezone.localdate())
    services.digest_build(kind=Report.Kind.QUARTERLY_DIGEST, year=year, quarter=quarter)
    return {"reports": made}
