"""No normal form post ends on a bare error page (issue 16, item 2).

Every URL of the access matrix (but the JSON API's) (tests/<app>/access.py) is sent, by a role allowed to use it, an empty form and
a form of nonsense values. The answer must be the page again with its message (re-rendered, any status below 500),
or a redirect (to a page that then shows a message): never the bare "Bad request" page, never a server error.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.test import Client

from tests.access import PUBLIC, SIGNED_IN, Rule, all_access_rules

# Pages declared as GET in the matrix are posted to as well: most of them are forms (GET shows, POST saves); a
# page that takes no POST answers 405, which is fine.
POST_RULES = [rule for rule in all_access_rules() if not rule.name.startswith("api")]
# No NUL character: the operations' middleware refuses those on purpose with its own 400 page (docs/operations.md).
NONSENSE = "';-- <b>x</b> 9999999999999999999999 -1 ∞"


def _role(rule: Rule) -> str:
    if rule.allowed == PUBLIC:
        return "anonymous"
    if rule.allowed == SIGNED_IN:
        return "ngo"
    return rule.allowed[0]


def _nonsense(rule: Rule) -> dict[str, object]:
    keys = set(rule.data) | {"status", "id", "ids", "pk", "action", "direction", "response", "version", "reviewer",
                             "person", "people", "meeting", "road_map", "deadline", "date", "kind", "next"}
    return dict.fromkeys(keys, NONSENSE)


@pytest.mark.django_db
@pytest.mark.parametrize("rule", POST_RULES, ids=[rule.name for rule in POST_RULES])
@pytest.mark.parametrize("shape", ["empty", "nonsense"])
def test_a_form_post_never_ends_on_a_bare_error_page(rule: Rule, shape: str,
                                                      client_as: Callable[[str], Client]) -> None:
    client = client_as(_role(rule))
    client.raise_request_exception = False
    data = {} if shape == "empty" else _nonsense(rule)
    response = client.post(rule.url(), data)
    assert response.status_code < 500, f"{rule.name}: {response.status_code}"
    if response.status_code in (301, 302, 303, 405):
        return
    templates = [t.name for t in response.templates or []]
    assert "400.html" not in templates, f"{rule.name}: the bare 'Bad request' page"
    if response.status_code == 400:
        assert "<form" in response.content.decode(), f"{rule.name}: a 400 without the form to correct"
