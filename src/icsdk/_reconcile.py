"""Plan and apply: make the live component equal the spec, by the smallest change that does.

apply reads the live state (waiting out a change already in progress), diffs it against the
spec, carries out the plan with the component operations, and waits as asked.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

import attrs

from ._capacity_fit import CapacityFit, fit_of
from ._endpoint_operations import EndpointOperations
from ._errors import DeploymentFailed, NeverFits, ReplaceIncomplete, ReplaceRequired
from ._log import logger
from ._operations import Operations
from ._plan import Action, Plan, diff
from ._spec import deferred_validation
from ._state import ComponentState, Status
from ._waiting import Until, UntilLike, as_until

if TYPE_CHECKING:
    from ._deployment import DeploymentConfig
    from ._spec import InferenceComponent, Tag
    from ._waiting import Progress

__all__ = ["Reconciler", "Wait"]

Wait = Callable[[str, UntilLike, "Callable[[Progress], None] | None"], "ComponentState | None"]
"""``wait(name, until, on_progress)`` with the caller's timeout and polling bound in."""


class Reconciler:
    """plan and apply over the component operations and a wait."""

    def __init__(self, operations: Operations, endpoints: EndpointOperations) -> None:
        self._operations = operations
        self._endpoints = endpoints

    def plan(self, component: InferenceComponent) -> Plan:
        """What apply would do, without doing it, with how its copies fit."""
        live = self._operations.describe_or_none(component.name)
        plan = diff(component, live, self._live_tags(component, live))
        return attrs.evolve(plan, capacity=self._capacity(component, live))

    def _capacity(
        self, component: InferenceComponent, live: ComponentState | None
    ) -> CapacityFit | None:
        """How ``component`` fits on its variant's instances; None for an adapter."""
        if component.is_adapter:
            return None
        endpoint = self._endpoints.describe_or_none(component.endpoint)
        if endpoint is None or endpoint.endpoint is None:
            return CapacityFit(instance_type=None, note=f"endpoint {component.endpoint!r} unread")
        variant = component.variant or (live.variant if live is not None else None)
        if variant is None:
            hosting = [v.name for v in endpoint.endpoint.variants]
            if len(hosting) != 1:
                return CapacityFit(instance_type=None, note="the variant is not named")
            variant = hosting[0]
        if component.copies is None and live is not None and live.desired_copies is not None:
            with deferred_validation():  # valid already; the count is the live one
                component = attrs.evolve(component, copies=live.desired_copies)
        return fit_of(component, variant, endpoint.endpoint)

    def _live_tags(
        self, component: InferenceComponent, live: ComponentState | None
    ) -> tuple[Tag, ...] | None:
        if live is None or component.tags is None:
            return None
        return self._operations.tags(live.arn)

    def apply(
        self,
        component: InferenceComponent,
        *,
        wait: Wait,
        wait_after: bool,
        allow_replace: bool,
        allow_oversized: bool,
        deployment: DeploymentConfig | None,
        until: UntilLike,
        on_progress: Callable[[Progress], None] | None,
    ) -> Plan:
        """Carry out the plan for ``component``; see `Client.apply`."""
        operations, name = self._operations, component.name
        live = operations.describe_or_none(name)
        if live is not None:
            live = self._settled(live, wait, on_progress)
        plan = diff(component, live, self._live_tags(component, live))
        if plan.action not in (Action.NOTHING, Action.TAGS):
            plan = attrs.evolve(plan, capacity=self._capacity(component, live))
            if plan.capacity is not None and not plan.capacity.fits and not allow_oversized:
                raise NeverFits(name, plan.capacity.note or str(plan.capacity))
        logger.info("apply %s", plan)
        if plan.action is Action.REPLACE:
            if not allow_replace:
                raise ReplaceRequired(name, str(plan))
            self._check_before_replacing(component)
            arn = self._replace(component, wait, on_progress)
        elif plan.action is Action.CREATE:
            arn = operations.create(component)
        elif plan.action is Action.UPDATE:
            arn = operations.update(component, deployment)
        elif plan.action is Action.SCALE and component.copies is not None:
            arn = operations.scale(name, component.copies)
        else:
            arn = live.arn if live is not None else ""
        if live is not None and plan.action is not Action.REPLACE:
            operations.tag(arn, plan)
        changed = plan.action not in (Action.NOTHING, Action.TAGS)
        if wait_after and (changed or as_until(until) is not Until.IN_SERVICE):
            # The wait runs even when nothing changed: a caller asking for settled copies
            # learns whether they are there, not just that the spec matches.
            wait(name, until, on_progress)
        return plan

    def _check_before_replacing(self, component: InferenceComponent) -> None:
        """Raise what the service would refuse in the new component, before deleting the old.

        Checked: the endpoint exists, the variant exists and hosts components (serves no
        model), the models named exist, an adapter's base exists. Quotas cannot be known
        ahead; a quota refusal after the delete is reported as ReplaceIncomplete.
        """
        if component.is_adapter:  # an adapter has its base's variant; its endpoint must exist
            self._operations.endpoint_variants(component.endpoint)
        else:
            self._operations.hosting_variant(component.endpoint, component.variant)
        for spec in (component.specification, *(component.instance_pools or ())):
            if spec is None:
                continue
            if spec.model_name is not None:
                self._operations.require_model(spec.model_name)
            if spec.adapter is not None:
                self._operations.describe(spec.adapter.base)

    def _replace(
        self,
        component: InferenceComponent,
        wait: Wait,
        on_progress: Callable[[Progress], None] | None,
    ) -> str:
        name = component.name
        self._operations.delete(name)
        try:
            wait(name, Until.DELETED, on_progress)
            return self._operations.create(component)
        except Exception as error:
            logger.error("replacing %r: deleted, not re-created: %s", name, error)
            raise ReplaceIncomplete(name, str(error)) from error
        except BaseException as interrupted:
            note = (
                f"replacing {name!r} was interrupted after its delete was sent: the old "
                "component is deleted or being deleted, and the new one was not created"
            )
            logger.error("%s", note)
            interrupted.add_note(note)
            raise

    def _settled(
        self,
        live: ComponentState,
        wait: Wait,
        on_progress: Callable[[Progress], None] | None,
    ) -> ComponentState | None:
        """The live state once a change in progress has ended (None if it was deleted)."""
        if live.status is Status.DELETING:
            wait(live.name, Until.DELETED, on_progress)
            return None
        if live.status not in (Status.CREATING, Status.UPDATING):
            return live
        try:
            settled = wait(live.name, Until.IN_SERVICE, on_progress)
        except DeploymentFailed:
            settled = self._operations.describe(live.name)
        return settled
