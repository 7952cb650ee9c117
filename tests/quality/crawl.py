"""A crawler over the portal with Django's test client, as one role at a time sees it.

It starts from the home page in every language and from every URL that the apps' ACCESS_RULES
(tests/<app>/access.py) let the role open, then follows every internal link it finds. Pages of
other engineers are therefore covered as soon as they are linked or declared in an access.py.
"""

from __future__ import annotations

from collections import Counter, deque
from collections.abc import Callable
from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import urlencode, urljoin, urlparse

from django.conf import settings
from django.db import transaction
from django.test import Client
from django.urls import Resolver404, resolve, reverse
from django.utils import translation

from tests.access import Rule, all_access_rules
from tests.quality.csp import inline_code

# Template syntax or gettext placeholders that must never reach a reader.
TEMPLATE_MARKERS = ("{%", "%}", "{{", "}}", "{#", "#}", "%(", "_(")
# Attributes whose values people read or hear (screen readers), checked like text.
_READABLE_ATTRIBUTES = {"title", "alt", "aria-label", "placeholder", "aria-description"}
_SKIP_PREFIXES = (settings.STATIC_URL, settings.MEDIA_URL)
# Markup the CSP blocks in third-party admin templates, accepted on /admin/ pages only, with the
# reason. The portal's own templates have no such exception.
KNOWN_ADMIN_INLINE_CODE = {
    # django-simple-history's object_history_list.html: <p class="paginator" style="border-top: 0">.
    # The browser drops the cosmetic style; nothing stops working.
    "inline style= attribute on <p>": "django-simple-history history page paginator",
}
_HOST = "testserver"


def access_rules() -> list[Rule]:
    """Every ACCESS_RULES entry of every tests/<app>/access.py."""
    return all_access_rules()


def rule_urls() -> list[tuple[Rule, str]]:
    """Each GET access rule with its URL. Building a URL may create the objects it points at, so
    call this once, before loading other data that the apps' factories could collide with."""
    built = []
    for rule in access_rules():
        if rule.method.lower() != "get" or rule.ok_status != (200,):
            continue
        url = rule.url()
        if rule.data:
            url = f"{url}{'&' if '?' in url else '?'}{urlencode(rule.data, doseq=True)}"
        built.append((rule, url))
    return built


def seed_urls(role: str, rules: list[tuple[Rule, str]]) -> list[str]:
    """The home page in each language, and every page the access rules open to `role`."""
    urls = []
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            urls.append(reverse("home"))
    urls.extend(url for rule, url in rules if rule.expected_for(role) == "ok")
    return urls


class _PageParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.links: list[str] = []
        self.text: list[str] = []
        self.lang: str | None = None
        self._hidden_depth = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value or "" for name, value in attrs}
        if tag == "html":
            self.lang = values.get("lang")
        if tag in ("a", "area") and values.get("href"):
            self.links.append(values["href"])
        if tag in ("script", "style", "template"):
            self._hidden_depth += 1
        for name in _READABLE_ATTRIBUTES & values.keys():
            self.text.append(values[name])
        if tag == "meta" and values.get("name") == "description":
            self.text.append(values.get("content", ""))
        if tag == "input" and values.get("type") in ("submit", "button", "reset"):
            self.text.append(values.get("value", ""))

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style", "template") and self._hidden_depth:
            self._hidden_depth -= 1

    def handle_data(self, data: str) -> None:
        if not self._hidden_depth:
            self.text.append(data)


@dataclass
class CrawledPage:
    url: str
    found_on: str
    html: str


@dataclass
class CrawlReport:
    role: str
    pages: list[CrawledPage] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    fetched: int = 0
    skipped_as_repeats: int = 0

    def by_pattern(
        self, per_pattern: int = 1, key_of: Callable[[str], tuple[str, ...]] | None = None
    ) -> list[CrawledPage]:
        """At most `per_pattern` pages per view, language and query shape: a sample for slow checks."""
        seen: Counter[tuple[str, ...]] = Counter()
        sample = []
        for page in self.pages:
            key = (key_of or pattern_key)(page.url)
            seen[key] += 1
            if seen[key] <= per_pattern:
                sample.append(page)
        return sample


def pattern_key(url: str) -> tuple[str, ...]:
    """Pages that differ only by object ids or query strings share a key (same view, same template).

    Admin change lists alone offer thousands of filter and sort combinations: the query string's
    presence is part of the shape, its content is not.
    """
    parsed = urlparse(url)
    segments = parsed.path.split("/")
    language = segments[1] if len(segments) > 2 and segments[1] in dict(settings.LANGUAGES) else ""
    try:
        # i18n_patterns resolve only the active language's prefix.
        with translation.override(language or settings.LANGUAGE_CODE):
            view = resolve(parsed.path).view_name
    except Resolver404:
        view = parsed.path
    if view.startswith("admin:"):
        # Django's admin is the same markup in every language and for every object: sample it in
        # whichever language comes first; only change lists change with their query string.
        return (view, "*", "query" if parsed.query and view.endswith("_changelist") else "")
    return (view, language, "query" if parsed.query else "")


