"""What a component runs: the specification and its parts (container, compute, scheduling, ...).

Every class validates itself when constructed and raises [`SpecError`][icsdk.SpecError] listing
all of its problems. Fields are snake_case in plain units; each declares the service model shape it
follows (`limit(...)`), and the AWS member names live only in `icsdk._wire`.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Literal, TypeAlias

import attrs

from ._base import Spec, limit
from ._constraints import Problems, check_publish_frequency

__all__ = [
    "Adapter",
    "AvailabilityZoneBalance",
    "ComputeRequirements",
    "Container",
    "ContainerMetrics",
    "MetricsEndpoint",
    "PlacementStrategy",
    "Scheduling",
    "Specification",
    "StartupParameters",
    "Tag",
]

PlacementStrategy: TypeAlias = Literal["SPREAD", "BINPACK"]
"""How copies are placed across instances: spread out, or packed onto as few as fit."""


@attrs.frozen(kw_only=True, eq=False, repr=False)
class MetricsEndpoint(Spec):
    """Where the container publishes its own metrics, and how often they are collected.

    Examples:
        >>> MetricsEndpoint(path="/metrics", publish_frequency_s=60)
        MetricsEndpoint(path='/metrics', publish_frequency_s=60)
    """

    path: str = attrs.field(metadata=limit("MetricsEndpointPath"))
    publish_frequency_s: int | None = attrs.field(
        default=None, metadata=limit("MetricPublishFrequencyInSeconds", "seconds")
    )

    def _rules(self, p: Problems) -> None:
        check_publish_frequency(p, "publish_frequency_s", self.publish_frequency_s)


@attrs.frozen(kw_only=True, eq=False, repr=False)
class ContainerMetrics(Spec):
    """The container's metrics configuration: at most one endpoint today.

    Examples:
        >>> ContainerMetrics(endpoints=(MetricsEndpoint(path="/metrics"),)).endpoints[0].path
        '/metrics'
    """

    endpoints: tuple[MetricsEndpoint, ...] | None = attrs.field(
        default=None, metadata=limit("MetricsEndpointList", "endpoints")
    )


@attrs.frozen(kw_only=True, eq=False, repr=False)
class Container(Spec):
    """The container a component runs: image, model artifacts, environment and metrics.

    Environment values are secrets as far as icsdk is concerned: they never appear in a repr, a log
    line or an error message.

    Examples:
        >>> Container(
        ...     image="763104351884.dkr.ecr.us-east-1.amazonaws.com/tgi:3.0",
        ...     artifact_url="s3://models/llama-8b/",
        ...     environment={"HF_TOKEN": "hf_secret"},
        ... ).environment
        Environment({'HF_TOKEN': '***'})
    """

    image: str | None = attrs.field(default=None, metadata=limit("ContainerImage"))
    artifact_url: str | None = attrs.field(default=None, metadata=limit("Url"))
    environment: Mapping[str, str] | None = attrs.field(
        default=None,
        metadata=limit(
            "EnvironmentMap",
            "entries",
            key="EnvironmentKey",
            value="EnvironmentValue",
            secret=True,
        ),
    )
    metrics: ContainerMetrics | None = None


@attrs.frozen(kw_only=True, eq=False, repr=False)
class StartupParameters(Spec):
    """How long SageMaker waits for the model to download and the container to become healthy.

    Examples:
        >>> StartupParameters(model_data_download_timeout_s=600).model_data_download_timeout_s
        600
    """

    model_data_download_timeout_s: int | None = attrs.field(
        default=None,
        metadata=limit("ProductionVariantModelDataDownloadTimeoutInSeconds", "seconds"),
    )
    container_startup_health_check_timeout_s: int | None = attrs.field(
        default=None,
        metadata=limit("ProductionVariantContainerStartupHealthCheckTimeoutInSeconds", "seconds"),
    )


@attrs.frozen(kw_only=True, eq=False, repr=False)
class ComputeRequirements(Spec):
    """What one copy of the model needs: memory, CPU cores, accelerators (or a MIG partition).

    Examples:
        >>> ComputeRequirements(min_memory_mb=16_384, accelerators=1, cpu_cores=4).cpu_cores
        4
    """

    min_memory_mb: int = attrs.field(metadata=limit("MemoryInMb", "MB"))
    max_memory_mb: int | None = attrs.field(default=None, metadata=limit("MemoryInMb", "MB"))
    cpu_cores: float | None = attrs.field(default=None, metadata=limit("NumberOfCpuCores", "cores"))
    accelerators: float | None = attrs.field(
        default=None, metadata=limit("NumberOfAcceleratorDevices", "devices")
    )
    accelerator_partition_type: str | None = attrs.field(
        default=None, metadata=limit("AcceleratorPartitionType")
    )

    def _rules(self, p: Problems) -> None:
        low, high = self.min_memory_mb, self.max_memory_mb
        if _is_int(low) and isinstance(high, int) and _is_int(high) and high < low:
            p.add(
                "max_memory_mb",
                f"must not be less than min_memory_mb ({low} MB), got {high}",
            )
        # The model's documentation of AcceleratorPartitionType (in
        # InferenceComponentComputeResourceRequirements): "when set,
        # NumberOfAcceleratorDevicesRequired must be 1". Left unset, the count is not refused:
        # the partition is then the one device, and the docs show components written that way.
        accelerators = self.accelerators
        if (
            self.accelerator_partition_type is not None
            and isinstance(accelerators, int | float)
            and not isinstance(accelerators, bool)
            and accelerators != 1
        ):
            p.add(
                "accelerators",
                f"must be 1 with an accelerator_partition_type, got {accelerators!r}",
            )


def _is_int(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


@attrs.frozen(kw_only=True, eq=False, repr=False)
class Adapter(Spec):
    """A LoRA adapter served on top of a base component (which carries the compute).

    Examples:
        >>> Adapter(base="llama-8b", artifact_url="s3://bucket/adapters/sql/").base
        'llama-8b'
    """

    base: str = attrs.field(metadata=limit("InferenceComponentName"))
    artifact_url: str = attrs.field(metadata=limit("Url"))


@attrs.frozen(kw_only=True, eq=False, repr=False)
class AvailabilityZoneBalance(Spec):
    """How evenly copies are kept across availability zones.

    Examples:
        >>> AvailabilityZoneBalance(max_imbalance=1)
        AvailabilityZoneBalance(enforcement_mode='PERMISSIVE', max_imbalance=1)
    """

    enforcement_mode: Literal["PERMISSIVE"] = attrs.field(
        default="PERMISSIVE", metadata=limit("AvailabilityZoneBalanceEnforcementMode")
    )
    max_imbalance: int | None = attrs.field(
        default=None, metadata=limit("AvailabilityZoneBalanceMaxImbalance", "copies")
    )


@attrs.frozen(kw_only=True, eq=False, repr=False)
class Scheduling(Spec):
    """Where copies go: spread across instances or packed tight, and zone balance.

    Examples:
        >>> Scheduling(placement_strategy="BINPACK").placement_strategy
        'BINPACK'
    """

    placement_strategy: PlacementStrategy = attrs.field(
        metadata=limit("InferenceComponentPlacementStrategy")
    )
    availability_zone_balance: AvailabilityZoneBalance | None = None


@attrs.frozen(kw_only=True, eq=False, repr=False)
class Specification(Spec):
    """What runs: a model (or container image) with its compute, or an adapter on a base.

    In an instance pool ([`InferenceComponent.instance_pools`][icsdk.InferenceComponent]) it
    also names its instance type.

    Examples:
        >>> spec = Specification(
        ...     model_name="llama-8b-model",
        ...     compute=ComputeRequirements(min_memory_mb=16_384, accelerators=1),
        ... )
        >>> spec.is_adapter
        False
    """

    model_name: str | None = attrs.field(default=None, metadata=limit("ModelName"))
    container: Container | None = None
    startup: StartupParameters | None = None
    compute: ComputeRequirements | None = None
    adapter: Adapter | None = None
    data_caching: bool | None = attrs.field(default=None, metadata=limit("EnableCaching"))
    scheduling: Scheduling | None = None
    instance_type: str | None = attrs.field(
        default=None, metadata=limit("ProductionVariantInstanceType")
    )

    def _normalise(self) -> None:
        # An adapter's request carries its artifact URL in Container, so an empty Container
        # and no Container render the same request: keep one form, so equal requests compare
        # equal as specs.
        if self.adapter is not None and self.container == Container():
            object.__setattr__(self, "container", None)

    @property
    def is_adapter(self) -> bool:
        """Whether this runs a LoRA adapter on a base component.

        Examples:
            >>> Specification(adapter=Adapter(base="b", artifact_url="s3://a/b")).is_adapter
            True
        """
        return self.adapter is not None

    def _rules(self, p: Problems) -> None:
        container = self.container if isinstance(self.container, Container) else None
        if self.adapter is not None:
            if self.compute is not None:
                p.add("compute", "an adapter runs on its base component's compute; leave it unset")
            if container is not None and container.artifact_url is not None:
                p.add(
                    "container.artifact_url",
                    "an adapter's artifact URL belongs in Adapter(artifact_url=...)",
                )
            return
        if self.compute is None:
            p.add("compute", "is required (at least min_memory_mb) unless this is an adapter")
        if self.model_name is None and (container is None or container.image is None):
            p.add("model_name", "give a model name or a container image")


@attrs.frozen(kw_only=True, eq=False, repr=False)
class Tag(Spec):
    """A key and value attached to the component's ARN.

    Examples:
        >>> Tag(key="team", value="search")
        Tag(key='team', value='search')
    """

    key: str = attrs.field(metadata=limit("TagKey"))
    value: str = attrs.field(metadata=limit("TagValue"))
