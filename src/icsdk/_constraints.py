"""Checks of one value against the service model's limits (`icsdk._limits`), and the matcher.

Nothing here is stricter than the model, but everything the wire cannot carry is refused: NaN and
infinities, integers outside the 32-bit (`integer`) or 64-bit (`long`) range of their shape, and
numbers beyond the range of a `float` (32-bit) or `double` shape. An enum value the table does
not know is looked up in the installed botocore model before it is refused, so a newer botocore
with a new instance type works without a new icsdk.

Patterns are matched against the whole value with the semantics of the service's (Java) regular
expressions, which differ from Python's `re` in ways that matter for input checks:

* `.` matches no line terminator (`\\n`, `\\r`, `\\u0085`, `\\u2028`, `\\u2029`);
* `$` matches at the end, or before one final line terminator;
* `\\s`, `\\S`, `\\w`, `\\d` are ASCII classes (a no-break space is not `\\s`);
* `\\p{L}`-style classes (only in the tag pattern) use Python's `unicodedata`, whose Unicode
  version may differ from the service's by a few recently assigned characters; this is the one
  known difference.
"""

from __future__ import annotations

import functools
import math
import re
import unicodedata
from collections.abc import Callable, Mapping
from typing import Final, NamedTuple

from ._limits import INSTANCE_TYPES, LIMITS, Limit, model_of

__all__ = [
    "INSTANCE_TYPES",
    "LIMITS",
    "METRIC_PUBLISH_FREQUENCIES",
    "check_publish_frequency",
    "Limit",
    "Problem",
    "Problems",
    "enum_allows",
    "matcher",
    "matches",
]


#: The publish frequencies the service accepts; the model declares none, the service enforces these.
METRIC_PUBLISH_FREQUENCIES: Final = frozenset({10, 30, 60, 120, 180, 240, 300})


# What each numeric shape can carry on the wire: (lowest, highest, what it is).
_WIRE_RANGE: Final[Mapping[str, tuple[float, float, str]]] = {
    "integer": (-(2**31), 2**31 - 1, "a 32-bit integer"),
    "long": (-(2**63), 2**63 - 1, "a 64-bit integer"),
    "float": (-3.4028234663852886e38, 3.4028234663852886e38, "a 32-bit float"),
    "double": (-1.7976931348623157e308, 1.7976931348623157e308, "a 64-bit float"),
}


class Problem(NamedTuple):
    """One thing wrong with a spec: where (a dotted path) and what, in words.

    Examples:
        >>> from icsdk import InferenceComponent, SpecError
        >>> try:
        ...     InferenceComponent.from_boto3({"InferenceComponentName": "a", "EndpointName": "e",
        ...         "Specification": {"ModelName": "m",
        ...             "ComputeResourceRequirements": {"MinMemoryRequiredInMb": 64}}})
        ... except SpecError as error:
        ...     problem = error.problems[0]
        >>> problem.path, problem.message
        ('specification.compute.min_memory_mb', 'must be at least 128 MB, got 64')
    """

    path: str
    message: str

    def __str__(self) -> str:
        return f"{self.path}: {self.message}" if self.path else self.message


