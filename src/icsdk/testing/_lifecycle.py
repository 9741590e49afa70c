"""Lifecycles: transitions due at a time (Creating -> InService, Deleting -> gone), settled lazily.

Nothing runs in the background. Each request first settles every transition whose time has come,
in time order, so a manual clock makes lifecycles exact. Transitions wait in a heap: settling
costs only what is due, however many components exist.
"""

from __future__ import annotations

import heapq
from collections.abc import Callable

from ._placement import Placement
from ._records import Component, Endpoint, Store

__all__ = ["Lifecycle"]


class Lifecycle:
    """The transitions to come, and what each does when its time comes."""

    def __init__(self, store: Store, placement: Placement, now: Callable[[], float]) -> None:
        self._store = store
        self._placement = placement
        self._now = now
        self._due: list[tuple[float, int, Component | Endpoint]] = []
        self._tickets = 0
        self.failures: dict[str, str] = {}
        """Component name -> the reason its next deployment fails."""
        self.popped = 0
        """Transitions taken from the schedule so far (a measure of work, for tests)."""

    def schedule(self, component: Component, status: str, now: float, delay: float) -> None:
        """Put ``component`` in ``status`` at ``now``, to finish ``delay`` seconds later.

        A transition scheduled before (a create, cut short by a delete) is left in the heap and
        skipped when its time comes: its ticket is no longer the component's.
        """
        component.status = status
        component.modified = now
        component.transition_at = now + delay
        self._tickets += 1
        component.ticket = self._tickets
        heapq.heappush(self._due, (component.transition_at, self._tickets, component))
        self._store.changed()

    def schedule_endpoint(self, endpoint: Endpoint) -> None:
        """Put ``endpoint`` in service at its ``ready_at``."""
        self._tickets += 1
        heapq.heappush(self._due, (endpoint.ready_at, self._tickets, endpoint))

    def settle(self) -> None:
        """Apply every transition whose time has come, then place what that changed."""
        now = self._now()
        due = self._due
        while due and due[0][0] <= now:
            _, ticket, item = heapq.heappop(due)
            self.popped += 1
            if isinstance(item, Endpoint):
                if item.status == "Creating" and self._store.endpoints.get(item.name) is item:
                    item.status = "InService"
                    item.modified = item.ready_at
            elif item.ticket == ticket and self._store.components.get(item.name) is item:
                self._finish(item)
        self._placement.place()

    def _finish(self, component: Component) -> None:
        when = component.transition_at or self._now()
        component.transition_at = None
        component.modified = when
        self._store.changed()
        placement = self._placement
        if component.status == "Deleting":
            placement.unplace(component)
            placement.forget(component)
            self._store.remove_component(component)
            self._store.tags.pop(component.arn, None)
            return
        pending, component.pending = component.pending or {}, None
        reason = self.failures.pop(component.name, None)
        if reason is not None:
            component.status = "Failed"
            component.failure_reason = reason
            placement.unplace(component)
            return
        if "Specification" in pending or "Specifications" in pending:
            placement.unplace(component)
            old_base = component.base
            component.specification = pending.get("Specification")
            component.specifications = pending.get("Specifications")
            self._store.rebase(component, old_base)
        if "DeploymentConfig" in pending:
            component.last_deployment = pending["DeploymentConfig"]
        component.status = "InService"
        component.failure_reason = None
        placement.mark(component)
