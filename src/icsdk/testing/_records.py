"""The local service's records: endpoints, inference components, and the store that holds them.

Records are plain mutable dataclasses; only the service's operations and its lifecycle change
them, under the service's lock.
"""

from __future__ import annotations

import heapq
from collections.abc import Iterator, MutableMapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any, TypeVar

from ._capacity import Instance

__all__ = [
    "Change",
    "Component",
    "Endpoint",
    "Names",
    "Review",
    "Rollout",
    "Schedule",
    "Store",
    "hosts_components",
    "stamp",
]

_V = TypeVar("_V")


def stamp(seconds: float) -> datetime:
    """Epoch seconds as the aware datetime the JSON encoder sends as a timestamp."""
    return datetime.fromtimestamp(seconds, UTC)


class Names(MutableMapping[str, _V]):
    """Resources by name, where names differ only in case name the same resource.

    AWS documents endpoint names as "case-insensitive in `CreateEndpoint`" (botocore's
    ``CreateEndpointInput.EndpointName``) and ARNs carry the name lower-cased; models, endpoint
    configurations and components are held to the same rule (assumed: no public evidence), so
    two names can never share one ARN. Each record keeps the name as it was first written.
    """

    def __init__(self) -> None:
        self._items: dict[str, _V] = {}

    def __getitem__(self, name: str) -> _V:
        return self._items[name.lower()]

    def __setitem__(self, name: str, value: _V) -> None:
        self._items[name.lower()] = value

    def __delitem__(self, name: str) -> None:
        del self._items[name.lower()]

    def __contains__(self, name: object) -> bool:
        return isinstance(name, str) and name.lower() in self._items

    def __iter__(self) -> Iterator[str]:
        return iter(self._items)

    def __len__(self) -> int:
        return len(self._items)


@dataclass(eq=False)
class Rollout:
    """An UpdateEndpoint in progress: the configuration it deploys and what it keeps."""

    config_name: str
    config: dict[str, Any]
    started: float
    counts: dict[str, int]
    """Instances each variant of the new fleet starts with (retained or from the config)."""
    weights: dict[str, float]


@dataclass(eq=False)
class Endpoint:
    name: str
    arn: str
    config_name: str
    config: dict[str, Any]
    """The configuration the endpoint runs, as it was created: the endpoint keeps its own copy,
    so deleting the configuration leaves the endpoint as it is."""
    status: str
    """Creating, InService, Updating (an UpdateEndpoint), Deleting or Failed; see `reported`."""
    created: float
    modified: float
    transition_at: float | None = None
    ticket: int = 0
    """Which scheduled transition is current (as for components)."""
    instances: dict[str, list[Instance]] = field(default_factory=dict[str, list[Instance]])
    """Instances by variant: a component's copies go only to its own variant's."""
    weights: dict[str, float] = field(default_factory=dict[str, float])
    """The desired weight of each variant serving a model."""
    failure_reason: str | None = None
    pending: Rollout | None = None
    last_deployment: dict[str, Any] | None = None
    changes: list[Change] = field(default_factory=list["Change"])
    """Instances managed scaling is launching or terminating."""
    idle_since: dict[Instance, float] = field(default_factory=dict[Instance, float])
    """When each instance of a managed variant last lost its last copy."""
    last_operation: float = 0.0
    """When the fleet or its copies last changed (consolidation waits a cooldown after it)."""

    @property
    def variants(self) -> list[dict[str, Any]]:
        return list(self.config["ProductionVariants"])

    def variant(self, name: str) -> dict[str, Any] | None:
        """The production variant called ``name`` (exactly), if the endpoint has one."""
        return next((v for v in self.variants if v["VariantName"] == name), None)

    @property
    def hosts_components(self) -> bool:
        """Whether every variant names instances and no model (an endpoint for components)."""
        return hosts_components(self.config)

    @property
    def reported(self) -> str:
        """The status DescribeEndpoint shows: ``Updating`` while managed scaling is at work."""
        if self.status == "InService" and self.changes:
            return "Updating"
        return self.status


def hosts_components(config: dict[str, Any]) -> bool:
    """Whether a configuration's variants can host inference components."""
    return all(
        "ModelName" not in v
        and ("InstanceType" in v or "InstancePools" in v)
        and "InitialInstanceCount" in v
        for v in config["ProductionVariants"]
    )


@dataclass(eq=False)
class Change:
    """One instance managed scaling is adding to (or taking from) a variant, done at ``due``."""

    endpoint: Endpoint
    variant: str
    instance: Instance
    started: float
    due: float
    adding: bool


@dataclass(eq=False)
class Review:
    """A look at a managed variant's idle instances (``consolidate``: at its copies too)."""

    endpoint: Endpoint
    variant: str
    consolidate: bool


