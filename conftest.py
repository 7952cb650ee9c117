"""Fixtures shared by every test: one signed-in client per role, on the access triad of STYLE.md."""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Callable, Iterator

import pytest
from django.test import Client
from django.utils import translation
from pytest_django.fixtures import Settings

from participants.models import Organization, User
from tests.auth import force_login
from tests.participants.factories import MembershipFactory, OrganizationFactory, UserFactory
from tests.quality.tools import GATES, missing_tools

# Tests left out of this run, by reason, and shown at the end of it: reason -> node ids.
_DESELECTED = pytest.StashKey[dict[str, list[str]]]()
_GATE_HINT = "Run .ci/install-quality-tools to install them (CI=true turns a missing tool into a failure)."
_POSTGRESQL_ONLY = "PostgreSQL-only tests (this database is not PostgreSQL; .ci/run runs them on PostgreSQL)"


def _in_ci() -> bool:
    return os.environ.get("CI", "").lower() == "true"


def _gate_of(item: pytest.Item) -> str | None:
    """The quality gate (tests/quality/tools.GATES) whose tools the test needs, if any."""
    marker = item.get_closest_marker("quality_gate")
    if marker is not None:
        gate = marker.args[0]
        if gate not in GATES:
            raise pytest.UsageError(f"{item.nodeid}: unknown quality gate {gate!r}; known: {sorted(GATES)}")
        return gate
    # A browser test that names no gate still cannot run without Playwright and Chromium.
    if item.get_closest_marker("browser") is not None or "browser" in getattr(item, "fixturenames", ()):
        return "browser journeys"
    return None


def _group_module_fixture_users(items: list[pytest.Item]) -> None:
    """Under pytest-xdist (`--dist loadgroup`, as make test runs it) tests go to workers one by one, and a module-
    scoped fixture would be built again in every worker that gets one of its tests: the crawl of the whole site,
    gunicorn in production mode, the catalogue extraction. The tests that use one stay together on one worker."""
    for item in items:
        info = getattr(item, "_fixtureinfo", None)
        if info is None or item.get_closest_marker("xdist_group") is not None:
            continue
        scopes = {definition.scope for definitions in info.name2fixturedefs.values() for definition in definitions}
        if scopes & {"module", "class", "package"}:
            item.add_marker(pytest.mark.xdist_group(item.nodeid.split("::", 1)[0]))


# tryfirst: before pytest-xdist's own hook reads the xdist_group marks, and before -m/-k deselection counts.
@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Leave out, and name at the end of the run, the tests this machine cannot run:

    - PostgreSQL-only tests on another database: they are not a pass that did not happen, .ci/run's PostgreSQL pass
      runs them;
    - the tests of a quality gate whose tool (Chromium, Playwright, axe-core, Java, vnu.jar) is missing, so that
      `make test PYTEST_ARGS="tests/participants"` works on a laptop without Chromium. Never in CI (CI=true): there
      the tests stay selected and fail at set-up (pytest_runtest_setup), a gate never silently disappears.
      QUALITY_CHROMIUM=/no/such/file simulates a machine without Chromium.

    Deselected, not skipped. Lives in the root conftest so that any folder run on its own gets it.
    """
    from django.conf import settings

    on_postgresql = settings.DATABASES["default"]["ENGINE"].endswith("postgresql")
    missing_by_gate: dict[str, str] = {}
    deselected: dict[str, list[str]] = {}
    kept: list[pytest.Item] = []
    dropped: list[pytest.Item] = []
    for item in items:
        reason = None
        if item.get_closest_marker("postgresql") is not None and not on_postgresql:
            reason = _POSTGRESQL_ONLY
        elif (gate := _gate_of(item)) is not None and not _in_ci():
            if gate not in missing_by_gate:
                missing_by_gate[gate] = "; ".join(f"{tool.name} ({tool.hint})" for tool in missing_tools(gate))
            if missing_by_gate[gate]:
                reason = f"quality gate '{gate}': missing {missing_by_gate[gate]}"
        if reason is None:
            kept.append(item)
        else:
            deselected.setdefault(reason, []).append(item.nodeid)
            dropped.append(item)
    if dropped:
        config.hook.pytest_deselected(items=dropped)
        items[:] = kept
    config.stash[_DESELECTED] = deselected
    _group_module_fixture_users(items)


def pytest_runtest_setup(item: pytest.Item) -> None:
    gate = _gate_of(item)
    if gate is not None and (missing := missing_tools(gate)):
        # Only reachable with CI=true (elsewhere the test was deselected): a missing tool fails the build.
        names = ", ".join(f"{tool.name} ({tool.hint})" for tool in missing)
        pytest.fail(
            f"quality gate '{gate}' cannot run in CI: missing {names}; run .ci/install-quality-tools", pytrace=False
        )


def pytest_sessionfinish(session: pytest.Session) -> None:
    # Under pytest-xdist the workers collect, not the controller: hand the list over (pytest_testnodedown).
    workeroutput = getattr(session.config, "workeroutput", None)
    if workeroutput is not None:
        workeroutput["deselected"] = session.config.stash.get(_DESELECTED, {})


@pytest.hookimpl(optionalhook=True)
def pytest_testnodedown(node: object, error: object) -> None:
    # Every worker collects the same tests, so one worker's list is the run's.
    config = node.config  # type: ignore[attr-defined]
    reported = getattr(node, "workeroutput", {}).get("deselected")
    if reported and not config.stash.get(_DESELECTED, {}):
        config.stash[_DESELECTED] = reported


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter, config: pytest.Config) -> None:
    deselected = config.stash.get(_DESELECTED, {})
    if not deselected:
        return
    terminalreporter.section("tests NOT run on this machine (deselected)", sep="=", yellow=True, bold=True)
    for reason, node_ids in sorted(deselected.items()):
        files = Counter(node_id.split("::", 1)[0] for node_id in node_ids)
        terminalreporter.write_line(f"{len(node_ids)} test(s), {reason}:", yellow=True, bold=True)
        for path, count in sorted(files.items()):
            terminalreporter.write_line(f"    {path} ({count})")
    if any(reason.startswith("quality gate") for reason in deselected):
        terminalreporter.write_line(_GATE_HINT)


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
