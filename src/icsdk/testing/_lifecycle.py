"""Lifecycles: transitions due at a time (Creating -> InService, Deleting -> gone), settled lazily.

Nothing runs in the background. Each request first settles every transition whose time has come,
in time order, so a manual clock makes lifecycles exact. Transitions wait in a heap: settling
costs only what is due, however many components exist.

A deployment that cannot place every desired copy fails. When a create or update finishes, its
copies are placed at once; if fewer than the desired count fit, the component goes ``Failed``
with a FailureReason naming the shortfall ("Insufficient capacity: placed 4 of 6 copies of
inference component ..."). A create, or an update that replaced the specification, then keeps
no copies, as any failed deployment here; a change of the copy count alone (a scale) keeps the
copies that fit serving, since they served before the change or fit beside it.

Evidence: none public for what happens to copies that cannot be placed, nor for the
FailureReason wording (fidelity evidence §10). AWS documents that an instance pool without
capacity makes "the deployment fail with an insufficient capacity error (ICE)"; botocore
documents FailureReason as "If the inference component status is ``Failed``, the reason for the
failure". The rest is assumed (no public evidence): stricter plausible behaviour, chosen so that
code waiting for a deployment learns of the shortfall instead of reading ``InService`` with
copies missing forever.

An update that fails (``fail_next_deployment``) is rolled back: the component keeps its old
specification, copy count and copies, which go on serving, and reads ``Failed`` with the
reason. botocore documents that a rolling update "provisions capacity on the new endpoint
fleet, routes traffic to that fleet, and terminates capacity on the old endpoint fleet" step by
step, and that on alarms "SageMaker rolls back the deployment"; what the component reads after
a rollback is not public (assumed: ``Failed``, since a ``FailureReason`` is documented only for
that status and a waiter must not read the rollback as success).
"""

from __future__ import annotations

import heapq
from collections.abc import Callable
from typing import Any

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
        # Deployments finished in this settle, each with whether it only changed the copy
        # count: once placed, each must hold every desired copy.
        self._deployed: list[tuple[Component, bool]] = []

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
        deployed, self._deployed = self._deployed, []
        for component, scale_only in deployed:
            self._check_copies(component, scale_only=scale_only)

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
        if reason is not None and component.status == "Updating":
            self._roll_back(component, pending, reason)
            return
        if reason is not None:
            self._fail(component, reason)
            return
        respecified = "Specification" in pending or "Specifications" in pending
        if component.base is None:
            self._deployed.append((component, component.status == "Updating" and not respecified))
        if respecified:
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

    def _roll_back(self, component: Component, pending: dict[str, Any], reason: str) -> None:
        """A failed update: the old specification, copy count and copies stay (see above)."""
        if "PreviousCopyCount" in pending:
            component.desired_copies = pending["PreviousCopyCount"]
        if "DeploymentConfig" in pending:
            component.last_deployment = pending["DeploymentConfig"]
        self._fail(component, reason, keep_copies=True)

    def _fail(self, component: Component, reason: str, *, keep_copies: bool = False) -> None:
        component.status = "Failed"
        component.failure_reason = reason
        self._store.changed()
        if not keep_copies:
            self._placement.unplace(component)

    def _check_copies(self, component: Component, *, scale_only: bool) -> None:
        """Fail a finished deployment whose copies did not all fit (see the module docstring)."""
        if self._store.components.get(component.name) is not component:
            return
        desired, placed = component.desired_copies or 0, len(component.placed)
        if component.status != "InService" or placed >= desired:
            return
        reason = (
            f"Insufficient capacity: placed {placed} of {desired} copies of inference component "
            f"{component.name} on endpoint {component.endpoint}; the endpoint's instances have "
            "no room for the rest."
        )
        self._fail(component, reason, keep_copies=scale_only)
