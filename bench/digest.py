"""Time to build one quarterly digest (figures, then HTML, PDF and XLSX in three languages), and peak memory.

Usage (PostgreSQL, the target; DATABASE_URL from the environment):

    DATABASE_URL=postgres://postgres:postgres@127.0.0.1:5432/bench .venv/bin/python manage.py migrate
    DATABASE_URL=... .venv/bin/python bench/digest.py --seed 100000 --actions 2000

--seed N runs `seed_demo --recommendations N` first; --actions N adds synthetic road-map actions up to N
(deadlines and completions spread over two years, one to three responsible agencies each), and a share of the
recommendations is dated into the quarter and edited in it, so every section of the digest has work to do.
Both are idempotent. Target: under 20 s for one digest at 100,000 recommendations and 2,000 actions. The
figures printed: seconds per stage (wall and CPU), total, and the process's peak resident memory (ru_maxrss;
tracemalloc is left off because it slows WeasyPrint several times over).
"""

from __future__ import annotations

import argparse
import datetime
import os
import random
import resource
import time

from _bootstrap import ROOT  # noqa: F401  (configures Django before the imports below)
from django.core.management import call_command  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.db.models import Max  # noqa: E402
from django.db.models.functions import Mod  # noqa: E402
from django.utils import timezone  # noqa: E402

from participants.models import Organization  # noqa: E402
from recommendations.models import Action, Recommendation, RoadMap  # noqa: E402
from reports.digests import digest_figures, previous_quarter, quarter_period  # noqa: E402
from reports.models import Report  # noqa: E402
from reports.rendering import render_pdf, render_xlsx  # noqa: E402
from reports.services import LANGUAGE_CODES, digest_build  # noqa: E402


def seed_actions(target: int, period_start: datetime.date) -> int:
    """Synthetic actions up to `target`, spread over the road maps and ministries."""
    have = Action.objects.count()
    if have >= target:
        return 0
    rng = random.Random(20260401)  # noqa: S311 - reproducible bench data
    agencies = list(Organization.objects.filter(kind=Organization.Kind.MINISTRY).values_list("pk", flat=True))
    road_maps = list(RoadMap.objects.values_list("pk", flat=True))
    if not road_maps or not agencies:
        raise SystemExit("Run seed_demo first: it makes the road maps and ministries.")
    next_number = {rm: (n or 0) for rm, n in RoadMap.objects.annotate(n=Max("actions__number")).values_list("pk", "n")}
    Link = Action.responsible_agencies.through
    with transaction.atomic():
        actions = []
        for index in range(target - have):
            road_map = road_maps[index % len(road_maps)]
            next_number[road_map] += 1
            deadline = period_start + datetime.timedelta(days=rng.randint(-365, 365))
            done = rng.random() < 0.45
            completed = deadline + datetime.timedelta(days=rng.randint(-60, 60)) if done else None
            actions.append(Action(road_map_id=road_map, number=next_number[road_map], deadline=deadline,
                                  description=f"Synthetic action {index}: adopt and publish a by-law on the topic.",
                                  status=Action.Status.DONE if done else rng.choice(["not_started", "in_progress"]),
                                  completed_on=completed))
        made = Action.objects.bulk_create(actions, batch_size=1000)
        links = [Link(action_id=a.pk, organization_id=org) for a in made
                 for org in rng.sample(agencies, k=min(len(agencies), rng.randint(1, 3)))]
        Link.objects.bulk_create(links, batch_size=5000, ignore_conflicts=True)
    return len(made)


