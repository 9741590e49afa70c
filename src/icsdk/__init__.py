"""icsdk: a typed, safe, fast SDK for Amazon SageMaker inference components.

``import icsdk`` loads none of its public names: each loads on first use, so importing icsdk
costs next to nothing until it is used.

Examples:
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

import typing

from ._lazy import lazy_names as _lazy_names

if typing.TYPE_CHECKING:
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
        VariantState,
    )
    from ._endpoint_status import (
        EndpointStatus,
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

# Where each public name lives: `import icsdk` loads none of them; each loads on first use.
_HOMES = {
    "AcceleratorPartitionLayout": "._endpoint",
    "AccessDenied": "._service_errors",
    "Action": "._plan",
    "Adapter": "._spec",
    "AdaptersAttached": "._service_errors",
    "AlarmStatistic": "._spec",
    "Autoscaling": "._spec",
    "AutoscalingRequests": "._spec",
    "AvailabilityZoneBalance": "._spec",
    "CapacityFit": "._capacity_fit",
    "CapacityReservation": "._endpoint",
    "CapacitySize": "._deployment",
    "CapacitySizeType": "._deployment",
    "CaptureContentTypes": "._endpoint",
    "Change": "._plan",
    "Client": "._client",
    "Clock": "._time",
    "ComponentConflict": "._service_errors",
    "ComponentNotFound": "._service_errors",
    "ComponentState": "._state",
    "ComponentSummary": "._state",
    "ComputeRequirements": "._spec",
    "ConnectionFailed": "._service_errors",
    "ConsoleProgress": "._waiting",
    "Container": "._spec",
    "ContainerMetrics": "._spec",
    "CoreDump": "._endpoint",
    "CrossRegionTraffic": "._endpoint",
    "DataCapture": "._endpoint",
    "DeploymentConfig": "._deployment",
    "DeploymentFailed": "._errors",
    "Endpoint": "._endpoint",
    "EndpointBuilder": "._endpoint_builder",
    "EndpointConfigNotFound": "._service_errors",
    "EndpointConflict": "._service_errors",
    "EndpointMetrics": "._endpoint",
    "EndpointNotEmpty": "._errors",
    "EndpointNotFound": "._service_errors",
    "EndpointRequests": "._endpoint",
    "EndpointState": "._endpoint_state",
    "EndpointStatus": "._endpoint_status",
    "Environment": "._spec",
    "Fault": "._service_errors",
    "IcsdkError": "._errors",
    "InferenceComponent": "._spec",
    "InferenceComponentBuilder": "._builder",
    "InstancePool": "._endpoint",
    "InstanceShape": "._hardware",
    "InvalidState": "._service_errors",
    "InvokeResult": "._state",
    "ManagedInstanceScaling": "._endpoint",
    "MetricsEndpoint": "._spec",
    "ModelError": "._service_errors",
    "ModelNotFound": "._service_errors",
    "ModelNotReady": "._service_errors",
    "NeverFits": "._errors",
    "NoCapacity": "._service_errors",
    "NotConfigured": "._errors",
    "OutcomeUnknown": "._errors",
    "Placement": "._state",
    "PlacementStrategy": "._spec",
    "Plan": "._plan",
    "Polling": "._waiting",
    "PrefixAwareRouting": "._endpoint",
    "Problem": "._constraints",
    "Progress": "._waiting",
    "QuotaExceeded": "._service_errors",
    "ReplaceIncomplete": "._errors",
    "ReplaceRequired": "._errors",
    "RetryPolicy": "._retry",
    "RollingUpdate": "._deployment",
    "Routing": "._endpoint",
    "RoutingStrategy": "._endpoint",
    "ScaleInPolicy": "._endpoint",
    "ScalingNotFound": "._service_errors",
    "Scheduling": "._spec",
    "ServiceError": "._service_errors",
    "SpecError": "._errors",
    "SpecMismatch": "._errors",
    "Specification": "._spec",
    "StartupParameters": "._spec",
    "Status": "._state",
    "Tag": "._spec",
    "Throttled": "._service_errors",
    "Until": "._waiting",
    "Variant": "._endpoint",
    "VariantState": "._endpoint_state",
    "Vpc": "._endpoint",
    "WaitTimeout": "._errors",
    "WakeOnRequest": "._spec",
    "__version__": "._version",
    "copies_per_instance": "._hardware",
    "instance_shape": "._hardware",
}


__getattr__, __dir__ = _lazy_names(globals(), _HOMES)
