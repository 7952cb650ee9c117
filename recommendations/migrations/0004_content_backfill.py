"""The English texts move to their _en columns; themes' and affected groups' name_ru/name_kk (hand-written columns
until now) are the same columns under modeltranslation, kept as they were."""

from django.db import migrations

from core.multilingual import backfill

FIELDS = {
    "Mechanism": ("name",),
    "Review": ("title", "description"),
    "Theme": ("name",),
    "AffectedGroup": ("name",),
    "RoadMap": ("title", "description"),
    "Action": ("description", "indicator"),
    "HistoricalAction": ("description", "indicator"),
    "NationalPlan": ("title", "description"),
    "PlanMeasure": ("text",),
}


# The mechanisms migration 0002 seeded, in Russian and Kazakh (the names under which the UN and the Ministry
# publish them).
MECHANISM_NAMES = {
    "upr": ("Универсальный периодический обзор", "Жалпыға бірдей мерзімдік шолу"),
    "cerd": ("Комитет по ликвидации расовой дискриминации", "Нәсілдік кемсітушілікті жою жөніндегі комитет"),
    "ccpr": ("Комитет по правам человека", "Адам құқықтары жөніндегі комитет"),
    "cescr": ("Комитет по экономическим, социальным и культурным правам",
              "Экономикалық, әлеуметтік және мәдени құқықтар жөніндегі комитет"),
    "cedaw": ("Комитет по ликвидации дискриминации в отношении женщин",
              "Әйелдерге қатысты кемсітушілікті жою жөніндегі комитет"),
    "cat": ("Комитет против пыток", "Азаптауларға қарсы комитет"),
    "crc": ("Комитет по правам ребёнка", "Бала құқықтары жөніндегі комитет"),
    "crpd": ("Комитет по правам инвалидов", "Мүгедектігі бар адамдардың құқықтары жөніндегі комитет"),
    "ced": ("Комитет по насильственным исчезновениям", "Күштеп жоғалтулар жөніндегі комитет"),
    "cmw": ("Комитет по защите прав всех трудящихся-мигрантов и членов их семей",
            "Барлық еңбекші мигранттар мен олардың отбасы мүшелерінің құқықтарын қорғау жөніндегі комитет"),
    "sp": ("Специальные процедуры Совета по правам человека", "Адам құқықтары жөніндегі кеңестің арнайы рәсімдері"),
    "ngo": ("Альтернативные доклады НПО", "ҮЕҰ-ның балама баяндамалары"),
    "platform": ("Диалоговая платформа по человеческому измерению", "Адами өлшем жөніндегі диалог алаңы"),
}


def name_mechanisms(apps, schema_editor):  # noqa: ANN001, ANN201
    from core.multilingual import compute_state

    Mechanism = apps.get_model("recommendations", "Mechanism")
    for mechanism in Mechanism.objects.filter(code__in=MECHANISM_NAMES):
        ru, kk = MECHANISM_NAMES[mechanism.code]
        mechanism.name_ru = mechanism.name_ru or ru
        mechanism.name_kk = mechanism.name_kk or kk
        values = {f"name_{lang}": getattr(mechanism, f"name_{lang}") for lang in ("kk", "ru", "en")}
        mechanism.translation_sources, mechanism.translation_status = compute_state(
            original=mechanism.original_language, fields=["name"], values=values,
            sources=mechanism.translation_sources, changed={"kk", "ru"},
        )
        mechanism.save(update_fields=["name_ru", "name_kk", "translation_sources", "translation_status"])


class Migration(migrations.Migration):

    dependencies = [
        ("recommendations", "0003_content_in_three_languages"),
    ]

    operations = [
        migrations.RunPython(backfill("recommendations", FIELDS), migrations.RunPython.noop),
        migrations.RunPython(name_mechanisms, migrations.RunPython.noop),
    ]
