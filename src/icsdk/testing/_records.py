"""The local service's records: endpoints, inference components, and the store that holds them.

Records are plain mutable dataclasses; only the service's operations and its lifecycle change
them, under the service's lock.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from ._capacity import Instance

__all__ = ["Component", "Endpoint", "Store", "stamp"]


def stamp(seconds: float) -> datetime:
    """Epoch seconds as the aware datetime the JSON encoder sends as a timestamp."""
    return datetime.fromtimestamp(seconds, UTC)


@dataclass(eq=False)
class Endpoint:
    name: str
    arn: str
    config_name: str
    variants: list[dict[str, Any]]
    hosts_components: bool
    status: str
    created: float
    modified: float
    ready_at: float
    instances: dict[str, list[Instance]] = field(default_factory=dict[str, list[Instance]])

    def all_instances(self) -> list[Instance]:
        """Every instance of every variant: copies are placed across all of them."""
        return [instance for pool in self.instances.values() for instance in pool]


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
        self.models: dict[str, dict[str, Any]] = {}
        self.configs: dict[str, dict[str, Any]] = {}
        self.endpoints: dict[str, Endpoint] = {}
        self.components: dict[str, Component] = {}
        self.tags: dict[str, list[dict[str, str]]] = {}
        self.members = 0
        self.version = 0
        # ARNs are lower-cased names, so two resources may share one: count them.
        self._arns: Counter[str] = Counter()
        self._hosted: dict[str, set[str]] = {}
        self._adapters: dict[str, set[str]] = {}
        self._created = 0

    def arn(self, kind: str, name: str) -> str:
        return f"arn:aws:sagemaker:{self.region}:{self.account}:{kind}/{name.lower()}"

    def known(self, arn: str) -> bool:
        return self._arns[arn] > 0

    def add_arn(self, arn: str) -> None:
        self._arns[arn] += 1

    def drop_arn(self, arn: str) -> None:
        self._arns[arn] -= 1
        if self._arns[arn] <= 0:
            del self._arns[arn]

    def next_order(self) -> int:
        self._created += 1
        return self._created

    def add_component(self, component: Component) -> None:
        self.components[component.name] = component
        self._hosted.setdefault(component.endpoint, set()).add(component.name)
        if component.base is not None:
            self._adapters.setdefault(component.base, set()).add(component.name)
        self.add_arn(component.arn)
        self.members += 1
        self.version += 1

    def remove_component(self, component: Component) -> None:
        del self.components[component.name]
        self._hosted[component.endpoint].discard(component.name)
        if component.base is not None:
            self._adapters.get(component.base, set()).discard(component.name)
        self.drop_arn(component.arn)
        self.members += 1
        self.version += 1

    def rebase(self, component: Component, old_base: str | None) -> None:
        """Re-index an adapter whose specification (and so its base) was replaced."""
        if old_base is not None:
            self._adapters.get(old_base, set()).discard(component.name)
        if component.base is not None:
            self._adapters.setdefault(component.base, set()).add(component.name)

    def hosted_by(self, endpoint: str) -> list[str]:
        """Names of the components on ``endpoint``, sorted."""
        return sorted(self._hosted.get(endpoint, ()))

    def adapters_of(self, base: str) -> list[str]:
        """Names of the adapters whose base is ``base``, sorted."""
        return sorted(self._adapters.get(base, ()))

    def changed(self) -> None:
        self.version += 1
