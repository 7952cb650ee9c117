"""Security headers and cookies of the portal as deployed: gunicorn with DEBUG off.

The server runs in a subprocess that imports the real dialogue_platform/settings.py with a
production environment (DJANGO_DEBUG=0, a secret key, behind a TLS-terminating proxy), so these
tests fail when the production branch of settings.py regresses, not only when a mirror of it does.
"""

from __future__ import annotations

import http.client
import os
import re
import secrets
import socket
import subprocess  # nosec B404: starts manage.py and gunicorn from this repository, no shell
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from http.cookies import SimpleCookie
from pathlib import Path
from typing import Any
from urllib.parse import urlencode, urljoin, urlparse

import pytest

from tests.quality.csp import parse_policy, policy_problems

ROOT = Path(__file__).resolve().parents[1]
ONE_YEAR = 60 * 60 * 24 * 365
PASSWORD = "a-production-test-password-7"


@dataclass
class Response:
    status: int
    headers: http.client.HTTPMessage
    body: str

    def header(self, name: str) -> str | None:
        return self.headers.get(name)

    def cookies(self) -> dict[str, str]:
        """Each Set-Cookie line by cookie name."""
        lines = self.headers.get_all("Set-Cookie") or []
        return {line.split("=", 1)[0].strip(): line for line in lines}


class ProductionServer:
    def __init__(self, port: int) -> None:
        self.port = port
        self.host = "127.0.0.1"

    def request(
        self,
        method: str,
        path: str,
        *,
        https: bool = True,
        body: str | None = None,
        headers: dict[str, str] | None = None,
    ) -> Response:
        connection = http.client.HTTPConnection(self.host, self.port, timeout=30)
        sent = {"Host": f"{self.host}:{self.port}", **(headers or {})}
        if https:
            # What the TLS-terminating proxy in front of gunicorn adds (DJANGO_BEHIND_PROXY=1).
            sent["X-Forwarded-Proto"] = "https"
        connection.request(method, path, body=body, headers=sent)
        raw = connection.getresponse()
        response = Response(raw.status, raw.headers, raw.read().decode("utf-8", "replace"))
        connection.close()
        return response

    def get(self, path: str, **kwargs: Any) -> Response:
        return self.request("GET", path, **kwargs)


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _production_env(tmp: Path, port: int) -> dict[str, str]:
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "DATABASE_", "CELERY_", "EMAIL_", "CACHE_", "GUNICORN_"))
    }
    env.update(
        DJANGO_DEBUG="0",
        DJANGO_SECRET_KEY=secrets.token_urlsafe(50),
        DJANGO_BEHIND_PROXY="1",
        DJANGO_ALLOWED_HOSTS="127.0.0.1,localhost",
        DATABASE_URL=f"sqlite:///{tmp / 'production.sqlite3'}",
        DJANGO_STATIC_ROOT=str(tmp / "static"),
        DJANGO_MEDIA_ROOT=str(tmp / "media"),
        EMAIL_URL="consolemail://",
        GUNICORN_BIND=f"127.0.0.1:{port}",
        GUNICORN_WORKERS="1",
        PYTHONDONTWRITEBYTECODE="1",
    )
    return env


