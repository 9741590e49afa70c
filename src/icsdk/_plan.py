"""The difference between the component you want and the one that runs, field by field."""

from __future__ import annotations

import enum
from collections.abc import Iterator, Mapping
from typing import TYPE_CHECKING, cast, overload

import attrs

from ._base import Spec, deferred_validation
from ._record import Record
from ._spec import Environment, Specification, Tag
from ._state import Status

if TYPE_CHECKING:
    from ._autoscaling import Autoscaling
    from ._capacity_fit import CapacityFit
    from ._spec import InferenceComponent
    from ._state import ComponentState

__all__ = [
    "Action",
    "Change",
    "Plan",
    "compare",
    "diff",
    "diff_scaling",
    "owned_copies",
    "tag_changes",
]


class Action(enum.Enum):
    """What [`Client.apply`][icsdk.Client.apply] does to make live state match a spec.

    Examples:
        >>> Action.SCALE.value
        'scale'
    """

    CREATE = "create"
    """The component (or endpoint) does not exist yet."""
    UPDATE = "update"
    """The specification differs (copies may too): UpdateInferenceComponent. For an endpoint,
    its config differs: a new endpoint config and UpdateEndpoint."""
    SCALE = "scale"
    """Only the copy count differs: UpdateInferenceComponentRuntimeConfig."""
    TAGS = "tags"
    """Only tags differ: AddTags / DeleteTags."""
    REPLACE = "replace"
    """Only a delete and a new create can get there (another endpoint, a Failed component or
    endpoint)."""
    NOTHING = "nothing"
    """Live state already matches."""


_SECRET = "***"


@attrs.frozen(kw_only=True, eq=False, repr=False)
class Change(Record):
    """One field that differs: its path, the live value and the wanted one.

    Environment values are shown as ``***``.

    Examples:
        >>> str(Change(path="copies", current=1, desired=3))
        'copies: 1 -> 3'
    """

    path: str
    current: object
    desired: object

    def __str__(self) -> str:
        return f"{self.path}: {self.current!r} -> {self.desired!r}"


@attrs.frozen(kw_only=True, eq=False, repr=False)
class Plan(Record):
    """What apply would do for one component (or endpoint), and why.

    Examples:
        >>> plan = Plan(name="a", action=Action.SCALE,
        ...             changes=(Change(path="copies", current=1, desired=3),))
        >>> print(plan)
        a: scale
          copies: 1 -> 3
    """

    name: str
    action: Action
    changes: tuple[Change, ...] = ()
    tags_to_add: tuple[Tag, ...] = ()
    tags_to_remove: tuple[str, ...] = ()
    reasons: tuple[str, ...] = ()
    capacity: CapacityFit | None = None
    """How a component's copies fit on its variant's instances (``None`` for an adapter, an
    endpoint, or an apply that changes nothing)."""
    scaling: Plan | None = None
    """The plan of the component's scaling resources (``None`` without `autoscaling`)."""
    notes: tuple[str, ...] = ()
    """What icsdk found worth knowing across resources, that does not change the action."""

    @property
    def is_noop(self) -> bool:
        """Whether nothing needs doing.

        Examples:
            >>> Plan(name="a", action=Action.NOTHING).is_noop
            True
        """
        own = self.action is Action.NOTHING and not self.tags_to_add and not self.tags_to_remove
        return own and (self.scaling is None or self.scaling.is_noop)

    def __str__(self) -> str:
        lines = [f"{self.name}: {self.action.value}"]
        lines += [f"  {change}" for change in self.changes]
        lines += [f"  tag {tag.key}={tag.value!r}" for tag in self.tags_to_add]
        lines += [f"  untag {key}" for key in self.tags_to_remove]
        lines += [f"  because {reason}" for reason in self.reasons]
        if self.capacity is not None:
            lines.append(f"  capacity: {self.capacity}")
        lines += [f"  note: {note}" for note in self.notes]
        if self.scaling is not None:
            lines.append(f"  autoscaling: {self.scaling.action.value}")
            lines += [f"    {change}" for change in self.scaling.changes]
        return "\n".join(lines)


def diff(
    desired: InferenceComponent,
    live: ComponentState | None,
    live_tags: tuple[Tag, ...] | None = None,
) -> Plan:
    """The plan that makes ``live`` match ``desired``.

    Fields left unset in ``desired`` (``copies``, ``variant``, ``tags``) are left as they are.
    """
    if live is None:
        return Plan(name=desired.name, action=Action.CREATE, tags_to_add=desired.tags or ())
    reasons: list[str] = []
    if live.endpoint != desired.endpoint:
        reasons.append(f"it runs on endpoint {live.endpoint!r}, not {desired.endpoint!r}")
    if desired.variant is not None and live.variant not in (None, desired.variant):
        reasons.append(f"it runs on variant {live.variant!r}, not {desired.variant!r}")
    if live.status is Status.FAILED:
        reasons.append(f"it is Failed ({live.failure_reason or 'no reason given'})")
    changes = list(
        compare(
            "specification",
            _owned(live.specification, desired.specification),
            desired.specification,
        )
    )
    live_pools, wanted_pools = live.instance_pools, desired.instance_pools
    if live_pools is not None and wanted_pools is not None and len(live_pools) == len(wanted_pools):
        live_pools = tuple(_owned(a, b) for a, b in zip(live_pools, wanted_pools, strict=True))
    changes += compare("instance_pools", live_pools, wanted_pools)
    live_base = _base(live.specification, live.instance_pools)
    wanted_base = _base(desired.specification, desired.instance_pools)
    if live_base != wanted_base:
        reasons.append(f"its base component is {live_base!r}, not {wanted_base!r}")
    spec_changed = bool(changes)
    copies = owned_copies(desired, live.desired_copies)
    if copies is not None and copies != live.desired_copies:
        changes.append(Change(path="copies", current=live.desired_copies, desired=copies))
    add, remove = tag_changes(desired.tags, live_tags or ())
    if reasons:
        action = Action.REPLACE
    elif spec_changed:
        action = Action.UPDATE
    elif changes:
        action = Action.SCALE
    elif add or remove:
        action = Action.TAGS
    else:
        action = Action.NOTHING
    return Plan(
        name=desired.name,
        action=action,
        changes=tuple(changes),
        tags_to_add=add,
        tags_to_remove=remove,
        reasons=tuple(reasons),
    )


