"""icsdk: a typed, safe, fast SDK for Amazon SageMaker inference components.

Example:
    >>> import icsdk
    >>> ic = (
    ...     icsdk.InferenceComponent.builder("llama-8b")
    ...     .endpoint("shared-gpu")
    ...     .model("llama-8b-model")
    ...     .compute(icsdk.ComputeRequirements(min_memory_mb=16_384, accelerators=1))
    ...     .copies(2)
    ...     .build()
    ... )
    >>> ic.to_boto3()["EndpointName"]
    'shared-gpu'
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ._builder import InferenceComponentBuilder
from ._deployment import CapacitySize, CapacitySizeType, DeploymentConfig, RollingUpdate
from ._errors import IcsdkError, SpecError
from ._spec import (
    Adapter,
    AvailabilityZoneBalance,
    ComputeRequirements,
    Container,
    ContainerMetrics,
    Environment,
    InferenceComponent,
    MetricsEndpoint,
    PlacementStrategy,
    Scheduling,
    Specification,
    StartupParameters,
    Tag,
)

if TYPE_CHECKING:
    from ._constraints import Problem

__all__ = [
    "Adapter",
    "AvailabilityZoneBalance",
    "CapacitySize",
    "CapacitySizeType",
    "ComputeRequirements",
    "Container",
    "ContainerMetrics",
    "DeploymentConfig",
    "Environment",
    "IcsdkError",
    "InferenceComponent",
    "InferenceComponentBuilder",
    "MetricsEndpoint",
    "PlacementStrategy",
    "Problem",
    "RollingUpdate",
    "Scheduling",
    "SpecError",
    "Specification",
    "StartupParameters",
    "Tag",
]


def __getattr__(name: str) -> object:
    if name == "__version__":
        from importlib.metadata import version

        return version("icsdk")
    if name == "Problem":
        from ._constraints import Problem

        return Problem
    raise AttributeError(f"module 'icsdk' has no attribute {name!r}")
