"""The immutable description of an endpoint built to host inference components.

[`Endpoint`][icsdk.Endpoint] sits on top of its parts (`icsdk._variant`,
`icsdk._endpoint_parts`), its builder and its boto3 conversion (`icsdk._wire.endpoint`).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import attrs

from ._base import Spec, flatten, limit
from ._endpoint_builder import EndpointBuilder
from ._endpoint_parts import (
    CaptureContentTypes,
    CrossRegionTraffic,
    DataCapture,
    EndpointMetrics,
    Vpc,
)
from ._specification import Tag
from ._variant import (
    AcceleratorPartitionLayout,
    CapacityReservation,
    CoreDump,
    InstancePool,
    ManagedInstanceScaling,
    PrefixAwareRouting,
    Routing,
    RoutingStrategy,
    ScaleInPolicy,
    Variant,
)
from ._wire.endpoint import EndpointRequests, parse_endpoint, render_endpoint

__all__ = [
    "AcceleratorPartitionLayout",
    "CapacityReservation",
    "CaptureContentTypes",
    "CoreDump",
    "CrossRegionTraffic",
    "DataCapture",
    "Endpoint",
    "EndpointMetrics",
    "EndpointRequests",
    "InstancePool",
    "ManagedInstanceScaling",
    "PrefixAwareRouting",
    "Routing",
    "RoutingStrategy",
    "ScaleInPolicy",
    "Variant",
    "Vpc",
]


@attrs.frozen(kw_only=True, eq=False, repr=False)
class Endpoint(Spec):
    """A complete, validated endpoint for inference components: its config and its name.

    Its variants name instances, never a model; the execution role sits on the endpoint config
    (where components' containers find it), and is required there: "AWS requires this when
    `model_name` is not provided" (hashicorp/terraform-provider-aws PR #44977). `config_name`
    names the endpoint config; unset, the config is named after the endpoint and a digest of its
    content (`shared-gpu-1a2b3c4d`), so a changed spec gets the new config that `UpdateEndpoint`
    needs. The endpoint and its config carry the same `tags`.

    Examples:
        >>> ep = (
        ...     Endpoint.builder("shared-gpu")
        ...     .role("arn:aws:iam::123456789012:role/sagemaker")
        ...     .variant("AllTraffic", instance_type="ml.g5.12xlarge", instances=1,
        ...              scaling=ManagedInstanceScaling(min_instances=0, max_instances=4))
        ...     .build()
        ... )
        >>> ep.to_boto3().config["ProductionVariants"][0]["ManagedInstanceScaling"]
        {'Status': 'ENABLED', 'MinInstanceCount': 0, 'MaxInstanceCount': 4}
    """

    name: str = attrs.field(metadata=limit("EndpointName"))
    variants: tuple[Variant, ...] = attrs.field(metadata=limit("ProductionVariantList", "variants"))
    config_name: str | None = attrs.field(default=None, metadata=limit("EndpointConfigName"))
    role_arn: str = attrs.field(metadata=limit("RoleArn"))
    vpc: Vpc | None = None
    network_isolation: bool | None = attrs.field(default=None, metadata=limit("Boolean"))
    kms_key_id: str | None = attrs.field(default=None, metadata=limit("KmsKeyId"))
    data_capture: DataCapture | None = None
    metrics: EndpointMetrics | None = None
    cross_region_traffic: CrossRegionTraffic | None = None
    tags: tuple[Tag, ...] | None = attrs.field(default=None, metadata=limit("TagList", "tags"))

    @staticmethod
    def builder(name: str) -> EndpointBuilder:
        """Start a fluent builder for an endpoint called `name`.

        Examples:
            >>> role = "arn:aws:iam::123456789012:role/sagemaker"
            >>> Endpoint.builder("shared-gpu").role(role).variant("AllTraffic").build().name
            'shared-gpu'
        """
        return EndpointBuilder(Endpoint, {"name": name})

    def to_builder(self) -> EndpointBuilder:
        """A builder holding this endpoint, to change a few values and rebuild.

        Examples:
            >>> role = "arn:aws:iam::123456789012:role/sagemaker"
            >>> start = Endpoint.builder("e").role(role)
            >>> ep = start.variant("v", instance_type="ml.g5.xlarge").build()
            >>> ep.to_builder().kms_key("alias/ml").build().kms_key_id
            'alias/ml'
        """
        return EndpointBuilder(Endpoint, flatten(self))

    def to_boto3(self) -> EndpointRequests:
        """The keyword arguments of `create_endpoint_config` and `create_endpoint`, in that order.

        Unset fields are left out. `from_boto3(*requests)` turns them back into an equal endpoint.

        Examples:
            >>> role = "arn:aws:iam::123456789012:role/sagemaker"
            >>> start = Endpoint.builder("e").role(role)
            >>> ep = start.variant("v", instance_type="ml.g5.xlarge").build()
            >>> config, endpoint = ep.to_boto3()
            >>> config["ProductionVariants"], config["ExecutionRoleArn"]
            ([{'VariantName': 'v', 'InstanceType': 'ml.g5.xlarge'}], \
'arn:aws:iam::123456789012:role/sagemaker')
            >>> endpoint
            {'EndpointName': 'e', 'EndpointConfigName': 'e-0ff6dcea'}
        """
        return render_endpoint(self)

    @classmethod
    def from_boto3(
        cls, config: Mapping[str, Any], endpoint: Mapping[str, Any] | None = None
    ) -> Endpoint:
        """Turn `create_endpoint_config` kwargs (and `create_endpoint`'s) into a validated endpoint.

        Without `endpoint`, the endpoint takes the config's name. Members that cannot host
        components (a model on a variant, serverless, async inference, explainers, shadow
        variants) are refused with the reason. Raises [`SpecError`][icsdk.SpecError] naming
        every unknown key and invalid value.

        Examples:
            >>> ep = Endpoint.from_boto3({
            ...     "EndpointConfigName": "shared-gpu",
            ...     "ExecutionRoleArn": "arn:aws:iam::123456789012:role/sagemaker",
            ...     "ProductionVariants": [{
            ...         "VariantName": "AllTraffic",
            ...         "InstanceType": "ml.g5.12xlarge",
            ...         "InitialInstanceCount": 1,
            ...         "ManagedInstanceScaling": {
            ...             "Status": "ENABLED", "MinInstanceCount": 0, "MaxInstanceCount": 4},
            ...         "RoutingConfig": {"RoutingStrategy": "LEAST_OUTSTANDING_REQUESTS"},
            ...     }],
            ... })
            >>> ep.name, ep.variants[0].scaling.min_instances
            ('shared-gpu', 0)
        """
        return parse_endpoint(Endpoint, config, endpoint)
