"""axe-core (WCAG 2.2 A/AA) over every page each role can reach, in headless Chromium.

Pages are discovered as the crawler gate discovers them (links from the home page and the menu,
plus every tests/<app>/access.py rule), so new apps' pages are swept without editing this file.
One page per view and query shape is checked for each role; the same pass also checks that the
page does not scroll sideways at 1280 and 375 px and that the browser reported no CSP violation.
"""

from __future__ import annotations

import io
from collections.abc import Callable

import pytest
from django.core.management import call_command
from django.test import Client
from playwright.sync_api import Page

from conftest import ROLES, make_role_user
from participants.models import User
from tests.auth import force_login
from tests.quality.axe import blocking, blocking_csp, run_axe
from tests.quality.browser import LAYOUT_WIDTHS, csp_violations, horizontal_overflow
from tests.quality.crawl import crawl, rule_urls, sample_key, seed_urls

# serialized_rollback: the live server needs committed data, and the rows that migrations create
# (recommendation mechanisms, ...) must come back after the flush for the tests that follow.
pytestmark = [
    pytest.mark.quality_gate("accessibility (axe-core)"),
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def _pages_for(role: str, person: User | None) -> list[str]:
    rules = rule_urls()
    call_command("seed_demo", stdout=io.StringIO())
    client = Client()
    if person is not None:
        force_login(client, person)
    # Languages share their templates: one English page per view (one per kind of admin view),
    # plus the home page in Kazakh and Russian.
    report = crawl(client, role, seed_urls(role, rules), per_pattern=1, key_of=sample_key)
    urls = [page.url for page in report.by_pattern(1, key_of=sample_key) if page.url.startswith("/en/")]
    return urls + ["/kk/", "/ru/"]


@pytest.mark.parametrize("role", ROLES)
def test_every_page_passes_axe_without_serious_or_critical_violations(role: str, page_as: Callable[..., Page]) -> None:
    person = None if role == "anonymous" else make_role_user(role, email=f"axe-{role}@example.org")
    urls = _pages_for(role, person)
    assert len(urls) >= 5, urls
    tab = page_as(role, user=person)
    failures = []
    for url in urls:
        response = tab.goto(url)
        assert response is not None and response.ok, f"{url}: HTTP {response and response.status}"
        found = blocking(run_axe(tab), url)
        failures += [f"{url}: {violation.describe()}" for violation in found]
        failures += [f"{url}: CSP violation: {violation}" for violation in blocking_csp(csp_violations(tab), url)]
        for width in sorted(LAYOUT_WIDTHS, reverse=True):
            tab.set_viewport_size({"width": width, "height": 900})
            overflow = horizontal_overflow(tab)
            if overflow > 0:
                failures.append(f"{url}: scrolls sideways by {overflow} px at {width} px wide")
        tab.set_viewport_size({"width": 1280, "height": 900})
    assert not failures, f"{len(failures)} problem(s) on {len(urls)} pages as {role}:\n" + "\n".join(failures)
