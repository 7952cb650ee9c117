"""Settings come from the environment: each variable switches what README.md says it switches.

Settings are read once per process, so every variation runs in a fresh interpreter with a clean
environment (none of the caller's DATABASE_URL, broker or secret leaks in).
"""

from __future__ import annotations

import json
import os
import re
import secrets
import subprocess
import sys
from pathlib import Path
from typing import Any

from django.conf import settings

BASE_DIR = Path(__file__).resolve().parent.parent

# Everything settings.py might read, so the caller's environment (CI sets several) never leaks in.
_CONTROLLED_PREFIXES = ("DJANGO_", "DATABASE_", "EMAIL_URL", "CELERY_", "CACHE_URL", "AWS_")

_PRINT_SETTINGS = """
import json
import django
django.setup()
from django.conf import settings
from dialogue_platform.celery import app
db = settings.DATABASES["default"]
print(json.dumps({
    "DEBUG": settings.DEBUG,
    "DB_ENGINE": db["ENGINE"],
    "DB_NAME": str(db["NAME"]),
    "DB_HOST": db.get("HOST", ""),
    "DB_PORT": str(db.get("PORT", "")),
    "DB_USER": db.get("USER", ""),
    "CONN_MAX_AGE": db["CONN_MAX_AGE"],
    "EMAIL_BACKEND": settings.EMAIL_BACKEND,
    "EMAIL_HOST": getattr(settings, "EMAIL_HOST", ""),
    "EMAIL_PORT": getattr(settings, "EMAIL_PORT", None),
    "EMAIL_USE_TLS": getattr(settings, "EMAIL_USE_TLS", False),
    "CELERY_BROKER_URL": settings.CELERY_BROKER_URL,
    "CELERY_RESULT_BACKEND": settings.CELERY_RESULT_BACKEND,
    "CELERY_TASK_ALWAYS_EAGER": settings.CELERY_TASK_ALWAYS_EAGER,
    "app_task_always_eager": app.conf.task_always_eager,
    "app_broker_url": app.conf.broker_url,
    "CACHE_BACKEND": settings.CACHES["default"]["BACKEND"],
    "SESSION_COOKIE_SECURE": settings.SESSION_COOKIE_SECURE,
    "SECURE_SSL_REDIRECT": settings.SECURE_SSL_REDIRECT,
    "SECURE_HSTS_SECONDS": settings.SECURE_HSTS_SECONDS,
    "SECURE_PROXY_SSL_HEADER": settings.SECURE_PROXY_SSL_HEADER,
    "STATICFILES_BACKEND": settings.STORAGES["staticfiles"]["BACKEND"],
    "ALLOWED_HOSTS": settings.ALLOWED_HOSTS,
}))
"""


def _clean_env(**overrides: str) -> dict[str, str]:
    env = {key: value for key, value in os.environ.items() if not key.startswith(_CONTROLLED_PREFIXES)}
    env["DJANGO_SETTINGS_MODULE"] = "dialogue_platform.settings"
    env.update(overrides)
    return env


