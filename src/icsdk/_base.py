"""What every spec class shares: limits declared on the fields, one validating walker, builders.

A spec class is a frozen, slotted, keyword-only attrs class deriving from `Spec`, declared with
``eq=False, repr=False`` because `Spec` is a `Record`, which compares, hashes and shows every spec
class with one set of methods. Each field says which service model shape it follows with
`metadata=limit(...)`; a field whose type is a spec class (or a tuple of them) needs none. `check`
reads those declarations, so a class writes by hand only the rules that span several fields, in
`_rules`.
"""

from __future__ import annotations

import contextlib
from collections.abc import Generator, Mapping
from contextvars import ContextVar
from typing import TYPE_CHECKING, Generic, TypeVar, cast

from ._constraints import Problem, Problems
from ._environment import Environment
from ._errors import SpecError
from ._fields import FieldCheck, field_checks, limit
from ._record import Record

if TYPE_CHECKING:
    from typing import Self

__all__ = [
    "Spec",
    "SpecBuilder",
    "check",
    "deferred_validation",
    "field_checks",
    "flatten",
    "limit",
    "validate",
]

#: Set while a whole tree is being assembled, so it is validated once, with full paths.
_DEFERRED: ContextVar[bool] = ContextVar("icsdk_deferred_validation", default=False)


class Spec(Record):
    """Validation on construction and builders, shared by every spec class."""

    __slots__ = ()

    def __attrs_post_init__(self) -> None:
        for check_ in field_checks(type(self)):
            value: object = getattr(self, check_.name)
            if check_.form == "map":
                if _loose_mapping(value):
                    env = Environment(cast("Mapping[str, str]", value))
                    object.__setattr__(self, check_.name, env)
            elif isinstance(value, list) and check_.form in ("specs", "strings"):
                object.__setattr__(self, check_.name, tuple(cast("list[object]", value)))
        self._normalise()
        if _DEFERRED.get():
            return
        problems = Problems()
        check(self, problems)
        if problems.items:
            raise SpecError(problems.items)

    def _normalise(self) -> None:
        """Turn a convenient input into its one canonical form."""

    def _rules(self, p: Problems) -> None:
        """Report problems that span several fields (each field's own limits are declared)."""

    def to_builder(self) -> SpecBuilder[Self]:
        """A builder holding this spec's values, to change some (nested ones too) and build anew.

        Examples:
            >>> from icsdk import ComputeRequirements
            >>> compute = ComputeRequirements(min_memory_mb=1024, cpu_cores=1)
            >>> compute.to_builder().set("cpu_cores", 2).build().cpu_cores
            2
        """
        return SpecBuilder(type(self), flatten(self))


def _loose_mapping(value: object) -> bool:
    return isinstance(value, Mapping) and not isinstance(value, Environment)


def check(obj: Spec, p: Problems) -> None:
    """Report `obj`'s own problems to `p`: every field against its declaration, then its rules."""
    for field in field_checks(type(obj)):
        value = getattr(obj, field.name)
        if value is None:
            if field.required:
                p.add(field.name, "is required")
        elif field.form == "value":
            declared = field.limit
            assert declared is not None
            p.value(field.name, value, declared.shape, declared.unit, secret=declared.secret)
        else:
            _check_container(field, value, p)
    obj._rules(p)


def _check_container(field: FieldCheck, value: object, p: Problems) -> None:
    name, declared, cls = field.name, field.limit, field.cls
    if field.form == "spec":
        assert cls is not None
        p.instance(name, value, cls, _article(cls))
        return
    if field.form == "map":
        assert declared is not None
        if not p.instance(name, value, Mapping, "a mapping", secret=declared.secret):
            return
        entries: Mapping[object, object] = value  # type: ignore[assignment]
        p.count(name, len(entries), declared.shape, declared.unit or "entries")
        for key, item in entries.items():
            if not isinstance(key, str):
                p.add(name, f"keys must be strings, got {type(key).__name__}")
                continue
            if declared.key is not None:
                p.string(f"{name}[{key!r}]", key, declared.key)
            if declared.value is not None:
                p.string(f"{name}[{key!r}]", item, declared.value, secret=declared.secret)
        return
    what = f"a tuple of {cls.__name__}" if cls is not None else "a tuple of strings"
    if not p.instance(name, value, tuple, what):
        return
    items: tuple[object, ...] = value  # type: ignore[assignment]
    if declared is not None:
        p.count(name, len(items), declared.shape, declared.unit or "entries")
    for index, item in enumerate(items):
        if cls is not None:
            p.instance(f"{name}[{index}]", item, cls, _article(cls))
        elif declared is not None and declared.item is not None:
            p.string(f"{name}[{index}]", item, declared.item)


def _article(cls: type) -> str:
    return f"{'an' if cls.__name__[0] in 'AEIOU' else 'a'} {cls.__name__}"


@contextlib.contextmanager
def deferred_validation() -> Generator[None]:
    """Build spec objects without validating each (the caller validates the whole tree after).

    Examples:
        >>> from icsdk import ComputeRequirements
        >>> with deferred_validation():
        ...     draft = ComputeRequirements(min_memory_mb=1)
        >>> draft.min_memory_mb
        1
    """
    token = _DEFERRED.set(True)
    try:
        yield
    finally:
        _DEFERRED.reset(token)


