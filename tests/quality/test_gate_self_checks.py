"""The gates themselves: a deliberately broken document must make the matching gate fail.

Without these, a gate that silently checks nothing (axe not injected, vnu printing no report, a
parser that misses inline code) would pass forever.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from django.test import Client
from playwright.sync_api import Browser, Page
from pytest_django.live_server_helper import LiveServer

from tests.quality import vnu
from tests.quality.axe import blocking, run_axe
from tests.quality.browser import csp_violations, focus_is_visible, horizontal_overflow
from tests.quality.crawl import page_problems
from tests.quality.csp import inline_code, policy_problems

GOOD_DOCUMENT = """<!DOCTYPE html>
<html lang="en">
<head><meta charset="utf-8"><title>A good page</title></head>
<body>
<main>
<h1>Sign in</h1>
<form method="post" action="/en/accounts/sign-in/">
  <label for="email">E-mail address</label>
  <input id="email" name="email" type="email">
  <button type="submit">Sign in</button>
</form>
</main>
</body>
</html>
"""

# The same page, broken three ways: an unlabelled field, a duplicate id, and inline script.
BROKEN_DOCUMENT = """<!DOCTYPE html>
<html lang="en">
<head><meta charset="utf-8"><title>A broken page</title></head>
<body>
<main>
<h1>Sign in</h1>
<form method="post" action="/en/accounts/sign-in/">
  <input id="email" name="email" type="email">
  <input id="email" name="password" type="password">
  <button type="submit" onclick="return check()">Sign in</button>
</form>
<script>function check() { return true; }</script>
</main>
</body>
</html>
"""

browser_gate = pytest.mark.quality_gate("accessibility (axe-core)")
vnu_gate = pytest.mark.quality_gate("valid HTML (Nu HTML Checker)")


@browser_gate
def test_axe_reports_a_missing_label_as_blocking(browser: Browser) -> None:
    page = browser.new_page()
    try:
        page.set_content(BROKEN_DOCUMENT)
        found = blocking(run_axe(page))
        rules = {violation.rule: violation for violation in found}
        assert "label" in rules, [v.describe() for v in found]
        assert rules["label"].impact == "critical"
        assert "email" in rules["label"].targets[0]

        page.set_content(GOOD_DOCUMENT)
        assert blocking(run_axe(page)) == []
    finally:
        page.close()


@browser_gate
def test_axe_known_admin_exceptions_never_apply_to_portal_pages(browser: Browser) -> None:
    page = browser.new_page()
    try:
        page.set_content(BROKEN_DOCUMENT)
        violations = run_axe(page)
        assert blocking(violations, "/en/meetings/") == blocking(violations)
        assert blocking(violations, "/en/admin/participants/user/") != []
    finally:
        page.close()


@vnu_gate
def test_vnu_reports_a_duplicate_id(tmp_path: Path) -> None:
    broken = tmp_path / "broken.html"
    broken.write_text(BROKEN_DOCUMENT, encoding="utf-8")
    good = tmp_path / "good.html"
    good.write_text(GOOD_DOCUMENT, encoding="utf-8")

    errors = vnu.validate([broken, good])
    assert errors, "vnu found nothing wrong in a document with a duplicate id"
    assert {error.file for error in errors} == {"broken.html"}
    assert any("Duplicate ID “email”" in error.message for error in errors), vnu.summarize(errors)
    assert errors[0].line > 0


@vnu_gate
def test_vnu_accepts_a_valid_document(tmp_path: Path) -> None:
    good = tmp_path / "good.html"
    good.write_text(GOOD_DOCUMENT, encoding="utf-8")
    assert vnu.validate([good]) == []


def test_inline_code_check_finds_inline_script_handlers_and_styles() -> None:
    problems = inline_code(BROKEN_DOCUMENT)
    assert any("inline <script> code" in problem for problem in problems), problems
    assert any("inline event handler onclick=" in problem for problem in problems), problems
    assert inline_code(GOOD_DOCUMENT) == []

    more = inline_code(
        '<p style="color: red">x</p><style>p{}</style><a href="javascript:go()">go</a>'
        '<script src="https://cdn.example.com/x.js"></script><script type="application/json">{"a": 1}</script>'
    )
    assert len(more) == 4, more
    assert any("another host (no CDN)" in problem for problem in more)


def test_csp_policy_check_rejects_unsafe_inline_scripts_and_missing_frame_ancestors() -> None:
    weak = policy_problems("default-src 'self'; script-src 'self' 'unsafe-inline'; object-src 'none'; base-uri 'self'")
    assert "script-src allows 'unsafe-inline'" in weak
    assert "frame-ancestors is not 'none' or 'self'" in weak
    assert policy_problems(None) == ["no Content-Security-Policy header"]
    assert (
        policy_problems(
            "default-src 'self'; script-src 'self'; style-src 'self'; frame-ancestors 'none'; "
            "object-src 'none'; base-uri 'self'"
        )
        == []
    )


def test_crawler_page_check_finds_leaked_template_code_and_a_wrong_lang() -> None:
    leaked = GOOD_DOCUMENT.replace("Sign in</h1>", "{% translate 'Sign in' %}</h1>").replace(
        "E-mail address", "%(count)s addresses"
    )
    problems = page_problems(leaked, "/ru/accounts/sign-in/")
    assert any("'{%'" in problem for problem in problems), problems
    assert any("'%('" in problem for problem in problems), problems
    assert any('<html lang="en"> on a /ru/ page' in problem for problem in problems), problems
    assert page_problems(GOOD_DOCUMENT, "/en/accounts/sign-in/") == []


@pytest.mark.quality_gate("browser journeys")
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_browser_reports_inline_script_under_the_portals_real_csp(page: Page, live_server: LiveServer) -> None:
    policy = Client().get("/en/")["Content-Security-Policy"]
    url = f"{live_server.url}/en/__broken__/"
    page.route(
        url,
        lambda route: route.fulfill(
            status=200,
            body=BROKEN_DOCUMENT,
            content_type="text/html; charset=utf-8",
            headers={"Content-Security-Policy": policy},
        ),
    )
    page.goto(url)
    violations = csp_violations(page)
    assert any(v.startswith("script-src") for v in violations), violations


@pytest.mark.quality_gate("keyboard navigation")
def test_focus_and_overflow_checks_catch_hidden_focus_and_sideways_scroll(browser: Browser) -> None:
    page = browser.new_page(viewport={"width": 375, "height": 600})
    try:
        page.set_content(
            "<!DOCTYPE html><html lang=en><head><style>a:focus{outline:none;box-shadow:none}"
            ".wide{width:900px}</style></head><body><a href='#x'>x</a><div class='wide'>wide</div></body></html>"
        )
        page.keyboard.press("Tab")
        assert not focus_is_visible(page)
        assert horizontal_overflow(page) > 0
        page.set_content("<!DOCTYPE html><html lang=en><body><a href='#x'>x</a></body></html>")
        page.keyboard.press("Tab")
        assert focus_is_visible(page)  # Chromium's default focus ring
        assert horizontal_overflow(page) <= 0
    finally:
        page.close()