def _run(args: list[str], **overrides: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(  # noqa: S603 - our own interpreter with fixed arguments
        [sys.executable, *args],
        cwd=BASE_DIR,
        env=_clean_env(**overrides),
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def _settings_with(**overrides: str) -> dict[str, Any]:
    completed = _run(["-c", _PRINT_SETTINGS], **overrides)
    assert completed.returncode == 0, completed.stderr
    return json.loads(completed.stdout.strip().splitlines()[-1])


def _production_env(**extra: str) -> dict[str, str]:
    return {
        "DJANGO_DEBUG": "0",
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(64),
        "DJANGO_ALLOWED_HOSTS": "portal.example.org",
        **extra,
    }


def test_debug_off_without_a_secret_key_refuses_to_start() -> None:
    completed = _run(["-c", "import django; django.setup()"], DJANGO_DEBUG="0")

    assert completed.returncode != 0
    assert "ImproperlyConfigured" in completed.stderr
    assert "DJANGO_SECRET_KEY must be set" in completed.stderr


def test_debug_off_with_an_empty_secret_key_refuses_to_start() -> None:
    completed = _run(["-c", "import django; django.setup()"], DJANGO_DEBUG="0", DJANGO_SECRET_KEY="")

    assert completed.returncode != 0
    assert "DJANGO_SECRET_KEY must be set" in completed.stderr


def test_production_settings_pass_the_deploy_check_at_warning_level() -> None:
    completed = _run(["manage.py", "check", "--deploy", "--fail-level", "WARNING"], **_production_env())

    assert completed.returncode == 0, completed.stdout + completed.stderr
    assert "no issues" in completed.stdout


def test_the_deploy_check_flags_a_debug_deployment() -> None:
    # The check above is only meaningful if the same command does fail on a dangerous setting.
    completed = _run(
        ["manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        **_production_env(DJANGO_DEBUG="1"),
    )

    assert completed.returncode != 0
    assert "security.W018" in completed.stdout + completed.stderr


def test_without_environment_the_portal_uses_sqlite_console_mail_eager_tasks_and_local_memory_cache() -> None:
    values = _settings_with()

    assert values["DEBUG"] is True
    assert values["DB_ENGINE"] == "django.db.backends.sqlite3"
    assert values["DB_NAME"] == str(BASE_DIR / "db.sqlite3")
    assert values["EMAIL_BACKEND"] == "django.core.mail.backends.console.EmailBackend"
    assert values["CELERY_TASK_ALWAYS_EAGER"] is True
    assert values["app_task_always_eager"] is True
    assert values["CELERY_BROKER_URL"] == "memory://localhost/"
    assert values["CACHE_BACKEND"] == "django.core.cache.backends.locmem.LocMemCache"
    assert values["STATICFILES_BACKEND"] == "django.contrib.staticfiles.storage.StaticFilesStorage"


def test_database_url_switches_to_postgresql() -> None:
    values = _settings_with(DATABASE_URL="postgres://portal:s3cret@db.internal:5433/dialogue")

    assert values["DB_ENGINE"] == "django.db.backends.postgresql"
    assert values["DB_NAME"] == "dialogue"
    assert values["DB_HOST"] == "db.internal"
    assert values["DB_PORT"] == "5433"
    assert values["DB_USER"] == "portal"


def test_celery_broker_url_sends_tasks_to_the_broker_instead_of_running_them_in_process() -> None:
    values = _settings_with(CELERY_BROKER_URL="redis://queue.internal:6379/0")

    assert values["CELERY_BROKER_URL"] == "redis://queue.internal:6379/0"
    assert values["app_broker_url"] == "redis://queue.internal:6379/0"
    assert values["CELERY_TASK_ALWAYS_EAGER"] is False
    assert values["app_task_always_eager"] is False
    # Results go to the broker unless a separate backend is named.
    assert values["CELERY_RESULT_BACKEND"] == "redis://queue.internal:6379/0"


def test_a_separate_result_backend_and_forced_eager_mode_are_honoured() -> None:
    values = _settings_with(
        CELERY_BROKER_URL="redis://queue.internal:6379/0",
        CELERY_RESULT_BACKEND="redis://queue.internal:6379/1",
        CELERY_TASK_ALWAYS_EAGER="1",
    )

    assert values["CELERY_RESULT_BACKEND"] == "redis://queue.internal:6379/1"
    assert values["CELERY_TASK_ALWAYS_EAGER"] is True


def test_email_url_switches_to_smtp() -> None:
    values = _settings_with(EMAIL_URL="smtp+tls://mailer:pw@mail.example.org:587")

    assert values["EMAIL_BACKEND"] == "django.core.mail.backends.smtp.EmailBackend"
    assert values["EMAIL_HOST"] == "mail.example.org"
    assert values["EMAIL_PORT"] == 587
    assert values["EMAIL_USE_TLS"] is True


def test_cache_url_switches_to_redis() -> None:
    values = _settings_with(CACHE_URL="redis://queue.internal:6379/2")

    assert "Redis" in values["CACHE_BACKEND"]


def test_debug_off_turns_on_https_only_cookies_hsts_and_hashed_static_files() -> None:
    values = _settings_with(**_production_env())

    assert values["DEBUG"] is False
    assert values["SESSION_COOKIE_SECURE"] is True
    assert values["SECURE_SSL_REDIRECT"] is True
    assert values["SECURE_HSTS_SECONDS"] == 60 * 60 * 24 * 365
    assert values["CONN_MAX_AGE"] == 60
    assert values["ALLOWED_HOSTS"] == ["portal.example.org"]
    assert values["STATICFILES_BACKEND"] == "whitenoise.storage.CompressedManifestStaticFilesStorage"
    assert values["SECURE_PROXY_SSL_HEADER"] is None


def test_the_forwarded_proto_header_is_trusted_only_behind_a_proxy() -> None:
    values = _settings_with(**_production_env(DJANGO_BEHIND_PROXY="1"))

    assert values["SECURE_PROXY_SSL_HEADER"] == ["HTTP_X_FORWARDED_PROTO", "https"]


def test_time_is_kept_in_almaty_and_stored_time_zone_aware() -> None:
    assert settings.TIME_ZONE == "Asia/Almaty"
    assert settings.USE_TZ is True
    assert settings.CELERY_TIMEZONE == "Asia/Almaty"


# --- the configuration is documented exactly ----------------------------------------------------

# env("NAME"...), env.str("NAME"...), env.db_url("NAME"...): every variable settings.py reads.
_ENV_READ = re.compile(r"\benv(?:\.\w+)?\(\s*[\"']([A-Z][A-Z0-9_]*)[\"']")
_README_ROW = re.compile(r"^\|\s*`([A-Z][A-Z0-9_]*)`\s*\|", re.MULTILINE)
_ENV_EXAMPLE_LINE = re.compile(r"^#?\s*([A-Z][A-Z0-9_]*)=", re.MULTILINE)


def _variables_read_by_settings() -> set[str]:
    names = set(_ENV_READ.findall((BASE_DIR / "dialogue_platform" / "settings.py").read_text(encoding="utf-8")))
    assert "DATABASE_URL" in names and "DJANGO_SECRET_KEY" in names, "the pattern no longer finds env reads"
    return names


def _readme_configuration_section() -> str:
    readme = (BASE_DIR / "README.md").read_text(encoding="utf-8")
    start = readme.index("## Configuration")
    end = readme.index("\n## ", start + 1)
    return readme[start:end]


def test_readme_configuration_table_lists_exactly_the_variables_settings_read() -> None:
    documented = set(_README_ROW.findall(_readme_configuration_section()))
    read = _variables_read_by_settings()

    assert read - documented == set(), "add these to the configuration table of README.md"
    assert documented - read == set(), "README.md documents variables that settings.py no longer reads"


def test_env_example_names_every_variable_settings_read() -> None:
    listed = set(_ENV_EXAMPLE_LINE.findall((BASE_DIR / ".env.example").read_text(encoding="utf-8")))

    assert _variables_read_by_settings() - listed == set(), "add these to .env.example"


def _readme_section(title: str) -> str:
    readme = (BASE_DIR / "README.md").read_text(encoding="utf-8")
    start = readme.index(f"## {title}")
    end = readme.find("\n## ", start + 1)
    return readme[start:] if end == -1 else readme[start:end]


def test_readme_lists_the_demo_accounts_that_seed_demo_creates() -> None:
    from participants.demo import DEMO_ACCOUNTS, DEMO_PASSWORD

    section = _readme_section("Demo accounts")

    for account in DEMO_ACCOUNTS:
        assert f"| {account.role} | `{account.email}` |" in section
    assert f"`{DEMO_PASSWORD}`" in section


def test_every_folder_in_the_readme_layout_exists() -> None:
    layout = _readme_section("Layout").split("```")[1]
    folders = [word for line in layout.splitlines() for word in line.split() if word.endswith("/")]

    assert len(folders) >= 8
    assert [folder for folder in folders if not (BASE_DIR / folder).is_dir()] == []
