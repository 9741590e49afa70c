"""Field declarations of the spec classes: which service model shape each field follows.

A spec class declares each field's shape once, with `metadata=limit(...)`; `field_checks` reads
those declarations (and the field's annotation) once per class, for the walker in `icsdk._base`
and for the tests that hold the declarations against botocore's model.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from types import UnionType
from typing import Any, Final, Literal, NamedTuple, TypeVar, Union, get_args, get_origin

import attrs

__all__ = ["FieldCheck", "FieldLimit", "Form", "field_checks", "limit", "optional_of", "per_class"]

_METADATA_KEY: Final = "icsdk.limit"

_R = TypeVar("_R")


def per_class(read: Callable[[type], _R]) -> Callable[[type], _R]:
    """Memoise `read` by class: what a class declares is read once, on first use.

    (`functools.cache` would do, but mypy refuses a spec class as its argument: the class's own
    `__hash__` hides the one its metaclass gives it.)

    Examples:
        >>> @per_class
        ... def name(cls: type) -> str:
        ...     return cls.__name__
        >>> name(int), name(int)
        ('int', 'int')
    """
    memo: dict[type, _R] = {}

    def cached(cls: type) -> _R:
        try:
            return memo[cls]
        except KeyError:
            memo[cls] = found = read(cls)
            return found

    return cached


class FieldLimit(NamedTuple):
    """The service model shapes one field follows (see `limit`)."""

    shape: str
    unit: str
    item: str | None
    key: str | None
    value: str | None
    secret: bool


def limit(
    shape: str,
    unit: str = "",
    *,
    item: str | None = None,
    key: str | None = None,
    value: str | None = None,
    secret: bool = False,
) -> dict[str, FieldLimit]:
    """Field metadata: the field follows the model shape `shape` (a key of `LIMITS`).

    `unit` words the numbers in messages ("MB", or what a list holds); a list of strings names its
    items' shape in `item`, a map its keys' and values' shapes; `secret` values never print.

    Examples:
        >>> limit("MemoryInMb", "MB")["icsdk.limit"].shape
        'MemoryInMb'
    """
    return {_METADATA_KEY: FieldLimit(shape, unit, item, key, value, secret)}


Form = Literal["value", "spec", "specs", "strings", "map"]


class FieldCheck(NamedTuple):
    """How one field of a spec class is checked, read once from its declaration."""

    name: str
    alias: str
    required: bool
    form: Form
    limit: FieldLimit | None
    cls: type | None  # the spec class of a "spec" or "specs" field


def optional_of(annotation: Any) -> Any:
    """What `annotation` holds when it is set: `X` for `X | None`, else `annotation` itself.

    Examples:
        >>> optional_of(int | None), optional_of(tuple[int, ...])
        (<class 'int'>, tuple[int, ...])
    """
    if get_origin(annotation) not in (Union, UnionType):
        return annotation
    kinds = [arg for arg in get_args(annotation) if arg is not type(None)]
    return kinds[0] if len(kinds) == 1 else annotation


@per_class
def field_checks(cls: type) -> tuple[FieldCheck, ...]:
    """How each field of `cls` is checked, from its annotation and its declared limit."""
    checks: list[FieldCheck] = []
    for field in attrs.fields(attrs.resolve_types(cls)):
        declared = field.metadata.get(_METADATA_KEY)
        form, nested = _form(field.type)
        if declared is None and form not in ("spec", "specs"):
            raise TypeError(f"{cls.__name__}.{field.name} declares no limit(...)")
        required = field.default is attrs.NOTHING
        checks.append(
            FieldCheck(field.name, field.alias or field.name, required, form, declared, nested)
        )
    return tuple(checks)


def _form(annotation: Any) -> tuple[Form, type | None]:
    kind = optional_of(annotation)
    if isinstance(kind, type) and attrs.has(kind):
        return "spec", kind
    origin = get_origin(kind)
    if origin is tuple:
        item = get_args(kind)[0]
        if isinstance(item, type) and attrs.has(item):
            return "specs", item
        return "strings", None
    if origin is Mapping:
        return "map", None
    return "value", None
