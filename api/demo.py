"""Demo data of the api app: the bulk files, built at once so the open data page has them without a beat worker."""

from __future__ import annotations

from api import services


def seed() -> None:
    services.exports_refresh()