class Problems:
    """Collects problems under a path prefix; the checks append, the caller raises once.

    Examples:
        >>> p = Problems("spec")
        >>> p.number("copies", 2**31, "InferenceComponentCopyCount", "copies")
        >>> print(*p.items)
        spec.copies: must be at most 2147483647 copies (a 32-bit integer), got 2147483648
    """

    __slots__ = ("items", "prefix")

    def __init__(self, prefix: str = "") -> None:
        self.prefix = prefix
        self.items: list[Problem] = []

    def at(self, name: str) -> str:
        """The full path of `name` under this prefix."""
        return f"{self.prefix}.{name}" if self.prefix else name

    def add(self, name: str, message: str) -> None:
        """Record that `name` is wrong, in words."""
        self.items.append(Problem(self.at(name), message))

    def nested(self, name: str) -> Problems:
        """A view that records into the same list under `prefix.name`."""
        child = Problems(self.at(name))
        child.items = self.items
        return child

    # Each check reports what is wrong with one value; `instance` also says whether the value has
    # the type that further checks need.

    def value(
        self, name: str, value: object, shape: str, unit: str = "", *, secret: bool = False
    ) -> None:
        """Check a scalar `value` against `shape`, whatever its kind."""
        kind = LIMITS[shape].kind
        if kind == "string":
            self.string(name, value, shape, secret=secret)
        elif kind == "boolean":
            self.boolean(name, value)
        else:
            self.number(name, value, shape, unit)

    def string(self, name: str, value: object, shape: str, *, secret: bool = False) -> None:
        """Check a string against the length, pattern and enum of `shape`."""
        if value is None:
            self.add(name, "is required")
            return
        if not isinstance(value, str):
            got = type(value).__name__ if secret else _kind(value)
            self.add(name, f"must be a string, got {got}")
            return
        limit = LIMITS[shape]
        shown = "the value" if secret else _shown(value)
        if limit.min is not None and len(value) < limit.min:
            self.add(
                name,
                f"must be at least {limit.min:g}{_units(limit.min, 'characters')} long, "
                f"got {len(value)}",
            )
        elif limit.max is not None and len(value) > limit.max:
            self.add(name, f"must be at most {limit.max:g} characters long, got {len(value)}")
        elif limit.pattern is not None and not matcher(limit.pattern)(value):
            self.add(name, f"must match the pattern {limit.pattern}; {shown} does not")
        elif limit.enum is not None and not enum_allows(shape, value):
            self.add(name, f"must be one of {_choices(limit.enum)}, got {shown}")

    def number(self, name: str, value: object, shape: str, unit: str = "") -> None:
        """Check a number against `shape`'s bounds and what its wire type can carry."""
        limit = LIMITS[shape]
        integral = limit.kind in ("integer", "long")
        if isinstance(value, bool) or not isinstance(value, int | float):
            self.add(
                name, f"must be {'an integer' if integral else 'a number'}, got {_kind(value)}"
            )
            return
        if integral and not isinstance(value, int):
            self.add(name, f"must be an integer, got {_kind(value)}")
            return
        if isinstance(value, float) and not math.isfinite(value):
            self.add(name, f"must be a finite number, got {value}")
            return
        suffix = f" {unit}" if unit else ""
        low, high, carried = _WIRE_RANGE[limit.kind]
        got = _number(value)
        if limit.min is not None and value < limit.min:
            self.add(name, f"must be at least {limit.min:g}{_units(limit.min, unit)}, got {got}")
        elif limit.max is not None and value > limit.max:
            self.add(name, f"must be at most {limit.max:g}{_units(limit.max, unit)}, got {got}")
        elif value < low:
            self.add(name, f"must be at least {_bound(low)}{suffix} ({carried}), got {got}")
        elif value > high:
            self.add(name, f"must be at most {_bound(high)}{suffix} ({carried}), got {got}")

    def boolean(self, name: str, value: object) -> None:
        """Check that `value` is True or False."""
        if not isinstance(value, bool):
            self.add(name, f"must be True or False, got {_kind(value)}")

    def count(self, name: str, size: int, shape: str, what: str) -> None:
        """Check the number of entries of a list or map against `shape`."""
        limit = LIMITS[shape]
        if limit.min is not None and size < limit.min:
            self.add(name, f"must have at least {limit.min:g} {what}, got {size}")
        elif limit.max is not None and size > limit.max:
            self.add(name, f"must have at most {limit.max:g} {what}, got {size}")

    def instance(
        self, name: str, value: object, cls: type, what: str, *, secret: bool = False
    ) -> bool:
        """Check that `value` is a `cls` (described as `what`); True when it is."""
        if isinstance(value, cls):
            return True
        got = type(value).__name__ if secret else _kind(value)
        self.add(name, f"must be {what}, got {got}")
        return False


def _kind(value: object) -> str:
    if isinstance(value, str):
        return f"str {_shown(value)}"
    if isinstance(value, int | float) and not isinstance(value, bool):
        return f"{type(value).__name__} {_number(value)}"
    return type(value).__name__


def _number(value: int | float) -> str:
    # int's repr refuses more than 4,300 digits and `:g` overflows past a double: neither may
    # stop an error message from being written.
    if not isinstance(value, int) or -(10**18) < value < 10**18:
        return repr(value)
    digits = int(value.bit_length() * math.log10(2)) + 1
    return f"{'-' if value < 0 else ''}(an integer of about {digits} digits)"


def _units(amount: float, unit: str | None) -> str:
    """`` devices`` after an amount, ``device`` after exactly one."""
    if not unit:
        return ""
    return f" {unit[:-1]}" if amount == 1 and unit.endswith("s") and unit != "MB" else f" {unit}"


def _bound(value: float) -> str:
    return str(int(value)) if float(value).is_integer() and abs(value) < 2**64 else f"{value:g}"


def _shown(value: str) -> str:
    shown = repr(value)
    return shown if len(shown) <= 80 else f"{shown[:60]}...' ({len(value)} characters)"


