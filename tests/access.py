"""The role x URL access matrix, declared per app in tests/<app>/access.py as ACCESS_RULES.

docs/permissions.md is the same table in words; tests/test_access_matrix.py walks every rule for
every role, so a view that forgets its permission check fails there.
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Callable
from dataclasses import dataclass, field

PUBLIC = "public"
SIGNED_IN = "signed_in"


@dataclass(frozen=True)
class Rule:
    name: str
    # Builds the URL inside the test database, so it may create the objects the URL points at.
    url: Callable[[], str]
    allowed: str | tuple[str, ...]
    method: str = "get"
    data: dict[str, object] = field(default_factory=dict)
    ok_status: tuple[int, ...] = (200,)

    def expected_for(self, role: str) -> str:
        """'ok', 'login' (redirect to sign-in) or 'forbidden'."""
        if self.allowed == PUBLIC:
            return "ok"
        if role == "anonymous":
            return "login"
        if self.allowed == SIGNED_IN or role in self.allowed:
            return "ok"
        return "forbidden"


def all_access_rules() -> list[Rule]:
    """Every ACCESS_RULES entry of every tests/<app>/access.py."""
    import tests

    rules: list[Rule] = []
    for module in pkgutil.iter_modules(tests.__path__):
        if module.ispkg:
            try:
                access = importlib.import_module(f"tests.{module.name}.access")
            except ModuleNotFoundError:
                continue
            rules.extend(access.ACCESS_RULES)
    return rules
