"""A production variant of an endpoint built for inference components, and its parts.

A variant for components names instances, never a model: the components bring the models. What
each field follows in `CreateEndpointConfig`'s `ProductionVariant` is declared on it; the members
that cannot host components (a model, serverless, Elastic Inference) have no field here, and the
wire layer refuses them with the reason when it parses boto3 kwargs.
"""

from __future__ import annotations

from typing import Literal, TypeAlias

import attrs

from ._base import Spec, limit
from ._constraints import Problems

__all__ = [
    "AcceleratorPartitionLayout",
    "CapacityReservation",
    "CoreDump",
    "InstancePool",
    "ManagedInstanceScaling",
    "PrefixAwareRouting",
    "Routing",
    "RoutingStrategy",
    "ScaleInPolicy",
    "Variant",
]

RoutingStrategy: TypeAlias = Literal[
    "LEAST_OUTSTANDING_REQUESTS", "RANDOM", "PREFIX_AWARE", "KV_AWARE"
]
"""How a variant picks the instance for each request (the model's `RoutingStrategy` enum)."""


@attrs.frozen(kw_only=True, eq=False, repr=False)
class ScaleInPolicy(Spec):
    """How managed instance scaling gives instances back.

    `IDLE_RELEASE` releases instances that host no component copies; `CONSOLIDATION` also moves
    copies onto fewer instances to release more (honouring each component's scheduling).

    Examples:
        >>> ScaleInPolicy(strategy="CONSOLIDATION", cooldown_minutes=30).cooldown_minutes
        30
    """

    strategy: Literal["IDLE_RELEASE", "CONSOLIDATION"] = attrs.field(
        metadata=limit("ManagedInstanceScalingScaleInStrategy")
    )
    maximum_step_size: int | None = attrs.field(
        default=None, metadata=limit("ManagedInstanceScalingMaximumStepSize", "instances")
    )
    cooldown_minutes: int | None = attrs.field(
        default=None, metadata=limit("ManagedInstanceScalingCooldownInMinutes", "minutes")
    )


@attrs.frozen(kw_only=True, eq=False, repr=False)
class ManagedInstanceScaling(Spec):
    """How many instances SageMaker keeps for the variant as component copies come and go.

    `status` is sent as `ENABLED` unless you say otherwise (every public example of an endpoint
    for components sends it); `None` leaves it out of the request. `min_instances=0` lets the
    variant scale to zero instances when no copies remain.

    Examples:
        >>> scaling = ManagedInstanceScaling(min_instances=0, max_instances=4)
        >>> scaling.status, scaling.min_instances, scaling.max_instances
        ('ENABLED', 0, 4)
    """

    min_instances: int | None = attrs.field(
        default=None, metadata=limit("ManagedInstanceScalingMinInstanceCount", "instances")
    )
    max_instances: int | None = attrs.field(
        default=None, metadata=limit("ManagedInstanceScalingMaxInstanceCount", "instances")
    )
    status: Literal["ENABLED", "DISABLED"] | None = attrs.field(
        default="ENABLED", metadata=limit("ManagedInstanceScalingStatus")
    )
    scale_in: ScaleInPolicy | None = None

    def _rules(self, p: Problems) -> None:
        low, high = self.min_instances, self.max_instances
        if _is_int(low) and _is_int(high) and high < low:  # type: ignore[operator]
            p.add("max_instances", f"must not be less than min_instances ({low}), got {high}")


@attrs.frozen(kw_only=True, eq=False, repr=False)
class PrefixAwareRouting(Spec):
    """Tuning of `PREFIX_AWARE` routing: how much of a prompt is matched, and when to spill over.

    Examples:
        >>> PrefixAwareRouting(prefix_length=4096, concurrency_threshold=8).prefix_length
        4096
    """

    prefix_length: int | None = attrs.field(
        default=None, metadata=limit("PrefixAwareRoutingPrefixLength")
    )
    concurrency_threshold: int | None = attrs.field(
        default=None, metadata=limit("PrefixAwareRoutingConcurrencyThreshold", "requests")
    )


@attrs.frozen(kw_only=True, eq=False, repr=False)
class Routing(Spec):
    """How the variant routes requests among its instances.

    Besides `LEAST_OUTSTANDING_REQUESTS` and `RANDOM`, the model lists `PREFIX_AWARE` (tuned by
    `prefix_aware`) and `KV_AWARE` ("works only with supported containers, such as the
    SageMaker AI vLLM Deep Learning Container", in the model's words).

    Examples:
        >>> Routing(strategy="LEAST_OUTSTANDING_REQUESTS").strategy
        'LEAST_OUTSTANDING_REQUESTS'
    """

    strategy: RoutingStrategy = attrs.field(metadata=limit("RoutingStrategy"))
    prefix_aware: PrefixAwareRouting | None = None

    def _rules(self, p: Problems) -> None:
        # The model's documentation of PrefixAwareRoutingConfig: "Specify this parameter only
        # when you set RoutingStrategy to PREFIX_AWARE."
        if self.prefix_aware is not None and self.strategy != "PREFIX_AWARE":
            p.add("prefix_aware", f"applies only to PREFIX_AWARE routing, not {self.strategy!r}")