def _manage(env: dict[str, str], *args: str) -> None:
    # collectstatic compresses every file (Brotli, gzip): minutes on a busy two-core machine, hence the long limit.
    subprocess.run(  # noqa: S603  # nosec B603: fixed argv, our own manage.py
        [sys.executable, "manage.py", *args], cwd=ROOT, env=env, check=True, capture_output=True, timeout=900
    )


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ProductionServer]:
    tmp = tmp_path_factory.mktemp("production")
    port = _free_port()
    env = _production_env(tmp, port)
    _manage(env, "migrate", "--noinput")
    _manage(env, "collectstatic", "--noinput")
    _manage(
        env,
        "shell",
        "-c",
        "from participants.models import User; "
        f"User.objects.create_user(email='prod-test@example.org', password='{PASSWORD}', role='ngo')",
    )
    log = (tmp / "gunicorn.log").open("w")
    process = subprocess.Popen(  # noqa: S603  # nosec B603: fixed argv, gunicorn with the repo's config
        [sys.executable, "-m", "gunicorn", "dialogue_platform.wsgi", "--config", "gunicorn.conf.py"],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    running = ProductionServer(port)
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                if running.get("/healthz", https=False).status == 200:
                    break
            except OSError:
                pass
            if process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError("gunicorn did not start:\n" + (tmp / "gunicorn.log").read_text()[-3000:])
            time.sleep(0.2)
        yield running
    finally:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
        log.close()


def _internal_links(html: str, base: str) -> list[str]:
    links = []
    for href in re.findall(r'<a [^>]*href="([^"]+)"', html):
        parsed = urlparse(urljoin(f"https://127.0.0.1{base}", href.replace("&amp;", "&")))
        if parsed.netloc == "127.0.0.1" and not parsed.path.startswith(("/static/", "/media/")):
            links.append(parsed.path + (f"?{parsed.query}" if parsed.query else ""))
    return list(dict.fromkeys(links))


def _assert_page_headers(response: Response, where: str) -> None:
    csp = response.header("Content-Security-Policy")
    assert policy_problems(csp) == [], f"{where}: weak CSP {csp!r}: {policy_problems(csp)}"
    assert parse_policy(csp)["frame-ancestors"] == ["'none'"], where  # type: ignore[arg-type]  # the header is there
    assert response.header("X-Frame-Options") == "DENY", where
    assert response.header("X-Content-Type-Options") == "nosniff", where
    assert response.header("Referrer-Policy") in ("strict-origin-when-cross-origin", "same-origin", "no-referrer"), (
        where
    )
    assert response.header("Cross-Origin-Opener-Policy") == "same-origin", where
    permissions = response.header("Permissions-Policy") or ""
    for feature in ("camera", "microphone", "geolocation", "payment"):
        assert f"{feature}=()" in permissions, f"{where}: Permissions-Policy {permissions!r}"
    hsts = response.header("Strict-Transport-Security") or ""
    max_age = re.search(r"max-age=(\d+)", hsts)
    assert max_age and int(max_age.group(1)) >= ONE_YEAR, f"{where}: HSTS {hsts!r}"
    assert "includeSubDomains" in hsts, where


def test_every_page_linked_from_the_home_pages_sends_the_security_headers(server: ProductionServer) -> None:
    paths = ["/en/", "/kk/", "/ru/"]
    for home in list(paths):
        paths += _internal_links(server.get(home).body, home)
    paths += ["/en/no-such-page/", "/en/directory/"]  # the 404 page and a redirect to sign in
    checked = 0
    for path in dict.fromkeys(paths):
        response = server.get(path)
        assert response.status < 500, f"{path}: {response.status}"
        _assert_page_headers(response, f"{path} ({response.status})")
        checked += 1
    assert checked >= 10


def test_error_pages_are_the_portals_own_and_reveal_no_debug_information(server: ProductionServer) -> None:
    response = server.get("/en/no-such-page/")
    assert response.status == 404
    assert '<html lang="en">' in response.body
    assert "URLconf" not in response.body and "Traceback" not in response.body


def test_plain_http_is_redirected_to_https_without_hsts(server: ProductionServer) -> None:
    response = server.get("/en/", https=False)
    assert response.status == 301
    assert response.header("Location") == f"https://127.0.0.1:{server.port}/en/"
    # HSTS over plain HTTP is meaningless (and ignored by browsers): only HTTPS responses carry it.
    assert response.header("Strict-Transport-Security") is None


def test_static_files_are_served_hashed_with_nosniff_and_hsts(server: ProductionServer) -> None:
    page = server.get("/en/").body
    stylesheet = re.search(r'href="(/static/css/portal\.[0-9a-f]{12}\.css)"', page)
    assert stylesheet, "production pages must link the hashed portal.css"
    response = server.get(stylesheet.group(1))
    assert response.status == 200
    assert response.header("X-Content-Type-Options") == "nosniff"
    assert "max-age" in (response.header("Strict-Transport-Security") or "")
    assert "immutable" in (response.header("Cache-Control") or "")


def _assert_secure_cookie(line: str, *, http_only: bool = True) -> None:
    attributes = {part.strip().split("=")[0].lower(): part.strip() for part in line.split(";")[1:]}
    assert "secure" in attributes, line
    assert attributes.get("samesite", "").lower() in ("samesite=lax", "samesite=strict"), line
    if http_only:
        assert "httponly" in attributes, line


def _signed_in(server: ProductionServer) -> tuple[Response, Response]:
    form = server.get("/en/accounts/sign-in/")
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form.body).group(1)
    csrf_cookie = SimpleCookie(form.cookies()["csrftoken"])["csrftoken"].value
    origin = f"https://127.0.0.1:{server.port}"
    signed_in = server.request(
        "POST",
        "/en/accounts/sign-in/",
        body=urlencode({"csrfmiddlewaretoken": token, "username": "prod-test@example.org", "password": PASSWORD}),
        headers={
            "Content-Type": "application/x-www-form-urlencoded",
            "Cookie": f"csrftoken={csrf_cookie}",
            "Origin": origin,
            "Referer": f"{origin}/en/accounts/sign-in/",
        },
    )
    return form, signed_in


def test_csrf_and_session_cookies_are_secure_httponly_and_samesite(server: ProductionServer) -> None:
    form, signed_in = _signed_in(server)
    _assert_secure_cookie(form.cookies()["csrftoken"])
    assert signed_in.status == 302, signed_in.body[:500]
    _assert_secure_cookie(signed_in.cookies()["sessionid"])


def test_language_cookie_is_secure_httponly_and_samesite(server: ProductionServer) -> None:
    form = server.get("/en/accounts/sign-in/")
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form.body).group(1)
    csrf_cookie = SimpleCookie(form.cookies()["csrftoken"])["csrftoken"].value
    origin = f"https://127.0.0.1:{server.port}"
    response = server.request(
        "POST",
        "/i18n/setlang/",
        body=urlencode({"csrfmiddlewaretoken": token, "language": "kk", "next": "/en/"}),
        headers={
            "Content-Type": "application/x-www-form-urlencoded",
            "Cookie": f"csrftoken={csrf_cookie}",
            "Origin": origin,
            "Referer": f"{origin}/en/",
        },
    )
    assert response.status == 302
    _assert_secure_cookie(response.cookies()["django_language"])
