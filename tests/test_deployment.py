"""The deployment files: docker-compose.yml, Dockerfile, .dockerignore and gunicorn.conf.py.

There is no Docker engine here, so the compose file is checked as data, and the parts that can run
without Docker do run: production collectstatic, gunicorn with gunicorn.conf.py, and the very health
probe the web container uses.
"""

from __future__ import annotations

import os
import re
import secrets
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml

BASE_DIR = Path(__file__).resolve().parent.parent
APP_SERVICES = ("web", "worker", "beat")


@pytest.fixture(scope="module")
def compose() -> dict:
    with open(BASE_DIR / "docker-compose.yml", encoding="utf-8") as handle:
        return yaml.safe_load(handle)


def _command(service: dict) -> str:
    command = service["command"]
    return " ".join(command) if isinstance(command, list) else command


def _healthcheck_test(service: dict) -> str:
    test = service["healthcheck"]["test"]
    return " ".join(test) if isinstance(test, list) else test


# --- docker-compose.yml ------------------------------------------------------------------------


def test_compose_defines_exactly_postgres_redis_web_worker_and_beat(compose: dict) -> None:
    assert set(compose["services"]) == {"postgres", "redis", "web", "worker", "beat"}


def test_compose_uses_postgresql_15_and_redis_7(compose: dict) -> None:
    assert compose["services"]["postgres"]["image"] == "postgres:15"
    assert compose["services"]["redis"]["image"] == "redis:7"


def test_web_migrates_then_serves_the_wsgi_app_with_gunicorn(compose: dict) -> None:
    command = _command(compose["services"]["web"])

    assert "manage.py migrate --noinput" in command
    assert "gunicorn dialogue_platform.wsgi --config gunicorn.conf.py" in command
    assert command.index("migrate") < command.index("gunicorn")


def test_worker_and_beat_run_celery_on_the_project_app(compose: dict) -> None:
    assert _command(compose["services"]["worker"]).startswith("celery -A dialogue_platform worker")
    assert _command(compose["services"]["beat"]).startswith("celery -A dialogue_platform beat")


def test_web_worker_and_beat_share_one_image_build_and_environment(compose: dict) -> None:
    services = compose["services"]
    shared = {name: (services[name]["image"], services[name]["build"], services[name]["env_file"]) for name in APP_SERVICES}

    assert len(set(shared.values())) == 1, shared
    assert services["web"]["env_file"] == ".env"
    # The same environment must reach the database containers, so DATABASE_URL and POSTGRES_* agree.
    assert services["postgres"]["env_file"] == services["web"]["env_file"]
    assert not any("environment" in services[name] for name in APP_SERVICES), "per-service overrides drift apart"


@pytest.mark.parametrize("name", APP_SERVICES)
def test_app_services_wait_for_healthy_postgres_and_redis(compose: dict, name: str) -> None:
    depends_on = compose["services"][name]["depends_on"]

    assert depends_on["postgres"]["condition"] == "service_healthy"
    assert depends_on["redis"]["condition"] == "service_healthy"


@pytest.mark.parametrize("name", ["worker", "beat"])
def test_worker_and_beat_start_after_web_has_migrated(compose: dict, name: str) -> None:
    assert compose["services"][name]["depends_on"]["web"]["condition"] == "service_healthy"


def test_services_have_health_checks_and_web_probes_healthz(compose: dict) -> None:
    services = compose["services"]

    assert "pg_isready" in _healthcheck_test(services["postgres"])
    assert "redis-cli ping" in _healthcheck_test(services["redis"])
    assert "/healthz" in _healthcheck_test(services["web"])
    assert "inspect ping" in _healthcheck_test(services["worker"])


def test_data_lives_in_named_volumes(compose: dict) -> None:
    assert {"postgres-data", "redis-data", "media", "media-private"} <= set(compose["volumes"])
    assert "postgres-data:/var/lib/postgresql/data" in compose["services"]["postgres"]["volumes"]
    assert "media:/app/media" in compose["services"]["web"]["volumes"]
    # Participants-only documents must survive a redeploy too, and the worker reads them for digests.
    for service in ("web", "worker"):
        assert "media-private:/app/media-private" in compose["services"][service]["volumes"]


