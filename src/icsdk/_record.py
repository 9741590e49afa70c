"""Record: the comparison, hash and repr every icsdk data class shares, read from its attrs fields.

attrs writes the source of an ``__eq__``, a ``__hash__`` and a ``__repr__`` for each class it
decorates and compiles it when the class is defined. icsdk defines about forty-five such
classes, and compiling those three methods was about a quarter of what importing icsdk's
modules cost on a cold start (9 of 33 ms, measured). So a data class derives from `Record` and
is declared ``@attrs.frozen(kw_only=True, eq=False, repr=False)``: attrs still writes its
``__init__``, and these three come from here, honouring each field's ``eq=`` and ``repr=`` as
attrs would.
"""

from __future__ import annotations

import operator
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, ClassVar

import attrs

from ._fields import per_class

__all__ = ["Record"]


class Record:
    """Equal when of the same class with equal compared fields; hashable; shown as attrs shows.

    Examples:
        >>> import attrs
        >>> @attrs.frozen(kw_only=True, eq=False, repr=False)
        ... class Point(Record):
        ...     x: int
        ...     y: int = attrs.field(default=0, eq=False, repr=False)
        >>> Point(x=1, y=2) == Point(x=1, y=3), Point(x=1)
        (True, Point(x=1))
    """

    __slots__ = ()
    if TYPE_CHECKING:
        __attrs_attrs__: ClassVar[tuple[attrs.Attribute[Any], ...]]

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        compared = _compared(self.__class__)
        return bool(compared(self) == compared(other))

    def __ne__(self, other: object) -> bool:
        # The wire converter compares every optional child with None: answer that in one test.
        if other is None:
            return True
        result = self.__eq__(other)
        return result if result is NotImplemented else not result

    def __hash__(self) -> int:
        return hash((self.__class__, _compared(self.__class__)(self)))

    def __repr__(self) -> str:
        shown = ", ".join(f"{name}={getattr(self, name)!r}" for name in _shown(self.__class__))
        return f"{self.__class__.__name__}({shown})"


@per_class
def _compared(cls: type) -> Callable[[object], object]:
    names = [field.name for field in attrs.fields(cls) if field.eq]
    getter = operator.attrgetter(*names) if names else None
    return (lambda _: ()) if getter is None else getter


@per_class
def _shown(cls: type) -> tuple[str, ...]:
    return tuple(field.name for field in attrs.fields(cls) if field.repr)