@attrs.frozen(kw_only=True, eq=False, repr=False)
class InstancePool(Spec):
    """One instance type the variant may provision, tried in priority order (1 first).

    Examples:
        >>> InstancePool(instance_type="ml.g6e.12xlarge", priority=2).priority
        2
    """

    instance_type: str = attrs.field(metadata=limit("ProductionVariantInstanceType"))
    priority: int = attrs.field(metadata=limit("InstancePoolPriority"))


@attrs.frozen(kw_only=True, eq=False, repr=False)
class CapacityReservation(Spec):
    """Launch the variant's instances into an ML capacity reservation.

    Examples:
        >>> CapacityReservation(preference="capacity-reservations-only").preference
        'capacity-reservations-only'
    """

    preference: Literal["capacity-reservations-only"] | None = attrs.field(
        default=None, metadata=limit("CapacityReservationPreference")
    )
    ml_reservation_arn: str | None = attrs.field(default=None, metadata=limit("MlReservationArn"))


@attrs.frozen(kw_only=True, eq=False, repr=False)
class AcceleratorPartitionLayout(Spec):
    """The partition profiles (MIG on NVIDIA GPUs) carved on every accelerator of the variant.

    Repeat a profile for several partitions of that size; one component copy runs on each.

    Examples:
        >>> layout = AcceleratorPartitionLayout(partition_types=("mig-3g.40gb", "mig-3g.40gb"))
        >>> layout.partition_types
        ('mig-3g.40gb', 'mig-3g.40gb')
    """

    partition_types: tuple[str, ...] | None = attrs.field(
        default=None,
        metadata=limit("AcceleratorPartitionTypeList", "profiles", item="AcceleratorPartitionType"),
    )


@attrs.frozen(kw_only=True, eq=False, repr=False)
class CoreDump(Spec):
    """Where a crashing model container's core dump is written.

    Examples:
        >>> CoreDump(destination_s3_uri="s3://bucket/dumps/").destination_s3_uri
        's3://bucket/dumps/'
    """

    destination_s3_uri: str = attrs.field(metadata=limit("DestinationS3Uri"))
    kms_key_id: str | None = attrs.field(default=None, metadata=limit("KmsKeyId"))


@attrs.frozen(kw_only=True, eq=False, repr=False)
class Variant(Spec):
    """A production variant for components: instances, their scaling, routing and startup limits.

    `instances` is the initial instance count. There is no model: components are placed on the
    variant's instances. A variant hosting components takes no weight and no SSM access (the
    service refuses `InitialVariantWeight` and `EnableSSMAccess` there).

    Examples:
        >>> variant = Variant(
        ...     name="AllTraffic",
        ...     instance_type="ml.g5.12xlarge",
        ...     instances=1,
        ...     scaling=ManagedInstanceScaling(min_instances=0, max_instances=4),
        ...     routing=Routing(strategy="LEAST_OUTSTANDING_REQUESTS"),
        ... )
        >>> variant.scaling.max_instances
        4
    """

    name: str = attrs.field(metadata=limit("VariantName"))
    instance_type: str | None = attrs.field(
        default=None, metadata=limit("ProductionVariantInstanceType")
    )
    instances: int | None = attrs.field(
        default=None, metadata=limit("InitialTaskCount", "instances")
    )
    instance_pools: tuple[InstancePool, ...] | None = attrs.field(
        default=None, metadata=limit("InstancePoolList", "pools")
    )
    provision_timeout_s: int | None = attrs.field(
        default=None, metadata=limit("VariantInstanceProvisionTimeoutInSeconds", "seconds")
    )
    volume_size_gb: int | None = attrs.field(
        default=None, metadata=limit("ProductionVariantVolumeSizeInGB", "GB")
    )
    model_data_download_timeout_s: int | None = attrs.field(
        default=None,
        metadata=limit("ProductionVariantModelDataDownloadTimeoutInSeconds", "seconds"),
    )
    container_startup_health_check_timeout_s: int | None = attrs.field(
        default=None,
        metadata=limit("ProductionVariantContainerStartupHealthCheckTimeoutInSeconds", "seconds"),
    )
    scaling: ManagedInstanceScaling | None = None
    routing: Routing | None = None
    inference_ami_version: str | None = attrs.field(
        default=None, metadata=limit("ProductionVariantInferenceAmiVersion")
    )
    capacity_reservation: CapacityReservation | None = None
    accelerator_partition_layouts: tuple[AcceleratorPartitionLayout, ...] | None = attrs.field(
        default=None, metadata=limit("ProductionVariantAcceleratorPartitionLayoutsList", "layouts")
    )
    core_dump: CoreDump | None = None


def _is_int(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)