def test_env_example_names_the_database_and_broker_services_of_compose() -> None:
    values = dict(
        line.split("=", 1)
        for line in (BASE_DIR / ".env.example").read_text(encoding="utf-8").splitlines()
        if line and not line.startswith("#")
    )

    assert values["DATABASE_URL"].startswith("postgres://")
    assert "@postgres:5432/" in values["DATABASE_URL"]
    assert values["DATABASE_URL"].endswith("/" + values["POSTGRES_DB"])
    assert f"//{values['POSTGRES_USER']}:{values['POSTGRES_PASSWORD']}@" in values["DATABASE_URL"]
    assert values["CELERY_BROKER_URL"].startswith("redis://redis:6379/")
    assert values["DJANGO_DEBUG"] == "0"


# --- Dockerfile and .dockerignore ---------------------------------------------------------------


def _dockerfile_instructions() -> list[tuple[str, str]]:
    text = (BASE_DIR / "Dockerfile").read_text(encoding="utf-8").replace("\\\n", " ")
    instructions = []
    for line in text.splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            keyword, _, rest = line.partition(" ")
            instructions.append((keyword.upper(), rest.strip()))
    return instructions


def test_image_is_python_311_slim_with_gettext_and_built_static_files() -> None:
    instructions = _dockerfile_instructions()
    runs = " ".join(rest for keyword, rest in instructions if keyword == "RUN")

    assert instructions[0] == ("FROM", "python:3.11-slim")
    assert "gettext" in runs
    assert "compilemessages" in runs
    assert "collectstatic --noinput" in runs


def test_image_runs_gunicorn_as_an_unprivileged_user() -> None:
    instructions = _dockerfile_instructions()
    users = [rest for keyword, rest in instructions if keyword == "USER"]
    cmd_index = next(i for i, (keyword, _) in enumerate(instructions) if keyword == "CMD")
    user_index = max(i for i, (keyword, _) in enumerate(instructions) if keyword == "USER")

    assert users and users[-1] not in {"root", "0"}
    assert user_index < cmd_index
    assert "gunicorn" in instructions[cmd_index][1] and "dialogue_platform.wsgi" in instructions[cmd_index][1]


def test_the_build_time_secret_key_is_not_baked_into_the_image_environment() -> None:
    envs = " ".join(rest for keyword, rest in _dockerfile_instructions() if keyword in {"ENV", "ARG"})

    assert "DJANGO_SECRET_KEY" not in envs


def test_secrets_and_local_state_stay_out_of_the_build_context() -> None:
    ignored = {line.strip() for line in (BASE_DIR / ".dockerignore").read_text(encoding="utf-8").splitlines()}

    assert {".env", ".venv", ".git", "db.sqlite3", "media"} <= ignored


# --- gunicorn, for real ------------------------------------------------------------------------


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _production_env(tmp_path: Path, port: int) -> dict[str, str]:
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "DATABASE_URL", "EMAIL_URL", "CELERY_", "CACHE_URL", "GUNICORN_"))
    }
    env.update(
        DJANGO_SETTINGS_MODULE="dialogue_platform.settings",
        DJANGO_DEBUG="0",
        DJANGO_SECRET_KEY=secrets.token_urlsafe(64),
        DJANGO_ALLOWED_HOSTS="portal.example.org",
        DJANGO_STATIC_ROOT=str(tmp_path / "static"),
        DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite3'}",
        GUNICORN_BIND=f"127.0.0.1:{port}",
        GUNICORN_WORKERS="1",
    )
    return env


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: object, **kwargs: object) -> None:
        return None


def _get(url: str, host: str = "portal.example.org") -> tuple[int, dict[str, str], bytes]:
    opener = urllib.request.build_opener(_NoRedirect)
    request = urllib.request.Request(url, headers={"Host": host})  # noqa: S310 - http to our own server
    try:
        with opener.open(request, timeout=10) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read()


