"""Fuzz of every HTML page's query parameters and every HTML form, as each role: no server error anywhere.

The pages are every GET rule of the access matrix (tests/<app>/access.py, which builds the objects its URLs point
at) plus every pattern of the URL resolver that takes no argument. For each page a role may open, the parameters
it knows (those in its own GET forms and links, and page/q/sort/cursor/lang) get garbage values: huge and negative
numbers, floats, NUL, unicode, very long strings, SQL-looking text. Every POST form on those pages is then sent
back with garbage in its fields. Seeded, so each run sends the same requests; bounded to keep each pass short.
"""

from __future__ import annotations

import random
import re
from collections.abc import Iterator
from html.parser import HTMLParser
from urllib.parse import parse_qsl, urlencode, urljoin, urlsplit

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver
from django.utils import translation

from conftest import ROLES, make_role_user
from tests.access import all_access_rules
from tests.auth import force_login

pytestmark = pytest.mark.django_db

SEED = 20261303
GARBAGE = [
    "99999999999999999999999", "-1", "0", "-99999999999999999999", "1.1e-38", "1e308", "NaN", "3.5",
    "\x00", "a\x00b", "ә ғ қ ң ө ұ ү һ і 😀", "‮evil", "x" * 5000, "1' OR '1'='1", "<script>", "[]", "{}",
    "2026-13-45", "0000-00-00", "true", " ", "%", "../../etc/passwd",
]
COMMON_PARAMETERS = ["page", "q", "sort", "cursor", "lang", "year", "status", "format"]
# Requests per page and role: each sets every known parameter of the page at once (the same names recur on many
# pages, so each name still meets most of GARBAGE in a run).
QUERIES_PER_PAGE = 1
FORM_VARIANTS = 2
# Forms whose POST ends the session or switches language: sent, but the client signs in again afterwards.
SESSION_ENDING = re.compile(r"/(sign-out|logout|i18n/setlang)/")


class _Forms(HTMLParser):
    """Forms (method, action, fields with a sample value) and query parameter names in links."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.forms: list[dict] = []
        self.link_parameters: set[str] = set()
        self._form: dict | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag == "form":
            self._form = {"method": a.get("method", "get").lower(), "action": a.get("action", ""), "fields": {},
                          "enctype": a.get("enctype", "")}
            self.forms.append(self._form)
        elif tag in ("input", "select", "textarea", "button") and self._form is not None and a.get("name"):
            kind = a.get("type", "text").lower()
            if kind not in ("submit", "image", "reset") or tag == "button":
                self._form["fields"].setdefault(a["name"], a.get("value", ""))
        elif tag == "a" and "?" in a.get("href", ""):
            self.link_parameters.update(name for name, _ in parse_qsl(urlsplit(a["href"]).query, True))

    def handle_endtag(self, tag: str) -> None:
        if tag == "form":
            self._form = None


def _resolver_urls() -> Iterator[str]:
    """Every URL pattern without arguments, under /en/ when it is a language-prefixed one."""

    def walk(patterns: list, prefix: str) -> Iterator[str]:
        for entry in patterns:
            route = str(entry.pattern)
            if isinstance(entry, URLResolver):
                if "<" in route or "(?P" in route:
                    continue
                yield from walk(entry.url_patterns, prefix + route.lstrip("^"))
            elif isinstance(entry, URLPattern) and "<" not in route and "(?P" not in route and "\\" not in route:
                yield "/" + (prefix + route.lstrip("^").rstrip("$")).lstrip("/")

    with translation.override("en"):
        yield from walk(get_resolver().url_patterns, "")


def _pages() -> dict[str, set[str]]:
    """URL -> roles that may open it (the access matrix); resolver-only URLs are tried as everyone."""
    pages: dict[str, set[str]] = {}
    for rule in all_access_rules():
        if rule.method.lower() != "get" or rule.ok_status != (200,):
            continue
        url = rule.url()
        if rule.data:
            url = f"{url}{'&' if '?' in url else '?'}{urlencode(rule.data, doseq=True)}"
        pages.setdefault(url, set()).update(role for role in ROLES if rule.expected_for(role) == "ok")
    for url in _resolver_urls():
        if url.startswith("/en/admin/") and url != "/en/admin/":
            continue  # the admin's own views are Django's; its change lists come through the access rules
        pages.setdefault(url, set(ROLES))
    return pages


def _clients() -> dict[str, Client]:
    clients = {}
    for role in ROLES:
        client = Client(raise_request_exception=False)
        if role != "anonymous":
            client.user = make_role_user(role, email=f"fuzz-{role}@example.org")  # type: ignore[attr-defined]
            force_login(client, client.user)  # type: ignore[attr-defined]
        clients[role] = client
    return clients


def _sign_in_again(client: Client) -> None:
    user = getattr(client, "user", None)
    if user is not None:
        force_login(client, user)


def test_garbage_in_every_query_parameter_and_every_form_answers_no_server_error() -> None:
    rng = random.Random(SEED)
    clients = _clients()
    pages = _pages()
    assert len(pages) >= 100, len(pages)
    errors: list[str] = []
    requests = 0
    forms_sent = 0
    for url in sorted(pages):
        # A public page is fuzzed as the public and as the secretariat (who sees its editing controls); others as
        # each role allowed in.
        roles = sorted(pages[url]) if pages[url] != set(ROLES) else ["anonymous", "secretariat"]
        for role in roles:
            client = clients[role]
            first = client.get(url)
            requests += 1
            if first.status_code >= 500:
                errors.append(f"{role} GET {url}: {first.status_code}")
                continue
            if first.status_code != 200 or "html" not in first.get("Content-Type", ""):
                continue
            parser = _Forms()
            parser.feed(first.content.decode(errors="replace"))
            names = set(COMMON_PARAMETERS) | parser.link_parameters | dict(parse_qsl(urlsplit(url).query)).keys()
            for form in parser.forms:
                if form["method"] == "get":
                    names |= set(form["fields"])
            base = urlsplit(url).path
            for _ in range(QUERIES_PER_PAGE):
                query = {name: rng.choice(GARBAGE) for name in sorted(names)}
                response = client.get(base, query)
                requests += 1
                if response.status_code >= 500:
                    errors.append(f"{role} GET {base}?{urlencode(query)[:300]}: {response.status_code}")
            for form in parser.forms:
                if form["method"] != "post":
                    continue
                action = urljoin(url, form["action"]) if form["action"] else url
                for _ in range(FORM_VARIANTS):
                    data = {name: (value if name == "csrfmiddlewaretoken" else rng.choice(GARBAGE))
                            for name, value in form["fields"].items()}
                    response = client.post(action, data)
                    requests += 1
                    forms_sent += 1
                    if response.status_code >= 500:
                        errors.append(f"{role} POST {action} {sorted(data)}: {response.status_code}")
                    _sign_in_again(client)
    assert requests >= 500 and forms_sent >= 50, (requests, forms_sent)
    assert not errors, f"{len(errors)} server error(s) in {requests} requests:\n" + "\n".join(errors[:60])
