"""Every URL of the portal against every role: see tests/access.py and docs/permissions.md."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from urllib.parse import urlparse

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, resolve, reverse

from conftest import ROLES
from tests.access import Rule, all_access_rules

RULES = all_access_rules()

# URL patterns with no rule in the matrix, each with the reason. Every other pattern, under i18n_patterns or not,
# needs a rule in a tests/<app>/access.py: test_every_url_pattern_has_an_access_rule fails until it has one.
EXEMPT_NAMESPACES = {
    # Django's AdminSite: one gate for the whole site (only the secretariat gets in: the "administration" rules),
    # then Django's per-model permissions (tests/<app>/test_admin.py). Its hundreds of generated patterns
    # (change, delete, history, autocomplete, ...) are not listed here one by one.
    "admin": "the administration: the 'administration' rules and tests/<app>/test_admin.py",
}
EXEMPT_NAMES = {
    # Machines' endpoints and Django's own views, with no portal data behind them.
    "healthz": "the load balancer's probe, public by design (tests/test_site.py)",
    "set_language": "Django's language switch: a POST any visitor may make, it only sets a cookie",
}
EXEMPT_ROUTES = {
    # DEBUG only (django.conf.urls.static): serves MEDIA_ROOT on the development server; production serves no
    # media route at all (tests/test_settings.py, tests/test_security_headers.py).
    "^media/(?P<path>.*)$": "development server only: uploaded files while DEBUG is on",
}


def _walk(patterns: list[URLPattern | URLResolver], namespace: str = "", route: str = "") -> Iterator[
        tuple[str, str, str]]:
    """(top namespace, view name with its namespaces or "", route) of every pattern the site resolves."""
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            inner = f"{namespace}:{pattern.namespace}" if namespace and pattern.namespace else (
                pattern.namespace or namespace)
            yield from _walk(pattern.url_patterns, inner or "", route + str(pattern.pattern))
        else:
            name = f"{namespace}:{pattern.name}" if namespace and pattern.name else (pattern.name or "")
            yield namespace.split(":", 1)[0], name, route + str(pattern.pattern)


def _patterns_needing_a_rule() -> dict[str, str]:
    """View name (or route, for an unnamed pattern) -> route, for each pattern the matrix must cover."""
    needed = {}
    for top_namespace, name, route in _walk(get_resolver().url_patterns):
        if top_namespace in EXEMPT_NAMESPACES or name in EXEMPT_NAMES or route in EXEMPT_ROUTES:
            continue
        needed[name or route] = route
    return needed


def test_matrix_covers_every_app() -> None:
    assert {"home", "directory", "administration"} <= {rule.name for rule in RULES}


@pytest.mark.django_db
def test_every_url_pattern_has_an_access_rule() -> None:
    covered = {resolve(urlparse(rule.url()).path).view_name for rule in RULES}
    needed = _patterns_needing_a_rule()

    missing = {name: route for name, route in needed.items() if name not in covered}
    assert sorted(missing) == [], f"add a Rule to tests/<app>/access.py (or an exemption above, with its reason): {sorted(missing)}"


def test_every_exemption_still_names_a_pattern_of_the_site() -> None:
    walked = list(_walk(get_resolver().url_patterns))

    assert set(EXEMPT_NAMESPACES) <= {top for top, _, _ in walked}
    assert set(EXEMPT_NAMES) <= {name for _, name, _ in walked}
    # EXEMPT_ROUTES is not checked: the media route exists only with DEBUG on, and tests run with it off.


@pytest.mark.django_db
@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("rule", RULES, ids=[rule.name for rule in RULES])
def test_access(rule: Rule, role: str, client_as: Callable[[str], Client]) -> None:
    client = client_as(role)
    url = rule.url()
    response = getattr(client, rule.method)(url, rule.data)
    expected = rule.expected_for(role)
    if expected == "ok":
        assert response.status_code in rule.ok_status, f"{role} should reach {url}"
    elif expected == "login":
        assert response.status_code == 302
        assert urlparse(response["Location"]).path == reverse("participants:login")
    else:
        assert response.status_code == 403, f"{role} must be refused at {url}"
