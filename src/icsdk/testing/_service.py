"""The local SageMaker service: its state, its operations by name, and the lock around them.

The pieces underneath: records in a `Store`, placement of copies, the fleets of instances
(managed scaling) and endpoint deployments, lifecycles settled lazily from a schedule, resources
(models, endpoint configs, tags), endpoints and components. This
module wires them together and is the only way in: every operation and every settle runs under
one lock, so the HTTP threads, the runtime and the clock never see a half-made change.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Mapping
from typing import Any, NamedTuple

from ._capacity import InstanceCapacity
from ._components import Components
from ._endpoints import Endpoints
from ._fleet import Fleet
from ._lifecycle import Lifecycle
from ._placement import Placement
from ._protocol import AwsError, validate_request
from ._records import Store
from ._resources import Resources
from ._rollout import Rollouts

__all__ = ["Service", "Work"]

_Operation = Callable[[dict[str, Any]], dict[str, Any]]


class Service:
    """All state and every control-plane operation of the local SageMaker."""

    def __init__(
        self,
        *,
        now: Callable[[], float],
        region: str,
        account: str,
        create_delay: float,
        update_delay: float,
        delete_delay: float,
        endpoint_delay: float,
        instances: Mapping[str, InstanceCapacity],
        require_models: bool,
        instance_delay: float = 0.3,
        idle_delay: float = 600.0,
    ) -> None:
        self.lock = threading.RLock()
        """Held for every read and change of the state below."""
        self.store = Store(region=region, account=account)
        self.placement = Placement(self.store)
        table = dict(instances)
        fleet = Fleet(
            self.store,
            self.placement,
            table,
            instance_delay=instance_delay,
            idle_delay=idle_delay,
        )
        rollouts = Rollouts(self.store, self.placement, fleet)
        self.lifecycle = Lifecycle(self.store, self.placement, fleet, rollouts, now)
        resources = Resources(
            self.store, self.lifecycle, now, instances=table, require_models=require_models
        )
        endpoints = Endpoints(
            self.store, self.lifecycle, resources, fleet, now, endpoint_delay=endpoint_delay
        )
        components = Components(
            self.store,
            self.lifecycle,
            resources,
            now,
            create_delay=create_delay,
            update_delay=update_delay,
            delete_delay=delete_delay,
        )
        self._resources = resources
        self._endpoints = endpoints
        self._components = components
        self._operations: dict[str, _Operation] = {
            "CreateModel": resources.create_model,
            "DescribeModel": resources.describe_model,
            "DeleteModel": resources.delete_model,
            "ListModels": resources.list_models,
            "CreateEndpointConfig": resources.create_endpoint_config,
            "DescribeEndpointConfig": resources.describe_endpoint_config,
            "DeleteEndpointConfig": resources.delete_endpoint_config,
            "ListEndpointConfigs": resources.list_endpoint_configs,
            "CreateEndpoint": endpoints.create_endpoint,
            "DescribeEndpoint": endpoints.describe_endpoint,
            "UpdateEndpoint": endpoints.update_endpoint,
            "DeleteEndpoint": endpoints.delete_endpoint,
            "ListEndpoints": endpoints.list_endpoints,
            "CreateInferenceComponent": components.create_inference_component,
            "DescribeInferenceComponent": components.describe_inference_component,
            "UpdateInferenceComponent": components.update_inference_component,
            "UpdateInferenceComponentRuntimeConfig": (
                components.update_inference_component_runtime_config
            ),
            "DeleteInferenceComponent": components.delete_inference_component,
            "ListInferenceComponents": components.list_inference_components,
            "AddTags": resources.add_tags,
            "ListTags": resources.list_tags,
            "DeleteTags": resources.delete_tags,
        }

    def handle(self, operation: str, params: dict[str, Any]) -> dict[str, Any]:
        """Validate ``params`` against the service model and run ``operation``."""
        method = self._operations.get(operation)
        if method is None:
            raise AwsError("UnknownOperationException", f"Unknown operation {operation}")
        validate_request("sagemaker", operation, params)
        with self.lock:
            return method(params)

    def settle(self) -> None:
        """Apply every transition whose time has come."""
        with self.lock:
            self.lifecycle.settle()

    def fail_next_deployment(self, name: str, reason: str) -> None:
        with self.lock:
            self.lifecycle.failures[name] = reason

    def fail_next_endpoint_deployment(self, endpoint: str, reason: str) -> None:
        with self.lock:
            self.lifecycle.endpoint_failures[endpoint.lower()] = reason

    def create_model(self, name: str) -> str:
        """A model called ``name`` with a placeholder role and image; its ARN."""
        with self.lock:
            created = self._resources.create_model(
                {
                    "ModelName": name,
                    "ExecutionRoleArn": f"arn:aws:iam::{self.store.account}:role/local",
                    "PrimaryContainer": {"Image": "local/model:latest"},
                }
            )
        return str(created["ModelArn"])

    def create_endpoint(
        self,
        name: str,
        *,
        instance_type: str,
        instance_count: int,
        variant: str,
        partitions: list[str] | None = None,
    ) -> str:
        """An endpoint for components, through its own config named ``{name}-config``; its ARN."""
        variant_spec: dict[str, Any] = {
            "VariantName": variant,
            "InstanceType": instance_type,
            "InitialInstanceCount": instance_count,
        }
        if partitions is not None:
            variant_spec["AcceleratorPartitionLayouts"] = [
                {"AcceleratorPartitionTypes": list(partitions)}
            ]
        with self.lock:
            self._resources.create_endpoint_config(
                {
                    "EndpointConfigName": f"{name}-config",
                    "ExecutionRoleArn": f"arn:aws:iam::{self.store.account}:role/local",
                    "ProductionVariants": [variant_spec],
                }
            )
            arn = self._endpoints.create_endpoint(
                {"EndpointName": name, "EndpointConfigName": f"{name}-config"}
            )["EndpointArn"]
            self.lifecycle.settle()
        return str(arn)

    @property
    def work(self) -> Work:
        """Work done so far, counted in steps whose number must not grow with the fleet.

        Tests compare it across requests to check that one request's cost does not depend on
        how many components exist.
        """
        with self.lock:
            return Work(
                transitions=self.lifecycle.popped,
                placements=self.placement.examined,
                listed=self._components.listing.scanned,
            )


class Work(NamedTuple):
    """Counters of the service's work (see `Service.work`)."""

    transitions: int
    """Scheduled transitions taken from the heap."""
    placements: int
    """Components looked at by placement passes."""
    listed: int
    """Components filtered into list views (once per view, not once per page)."""
