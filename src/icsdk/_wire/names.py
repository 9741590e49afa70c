"""AWS member names of the spec classes, and the few attributes that are reshaped on the wire.

An attribute's member name is its name in CamelCase (`model_name` -> `ModelName`) unless
`RENAMES` says otherwise. Tables are keyed by class name, so this
module needs none of the spec classes above it. Reshaped attributes, rendered and parsed by hand:

* `copies` <-> `RuntimeConfig.CopyCount`
* `data_caching` <-> `DataCacheConfig.EnableCaching`
* `adapter` <-> `BaseInferenceComponentName` + `Container.ArtifactUrl`
* `auto_rollback_alarms` <-> `AutoRollbackConfiguration.Alarms[].AlarmName`
* `DataCapture.capture_modes` <-> `CaptureOptions[].CaptureMode`
* `ManagedInstanceScaling.status` left out of the request when None

Members an endpoint for components cannot carry are refused with the reason (`REFUSED`), and
attributes that belong to other services' requests are not rendered at all (`OFF_WIRE`).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from typing import Any, Final, cast

import attrs

from .._constraints import Problem
from .._errors import SpecError
from .._fields import per_class
from .._specification import Adapter, Specification

__all__ = [
    "FINISHERS",
    "OFF_WIRE",
    "PARSERS",
    "REFUSED",
    "UNWRAPPED",
    "RENAMES",
    "RENDERERS",
    "Structure",
    "Unstructure",
    "member_names",
]

Unstructure = Callable[[Any], dict[str, Any]]
Structure = Callable[[Any, Any], Any]

#: class name -> {attribute: AWS member name}, where the member is not the CamelCase attribute.
RENAMES: Final[Mapping[str, Mapping[str, str]]] = {
    "InferenceComponent": {
        "name": "InferenceComponentName",
        "endpoint": "EndpointName",
        "variant": "VariantName",
        "instance_pools": "Specifications",
    },
    "Specification": {
        "startup": "StartupParameters",
        "compute": "ComputeResourceRequirements",
        "scheduling": "SchedulingConfig",
    },
    "Container": {"metrics": "ContainerMetricsConfig"},
    "ContainerMetrics": {"endpoints": "MetricsEndpoints"},
    "MetricsEndpoint": {
        "path": "MetricsEndpointPath",
        "publish_frequency_s": "MetricPublishFrequencyInSeconds",
    },
    "StartupParameters": {
        "model_data_download_timeout_s": "ModelDataDownloadTimeoutInSeconds",
        "container_startup_health_check_timeout_s": "ContainerStartupHealthCheckTimeoutInSeconds",
    },
    "ComputeRequirements": {
        "min_memory_mb": "MinMemoryRequiredInMb",
        "max_memory_mb": "MaxMemoryRequiredInMb",
        "cpu_cores": "NumberOfCpuCoresRequired",
        "accelerators": "NumberOfAcceleratorDevicesRequired",
    },
    "RollingUpdate": {
        "wait_interval_s": "WaitIntervalInSeconds",
        "maximum_execution_timeout_s": "MaximumExecutionTimeoutInSeconds",
    },
    "DeploymentConfig": {"rolling_update": "RollingUpdatePolicy"},
    "Endpoint": {
        "name": "EndpointName",
        "config_name": "EndpointConfigName",
        "variants": "ProductionVariants",
        "role_arn": "ExecutionRoleArn",
        "vpc": "VpcConfig",
        "network_isolation": "EnableNetworkIsolation",
        "data_capture": "DataCaptureConfig",
        "metrics": "MetricsConfig",
        "cross_region_traffic": "CrossRegionTrafficConfig",
    },
    "Variant": {
        "name": "VariantName",
        "instances": "InitialInstanceCount",
        "provision_timeout_s": "VariantInstanceProvisionTimeoutInSeconds",
        "volume_size_gb": "VolumeSizeInGB",
        "model_data_download_timeout_s": "ModelDataDownloadTimeoutInSeconds",
        "container_startup_health_check_timeout_s": "ContainerStartupHealthCheckTimeoutInSeconds",
        "scaling": "ManagedInstanceScaling",
        "routing": "RoutingConfig",
        "capacity_reservation": "CapacityReservationConfig",
        "core_dump": "CoreDumpConfig",
    },
    "ManagedInstanceScaling": {
        "min_instances": "MinInstanceCount",
        "max_instances": "MaxInstanceCount",
        "scale_in": "ScaleInPolicy",
    },
    "ScaleInPolicy": {"cooldown_minutes": "CooldownInMinutes"},
    "Routing": {"strategy": "RoutingStrategy", "prefix_aware": "PrefixAwareRoutingConfig"},
    "CapacityReservation": {"preference": "CapacityReservationPreference"},
    "AcceleratorPartitionLayout": {"partition_types": "AcceleratorPartitionTypes"},
    "CaptureContentTypes": {"csv": "CsvContentTypes", "json": "JsonContentTypes"},
    "DataCapture": {
        "sampling_percentage": "InitialSamplingPercentage",
        "enabled": "EnableCapture",
        "content_types": "CaptureContentTypeHeader",
    },
    "EndpointMetrics": {
        "enhanced": "EnableEnhancedMetrics",
        "detailed_observability": "EnableDetailedObservability",
        "publish_frequency_s": "MetricPublishFrequencyInSeconds",
    },
    "CrossRegionTraffic": {"max_cross_region_percent": "MaxCrossRegionPercentPerEndpoint"},
}

#: Attributes that are no member of the class's request: class name -> attributes.
#: `InferenceComponent.autoscaling` is rendered as Application Auto Scaling and CloudWatch
#: requests (`icsdk._wire.autoscaling`), never into `CreateInferenceComponent`.
OFF_WIRE: Final[Mapping[str, frozenset[str]]] = {"InferenceComponent": frozenset({"autoscaling"})}

_NO_MODEL = (
    "an endpoint for components has no model on its variants (the components bring the models)"
)

_ASYNC = (
    "icsdk builds real-time endpoints for components; asynchronous inference serves a "
    "variant's model"
)

#: Members an endpoint hosting components cannot carry: class name -> {AWS member: why}.
REFUSED: Final[Mapping[str, Mapping[str, str]]] = {
    "Endpoint": {
        "AsyncInferenceConfig": _ASYNC,
        "ExplainerConfig": "an explainer explains a variant's model; components bring the models",
        "ShadowProductionVariants": "a shadow variant mirrors a variant's model; there is none",
        # CreateEndpoint's member: rollouts of UpdateEndpoint, which icsdk does not send yet.
        "DeploymentConfig": "an endpoint deployment policy is not typed by icsdk yet",
    },
    "Variant": {
        "ModelName": _NO_MODEL,
        # hashicorp/terraform-provider-aws internal/service/sagemaker/endpoint_configuration.go
        # (after PR #44977) says of both, for a variant without a model: "IC endpoint: must not
        # be set".
        "InitialVariantWeight": "a variant hosting components takes no weight (the service "
        "refuses it: 'IC endpoint: must not be set')",
        "EnableSSMAccess": "a variant hosting components takes no SSM access (the service "
        "refuses it: 'IC endpoint: must not be set')",
        "ServerlessConfig": "serverless variants cannot host inference components",
        "AcceleratorType": "Elastic Inference is no longer available (the model's own words)",
    },
    "InstancePool": {"ModelNameOverride": _NO_MODEL},
}

# The service's refusal, seen in hashicorp/terraform-provider-aws PR #45926's acceptance-test log
# (https://github.com/hashicorp/terraform-provider-aws/pull/45926): "api error
# ValidationException: ManagedInstanceScaling is only supported for inference component
# endpoints."
_SCALING_WITH_MODEL = (
    "the service refuses it beside a model: "
    "'ManagedInstanceScaling is only supported for inference component endpoints.'"
)


@per_class
def member_names(cls: type) -> Mapping[str, str]:
    """{attribute: AWS member name} for every attribute of `cls` that is not reshaped.

    Examples:
        >>> from icsdk import Tag
        >>> dict(member_names(Tag))
        {'key': 'Key', 'value': 'Value'}
    """
    renames = RENAMES.get(cls.__name__, {})
    reshaped = RENDERERS.get(cls.__name__, {})
    off_wire = OFF_WIRE.get(cls.__name__, frozenset())
    return {
        field.name: renames.get(field.name) or _camel(field.name)
        for field in attrs.fields(cls)
        if field.name not in reshaped and field.name not in off_wire
    }


def _camel(name: str) -> str:
    return "".join(part[:1].upper() + part[1:] for part in name.split("_"))


def mapping(value: Any) -> dict[str, Any]:
    """A copy of a wire structure, or TypeError naming what came instead (never its value)."""
    if not isinstance(value, Mapping):
        raise TypeError(f"expected an object, got {type(value).__name__}")
    return dict(cast("Mapping[str, Any]", value))


def _single(data: dict[str, Any], key: str, member: str, path: str) -> Any:
    """Pop `data[key]`, a structure with exactly one `member`, and return that member."""
    value = data.pop(key)
    if isinstance(value, Mapping) and set(cast("Mapping[str, Any]", value)) == {member}:
        return cast("Mapping[str, Any]", value)[member]
    raise SpecError([Problem(path, f"{key} takes exactly one member, {member}")])


def _parse_component(structure: Structure) -> Structure:
    def from_wire(value: Any, cls: Any) -> Any:
        data = mapping(value)
        if "RuntimeConfig" not in data:
            return structure(data, cls)
        copies = _single(data, "RuntimeConfig", "CopyCount", "copies")
        return attrs.evolve(structure(data, cls), copies=copies)

    return from_wire


def render_adapter(unstructure: Unstructure) -> Unstructure:
    """An adapter's artifact URL travels in Container.ArtifactUrl, beside the container's own."""

    def to_wire(spec: Specification) -> dict[str, Any]:
        wire = unstructure(spec)
        if spec.adapter is not None:
            wire["Container"] = {
                **wire.get("Container", {}),
                "ArtifactUrl": spec.adapter.artifact_url,
            }
        return wire

    return to_wire


def _parse_specification(structure: Structure) -> Structure:
    def from_wire(value: Any, cls: Any) -> Specification:
        data = mapping(value)
        changes: dict[str, Any] = {}
        if "DataCacheConfig" in data:
            changes["data_caching"] = _single(
                data, "DataCacheConfig", "EnableCaching", "data_caching"
            )
        if "BaseInferenceComponentName" in data:
            base = data.pop("BaseInferenceComponentName")
            container = data.get("Container")
            if not isinstance(container, Mapping) or "ArtifactUrl" not in container:
                raise SpecError(
                    [Problem("adapter.artifact_url", "an adapter needs Container.ArtifactUrl")]
                )
            rest = dict(cast("Mapping[str, Any]", container))
            changes["adapter"] = Adapter(base=base, artifact_url=rest.pop("ArtifactUrl"))
            if rest:
                data["Container"] = rest
            else:
                del data["Container"]
        spec = cast("Specification", structure(data, cls))
        return attrs.evolve(spec, **changes) if changes else spec

    return from_wire


def _parse_deployment(structure: Structure) -> Structure:
    def from_wire(value: Any, cls: Any) -> Any:
        data = mapping(value)
        if "AutoRollbackConfiguration" not in data:
            return structure(data, cls)
        alarms = _single(data, "AutoRollbackConfiguration", "Alarms", "auto_rollback_alarms")
        entries = cast("list[object]", alarms) if isinstance(alarms, list | tuple) else None
        if entries is None or not all(
            isinstance(entry, Mapping) and set(cast("Mapping[str, Any]", entry)) == {"AlarmName"}
            for entry in entries
        ):
            raise SpecError(
                [Problem("auto_rollback_alarms", "Alarms must be a list of {'AlarmName': ...}")]
            )
        names = tuple(cast("Mapping[str, Any]", entry)["AlarmName"] for entry in entries)
        return attrs.evolve(structure(data, cls), auto_rollback_alarms=names)

    return from_wire


_WORD_START = r"(?<=[a-z0-9])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])"


def _snake(member: str) -> str:
    """``EnableSSMAccess`` -> ``enable_ssm_access``: an acronym is one word."""
    return re.sub(_WORD_START, "_", member).lower()  # compiled on first use (re caches it)


def _refusing(structure: Structure) -> Structure:
    """Refuse, each with its reason, the members of `REFUSED` that the data carries."""

    def from_wire(value: Any, cls: Any) -> Any:
        data = mapping(value)
        refused = REFUSED[cls.__name__]
        problems = [
            Problem(_snake(member), f"{member} is refused: {why}")
            for member, why in refused.items()
            if member in data
        ]
        if "ModelName" in data and "ManagedInstanceScaling" in data:
            problems.append(Problem("scaling", _SCALING_WITH_MODEL))
        if problems:
            raise SpecError(problems)
        return structure(data, cls)

    return from_wire


def _parse_scaling(structure: Structure) -> Structure:
    # A request without Status parses to status=None, so it renders without one again.
    def from_wire(value: Any, cls: Any) -> Any:
        data = mapping(value)
        parsed = structure(data, cls)
        return parsed if "Status" in data else attrs.evolve(parsed, status=None)

    return from_wire


def _finish_scaling(unstructure: Unstructure) -> Unstructure:
    def to_wire(scaling: Any) -> dict[str, Any]:
        wire = unstructure(scaling)
        if wire.get("Status", "") is None:
            del wire["Status"]
        return wire

    return to_wire


def _capture_modes(value: Any, _: Any = None) -> tuple[Any, ...]:
    entries = cast("list[object]", value) if isinstance(value, list | tuple) else None
    if entries is None or not all(
        isinstance(entry, Mapping) and set(cast("Mapping[str, Any]", entry)) == {"CaptureMode"}
        for entry in entries
    ):
        raise SpecError([Problem("", "CaptureOptions must be a list of {'CaptureMode': ...}")])
    return tuple(cast("Mapping[str, Any]", entry)["CaptureMode"] for entry in entries)


#: Required attributes reshaped on the way in: class name -> {attribute: (AWS member, parser)}.
UNWRAPPED: Final[Mapping[str, Mapping[str, tuple[str, Structure]]]] = {
    "DataCapture": {"capture_modes": ("CaptureOptions", _capture_modes)},
}


#: Reshaped attributes on the way in: class name -> a wrapper around the generated hook.
PARSERS: Final[Mapping[str, Callable[[Structure], Structure]]] = {
    "InferenceComponent": _parse_component,
    "Specification": _parse_specification,
    "DeploymentConfig": _parse_deployment,
    "Endpoint": _refusing,
    "Variant": _refusing,
    "InstancePool": _refusing,
    "ManagedInstanceScaling": _parse_scaling,
}

#: Requests finished by hand after the generated hook: class name -> a wrapper around it.
FINISHERS: Final[Mapping[str, Callable[[Unstructure], Unstructure]]] = {
    "Specification": render_adapter,
    "ManagedInstanceScaling": _finish_scaling,
}

#: Reshaped attributes on the way out: class name -> {attribute: (AWS member, how it renders)}.
RENDERERS: Final[Mapping[str, Mapping[str, tuple[str, Callable[[Any], Any]]]]] = {
    "InferenceComponent": {"copies": ("RuntimeConfig", lambda copies: {"CopyCount": copies})},
    "Specification": {
        "data_caching": ("DataCacheConfig", lambda enabled: {"EnableCaching": enabled}),
        "adapter": ("BaseInferenceComponentName", lambda adapter: adapter.base),
    },
    "DeploymentConfig": {
        "auto_rollback_alarms": (
            "AutoRollbackConfiguration",
            lambda names: {"Alarms": [{"AlarmName": name} for name in names]},
        )
    },
    "DataCapture": {
        "capture_modes": (
            "CaptureOptions",
            lambda modes: [{"CaptureMode": mode} for mode in modes],
        )
    },
}
