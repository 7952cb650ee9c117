"""Duplicate check of NGO submissions: time to compare one long text with an organisation's 200 earlier ones.

Usage (DATABASE_URL from the environment; the database must be migrated; everything is rolled back):
    DATABASE_URL=... .venv/bin/python bench/submissions.py
Target: under 500 ms, so the confirmation step is not felt.
"""

from __future__ import annotations

import random
import time

import _bootstrap  # noqa: F401  (configures Django before the imports below)
from django.db import transaction  # noqa: E402

from submissions import selectors  # noqa: E402
from submissions.models import Submission  # noqa: E402
from tests.submissions.factories import SubmissionFactory, ngo_user  # noqa: E402

# A Zipf-like vocabulary of 2000 word forms, as in real reports: a few very frequent words, many rare ones.
WORDS = [f"слово{n}" for n in range(2000)]
WEIGHTS = [1 / (rank + 1) for rank in range(2000)]


def text(rng: random.Random, words: int) -> str:
    return " ".join(rng.choices(WORDS, weights=WEIGHTS, k=words))


def main() -> None:
    rng = random.Random(20261123)
    with transaction.atomic():
        author = ngo_user()
        organization = author.memberships.get().organization
        base = text(rng, 3000)
        for _ in range(199):
            SubmissionFactory(author=author, organization=organization, sent=True, title="Report",
                              text=text(rng, 3000))
        SubmissionFactory(author=author, organization=organization, sent=True, title="Report",
                          text=base.replace("слово7 ", "слово1999 ", 40))
        draft = SubmissionFactory(author=author, organization=organization, title="Report", text=base)
        start = time.perf_counter()
        found = selectors.possible_duplicates(submission=draft)
        elapsed = time.perf_counter() - start
        print(f"possible_duplicates: 200 earlier texts of ~3000 words, {elapsed * 1000:.0f} ms, "
              f"{len(found)} flagged ({found[0][1] if found else 0}% alike)")
        transaction.set_rollback(True)
    print(f"rolled back: {not Submission.objects.filter(pk=draft.pk).exists()}")


if __name__ == "__main__":
    main()
