"""Endpoint deployments as they finish: a create goes in service, a delete goes, an update swaps.

UpdateEndpoint "Deploys the EndpointConfig specified in the request to a new fleet of instances.
SageMaker shifts endpoint traffic to the new instances with the updated endpoint configuration
and then deletes the old instances using the previous EndpointConfig (there is no availability
loss)" (botocore). Until the update finishes, the endpoint runs its old configuration and old
fleet, and DescribeEndpoint names the old configuration with the new one under
``PendingDeploymentSummary`` (the AWS example of a "SageMaker Endpoint Deployment State Change"
event shows exactly that, https://docs.aws.amazon.com/sagemaker/latest/dg/
automating-sagemaker-with-eventbridge.html).

An endpoint hosting components moves their copies to the new fleet. Every component keeps as
many copies as it has, placed afresh on the new variant's instances (a managed variant's new
fleet grows up to its maximum to hold them). Assumed (no public evidence): the re-placement,
and that an update whose new fleet cannot hold every copy fails.

A failed update is rolled back: the endpoint goes back to ``InService`` on its old
configuration and fleet, with the reason in ``FailureReason``. aws-controllers-k8s/
sagemaker-controller PR #7 (https://github.com/aws-controllers-k8s/sagemaker-controller/pull/7):
"If an update fails, the endpoint goes back to `InService` state with a `FailureReason` about
the error ... the failure reason only stays if the endpoint is in `InService` state and
disappears as soon as a new update is applied"; hashicorp/terraform-provider-aws#39099: "the
failure of `UpdateEndpoint` can result in that endpoint remaining in service, with a failure
reason populated in the `DescribeEndpoint` output". An update whose configuration (old or new)
was deleted meanwhile fails with 'Could not find endpoint configuration "arn:..."', the text
hashicorp/terraform-provider-aws#40048 reports ("The error output when viewing the endpoint in
the console is: ValidationException: Could not find endpoint configuration
"<old_endpoint_config_arn>".").
"""

from __future__ import annotations

import copy

from ._capacity import Instance
from ._fleet import Fleet, fleet_variants, scaling_of
from ._placement import Placement
from ._records import Component, Endpoint, Rollout, Store

__all__ = ["Rollouts"]


class Rollouts:
    """What happens when an endpoint's create, update or delete finishes."""

    def __init__(self, store: Store, placement: Placement, fleet: Fleet) -> None:
        self._store = store
        self._placement = placement
        self._fleet = fleet

    def finish(self, endpoint: Endpoint, when: float, failure: str | None) -> None:
        """End the transition ``endpoint`` is in, at ``when`` (``failure``: made to fail)."""
        endpoint.transition_at = None
        endpoint.modified = when
        endpoint.last_operation = when
        if endpoint.status == "Deleting":
            self._store.endpoints.pop(endpoint.name, None)
            self._store.drop_arn(endpoint.arn)
            self._store.tags.pop(endpoint.arn, None)
        elif endpoint.status == "Creating":
            if failure is None:
                endpoint.status = "InService"
            else:
                # botocore: "Failed: Endpoint could not be created, updated, or re-scaled. Use
                # the FailureReason value returned by DescribeEndpoint for information".
                endpoint.status, endpoint.failure_reason = "Failed", failure
                endpoint.instances = {}
        elif endpoint.status == "Updating" and endpoint.pending is not None:
            rollout, endpoint.pending = endpoint.pending, None
            endpoint.status = "InService"
            endpoint.idle_since.clear()
            reason = failure or self._missing_config(endpoint, rollout)
            if reason is None:
                reason = self._swap(endpoint, rollout)
            endpoint.failure_reason = reason

    def _missing_config(self, endpoint: Endpoint, rollout: Rollout) -> str | None:
        for name in (endpoint.config_name, rollout.config_name):
            if name not in self._store.configs:
                arn = self._store.arn("endpoint-config", name)
                return f'Could not find endpoint configuration "{arn}".'
        return None

    def _swap(self, endpoint: Endpoint, rollout: Rollout) -> str | None:
        """Move to the new configuration and fleet; the reason it cannot, if it cannot."""
        store = self._store
        hosted = [store.components[name] for name in store.hosted_by(endpoint.name)]
        components = sorted(
            (c for c in hosted if c.base is None and c.placed), key=lambda c: (c.created, c.order)
        )
        instances: dict[str, list[Instance]] = {}
        moved: dict[Component, list[Instance]] = {}
        names = {v["VariantName"] for v in rollout.config["ProductionVariants"]}
        for component in components:
            if component.variant not in names:
                return (
                    f"Production variant {component.variant} hosts inference component "
                    f"{component.name}; endpoint configuration {rollout.config_name} does not "
                    "have it."
                )
        for variant in fleet_variants(rollout.config):
            name = variant["VariantName"]
            fleet = self._fleet.provision(variant, rollout.counts.get(name))
            scaling = scaling_of(variant)
            room = scaling.maximum - len(fleet) if scaling is not None else 0
            for component in (c for c in components if c.variant == name):
                fitted = self._fleet.fit(component, len(component.placed), fleet, room, variant)
                if fitted is None:
                    return (
                        f"Insufficient capacity: production variant {name} of endpoint "
                        f"configuration {rollout.config_name} has no room for the "
                        f"{len(component.placed)} copies of inference component "
                        f"{component.name}."
                    )
                room -= len(fitted[1])
                moved[component] = fitted[0]
            instances[name] = fleet
        for component, placed in moved.items():
            component.placed = placed
        endpoint.instances = instances
        endpoint.config_name = rollout.config_name
        endpoint.config = copy.deepcopy(rollout.config)
        endpoint.weights = dict(rollout.weights)
        self._placement.room_added(endpoint.name)
        return None