@overload
def _owned(live: Specification, desired: Specification | None) -> Specification: ...
@overload
def _owned(live: None, desired: Specification | None) -> None: ...
@overload
def _owned(live: Specification | None, desired: Specification | None) -> Specification | None: ...
def _owned(live: Specification | None, desired: Specification | None) -> Specification | None:
    """``live`` without the values the service fills in where ``desired`` leaves them unset.

    Describe reports what the service decided, not only what was asked: data caching (on by
    default on accelerator instances, per terraform-provider-aws's resource comments), and on
    an adapter the compute requirements of its base. Those are not drift.
    """
    if live is None or desired is None:
        return live
    filled: dict[str, None] = {}
    if desired.data_caching is None and live.data_caching is not None:
        filled["data_caching"] = None
    both_adapters = desired.adapter is not None and live.adapter is not None
    if both_adapters and desired.compute is None and live.compute is not None:
        filled["compute"] = None
    if not filled:
        return live
    with deferred_validation():  # the service's own state, already accepted once
        return attrs.evolve(live, **filled)


def owned_copies(desired: InferenceComponent, live: int | None) -> int | None:
    """The copy count apply should ask for; ``None`` leaves the live count as it is.

    With autoscaling attached the autoscaler owns the count: a live count within
    [min_copies, max_copies] is left alone, one outside is brought to the nearest bound.
    """
    scaling = desired.autoscaling
    if scaling is None or live is None:
        return desired.copies
    return min(max(live, scaling.min_copies), scaling.max_copies)


def diff_scaling(name: str, desired: Autoscaling | None, live: Autoscaling | None) -> Plan | None:
    """The plan of component ``name``'s scaling resources; None when the spec has none.

    A spec without `autoscaling` leaves live scaling resources alone: icsdk manages only what
    it was asked to.
    """
    if desired is None:
        return None
    label = f"{name} autoscaling"
    if live is None:
        return Plan(name=label, action=Action.CREATE)
    changes = tuple(compare("autoscaling", live, desired))
    return Plan(name=label, action=Action.UPDATE if changes else Action.NOTHING, changes=changes)


def _base(spec: Specification | None, pools: tuple[Specification, ...] | None) -> str | None:
    first = spec or (pools[0] if pools else None)
    return first.adapter.base if first is not None and first.adapter is not None else None


def compare(path: str, current: object, desired: object) -> Iterator[Change]:
    """The changes from ``current`` to ``desired`` under ``path``, nested specs opened up.

    Environment values are never shown: a changed one reads ``***``.
    """
    if current == desired:
        return
    if isinstance(current, Spec) and isinstance(desired, Spec) and type(current) is type(desired):
        for field in attrs.fields(type(desired)):
            yield from compare(
                f"{path}.{field.name}", getattr(current, field.name), getattr(desired, field.name)
            )
    elif _same_length_tuples(current, desired):
        olds, news = cast("tuple[object, ...]", current), cast("tuple[object, ...]", desired)
        for index, (old, new) in enumerate(zip(olds, news, strict=True)):
            yield from compare(f"{path}[{index}]", old, new)
    elif _is_mapping(current) or _is_mapping(desired):
        yield from _compare_environment(path, current, desired)
    else:
        yield Change(path=path, current=current, desired=desired)


def _is_mapping(value: object) -> bool:
    return isinstance(value, Mapping)


def _same_length_tuples(current: object, desired: object) -> bool:
    if not isinstance(current, tuple) or not isinstance(desired, tuple):
        return False
    return len(cast("tuple[object, ...]", current)) == len(cast("tuple[object, ...]", desired))


def _compare_environment(path: str, current: object, desired: object) -> Iterator[Change]:
    old = current if isinstance(current, Environment) else Environment()
    new = desired if isinstance(desired, Environment) else Environment()
    for key in sorted(set(old) | set(new)):
        if old.get(key) != new.get(key):
            yield Change(
                path=f"{path}[{key!r}]",
                current=_SECRET if key in old else None,
                desired=_SECRET if key in new else None,
            )


def tag_changes(
    desired: tuple[Tag, ...] | None, live: tuple[Tag, ...]
) -> tuple[tuple[Tag, ...], tuple[str, ...]]:
    """The tags to add (new or changed) and the keys to remove; none when ``desired`` is None."""
    if desired is None:
        return (), ()
    have = {tag.key: tag.value for tag in live}
    want = {tag.key: tag.value for tag in desired}
    add = tuple(tag for tag in desired if have.get(tag.key) != tag.value)
    remove = tuple(sorted(key for key in have if key not in want))
    return add, remove
