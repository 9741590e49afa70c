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
    from ._builder import (
        InferenceComponentBuilder,
    )
    from ._client import (
        Client,
    )
    from ._constraints import (
        Problem,
    )
    from ._deployment import (
        CapacitySize,
        CapacitySizeType,
        DeploymentConfig,
        RollingUpdate,
    )
    from ._errors import (
        AccessDenied,
        ComponentConflict,
        ComponentNotFound,
        ConnectionFailed,
        DeploymentFailed,
        EndpointNotFound,
        IcsdkError,
        InvalidState,
        ModelError,
        ModelNotReady,
        NoCapacity,
        QuotaExceeded,
        ServiceError,
        SpecError,
        Throttled,
        WaitTimeout,
    )
    from ._invoke import (
        InvokeResult,
    )
    from ._plan import (
        Action,
        Change,
        Plan,
    )
    from ._retry import (
        RetryPolicy,
    )
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
    from ._state import (
        ComponentState,
        ComponentSummary,
        Placement,
        Status,
    )
    from ._waiting import (
        ConsoleProgress,
        Polling,
        Progress,
        Until,
    )

__all__ = [
    "AccessDenied",
    "Action",
    "Adapter",
    "AvailabilityZoneBalance",
    "CapacitySize",
    "CapacitySizeType",
    "Change",
    "Client",
    "ComponentConflict",
    "ComponentNotFound",
    "ComponentState",
    "ComponentSummary",
    "ComputeRequirements",
    "ConnectionFailed",
    "ConsoleProgress",
    "Container",
    "ContainerMetrics",
    "DeploymentConfig",
    "DeploymentFailed",
    "EndpointNotFound",
    "Environment",
    "IcsdkError",
    "InferenceComponent",
    "InferenceComponentBuilder",
    "InvalidState",
    "InvokeResult",
    "MetricsEndpoint",
    "ModelError",
    "ModelNotReady",
    "NoCapacity",
    "Placement",
    "PlacementStrategy",
    "Plan",
    "Polling",
    "Problem",
    "Progress",
    "QuotaExceeded",
    "RetryPolicy",
    "RollingUpdate",
    "Scheduling",
    "ServiceError",
    "SpecError",
    "Specification",
    "StartupParameters",
    "Status",
    "Tag",
    "Throttled",
    "Until",
    "WaitTimeout",
]


# Each public name is imported from its module on first use, so ``import icsdk`` costs almost
# nothing; ``from icsdk import X`` loads only what X needs.
_HOMES = {
    "AccessDenied": "_errors",
    "Action": "_plan",
    "Adapter": "_spec",
    "AvailabilityZoneBalance": "_spec",
    "CapacitySize": "_deployment",
    "CapacitySizeType": "_deployment",
    "Change": "_plan",
    "Client": "_client",
    "ComponentConflict": "_errors",
    "ComponentNotFound": "_errors",
    "ComponentState": "_state",
    "ComponentSummary": "_state",
    "ComputeRequirements": "_spec",
    "ConnectionFailed": "_errors",
    "ConsoleProgress": "_waiting",
    "Container": "_spec",
    "ContainerMetrics": "_spec",
    "DeploymentConfig": "_deployment",
    "DeploymentFailed": "_errors",
    "EndpointNotFound": "_errors",
    "Environment": "_spec",
    "IcsdkError": "_errors",
    "InferenceComponent": "_spec",
    "InferenceComponentBuilder": "_builder",
    "InvalidState": "_errors",
    "InvokeResult": "_invoke",
    "MetricsEndpoint": "_spec",
    "ModelError": "_errors",
    "ModelNotReady": "_errors",
    "NoCapacity": "_errors",
    "Placement": "_state",
    "PlacementStrategy": "_spec",
    "Plan": "_plan",
    "Polling": "_waiting",
    "Problem": "_constraints",
    "Progress": "_waiting",
    "QuotaExceeded": "_errors",
    "RetryPolicy": "_retry",
    "RollingUpdate": "_deployment",
    "Scheduling": "_spec",
    "ServiceError": "_errors",
    "SpecError": "_errors",
    "Specification": "_spec",
    "StartupParameters": "_spec",
    "Status": "_state",
    "Tag": "_spec",
    "Throttled": "_errors",
    "Until": "_waiting",
    "WaitTimeout": "_errors",
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