@pytest.fixture(scope="module")
def production_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, dict[str, str]]]:
    tmp_path = tmp_path_factory.mktemp("production")
    port = _free_port()
    env = _production_env(tmp_path, port)
    # collectstatic compresses every file (Brotli, gzip): minutes on a busy two-core machine, hence the long limit.
    collected = subprocess.run(  # noqa: S603 - our interpreter, fixed arguments
        [sys.executable, "manage.py", "collectstatic", "--noinput"],
        cwd=BASE_DIR, env=env, capture_output=True, text=True, timeout=900, check=False,
    )
    assert collected.returncode == 0, collected.stdout + collected.stderr
    log = open(tmp_path / "gunicorn.log", "w+", encoding="utf-8")  # noqa: SIM115 - lives as long as the server
    server = subprocess.Popen(  # noqa: S603
        [str(Path(sys.executable).with_name("gunicorn")), "dialogue_platform.wsgi", "--config", "gunicorn.conf.py"],
        cwd=BASE_DIR, env=env, stdout=log, stderr=subprocess.STDOUT,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        # Ready when the app answers, not when the port accepts: gunicorn binds before its worker has loaded
        # Django, and on a busy machine that takes longer than one request's timeout.
        deadline = time.monotonic() + 120
        while True:
            try:
                if _get(f"{base}/healthz")[0] == 200:
                    break
            except OSError:
                pass
            if server.poll() is not None or time.monotonic() > deadline:
                log.seek(0)
                pytest.fail(f"gunicorn did not start:\n{log.read()}")
            time.sleep(0.2)
        yield base, env
    finally:
        server.terminate()
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()
        log.close()


def test_production_collectstatic_and_gunicorn_serve_the_health_check_over_plain_http(
    production_server: tuple[str, dict[str, str]],
) -> None:
    base, _ = production_server

    status, headers, body = _get(f"{base}/healthz")

    assert status == 200
    assert headers["Content-Type"] == "application/json"
    assert b'"status": "ok"' in body


def test_production_pages_over_plain_http_redirect_to_https(production_server: tuple[str, dict[str, str]]) -> None:
    base, _ = production_server

    status, headers, _ = _get(f"{base}/en/")

    assert status == 301
    assert headers["Location"] == "https://portal.example.org/en/"


def test_production_refuses_unknown_host_names(production_server: tuple[str, dict[str, str]]) -> None:
    base, _ = production_server

    status, _, _ = _get(f"{base}/healthz", host="attacker.example.net")

    assert status == 400


def test_the_web_container_health_probe_passes_against_gunicorn(
    compose: dict, production_server: tuple[str, dict[str, str]]
) -> None:
    base, env = production_server
    probe = compose["services"]["web"]["healthcheck"]["test"]
    assert probe[:3] == ["CMD", "python", "-c"]
    code = probe[3]
    assert "http://127.0.0.1:8000/healthz" in code
    port = base.rsplit(":", 1)[1]

    completed = subprocess.run(  # noqa: S603 - the probe from docker-compose.yml, pointed at our port
        [sys.executable, "-c", code.replace("127.0.0.1:8000", f"127.0.0.1:{port}")],
        env=env, capture_output=True, text=True, timeout=30, check=False,
    )

    assert completed.returncode == 0, completed.stderr


def test_gunicorn_config_binds_all_interfaces_in_a_container_by_default() -> None:
    completed = subprocess.run(  # noqa: S603
        [
            sys.executable,
            "-c",
            "import runpy, json; c = runpy.run_path('gunicorn.conf.py'); "
            "print(json.dumps({k: c[k] for k in ('bind', 'workers', 'timeout', 'accesslog')}))",
        ],
        cwd=BASE_DIR,
        env={key: value for key, value in os.environ.items() if not key.startswith("GUNICORN_")},
        capture_output=True, text=True, timeout=30, check=False,
    )

    assert completed.returncode == 0, completed.stderr
    assert re.search(r'"bind": "0\.0\.0\.0:8000"', completed.stdout)
    assert re.search(r'"workers": [1-9]', completed.stdout)
    assert '"accesslog": "-"' in completed.stdout
