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
from ._plan import Action, Plan, diff, diff_scaling, owned_copies
from ._scaling_operations import ScalingOperations
from ._spec import deferred_validation
from ._state import ComponentState, Status
from ._waiting import Until, UntilLike, as_until

if TYPE_CHECKING:
    from ._deployment import DeploymentConfig
    from ._endpoint import Endpoint
    from ._spec import InferenceComponent, Tag
    from ._waiting import Progress

__all__ = ["Reconciler", "Wait"]

Wait = Callable[[str, UntilLike, "Callable[[Progress], None] | None"], "ComponentState | None"]
"""``wait(name, until, on_progress)`` with the caller's timeout and polling bound in."""


class Reconciler:
    """plan and apply over the component operations and a wait."""

    def __init__(
        self, operations: Operations, endpoints: EndpointOperations, scaling: ScalingOperations
    ) -> None:
        self._operations = operations
        self._endpoints = endpoints
        self._scaling = scaling

    def plan(self, component: InferenceComponent) -> Plan:
        """What apply would do, without doing it, with how its copies fit."""
        live = self._operations.describe_or_none(component.name)
        plan = diff(component, live, self._live_tags(component, live))
        return self._with_endpoint_facts(self._with_scaling(plan, component, live), component, live)

    def _with_scaling(
        self, plan: Plan, component: InferenceComponent, live: ComponentState | None
    ) -> Plan:
        """``plan`` with the plan of the component's scaling resources, if it declares any."""
        if component.autoscaling is None:
            return plan
        found = self._scaling.live(component.name) if live is not None else None
        scaling = diff_scaling(
            component.name, component.autoscaling, found.autoscaling if found else None
        )
        return attrs.evolve(plan, scaling=scaling)

    def _with_endpoint_facts(
        self, plan: Plan, component: InferenceComponent, live: ComponentState | None
    ) -> Plan:
        """``plan`` with how the copies fit on the variant's instances, and what to note."""
        if component.is_adapter:
            return plan
        endpoint = self._endpoints.describe_or_none(component.endpoint)
        if endpoint is None or endpoint.endpoint is None:
            unread = CapacityFit(instance_type=None, note=f"endpoint {component.endpoint!r} unread")
            return attrs.evolve(plan, capacity=unread)
        variant = component.variant or (live.variant if live is not None else None)
        if variant is None:
            hosting = [v.name for v in endpoint.endpoint.variants]
            if len(hosting) != 1:
                unnamed = CapacityFit(instance_type=None, note="the variant is not named")
                return attrs.evolve(plan, capacity=unnamed)
            variant = hosting[0]
        copies = _copies_after(component, live)
        if copies != component.copies:
            with deferred_validation():  # valid already; the count is the one apply leaves
                component = attrs.evolve(component, copies=copies)
        notes = _scale_to_zero_notes(component, variant, endpoint.endpoint)
        return attrs.evolve(
            plan, capacity=fit_of(component, variant, endpoint.endpoint), notes=notes
        )

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
        plan = self._with_scaling(
            diff(component, live, self._live_tags(component, live)), component, live
        )
        if plan.action not in (Action.NOTHING, Action.TAGS):
            plan = self._with_endpoint_facts(plan, component, live)
            if plan.capacity is not None and not plan.capacity.fits and not allow_oversized:
                raise NeverFits(name, plan.capacity.note or str(plan.capacity))
        logger.info("apply %s", plan)
        copies = _copies_after(component, live)
        if component.autoscaling is not None and plan.action in (Action.UPDATE, Action.SCALE):
            changed = copies if live is not None and copies != live.desired_copies else None
            with deferred_validation():  # the autoscaler owns the count: send only a change
                component = attrs.evolve(component, copies=changed)
        if plan.action is Action.REPLACE:
            if not allow_replace:
                raise ReplaceRequired(name, str(plan))
            self._check_before_replacing(component)
            arn = self._replace(component, wait, on_progress)
        elif plan.action is Action.CREATE:
            arn = operations.create(component)
        elif plan.action is Action.UPDATE:
            arn = operations.update(component, deployment)
        elif plan.action is Action.SCALE and copies is not None:
            arn = operations.scale(name, copies)
        else:
            arn = live.arn if live is not None else ""
        if live is not None and plan.action is not Action.REPLACE:
            operations.tag(arn, plan)
        changed = plan.action not in (Action.NOTHING, Action.TAGS)
        if wait_after and (changed or as_until(until) is not Until.IN_SERVICE):
            # The wait runs even when nothing changed: a caller asking for settled copies
            # learns whether they are there, not just that the spec matches.
            wait(name, until, on_progress)
        self._apply_scaling(component, plan)
        return plan

    def _apply_scaling(self, component: InferenceComponent, plan: Plan) -> None:
        """Put the scaling resources the plan says are missing or different."""
        if component.autoscaling is None or plan.scaling is None or plan.scaling.is_noop:
            return
        # Read again: a replace or a create leaves nothing of what the plan saw.
        found = self._scaling.live(component.name)
        self._scaling.put(component.name, component.autoscaling, found)

    def delete_scaling(self, name: str) -> None:
        """Remove component ``name``'s scaling resources, if it has any (before deleting it)."""
        self._scaling.delete(name)

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


def _copies_after(component: InferenceComponent, live: ComponentState | None) -> int | None:
    """How many copies the component has once apply is done (the spec's, or the owned count)."""
    if live is None or live.desired_copies is None:
        return component.copies
    wanted = owned_copies(component, live.desired_copies)
    return live.desired_copies if wanted is None else wanted


def _scale_to_zero_notes(
    component: InferenceComponent, variant_name: str, endpoint: Endpoint
) -> tuple[str, ...]:
    """What keeps scale to zero from saving anything: instances the variant never releases."""
    autoscaling = component.autoscaling
    if autoscaling is None or autoscaling.min_copies != 0:
        return ()
    variant = next((v for v in endpoint.variants if v.name == variant_name), None)
    if variant is None:
        return ()
    scaling = variant.scaling
    if scaling is None or scaling.status == "DISABLED":
        return (
            f"min_copies=0 takes the copies to zero, but variant {variant_name!r} has no "
            "managed instance scaling: its instances keep running",
        )
    if scaling.min_instances is not None and scaling.min_instances > 0:
        return (
            f"min_copies=0 takes the copies to zero, but variant {variant_name!r} keeps "
            f"{scaling.min_instances} instance(s) (ManagedInstanceScaling min_instances)",
        )
    return ()