@dataclass(eq=False)
class Component:
    name: str
    arn: str
    endpoint: str
    variant: str
    specification: dict[str, Any] | None
    specifications: list[dict[str, Any]] | None
    desired_copies: int | None
    status: str
    created: float
    modified: float
    transition_at: float | None
    order: int
    """Creation sequence: placement serves components oldest first, ties in creation order."""
    ticket: int = 0
    """Which scheduled transition is current; an earlier one, replaced, is ignored when due."""
    pending: dict[str, Any] | None = None
    failure_reason: str | None = None
    last_deployment: dict[str, Any] | None = None
    placed: list[Instance] = field(default_factory=list[Instance])
    waiting: bool = False
    """Its deployment is done but copies wait for instances managed scaling is adding; it keeps
    its Creating or Updating status meanwhile."""

    @property
    def base(self) -> str | None:
        spec = self.specification or (self.specifications or [{}])[0]
        return spec.get("BaseInferenceComponentName")

    @property
    def model(self) -> str | None:
        spec = self.specification or (self.specifications or [{}])[0]
        return spec.get("ModelName")


class Store:
    """Every resource of one account and region, with the indexes that keep lookups cheap.

    ``members`` changes whenever a component is added or removed; ``version`` also when one
    changes status or modification time. Views derived from the components (list pages) are
    valid while the counter they depend on holds.
    """

    def __init__(self, *, region: str, account: str) -> None:
        self.region = region
        self.account = account
        self.models: Names[dict[str, Any]] = Names()
        self.configs: Names[dict[str, Any]] = Names()
        self.endpoints: Names[Endpoint] = Names()
        self.components: Names[Component] = Names()
        self.tags: dict[str, list[dict[str, str]]] = {}
        self.schedule = Schedule()
        """Transitions and fleet events to come (see `_lifecycle`)."""
        self.members = 0
        self.version = 0
        # Names are unique whatever their case, so each ARN names exactly one resource.
        self._arns: set[str] = set()
        self._hosted: dict[str, set[str]] = {}
        self._adapters: dict[str, set[str]] = {}
        self._created = 0

    def arn(self, kind: str, name: str) -> str:
        return f"arn:aws:sagemaker:{self.region}:{self.account}:{kind}/{name.lower()}"

    def known(self, arn: str) -> bool:
        return arn in self._arns

    def add_arn(self, arn: str) -> None:
        self._arns.add(arn)

    def drop_arn(self, arn: str) -> None:
        self._arns.discard(arn)

    def next_order(self) -> int:
        self._created += 1
        return self._created

    def add_component(self, component: Component) -> None:
        self.components[component.name] = component
        self._hosted.setdefault(component.endpoint.lower(), set()).add(component.name)
        if component.base is not None:
            self._adapters.setdefault(component.base.lower(), set()).add(component.name)
        self.add_arn(component.arn)
        self.members += 1
        self.version += 1

    def remove_component(self, component: Component) -> None:
        del self.components[component.name]
        self._hosted[component.endpoint.lower()].discard(component.name)
        if component.base is not None:
            self._adapters.get(component.base.lower(), set()).discard(component.name)
        self.drop_arn(component.arn)
        self.members += 1
        self.version += 1

    def rebase(self, component: Component, old_base: str | None) -> None:
        """Re-index an adapter whose specification (and so its base) was replaced."""
        if old_base is not None:
            self._adapters.get(old_base.lower(), set()).discard(component.name)
        if component.base is not None:
            self._adapters.setdefault(component.base.lower(), set()).add(component.name)

    def hosted_by(self, endpoint: str) -> list[str]:
        """Names of the components on ``endpoint``, sorted."""
        return sorted(self._hosted.get(endpoint.lower(), ()))

    def adapters_of(self, base: str) -> list[str]:
        """Names of the adapters whose base is ``base``, sorted."""
        return sorted(self._adapters.get(base.lower(), ()))

    def changed(self) -> None:
        self.version += 1


Due = Component | Endpoint | Change | Review
"""What the schedule holds: a transition of a component or an endpoint, or a fleet event."""


class Schedule:
    """Transitions and fleet events due at a time, in a heap: taking them costs what is due."""

    def __init__(self) -> None:
        self._heap: list[tuple[float, int, Due]] = []
        self._tickets = 0

    def push(self, when: float, item: Due) -> int:
        """Schedule ``item`` at ``when``; its ticket (components and endpoints keep theirs)."""
        self._tickets += 1
        heapq.heappush(self._heap, (when, self._tickets, item))
        return self._tickets

    def pop_due(self, now: float) -> tuple[float, int, Due] | None:
        """The earliest item due by ``now``, taken off the schedule; ``None`` if nothing is."""
        if self._heap and self._heap[0][0] <= now:
            return heapq.heappop(self._heap)
        return None
