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

from ._builder import (
    InferenceComponentBuilder,
)
from ._capacity_fit import (
    CapacityFit,
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
from ._endpoint import (
    AcceleratorPartitionLayout,
    CapacityReservation,
    CaptureContentTypes,
    CoreDump,
    CrossRegionTraffic,
    DataCapture,
    Endpoint,
    EndpointMetrics,
    EndpointRequests,
    InstancePool,
    ManagedInstanceScaling,
    PrefixAwareRouting,
    Routing,
    RoutingStrategy,
    ScaleInPolicy,
    Variant,
    Vpc,
)
from ._endpoint_builder import (
    EndpointBuilder,
)
from ._endpoint_state import (
    EndpointState,
    EndpointStatus,
    VariantState,
)
from ._errors import (
    DeploymentFailed,
    EndpointNotEmpty,
    IcsdkError,
    NeverFits,
    NotConfigured,
    OutcomeUnknown,
    ReplaceIncomplete,
    ReplaceRequired,
    SpecError,
    SpecMismatch,
    WaitTimeout,
)
from ._hardware import (
    InstanceShape,
    copies_per_instance,
    instance_shape,
)
from ._plan import (
    Action,
    Change,
    Plan,
)
from ._retry import (
    RetryPolicy,
)
from ._service_errors import (
    AccessDenied,
    AdaptersAttached,
    ComponentConflict,
    ComponentNotFound,
    ConnectionFailed,
    EndpointConfigNotFound,
    EndpointConflict,
    EndpointNotFound,
    Fault,
    InvalidState,
    ModelError,
    ModelNotFound,
    ModelNotReady,
    NoCapacity,
    QuotaExceeded,
    ScalingNotFound,
    ServiceError,
    Throttled,
)
from ._spec import (
    Adapter,
    AlarmStatistic,
    Autoscaling,
    AutoscalingRequests,
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
    WakeOnRequest,
)
from ._state import (
    ComponentState,
    ComponentSummary,
    InvokeResult,
    Placement,
    Status,
)
from ._time import (
    Clock,
)
from ._version import __version__
from ._waiting import (
    ConsoleProgress,
    Polling,
    Progress,
    Until,
)

__all__ = [
    "AcceleratorPartitionLayout",
    "AccessDenied",
    "Action",
    "Adapter",
    "AdaptersAttached",
    "AlarmStatistic",
    "Autoscaling",
    "AutoscalingRequests",
    "AvailabilityZoneBalance",
    "CapacityFit",
    "CapacityReservation",
    "CapacitySize",
    "CapacitySizeType",
    "CaptureContentTypes",
    "Change",
    "Client",
    "Clock",
    "ComponentConflict",
    "ComponentNotFound",
    "ComponentState",
    "ComponentSummary",
    "ComputeRequirements",
    "ConnectionFailed",
    "ConsoleProgress",
    "Container",
    "ContainerMetrics",
    "CoreDump",
    "CrossRegionTraffic",
    "DataCapture",
    "DeploymentConfig",
    "DeploymentFailed",
    "Endpoint",
    "EndpointBuilder",
    "EndpointConfigNotFound",
    "EndpointConflict",
    "EndpointMetrics",
    "EndpointNotEmpty",
    "EndpointNotFound",
    "EndpointRequests",
    "EndpointState",
    "EndpointStatus",
    "Environment",
    "Fault",
    "IcsdkError",
    "InferenceComponent",
    "InferenceComponentBuilder",
    "InstancePool",
    "InstanceShape",
    "InvalidState",
    "InvokeResult",
    "ManagedInstanceScaling",
    "MetricsEndpoint",
    "ModelError",
    "ModelNotFound",
    "ModelNotReady",
    "NeverFits",
    "NoCapacity",
    "NotConfigured",
    "OutcomeUnknown",
    "Placement",
    "PlacementStrategy",
    "Plan",
    "Polling",
    "PrefixAwareRouting",
    "Problem",
    "Progress",
    "QuotaExceeded",
    "ReplaceIncomplete",
    "ReplaceRequired",
    "RetryPolicy",
    "RollingUpdate",
    "Routing",
    "RoutingStrategy",
    "ScaleInPolicy",
    "ScalingNotFound",
    "Scheduling",
    "ServiceError",
    "SpecError",
    "SpecMismatch",
    "Specification",
    "StartupParameters",
    "Status",
    "Tag",
    "Throttled",
    "Until",
    "Variant",
    "VariantState",
    "Vpc",
    "WaitTimeout",
    "WakeOnRequest",
    "__version__",
    "copies_per_instance",
    "instance_shape",
]
