"""What loads or is made on first use: a package's public names, and `Once` values.

``icsdk`` and ``icsdk.testing`` both name each public object's home module instead of
importing it, so importing the package costs nothing until a name is used. `Once` makes a
value the first time it is asked for: the Client's parts for endpoints, autoscaling and
plan/apply, whose modules a program that never uses them never loads.
"""

from __future__ import annotations

import importlib
import threading
from collections.abc import Callable, Iterable, Mapping, MutableMapping
from typing import Generic, TypeVar, cast

__all__ = ["Once", "lazy_names"]


def lazy_names(
    namespace: MutableMapping[str, object], homes: Mapping[str, str]
) -> tuple[Callable[[str], object], Callable[[], list[str]]]:
    """The ``__getattr__`` and ``__dir__`` of the package whose ``globals()`` is ``namespace``.

    ``homes`` maps each public name to its module, relative to the package. A name loads on
    first use and is kept in the package's namespace, so the next use is a plain lookup.

    Examples:
        >>> namespace = {"__name__": "icsdk", "__all__": ["Status"]}
        >>> getattr_, dir_ = lazy_names(namespace, {"Status": "._state"})
        >>> getattr_("Status").__name__, "Status" in namespace, dir_()
        ('Status', True, ['Status', '__all__', '__name__'])
    """
    package = str(namespace["__name__"])

    def __getattr__(name: str) -> object:
        home = homes.get(name)
        if home is None:
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        value = getattr(importlib.import_module(home, package), name)
        namespace[name] = value
        return value

    def __dir__() -> list[str]:
        public = cast("Iterable[str]", namespace.get("__all__", ()))
        return sorted({*namespace, *public})

    return __getattr__, __dir__


_T = TypeVar("_T")


class Once(Generic[_T]):
    """A value made by ``make`` on the first `get`, once, whichever thread asks first.

    Examples:
        >>> calls = []
        >>> once = Once(lambda: calls.append("made") or len(calls))
        >>> once.get(), once.get(), calls
        (1, 1, ['made'])
    """

    __slots__ = ("_lock", "_make", "_value")

    def __init__(self, make: Callable[[], _T]) -> None:
        self._make: Callable[[], _T] | None = make
        self._value: _T | None = None
        self._lock = threading.Lock()

    def get(self) -> _T:
        """The value, made now if this is the first call."""
        if self._make is not None:
            with self._lock:
                if self._make is not None:
                    self._value = self._make()
                    self._make = None
        return cast("_T", self._value)
