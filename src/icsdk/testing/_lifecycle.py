"""Lifecycles: transitions due at a time (Creating -> InService, Deleting -> gone), settled lazily.

Nothing runs in the background. Each request first settles every transition whose time has come,
in time order, so a manual clock makes lifecycles exact. Transitions wait in a heap (the store's
`Schedule`): settling costs only what is due, however many components exist. Components,
endpoints (`_rollout`) and managed instance scaling (`_fleet`) all keep their times there.

A deployment that cannot place every desired copy fails, unless managed instance scaling can
still add the instances its copies need: the component then keeps its Creating or Updating
status until they arrive and its copies are placed (`_fleet`). When a create or update finishes,
its copies are placed at once; if fewer than the desired count fit, the component goes ``Failed``
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

from collections.abc import Callable
from typing import Any

from ._fleet import Fleet
from ._placement import Placement
from ._records import Change, Component, Endpoint, Review, Store
from ._rollout import Rollouts

__all__ = ["Lifecycle"]


class Lifecycle:
    """The transitions to come, and what each does when its time comes."""

    def __init__(
        self,
        store: Store,
        placement: Placement,
        fleet: Fleet,
        rollouts: Rollouts,
        now: Callable[[], float],
    ) -> None:
        self._store = store
        self._placement = placement
        self._fleet = fleet
        self._rollouts = rollouts
        self._now = now
        self.failures: dict[str, str] = {}
        """Component name -> the reason its next deployment fails."""
        self.endpoint_failures: dict[str, str] = {}
        """Endpoint name (lower-cased) -> the reason its next create or update fails."""
        self.popped = 0
        """Transitions taken from the schedule so far (a measure of work, for tests)."""
        # Deployments finished in this settle, each with whether it only changed the copy
        # count and the status it had: once placed, each must hold every desired copy.
        self._deployed: list[tuple[Component, bool, str]] = []
        # Components whose copies wait for instances managed scaling is adding.
        self._waiting: dict[Component, tuple[bool, str]] = {}
        # Endpoints whose copies or instances changed in this settle, and when.
        self._touched: dict[Endpoint, float] = {}

    def schedule(self, component: Component, status: str, now: float, delay: float) -> None:
        """Put ``component`` in ``status`` at ``now``, to finish ``delay`` seconds later.

        A transition scheduled before (a create, cut short by a delete) is left in the heap and
        skipped when its time comes: its ticket is no longer the component's.
        """
        component.status = status
        component.modified = now
        component.transition_at = now + delay
        component.ticket = self._store.schedule.push(component.transition_at, component)
        self._store.changed()

    def schedule_endpoint(self, endpoint: Endpoint, status: str, now: float, delay: float) -> None:
        """Put ``endpoint`` in ``status`` at ``now``, to finish ``delay`` seconds later."""
        endpoint.status = status
        endpoint.modified = now
        endpoint.transition_at = now + delay
        endpoint.ticket = self._store.schedule.push(endpoint.transition_at, endpoint)

    def settle(self) -> None:
        """Apply every transition whose time has come, then place what that changed.

        Placing can start more (instances to launch at once when ``instance_delay`` is 0), so
        this repeats until nothing due is left.
        """
        now = self._now()
        schedule = self._store.schedule
        while True:
            taken = False
            while (entry := schedule.pop_due(now)) is not None:
                self.popped += 1
                taken = True
                self._take(*entry)
            self._placement.place()
            self._after_placement()
            if not taken and not self._deployed:
                return

    def _take(self, when: float, ticket: int, item: Component | Endpoint | Change | Review) -> None:
        store = self._store
        if isinstance(item, Component):
            if item.ticket == ticket and store.components.get(item.name) is item:
                endpoint = store.endpoints.get(item.endpoint)
                if endpoint is not None:
                    self._touched[endpoint] = when
                self._finish(item)
            return
        endpoint = item if isinstance(item, Endpoint) else item.endpoint
        if store.endpoints.get(endpoint.name) is not endpoint:
            return
        if isinstance(item, Endpoint):
            if item.ticket != ticket:
                return
            failure = None
            if item.status in ("Creating", "Updating"):
                failure = self.endpoint_failures.pop(item.name.lower(), None)
            self._rollouts.finish(item, when, failure)
        elif isinstance(item, Change):
            self._fleet.complete(item)
        else:
            self._fleet.check(item, when)
            return
        if store.endpoints.get(endpoint.name) is endpoint:
            self._touched[endpoint] = when

    def _after_placement(self) -> None:
        deployed, self._deployed = self._deployed, []
        for component, scale_only, status in deployed:
            self._check_copies(component, scale_only, status)
        for component, (scale_only, status) in list(self._waiting.items()):
            self._recheck(component, scale_only, status)
        touched, self._touched = self._touched, {}
        for endpoint, when in touched.items():
            self._fleet.review(endpoint, when)

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
            scale_only = component.status == "Updating" and not respecified
            self._deployed.append((component, scale_only, component.status))
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

    def _check_copies(self, component: Component, scale_only: bool, status: str) -> None:
        """A finished deployment whose copies did not all fit: wait for instances, or fail."""
        if self._store.components.get(component.name) is not component:
            return
        desired, placed = component.desired_copies or 0, len(component.placed)
        if component.status != "InService" or placed >= desired:
            return
        endpoint = self._store.endpoints[component.endpoint]
        when = component.modified
        if self._fleet.scale_out(endpoint, component.variant, [component], when):
            self._fail(component, self._shortfall(component), keep_copies=scale_only)
            return
        component.status, component.waiting = status, True
        self._waiting[component] = (scale_only, status)
        self._store.changed()

    def _recheck(self, component: Component, scale_only: bool, status: str) -> None:
        """A component waiting for instances: in service once placed, failed if none can come."""
        endpoint = self._store.endpoints.get(component.endpoint)
        if self._store.components.get(component.name) is not component or endpoint is None:
            del self._waiting[component]
            return
        desired = component.desired_copies or 0
        if len(component.placed) < desired:
            if self._fleet.adding(endpoint, component.variant):
                return
            when = endpoint.last_operation
            if not self._fleet.scale_out(endpoint, component.variant, [component], when):
                return
            del self._waiting[component]
            component.waiting = False
            self._fail(component, self._shortfall(component), keep_copies=scale_only)
            return
        del self._waiting[component]
        component.status, component.waiting = "InService", False
        component.modified = max(component.modified, endpoint.last_operation)
        component.failure_reason = None
        self._store.changed()

    def _shortfall(self, component: Component) -> str:
        desired, placed = component.desired_copies or 0, len(component.placed)
        return (
            f"Insufficient capacity: placed {placed} of {desired} copies of inference component "
            f"{component.name} on endpoint {component.endpoint}; the endpoint's instances have "
            "no room for the rest."
        )
