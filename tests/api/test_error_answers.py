"""What the schema promises about missing values and error answers, and what the API does."""

from __future__ import annotations

import pytest
from django.test import Client
from django.utils import timezone

from recommendations.models import ProgressUpdate
from tests.recommendations.factories import ProgressUpdateFactory

pytestmark = pytest.mark.django_db


def test_an_approved_update_without_evidence_file_has_a_null_url_as_the_schema_declares(client: Client) -> None:
    update = ProgressUpdateFactory(state=ProgressUpdate.State.APPROVED, reviewed_at=timezone.now())

    listed = client.get("/api/v1/progress-updates/").json()["results"]
    one = client.get(f"/api/v1/progress-updates/{update.pk}/").json()

    assert [row["evidence_file_url"] for row in listed] == [None]
    assert one["evidence_file_url"] is None
    schema = client.get("/api/v1/schema/?format=json").json()
    field = schema["components"]["schemas"]["ProgressUpdate"]["properties"]["evidence_file_url"]
    assert field["format"] == "uri"
    assert field.get("nullable") is True


def test_every_operation_documents_its_error_answers(client: Client) -> None:
    schema = client.get("/api/v1/schema/?format=json").json()
    operations = [(method, path, op) for path, ops in schema["paths"].items() for method, op in ops.items()]
    assert len(operations) >= 25
    for method, path, op in operations:
        expected = {"400", "401", "404", "429"} | ({"403"} if method != "get" else set())
        assert expected <= set(op["responses"]), f"{method} {path}: {sorted(op['responses'])}"
        assert op["responses"]["404"]["content"]["application/json"]["schema"] == {"$ref": "#/components/schemas/Error"}
    assert schema["components"]["schemas"]["Error"]["required"] == ["detail"]


def test_documented_error_answers_are_what_the_api_sends(client: Client) -> None:
    assert client.get("/api/v1/meetings/?year=0").json() == {"year": ["Ensure this value is greater than or equal to 1."]}
    missing = client.get("/api/v1/meetings/999999/")
    assert missing.status_code == 404 and set(missing.json()) == {"detail"}
    unknown = client.get("/api/v1/meetings/", HTTP_AUTHORIZATION="Bearer not-a-token")
    assert unknown.status_code == 401 and "detail" in unknown.json()
