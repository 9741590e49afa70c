"""Placement: which instances hold the copies of each component, revisited only when it can change.

A copy goes to an instance with room for the component's compute requirements: the fullest one
(``BINPACK``, the default) or the one holding fewest copies of this component (``SPREAD``).
Copies that fit nowhere stay unplaced; the lifecycle then has managed instance scaling add
instances for them, or fails the deployment that asked for them (see `_lifecycle`, `_fleet`).
Room freed in the same pass still reaches them first. A component whose copies wait for new
instances (``waiting``) is placed like one in service.

A pass places components oldest first. Rather than walk every component on every request, the
pass walks only those whose placement can change: components that just became InService, and
components short of copies on an endpoint where room was freed. Room freed during a pass goes
to the short components after the one that freed it in this pass, and to those before it in the
next, which is exactly what walking every component in creation order would do.
"""

from __future__ import annotations

import heapq

from ._capacity import Instance, Need
from ._records import Component, Store

__all__ = ["Placement", "need_of", "pick", "strategy_of"]

_Key = tuple[float, int]
_Pass = tuple[list[tuple[_Key, Component]], set[Component]]


def need_of(component: Component, instance_type: str) -> Need | None:
    """What one copy of ``component`` needs on ``instance_type`` (``None``: it cannot go there).

    A copy on an accelerator partition (``AcceleratorPartitionType``) occupies that partition
    instead of a whole accelerator: botocore's model says "you place one inference component
    on each partition".
    """
    specs = component.specifications or (
        [component.specification] if component.specification else []
    )
    for spec in specs:
        if component.specifications is not None and spec.get("InstanceType") != instance_type:
            continue
        compute = spec.get("ComputeResourceRequirements")
        if compute is None:
            return None
        return Need(
            compute.get("NumberOfCpuCoresRequired", 0.0),
            compute.get("NumberOfAcceleratorDevicesRequired", 0.0),
            compute["MinMemoryRequiredInMb"],
            compute.get("AcceleratorPartitionType"),
        )
    return None


def pick(
    component: Component, instances: list[Instance], placed: list[Instance] | None = None
) -> Instance | None:
    """The instance the next copy of ``component`` goes to, by its strategy; ``None``: no room.

    ``BINPACK`` (the default) takes the fullest instance with room, ``SPREAD`` the one holding
    fewest of its copies (``placed``: where its copies are, by default where they are now).
    """
    placed = component.placed if placed is None else placed
    candidates = [
        i
        for i in instances
        if (need := need_of(component, i.instance_type)) is not None and i.fits(need)
    ]
    if not candidates:
        return None
    if strategy_of(component) == "SPREAD":
        return min(candidates, key=lambda i: sum(p is i for p in placed))
    return max(candidates, key=lambda i: i.used_memory)


def strategy_of(component: Component) -> str:
    """The placement strategy of ``component`` (``BINPACK`` unless its scheduling says)."""
    for spec in component.specifications or [component.specification or {}]:
        strategy = spec.get("SchedulingConfig", {}).get("PlacementStrategy")
        if strategy:
            return str(strategy)
    return "BINPACK"


def _key(component: Component) -> _Key:
    return (component.created, component.order)


class Placement:
    """The copies of every component, and the components whose copies may need to move."""

    def __init__(self, store: Store) -> None:
        self._store = store
        self._pending: set[Component] = set()
        self._short: dict[str, set[Component]] = {}
        self.examined = 0
        """Components looked at by placement passes so far (a measure of work, for tests)."""

    def mark(self, component: Component) -> None:
        """Look at ``component`` in the next pass (it became InService)."""
        self._pending.add(component)

    def forget(self, component: Component) -> None:
        """``component`` is gone: drop it from every queue."""
        self._pending.discard(component)
        self._short.get(component.endpoint, set()).discard(component)

    def current_copies(self, component: Component) -> int:
        """Copies serving ``component``: an adapter is served by its base's copies."""
        if component.base is not None:
            base = self._store.components.get(component.base)
            return len(base.placed) if base is not None else 0
        return len(component.placed)

    def unplace(self, component: Component, count: int | None = None) -> None:
        """Remove ``count`` copies (all by default), latest first."""
        count = len(component.placed) if count is None else count
        if count > 0:
            self._release(component, count)
            self._freed(component.endpoint, None, None)

    def room_added(self, endpoint: str) -> None:
        """Instances joined ``endpoint``: its components short of copies get another try."""
        self._freed(endpoint, None, None)

    def short_on(self, endpoint: str) -> list[Component]:
        """The components of ``endpoint`` the last pass left short of copies, oldest first."""
        return sorted(self._short.get(endpoint, ()), key=_key)

    def place(self) -> None:
        """Run one pass over the components whose placement may have changed."""
        if not self._pending:
            return
        # Keys are unique (creation order breaks ties), so the heap never compares components.
        queue = [(_key(c), c) for c in self._pending]
        queued = set(self._pending)
        self._pending = set()
        heapq.heapify(queue)
        while queue:
            key, component = heapq.heappop(queue)
            self.examined += 1
            self._place(component, key, (queue, queued))

    def _place(
        self,
        component: Component,
        key: _Key,
        this_pass: _Pass,
    ) -> None:
        short = self._short.setdefault(component.endpoint, set())
        short.discard(component)
        serving = component.status == "InService" or component.waiting
        if not serving or component.base is not None:
            return
        desired = component.desired_copies or 0
        if len(component.placed) > desired:
            self._release(component, len(component.placed) - desired)
            self._freed(component.endpoint, key, this_pass)
        endpoint = self._store.endpoints.get(component.endpoint)
        if endpoint is None:
            return
        instances = endpoint.instances.get(component.variant, [])
        while len(component.placed) < desired:
            target = pick(component, instances)
            if target is None:
                short.add(component)
                return
            need = need_of(component, target.instance_type)
            assert need is not None
            target.take(need)
            component.placed.append(target)

    def _release(self, component: Component, count: int) -> None:
        for _ in range(count):
            instance: Instance = component.placed.pop()
            need = need_of(component, instance.instance_type)
            if need is not None:
                instance.take(need, -1)

    def _freed(
        self,
        endpoint: str,
        key: _Key | None,
        this_pass: _Pass | None,
    ) -> None:
        """Room was freed on ``endpoint``: its short components get another try."""
        for waiting in self._short.get(endpoint, ()):
            if this_pass is not None and key is not None and _key(waiting) > key:
                queue, queued = this_pass
                if waiting not in queued:
                    queued.add(waiting)
                    heapq.heappush(queue, (_key(waiting), waiting))
            else:
                self._pending.add(waiting)