def _choices(values: tuple[str, ...]) -> str:
    if len(values) > 8:
        return f"the {len(values)} values the service model lists"
    return ", ".join(values)


# The characters Java's `.` refuses and its `$` may stand before.
_LINE_TERMINATORS = "\n\r\u0085\u2028\u2029"
_DOT = f"[^{_LINE_TERMINATORS}]"
_END = f"(?=(?:\r\n|[{_LINE_TERMINATORS}])?\\Z)"


@functools.cache
def matcher(pattern: str) -> Callable[[str], bool]:
    """A whole-value test for a service model pattern, with the service's regex semantics.

    Compiled on first use, not at import. Python's `re` has no `\\p{...}` classes; the model uses
    them only in single character classes repeated (the tag pattern), which are tested character
    by character instead.

    Examples:
        >>> matcher(r"(?!\\s*$).+")("alarm"), matcher(r"(?!\\s*$).+")("line\\nbreak")
        (True, False)
    """
    if r"\p{" not in pattern:
        compiled = re.compile(_java_semantics(pattern), re.ASCII)
        return lambda value: compiled.fullmatch(value) is not None
    body = re.fullmatch(r"\(?\[(.*)\]\*\)?", pattern)
    if body is None:  # pragma: no cover - guarded by the coverage test
        raise ValueError(f"unsupported pattern {pattern!r}")
    categories = tuple(re.findall(r"\\p\{(\w)\}", body.group(1)))
    literal = re.sub(r"\\p\{\w\}", "", body.group(1)).replace("\\", "")

    def test(value: str) -> bool:
        return all(ch in literal or unicodedata.category(ch)[0] in categories for ch in value)

    return test


def _java_semantics(pattern: str) -> str:
    """`pattern` with `.` and `$` (outside character classes) spelled as Java reads them."""
    out: list[str] = []
    in_class = False
    index = 0
    while index < len(pattern):
        char = pattern[index]
        if char == "\\":
            out.append(pattern[index : index + 2])
            index += 2
            continue
        if in_class:
            in_class = char != "]"
        elif char == "[":
            in_class = True
            # A `]` first in a class (after an optional `^`) is a literal, not its end.
            following = pattern[index + 1 : index + 3]
            if following.startswith("]") or following == "^]":
                skip = 2 if following.startswith("]") else 3
                out.append(pattern[index : index + skip])
                index += skip
                continue
        elif char == ".":
            char = _DOT
        elif char == "$":
            char = _END
        out.append(char)
        index += 1
    return "".join(out)


def matches(shape: str, value: str) -> bool:
    """Whether `value` matches the model pattern of `shape` (whole value)."""
    pattern = LIMITS[shape].pattern
    return pattern is None or matcher(pattern)(value)


def accepts(shape: str, value: object) -> bool:
    """Whether the declared check of `shape` passes `value`.

    A rule that spans fields tests a value only once its own check passed, so a problem is
    reported once, by that check.

    Examples:
        >>> accepts("cloudwatch:TreatMissingData", "missing"), accepts("cloudwatch:Threshold", "1")
        (True, False)
    """
    probe = Problems()
    probe.value("", value, shape)
    return not probe.items


def enum_allows(shape: str, value: str) -> bool:
    """Whether `value` is in the enum of `shape`, in this table or the installed model."""
    limit = LIMITS[shape]
    if limit.enum is None or value in limit.enum:
        return True
    return value in _installed_enum(shape)


@functools.cache
def _installed_enum(shape: str) -> frozenset[str]:
    import botocore.session  # only for values newer than this table
    from botocore.model import StringShape

    service, name = model_of(shape)
    found = botocore.session.get_session().get_service_model(service).shape_for(name)
    return frozenset(found.enum if isinstance(found, StringShape) else ())


def check_publish_frequency(p: Problems, name: str, seconds: object) -> None:
    """Report ``seconds`` unless it is a frequency the service publishes metrics at.

    The model declares no limit for these fields; its documentation lists the values
    ("Valid values: 10, 30, 60, 120, 180, 240, 300.").

    Examples:
        >>> p = Problems()
        >>> check_publish_frequency(p, "publish_frequency_s", 45)
        >>> print(p.items[0])
        publish_frequency_s: must be one of 10, 30, 60, 120, 180, 240, 300 seconds, got 45
    """
    if isinstance(seconds, int) and seconds not in METRIC_PUBLISH_FREQUENCIES:
        allowed = ", ".join(str(s) for s in sorted(METRIC_PUBLISH_FREQUENCIES))
        p.add(name, f"must be one of {allowed} seconds, got {seconds}")