def date_into_quarter(start: datetime.date, share: int = 50) -> None:
    """One in `share` synthetic recommendations is new in the quarter, one in `share` is edited in it."""
    starts = timezone.make_aware(datetime.datetime.combine(start, datetime.time(9)))
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("UPDATE recommendations_recommendation SET created_at = %s WHERE id %% %s = 0 "
                       "AND natural_key LIKE 'synthetic-%%'", [starts + datetime.timedelta(days=20), share])
        cursor.execute("UPDATE recommendations_recommendation SET created_at = %s WHERE id %% %s <> 0 "
                       "AND natural_key LIKE 'synthetic-%%' AND created_at >= %s",
                       [starts - datetime.timedelta(days=400), share, starts])
        History = Recommendation.history.model
        if not History.objects.filter(history_change_reason="bench").exists():
            edited = list(Recommendation.objects.filter(natural_key__startswith="synthetic-")
                          .annotate(rest=Mod("id", share)).filter(rest=1)[:5000])
            History.objects.bulk_create([
                History(**{f.attname: getattr(r, f.attname) for f in Recommendation._meta.concrete_fields
                           if f.attname not in ("search_kk", "search_ru", "search_en", "natural_key")},
                        history_type="~", history_date=starts + datetime.timedelta(days=30),
                        history_change_reason="bench")
                for r in edited
            ], batch_size=2000)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--seed", type=int, default=0, help="run seed_demo --recommendations N first")
    parser.add_argument("--actions", type=int, default=2000, help="synthetic road-map actions up to N")
    args = parser.parse_args()

    if args.seed:
        call_command("seed_demo", recommendations=args.seed)
    year, quarter = previous_quarter(timezone.localdate())
    period = quarter_period(year, quarter)
    added = seed_actions(args.actions, period.start)
    date_into_quarter(period.start)
    print(f"database: {connection.vendor} ({connection.settings_dict.get('NAME')}), "
          f"recommendations: {Recommendation.objects.count()}, actions: {Action.objects.count()} (+{added}), "
          f"quarter: {year} Q{quarter}")

    # Stage timings first (figures once, then each output), then the whole service as the task runs it.
    started, cpu = time.perf_counter(), time.process_time()
    figures = digest_figures(period=period)
    figures_s, figures_cpu = time.perf_counter() - started, time.process_time() - cpu
    report = Report(kind=Report.Kind.QUARTERLY_DIGEST, title="bench", year=year, period_start=period.start,
                    period_end=period.end, data=figures, built_at=timezone.now(), pk=0)
    pdf_s, pdf_cpu, xlsx_s, xlsx_cpu, pdf_bytes = 0.0, 0.0, 0.0, 0.0, 0
    for language in LANGUAGE_CODES:
        t, c = time.perf_counter(), time.process_time()
        pdf_bytes += len(render_pdf(report, language=language))
        pdf_s, pdf_cpu = pdf_s + time.perf_counter() - t, pdf_cpu + time.process_time() - c
        t, c = time.perf_counter(), time.process_time()
        render_xlsx(report, language=language)
        xlsx_s, xlsx_cpu = xlsx_s + time.perf_counter() - t, xlsx_cpu + time.process_time() - c
    print(f"figures: {figures_s:.2f} s wall, {figures_cpu:.2f} s CPU  ({figures['totals']})")
    print(f"PDF x{len(LANGUAGE_CODES)}: {pdf_s:.2f} s wall, {pdf_cpu:.2f} s CPU ({pdf_bytes // 1024} KB)   "
          f"XLSX x{len(LANGUAGE_CODES)}: {xlsx_s:.2f} s wall, {xlsx_cpu:.2f} s CPU")

    # The whole service as the task runs it. CPU time is this process's own; wall minus CPU is the database plus
    # waiting for a CPU, which on a shared machine (see the load average) tells contention from slowness.
    load_before = os.getloadavg()[0]
    started, cpu = time.perf_counter(), time.process_time()
    built = digest_build(kind=Report.Kind.QUARTERLY_DIGEST, year=year, quarter=quarter)
    total, total_cpu = time.perf_counter() - started, time.process_time() - cpu
    # Linux reports ru_maxrss in kilobytes.
    rss_peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"digest_build (figures + 3 PDF + 3 XLSX + storage, report {built.pk}): {total:.2f} s wall, "
          f"{total_cpu:.2f} s CPU (target < 20 s: {'met' if total < 20 else 'MISSED'} on wall time; "
          f"load average {load_before:.1f} -> {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs)")
    print(f"peak memory: {rss_peak_mb:.0f} MB resident (whole process, ru_maxrss)")


if __name__ == "__main__":
    main()
