"""Public names that load on first use: a package's ``__getattr__`` and ``__dir__``.

``icsdk`` and ``icsdk.testing`` both name each public object's home module instead of
importing it, so importing the package costs nothing until a name is used.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterable, Mapping, MutableMapping
from typing import cast

__all__ = ["lazy_names"]


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
