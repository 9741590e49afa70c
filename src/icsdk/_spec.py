"""The immutable description of an inference component, and the names of its parts.

[`InferenceComponent`][icsdk.InferenceComponent] sits on top of the spec layer: its builder and
its boto3 conversion sit below it (`icsdk._builder`, `icsdk._wire.spec`), so it imports both
and neither imports it. The parts are defined in `icsdk._specification` and named here too, so
`from icsdk._spec import Specification` keeps working.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

import attrs

from ._autoscaling import AlarmStatistic, Autoscaling, WakeOnRequest
from ._base import Spec, deferred_validation, flatten, limit
from ._builder import InferenceComponentBuilder
from ._constraints import Problems
from ._environment import Environment
from ._specification import (
    Adapter,
    AvailabilityZoneBalance,
    ComputeRequirements,
    Container,
    ContainerMetrics,
    MetricsEndpoint,
    PlacementStrategy,
    Scheduling,
    Specification,
    StartupParameters,
    Tag,
)
from ._wire.autoscaling import AutoscalingRequests, render_autoscaling
from ._wire.spec import parse, render_create

if TYPE_CHECKING:
    from mypy_boto3_sagemaker.type_defs import CreateInferenceComponentInputTypeDef

__all__ = [
    "Adapter",
    "AlarmStatistic",
    "Autoscaling",
    "AutoscalingRequests",
    "AvailabilityZoneBalance",
    "ComputeRequirements",
    "Container",
    "ContainerMetrics",
    "Environment",
    "InferenceComponent",
    "MetricsEndpoint",
    "PlacementStrategy",
    "Scheduling",
    "Specification",
    "StartupParameters",
    "Tag",
    "WakeOnRequest",
    "deferred_validation",
]


@attrs.frozen(kw_only=True, eq=False, repr=False)
class InferenceComponent(Spec):
    """A complete, validated inference component: where it runs, what it runs, how many copies.

    Build one with [`builder`][icsdk.InferenceComponent.builder], construct it directly, or
    convert existing boto3 kwargs with [`from_boto3`][icsdk.InferenceComponent.from_boto3].

    `autoscaling` is not part of `CreateInferenceComponent`: it takes resources of Application
    Auto Scaling and CloudWatch, whose requests
    [`autoscaling_to_boto3`][icsdk.InferenceComponent.autoscaling_to_boto3] renders. With it,
    `copies` is the count the component is created with, within the autoscaling bounds.

    Examples:
        >>> ic = (
        ...     InferenceComponent.builder("llama-8b")
        ...     .endpoint("shared-gpu", variant="AllTraffic")
        ...     .model("llama-8b-model")
        ...     .compute(ComputeRequirements(min_memory_mb=16_384, accelerators=1, cpu_cores=4))
        ...     .copies(2)
        ...     .build()
        ... )
        >>> ic.to_boto3()["RuntimeConfig"]
        {'CopyCount': 2}
    """

    name: str = attrs.field(metadata=limit("InferenceComponentName"))
    endpoint: str = attrs.field(metadata=limit("EndpointName"))
    variant: str | None = attrs.field(default=None, metadata=limit("VariantName"))
    specification: Specification | None = None
    instance_pools: tuple[Specification, ...] | None = attrs.field(
        default=None, metadata=limit("InferenceComponentSpecificationList", "pools")
    )
    copies: int | None = attrs.field(
        default=None, metadata=limit("InferenceComponentCopyCount", "copies")
    )
    tags: tuple[Tag, ...] | None = attrs.field(default=None, metadata=limit("TagList", "tags"))
    autoscaling: Autoscaling | None = None

    @staticmethod
    def builder(name: str) -> InferenceComponentBuilder:
        """Start a fluent builder for a component called `name`.

        Examples:
            >>> InferenceComponent.builder("llama-8b").endpoint("shared-gpu").model(
            ...     "llama-8b-model"
            ... ).compute(ComputeRequirements(min_memory_mb=1024)).build().name
            'llama-8b'
        """
        return InferenceComponentBuilder(InferenceComponent, {"name": name})

    def to_builder(self) -> InferenceComponentBuilder:
        """A builder holding this component, to change a few values (nested ones too) and rebuild.

        Examples:
            >>> ic = InferenceComponent.builder("a").endpoint("e").model("m").compute(
            ...     ComputeRequirements(min_memory_mb=1024)).copies(1).build()
            >>> moved = ic.to_builder().image("repo/tgi:3").copies(2).build()
            >>> moved.specification.container.image, moved.copies, moved.specification.model_name
            ('repo/tgi:3', 2, 'm')
            >>> roomier = ic.to_builder().set("specification.compute.min_memory_mb", 2048).build()
            >>> roomier.specification.compute.min_memory_mb
            2048
        """
        return InferenceComponentBuilder(InferenceComponent, flatten(self))

    @property
    def is_adapter(self) -> bool:
        """Whether this component is a LoRA adapter on a base component.

        Examples:
            >>> InferenceComponent.builder("sql").endpoint("e").adapter(
            ...     Adapter(base="llama-8b", artifact_url="s3://b/sql/")
            ... ).build().is_adapter
            True
        """
        return self.specification is not None and self.specification.adapter is not None

    def to_boto3(self) -> CreateInferenceComponentInputTypeDef:
        """The exact keyword arguments of boto3's `create_inference_component`.

        Unset fields are left out. `from_boto3` turns the result back into an equal component.

        Examples:
            >>> ic = InferenceComponent.builder("a").endpoint("e").model("m").compute(
            ...     ComputeRequirements(min_memory_mb=1024)
            ... ).build()
            >>> ic.to_boto3()
            {'InferenceComponentName': 'a', 'EndpointName': 'e', 'Specification': \
{'ModelName': 'm', 'ComputeResourceRequirements': {'MinMemoryRequiredInMb': 1024}}}
        """
        return render_create(self)

    def autoscaling_to_boto3(self) -> AutoscalingRequests | None:
        """The Application Auto Scaling and CloudWatch requests of `autoscaling` (None without).

        Examples:
            >>> from icsdk import Autoscaling
            >>> scaling = Autoscaling(min_copies=0, max_copies=4, invocations_per_copy=5)
            >>> ic = InferenceComponent.builder("llama-8b").endpoint("e").model("m").compute(
            ...     ComputeRequirements(min_memory_mb=1024)
            ... ).autoscaling(scaling).build()
            >>> requests = ic.autoscaling_to_boto3()
            >>> requests.scalable_target
            {'ServiceNamespace': 'sagemaker', 'ResourceId': 'inference-component/llama-8b', \
'ScalableDimension': 'sagemaker:inference-component:DesiredCopyCount', 'MinCapacity': 0, \
'MaxCapacity': 4}
            >>> requests.wake_policy["StepScalingPolicyConfiguration"]["StepAdjustments"]
            [{'MetricIntervalLowerBound': 0, 'ScalingAdjustment': 1}]
        """
        if self.autoscaling is None:
            return None
        return render_autoscaling(self.name, self.autoscaling)

    @classmethod
    def from_boto3(cls, kwargs: Mapping[str, Any]) -> InferenceComponent:
        """Turn `create_inference_component` keyword arguments into a validated component.

        Raises [`SpecError`][icsdk.SpecError] naming every unknown key and invalid value.

        Examples:
            >>> ic = InferenceComponent.from_boto3({
            ...     "InferenceComponentName": "a",
            ...     "EndpointName": "e",
            ...     "Specification": {
            ...         "ModelName": "m",
            ...         "ComputeResourceRequirements": {"MinMemoryRequiredInMb": 1024},
            ...     },
            ...     "RuntimeConfig": {"CopyCount": 1},
            ... })
            >>> ic.copies, ic.specification.compute.min_memory_mb
            (1, 1024)
        """
        return parse(InferenceComponent, kwargs)

    def _rules(self, p: Problems) -> None:
        specs: list[Specification] = []
        if isinstance(self.specification, Specification):
            specs.append(self.specification)
            if self.specification.instance_type is not None:
                p.add(
                    "specification.instance_type",
                    "an instance type belongs only in instance_pools",
                )
        pools = self.instance_pools
        if isinstance(pools, tuple):
            given = [(i, pool) for i, pool in enumerate(pools) if isinstance(pool, Specification)]
            specs.extend(pool for _, pool in given)
            # The model's documentation of InstanceType (InferenceComponentSpecification):
            # "Required when using the Specifications parameter with multiple entries."
            if len(pools) > 1:
                for index, pool in given:
                    if pool.instance_type is None:
                        p.add(
                            f"instance_pools[{index}].instance_type",
                            "is required when there are several instance pools",
                        )
        if self.specification is not None and pools is not None:
            p.add("instance_pools", "give either specification or instance_pools, not both")
        elif self.specification is None and pools is None:
            p.add("specification", "is required (or instance_pools)")
        adapter = any(spec.adapter is not None for spec in specs)
        if self.variant is not None and adapter:
            p.add("variant", "an adapter runs on its base component's variant; leave it unset")
        if self.autoscaling is not None and adapter:
            p.add(
                "autoscaling",
                "an adapter has no copies of its own (it runs on its base component's copies); "
                "scale the base component",
            )
        self._copies_within_bounds(p)

    def _copies_within_bounds(self, p: Problems) -> None:
        scaling, copies = self.autoscaling, self.copies
        if not isinstance(scaling, Autoscaling) or not _is_int(copies):
            return
        low, high = scaling.min_copies, scaling.max_copies
        if _is_int(low) and _is_int(high) and not low <= copies <= high:  # type: ignore[operator]
            p.add(
                "copies",
                f"must be within autoscaling's min_copies and max_copies ({low}..{high}): it is "
                f"the count the component starts with, got {copies}",
            )


def _is_int(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)
