"""Fixtures shared by every test: one signed-in client per role, on the access triad of STYLE.md."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest
from django.test import Client
from django.utils import translation
from pytest_django.fixtures import Settings

from participants.models import Organization, User
from tests.auth import force_login
from tests.participants.factories import MembershipFactory, OrganizationFactory, UserFactory

_DESELECTED_NOT_POSTGRESQL = pytest.StashKey[int]()


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Tests of PostgreSQL-only features are deselected on other databases, and the run says so.

    Deselected, not skipped: they are not a pass that did not happen, they run in .ci/run's PostgreSQL pass.
    """
    from django.conf import settings

    if settings.DATABASES["default"]["ENGINE"].endswith("postgresql"):
        return
    kept = [item for item in items if item.get_closest_marker("postgresql") is None]
    deselected = [item for item in items if item.get_closest_marker("postgresql") is not None]
    if deselected:
        config.hook.pytest_deselected(items=deselected)
        items[:] = kept
    config.stash[_DESELECTED_NOT_POSTGRESQL] = len(deselected)


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter, config: pytest.Config) -> None:
    count = config.stash.get(_DESELECTED_NOT_POSTGRESQL, 0)
    if count:
        terminalreporter.write_line(
            f"{count} PostgreSQL-only test(s) deselected on this database; .ci/run runs them on PostgreSQL."
        )


ROLES = ("anonymous", "secretariat", "focal_point", "ngo", "observer")

_ROLE_ORGANIZATION = {
    User.Role.SECRETARIAT: ("Ministry of Foreign Affairs", Organization.Kind.MINISTRY, Organization.Standing.MEMBER),
    User.Role.FOCAL_POINT: ("Ministry of Justice", Organization.Kind.MINISTRY, Organization.Standing.MEMBER),
    User.Role.NGO: ("Human Rights Bureau", Organization.Kind.NGO, Organization.Standing.MEMBER),
    User.Role.OBSERVER: ("OHCHR", Organization.Kind.INTERNATIONAL, Organization.Standing.OBSERVER),
}


@pytest.fixture(autouse=True)
def _fast_and_isolated(settings: Settings) -> None:
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.CELERY_TASK_ALWAYS_EAGER = True
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


@pytest.fixture(autouse=True)
def _default_language_between_tests() -> Iterator[None]:
    # LocaleMiddleware activates each request's language in the test thread and nothing resets it:
    # without this, a test that visits /ru/ makes every later test's reverse() and messages Russian.
    translation.deactivate()
    yield
    translation.deactivate()


def make_role_user(role: str, **extra: object) -> User:
    """A person of `role`, placed in a typical organisation for that role."""
    name, kind, standing = _ROLE_ORGANIZATION[role]
    organization = OrganizationFactory(name=name, kind=kind, standing=standing)
    user = UserFactory(role=role, email=extra.pop("email", f"{role}@example.org"), **extra)
    MembershipFactory(user=user, organization=organization)
    return user


@pytest.fixture
def secretariat(db: None) -> User:
    return make_role_user(User.Role.SECRETARIAT)


@pytest.fixture
def focal_point(db: None) -> User:
    return make_role_user(User.Role.FOCAL_POINT)


@pytest.fixture
def ngo(db: None) -> User:
    return make_role_user(User.Role.NGO)


@pytest.fixture
def observer(db: None) -> User:
    return make_role_user(User.Role.OBSERVER)


@pytest.fixture
def client_as(db: None) -> Callable[[str], Client]:
    """client_as("ngo") is a client signed in as an NGO representative; "anonymous" is the public."""
    users: dict[str, User] = {}

    def build(role: str) -> Client:
        client = Client()
        if role != "anonymous":
            if role not in users:
                users[role] = make_role_user(role)
            force_login(client, users[role])
        return client

    return build
