"""The OpenAPI schema is valid OpenAPI 3, and Schemathesis fuzzes every operation from it: no 5xx, and every
response matches the schema."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from django.test import Client
from hypothesis import HealthCheck, Phase, given
from hypothesis import settings as hypothesis_settings
from openapi_spec_validator import validate
from pytest_django.fixtures import Settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import response_schema_conformance

pytestmark = pytest.mark.django_db


def test_schema_is_valid_openapi_3_and_documents_every_route(client: Client) -> None:
    schema = client.get("/api/v1/schema/?format=json").json()

    validate(schema)
    assert schema["openapi"].startswith("3.")
    for path in ("/api/v1/recommendations/", "/api/v1/road-maps/{number}/", "/api/v1/actions/",
                 "/api/v1/progress-updates/", "/api/v1/organizations/", "/api/v1/meetings/",
                 "/api/v1/agenda-items/", "/api/v1/minutes/", "/api/v1/documents/", "/api/v1/themes/"):
        assert path in schema["paths"], path
    assert "post" in schema["paths"]["/api/v1/progress-updates/"]
    assert schema["components"]["securitySchemes"]["apiToken"]["scheme"] == "bearer"
    recommendation_filters = {p["name"] for p in schema["paths"]["/api/v1/recommendations/"]["get"]["parameters"]}
    assert {"q", "mechanism", "cycle", "response", "theme", "status", "agency", "state", "cursor", "lang"} <= \
        recommendation_filters


@pytest.fixture
def api_schema(public_world: dict, settings: Settings) -> Iterator[Any]:
    """The schema, served by the real WSGI application inside the test's transaction."""
    from django.core.wsgi import get_wsgi_application

    settings.API_ANON_RATE = "100000/hour"
    # As Django's test client does: a request must not close the connection that holds the test's transaction.
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        yield schemathesis.openapi.from_wsgi("/api/v1/schema/?format=json", get_wsgi_application())
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)


# Per operation: a few generated requests, reproducible from run to run. The whole fuzz runs in about a minute.
FUZZ_SETTINGS = hypothesis_settings(
    max_examples=6, deadline=None, derandomize=True, database=None,
    phases=[Phase.explicit, Phase.generate], suppress_health_check=list(HealthCheck),
)


def test_fuzzing_finds_no_server_error_and_responses_match_the_schema(api_schema: Any) -> None:
    # One test over all operations (schemathesis' pytest plugin does not support pytest 9's nodes yet).
    failures: list[str] = []
    operations = [result.ok() for result in api_schema.get_all_operations()]
    assert len(operations) >= 25, [op.label for op in operations]
    for operation in operations:
        calls: list[Any] = []

        @FUZZ_SETTINGS
        @given(case=operation.as_strategy())
        def fuzz(case: Any) -> None:
            calls.append(case)  # noqa: B023 - fuzz() runs at once, inside this iteration
            case.call_and_validate(checks=[not_a_server_error, response_schema_conformance])

        try:
            fuzz()
        except Exception as error:  # noqa: BLE001 - collect every operation's failure, then report them all
            failures.append(f"{operation.label}: {error}")
        assert calls, f"{operation.label}: no request was generated"
    assert not failures, "\n\n".join(failures)


# Values the generator rarely makes but attackers do: forged cursors (a NUL byte, a position of the wrong type, an
# absurd offset), numbers past 64 bits, years outside the calendar, floats, NUL, very long and unicode text.
BAD_CURSORS = ["cj0xJnA9JTAw", "cD1ub3QtYS1kYXRl", "bz05OTk5OTk5OTk5OTk5OTk5OTk5OTk5JnA9MQ==", "!!!", "\x00", ""]
BAD_VALUES = ["99999999999999999999", "-99999999999999999999", "0", "-1", "10000", "1.1e-38", "NaN", "\x00",
              "ә😀" * 50, "x" * 3000, "2026-13-45", "1' OR '1'='1"]


def test_every_operation_answers_bad_cursors_and_filters_without_a_server_error(api_schema: Any) -> None:
    failures: list[str] = []
    sent = 0
    for result in api_schema.get_all_operations():
        operation = result.ok()
        path_parameters = {p.name: 1 for p in operation.iter_parameters() if p.location == "path"}
        names = [p.name for p in operation.iter_parameters() if p.location == "query"]
        cases = []
        if "cursor" in names:
            cases += [{"cursor": cursor} for cursor in BAD_CURSORS]
        for index, name in enumerate(names):
            # Each parameter gets three bad values, rotating through the list so that every value is used.
            cases += [{name: BAD_VALUES[(index * 3 + k) % len(BAD_VALUES)]} for k in range(3)]
        for query in cases:
            case = operation.Case(path_parameters=path_parameters or None, query=query)
            if operation.method.upper() != "GET":
                case = operation.Case(path_parameters=path_parameters or None, query=query, body={},
                                      media_type="application/json")
            sent += 1
            try:
                case.call_and_validate(checks=[not_a_server_error, response_schema_conformance])
            except Exception as error:  # noqa: BLE001 - collect them all
                failures.append(f"{operation.label} {query}: {error}")
    assert sent >= 200, sent
    assert not failures, f"{len(failures)} of {sent}:\n" + "\n\n".join(failures[:20])
