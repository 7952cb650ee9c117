from __future__ import annotations

import pytest
from pytest_django.fixtures import Settings

from tests.notifications import backends
from tests.notifications import kinds as _kinds  # noqa: F401 - registers the test kinds


@pytest.fixture(autouse=True)
def _notifications_settings(settings: Settings) -> None:
    settings.SITE_URL = "https://dialogue.example.kz"


@pytest.fixture
def flaky_mail(settings: Settings):  # noqa: ANN201
    """Mail goes to mail.outbox, except for the addresses told to fail in backends.REPLIES / DISCONNECT."""
    settings.EMAIL_BACKEND = "tests.notifications.backends.FlakyBackend"
    backends.REPLIES.clear()
    backends.DISCONNECT.clear()
    yield backends
    backends.REPLIES.clear()
    backends.DISCONNECT.clear()
