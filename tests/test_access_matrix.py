"""Every URL of the portal against every role: see tests/access.py and docs/permissions.md."""

from __future__ import annotations

from collections.abc import Callable
from urllib.parse import urlparse

import pytest
from django.test import Client
from django.urls import reverse

from conftest import ROLES
from tests.access import Rule, all_access_rules
from tests.fixtures import files_in_tmp  # noqa: F401 - rules that create uploads keep them out of the working tree

RULES = all_access_rules()


def test_matrix_covers_every_app() -> None:
    assert {"home", "directory", "administration"} <= {rule.name for rule in RULES}


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