def validate(obj: Spec, prefix: str = "") -> None:
    """Validate `obj` and everything under it, raising one SpecError with full paths.

    Examples:
        >>> from icsdk import ComputeRequirements, SpecError
        >>> with deferred_validation():
        ...     draft = ComputeRequirements(min_memory_mb=1)
        >>> try:
        ...     validate(draft, "compute")
        ... except SpecError as error:
        ...     print(error.paths)
        ('compute.min_memory_mb',)
    """
    problems = Problems(prefix)
    _walk(obj, problems)
    if problems.items:
        raise SpecError(problems.items)


def _walk(obj: Spec, p: Problems) -> None:
    check(obj, p)
    for field in field_checks(type(obj)):
        value = getattr(obj, field.name)
        if isinstance(value, Spec):
            _walk(value, p.nested(field.name))
        elif field.form == "specs" and isinstance(value, tuple):
            for index, item in enumerate(value):  # pyright: ignore[reportUnknownVariableType,reportUnknownArgumentType]
                if isinstance(item, Spec):
                    _walk(item, p.nested(f"{field.name}[{index}]"))


def flatten(spec: Spec, prefix: str = "") -> dict[str, object]:
    """Every value of `spec` by its dotted path, nested specs opened up (tuples kept whole).

    Examples:
        >>> from icsdk import Adapter
        >>> flatten(Adapter(base="b", artifact_url="s3://a/b"), "adapter")
        {'adapter.base': 'b', 'adapter.artifact_url': 's3://a/b'}
    """
    values: dict[str, object] = {}
    for field in field_checks(type(spec)):
        path = f"{prefix}.{field.name}" if prefix else field.name
        value = getattr(spec, field.name)
        if isinstance(value, Spec):
            values.update(flatten(value, path))
        else:
            values[path] = value
    return values


# Covariant, so a builder of a subclass (InferenceComponentBuilder) is a builder of a spec.
T = TypeVar("T", bound=Spec, covariant=True)


class SpecBuilder(Generic[T]):
    """Values for a spec class by dotted path, from which `build()` makes a validated spec.

    Every call returns a new builder. Paths are the ones [`SpecError`][icsdk.SpecError] reports
    (`specification.compute.cpu_cores`); nested specs are made as needed when built.

    Examples:
        >>> from icsdk import Scheduling
        >>> builder = Scheduling(placement_strategy="SPREAD").to_builder()
        >>> balanced = builder.set("availability_zone_balance.max_imbalance", 2).build()
        >>> balanced.availability_zone_balance
        AvailabilityZoneBalance(enforcement_mode='PERMISSIVE', max_imbalance=2)
    """

    __slots__ = ("_target", "_values")

    def __init__(self, target: type[T], values: Mapping[str, object] | None = None) -> None:
        self._target = target
        self._values: Mapping[str, object] = dict(values or {})

    def set(self, path: str, value: object) -> Self:
        """Set the value at `path`, replacing what was there (a spec replaces the whole subtree).

        Raises [`SpecError`][icsdk.SpecError] if `path` names no field.

        Examples:
            >>> from icsdk import ComputeRequirements
            >>> compute = ComputeRequirements(min_memory_mb=128, cpu_cores=1)
            >>> compute.to_builder().set("min_memory_mb", 256).build().min_memory_mb
            256
        """
        self._field_at(path)
        values = {key: kept for key, kept in self._values.items() if not _related(key, path)}
        if isinstance(value, Spec):
            values.update(flatten(value, path))
        else:
            values[path] = value
        return type(self)(self._target, values)

    def build(self) -> T:
        """Make the spec and validate all of it, raising one SpecError with full paths.

        Examples:
            >>> from icsdk import Tag
            >>> Tag(key="team", value="a").to_builder().set("value", "b").build()
            Tag(key='team', value='b')
        """
        with deferred_validation():
            built = _assemble(self._target, "", self._values)
        validate(built)
        return built

    def _get(self, path: str) -> object:
        return self._values.get(path)

    def _field_at(self, path: str) -> FieldCheck:
        cls: type[Spec] | None = self._target
        found: FieldCheck | None = None
        for name in path.split("."):
            fields = {field.name: field for field in field_checks(cls)} if cls else {}
            found = fields.get(name)
            if found is None:
                raise SpecError([Problem(path, f"is not a field of {self._target.__name__}")])
            cls = cast("type[Spec] | None", found.cls) if found.form == "spec" else None
        assert found is not None
        return found

    def __repr__(self) -> str:
        shown = [
            f"{path}={self._shown(path, value)}"
            for path, value in self._values.items()
            if value is not None
        ]
        return f"{type(self).__name__}({', '.join(shown)})"

    def _shown(self, path: str, value: object) -> str:
        field = self._field_at(path)
        if field.form == "spec" and not isinstance(value, Spec):
            return f"<{type(value).__name__}>"
        if field.limit is not None and field.limit.secret and not isinstance(value, Environment):
            return "'***'"
        return repr(value)


def _related(key: str, path: str) -> bool:
    """Whether `key` is `path`, lies under it, or holds it (and so gives way to a new value)."""
    return key == path or key.startswith(f"{path}.") or path.startswith(f"{key}.")


def _assemble(cls: type[T], prefix: str, values: Mapping[str, object]) -> T:
    """A `cls` from the values under `prefix`; a required value not given is None (reported)."""
    kwargs: dict[str, object] = {}
    for field in field_checks(cls):
        path = f"{prefix}.{field.name}" if prefix else field.name
        if path in values:
            kwargs[field.alias] = values[path]
        elif field.form == "spec" and any(key.startswith(f"{path}.") for key in values):
            kwargs[field.alias] = _assemble(cast("type[Spec]", field.cls), path, values)
        elif field.required:
            kwargs[field.alias] = None
    return cls(**kwargs)