def sample_key(url: str) -> tuple[str, ...]:
    """Coarser than pattern_key for slow checks: English only, and one admin page per kind of admin
    view (change list, add, change, history, delete, ...), whatever the model: they share templates."""
    if not urlparse(url).path.startswith(f"/{settings.LANGUAGE_CODE}/"):
        return ("other language", url.split("/")[1])
    key = pattern_key(url)
    view, language = key[0], key[1]
    if language == "*":
        return ("admin", view.rsplit("_", 1)[-1] if "_" in view else view, key[2])
    return key


def _internal(href: str, base: str) -> str | None:
    """The URL to fetch for a link, or None when the crawler leaves it alone."""
    absolute = urljoin(f"http://{_HOST}{base}", href.strip())
    parsed = urlparse(absolute)
    if parsed.scheme not in ("http", "https") or parsed.netloc != _HOST:
        return None  # mailto:, tel:, other sites
    if parsed.path.startswith(_SKIP_PREFIXES):
        return None
    return parsed.path + (f"?{parsed.query}" if parsed.query else "")


def page_problems(html: str, path: str, *, parser: _PageParser | None = None) -> list[str]:
    """What is wrong with one rendered page: wrong lang, leaked template code, code the CSP blocks."""
    if parser is None:
        parser = _PageParser()
        parser.feed(html)
        parser.close()
    problems = []
    language = path.split("/")[1] if path.count("/") > 1 else ""
    if language in dict(settings.LANGUAGES) and parser.lang != language:
        problems.append(f'<html lang="{parser.lang}"> on a /{language}/ page')
    text = " ".join(parser.text)
    for marker in TEMPLATE_MARKERS:
        if marker in text:
            at = text.index(marker)
            problems.append(
                f"template or translation marker {marker!r} shown: ...{text[max(0, at - 60) : at + 60]!r}..."
            )
    for problem in inline_code(html, host=_HOST):
        if "/admin/" in path and any(known in problem for known in KNOWN_ADMIN_INLINE_CODE):
            continue
        problems.append(f"{problem}, blocked by the CSP,")
    return problems


def crawl(
    client: Client,
    role: str,
    seeds: list[str],
    *,
    per_pattern: int = 2,
    max_pages: int = 1500,
    key_of: Callable[[str], tuple[str, ...]] | None = None,
) -> CrawlReport:
    """Fetch every page `role` can reach by links; report server errors, broken links and leaks.

    Admin change lists and detail pages repeat one template for many objects and query strings;
    `per_pattern` pages of each shape are fetched (pattern_key), which keeps the crawl bounded.
    """
    report = CrawlReport(role=role)
    queue: deque[tuple[str, str]] = deque((url, "(start)") for url in dict.fromkeys(seeds))
    queued = {url for url, _ in queue}
    shapes: Counter[tuple[str, ...]] = Counter()
    while queue:
        url, found_on = queue.popleft()
        shape = (key_of or pattern_key)(url)
        limit = 1 if shape[1] == "*" or shape[0] == "admin" else per_pattern
        if shapes[shape] >= limit and found_on != "(start)":
            report.skipped_as_repeats += 1
            continue
        shapes[shape] += 1
        if report.fetched >= max_pages:
            report.problems.append(
                f"the crawl stopped after {max_pages} pages: a link loop, or raise max_pages in tests/quality/crawl.py"
            )
            break
        report.fetched += 1
        where = f"{url} (linked from {found_on})"
        try:
            # A savepoint per page: a view's database error must not poison the crawl's transaction
            # (PostgreSQL refuses every later query in an aborted transaction).
            with transaction.atomic():
                response = client.get(url, follow=True)
        except Exception as error:  # noqa: BLE001 - the test client re-raises a view's exception: a 500
            report.problems.append(f"server error ({type(error).__name__}: {error}) at {where}")
            continue
        final = response.request["PATH_INFO"]
        if response.status_code >= 500:
            report.problems.append(f"server error {response.status_code} at {where}")
            continue
        if response.status_code >= 400:
            report.problems.append(f"broken link: {response.status_code} at {where}")
            continue
        if "text/html" not in response.get("Content-Type", ""):
            continue
        html = response.content.decode(response.charset or "utf-8")
        parser = _PageParser()
        parser.feed(html)
        parser.close()
        for problem in page_problems(html, final, parser=parser):
            report.problems.append(f"{problem} at {where}")
        report.pages.append(CrawledPage(url=url, found_on=found_on, html=html))
        for href in parser.links:
            target = _internal(href, final)
            if target is not None and target not in queued:
                queued.add(target)
                queue.append((target, url))
    return report
