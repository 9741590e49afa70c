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

import importlib
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ._builder import InferenceComponentBuilder
    from ._constraints import Problem
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


# Each public name is imported from its module on first use, so ``import icsdk`` costs almost
# nothing; ``from icsdk import X`` loads only what X needs.
_HOMES = {
    "Adapter": "_spec",
    "AvailabilityZoneBalance": "_spec",
    "CapacitySize": "_deployment",
    "CapacitySizeType": "_deployment",
    "ComputeRequirements": "_spec",
    "Container": "_spec",
    "ContainerMetrics": "_spec",
    "DeploymentConfig": "_deployment",
    "Environment": "_spec",
    "IcsdkError": "_errors",
    "InferenceComponent": "_spec",
    "InferenceComponentBuilder": "_builder",
    "MetricsEndpoint": "_spec",
    "PlacementStrategy": "_spec",
    "Problem": "_constraints",
    "RollingUpdate": "_deployment",
    "Scheduling": "_spec",
    "SpecError": "_errors",
    "Specification": "_spec",
    "StartupParameters": "_spec",
    "Tag": "_spec",
}


def __getattr__(name: str) -> object:
    if name == "__version__":
        from importlib.metadata import version

        return version("icsdk")
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module 'icsdk' has no attribute {name!r}")
    value = getattr(importlib.import_module(f".{home}", __name__), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})
