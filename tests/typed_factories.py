"""A typed base for the model factories, so that the type checker knows what `MeetingFactory()` returns.

factory_boy's own annotations type `MeetingFactory.create()` as the model but `MeetingFactory()`, the way our tests
call it, as the factory class itself. The `__new__` below exists for the type checker only (TYPE_CHECKING is False at
run time), so factory_boy works exactly as before.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, TypeVar

from factory.django import DjangoModelFactory

ModelT = TypeVar("ModelT")


class ModelFactory(DjangoModelFactory[ModelT]):
    class Meta:
        abstract = True

    if TYPE_CHECKING:
        # mypy wants __new__ to return an instance of the class; calling a factory returns its model's instance.
        def __new__(cls, *args: Any, **kwargs: Any) -> ModelT: ...  # type: ignore[misc]
