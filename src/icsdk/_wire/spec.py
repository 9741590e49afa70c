"""The one place where icsdk's spec meets AWS's field names.

One cattrs converter, built on first use by :func:`_build_converter`, turns spec objects into the
exact keyword arguments boto3 takes, and boto3 kwargs back into spec objects. Field names map one
to one (``RENAMES``) except for a few reshaped fields, which the hooks below handle by hand:

* ``copies`` <-> ``RuntimeConfig.CopyCount``
* ``data_caching`` <-> ``DataCacheConfig.EnableCaching``
* ``adapter`` <-> ``BaseInferenceComponentName`` + ``Container.ArtifactUrl``
* ``auto_rollback_alarms`` <-> ``AutoRollbackConfiguration.Alarms[].AlarmName``
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any, Final, Literal, TypeVar, cast, get_args, get_origin

import attrs

from .._constraints import Problem
from .._deployment import CapacitySize, DeploymentConfig, RollingUpdate
from .._errors import SpecError
from .._spec import (
    _DEFERRED,
    Adapter,
    AvailabilityZoneBalance,
    ComputeRequirements,
    Container,
    ContainerMetrics,
    Environment,
    InferenceComponent,
    MetricsEndpoint,
    Scheduling,
    Specification,
    StartupParameters,
    Tag,
    _Spec,
    deferred_validation,
    validate,
)

if TYPE_CHECKING:
    import cattrs
    from mypy_boto3_sagemaker.type_defs import (
        CreateInferenceComponentInputTypeDef,
        UpdateInferenceComponentInputTypeDef,
        UpdateInferenceComponentRuntimeConfigInputTypeDef,
    )


__all__ = [
    "RENAMES",
    "parse_create",
    "parse",
    "render_create",
    "render_deployment",
    "render_runtime_update",
    "render_update",
    "deployment_from_wire",
    "spec_from_summary",
]

#: spec class -> {attribute: AWS member name}; the reshaped attributes are absent on purpose.
RENAMES: Final[Mapping[type, Mapping[str, str]]] = {
    InferenceComponent: {
        "name": "InferenceComponentName",
        "endpoint": "EndpointName",
        "variant": "VariantName",
        "specification": "Specification",
        "instance_pools": "Specifications",
        "tags": "Tags",
    },
    Specification: {
        "model_name": "ModelName",
        "container": "Container",
        "startup": "StartupParameters",
        "compute": "ComputeResourceRequirements",
        "scheduling": "SchedulingConfig",
        "instance_type": "InstanceType",
    },
    Container: {
        "image": "Image",
        "artifact_url": "ArtifactUrl",
        "environment": "Environment",
        "metrics": "ContainerMetricsConfig",
    },
    ContainerMetrics: {"endpoints": "MetricsEndpoints"},
    MetricsEndpoint: {
        "path": "MetricsEndpointPath",
        "publish_frequency_s": "MetricPublishFrequencyInSeconds",
    },
    StartupParameters: {
        "model_data_download_timeout_s": "ModelDataDownloadTimeoutInSeconds",
        "container_startup_health_check_timeout_s": "ContainerStartupHealthCheckTimeoutInSeconds",
    },
    ComputeRequirements: {
        "min_memory_mb": "MinMemoryRequiredInMb",
        "max_memory_mb": "MaxMemoryRequiredInMb",
        "cpu_cores": "NumberOfCpuCoresRequired",
        "accelerators": "NumberOfAcceleratorDevicesRequired",
        "accelerator_partition_type": "AcceleratorPartitionType",
    },
    Adapter: {},
    Scheduling: {
        "placement_strategy": "PlacementStrategy",
        "availability_zone_balance": "AvailabilityZoneBalance",
    },
    AvailabilityZoneBalance: {
        "enforcement_mode": "EnforcementMode",
        "max_imbalance": "MaxImbalance",
    },
    Tag: {"key": "Key", "value": "Value"},
    CapacitySize: {"type": "Type", "value": "Value"},
    RollingUpdate: {
        "maximum_batch_size": "MaximumBatchSize",
        "wait_interval_s": "WaitIntervalInSeconds",
        "maximum_execution_timeout_s": "MaximumExecutionTimeoutInSeconds",
        "rollback_maximum_batch_size": "RollbackMaximumBatchSize",
    },
    DeploymentConfig: {"rolling_update": "RollingUpdatePolicy"},
}


def _identity(value: Any, _: Any = None) -> Any:
    return value


def _as_list(hook: Callable[[Any], Any]) -> Callable[[Any], Any]:
    def unstructure(items: Any) -> Any:
        return [hook(item) for item in items]

    return unstructure


# Children before parents: each parent's generated function calls its children's hooks directly,
# which keeps rendering a whole component within a few microseconds.
_ORDER = (
    Tag, MetricsEndpoint, ContainerMetrics, Container, StartupParameters, ComputeRequirements,
    AvailabilityZoneBalance, Scheduling, Adapter, Specification, InferenceComponent,
    CapacitySize, RollingUpdate, DeploymentConfig,
)  # fmt: skip


@functools.cache
def _build_converter() -> cattrs.Converter:
    """The converter, configured once. Each direction's hooks are generated on first use."""
    import cattrs

    converter = cattrs.Converter(detailed_validation=True, forbid_extra_keys=True)
    # Values pass through unchanged: the spec classes check types and report them with paths,
    # so a coercion here (int("12")) would hide a mistake the user should see.
    for primitive in (str, int, float, bool):
        converter.register_structure_hook(primitive, _identity)
    converter.register_structure_hook_func(lambda t: _origin(t) is Literal, _identity)
    converter.register_structure_hook_func(lambda t: _origin(t) is Mapping, _identity)
    return converter


def _overrides(cls: type, field_override: Callable[[str, Any, Any], Any]) -> dict[str, Any]:
    """Per-attribute cattrs overrides for ``cls``: reshaped attributes skipped, others renamed."""
    from cattrs.gen import override

    # Reshaped attributes (see _RENDERERS and _PARSERS) are left to their own hooks.
    overrides: dict[str, Any] = {name: override(omit=True) for name in _RENDERERS.get(cls, {})}
    renames = RENAMES[cls]
    for field in attrs.fields(attrs.resolve_types(cls)):
        if field.name in renames:
            overrides[field.name] = field_override(renames[field.name], field.type, field.default)
    return overrides


@functools.cache
def _unstructuring() -> cattrs.Converter:
    """The converter with its spec -> request hooks (renames, unset fields left out)."""
    from cattrs.gen import make_dict_unstructure_fn, override

    converter = _build_converter()

    def field_override(wire: str, annotation: Any, default: Any) -> Any:
        return override(
            rename=wire,
            unstruct_hook=_field_unstructurer(converter, annotation),
            # A member with a default value (EnforcementMode) is one the model requires.
            omit_if_default=default is None,
        )

    for cls in _ORDER:
        overrides = _overrides(cls, field_override)
        for name, (wire, render) in _RENDERERS.get(cls, {}).items():
            overrides[name] = override(rename=wire, unstruct_hook=render, omit_if_default=True)
        hook: _Unstructure = make_dict_unstructure_fn(
            cls, converter, _cattrs_omit_if_default=True, **overrides
        )
        converter.register_unstructure_hook(
            cls, _render_adapter(hook) if cls is Specification else hook
        )
    return converter


@functools.cache
def _structuring() -> cattrs.Converter:
    """The converter with its request/response -> spec hooks (strict: unknown keys refused)."""
    from cattrs.gen import make_dict_structure_fn, override

    converter = _build_converter()

    def field_override(wire: str, annotation: Any, default: Any) -> Any:
        return override(rename=wire, struct_hook=_field_structurer(converter, annotation))

    for cls in _ORDER:
        hook: _Structure = make_dict_structure_fn(cls, converter, **_overrides(cls, field_override))
        parse = _PARSERS.get(cls)
        converter.register_structure_hook(cls, parse(hook) if parse else hook)
    return converter


def _field_structurer(
    converter: cattrs.Converter, annotation: Any
) -> Callable[[Any, Any], Any] | None:
    """A direct hook for an optional child spec or a plain value; None: cattrs' own."""
    kinds = [arg for arg in get_args(annotation) if arg is not type(None)] or [annotation]
    kind = kinds[0]
    if kind in RENAMES:
        child = converter.get_structure_hook(kind)

        def structure_child(value: Any, _: Any) -> Any:
            return None if value is None else child(value, kind)

        return structure_child
    if kind in (str, int, float, bool) or _origin(kind) is Literal or _origin(kind) is Mapping:
        return _identity
    return None


def _origin(annotation: Any) -> object:
    return get_origin(annotation)


def _field_unstructurer(converter: cattrs.Converter, annotation: Any) -> Callable[[Any], Any]:
    """The direct hook for one non-None field value: a child's hook, a list of them, or a copy."""
    kinds = [arg for arg in get_args(annotation) if arg is not type(None)] or [annotation]
    kind = kinds[0]
    if kind in RENAMES:
        return converter.get_unstructure_hook(kind)
    if get_origin(kind) is tuple:
        item = get_args(kind)[0]
        if item in RENAMES:
            return _as_list(converter.get_unstructure_hook(item))
        return list
    if get_origin(kind) is Mapping:
        return Environment.to_dict
    from cattrs.fns import identity

    return identity  # cattrs inlines its own identity: the value is copied without a call


_T = TypeVar("_T", bound=_Spec)
_Unstructure = Callable[[Any], dict[str, Any]]
_Structure = Callable[[Any, Any], Any]


def _mapping(value: Any) -> dict[str, Any]:
    if not isinstance(value, Mapping):
        raise TypeError(f"expected an object, got {type(value).__name__}")
    return dict(cast("Mapping[str, Any]", value))


def _single(data: dict[str, Any], key: str, member: str, path: str) -> Any:
    """Pop ``data[key]``, a structure with exactly one ``member``, and return that member."""
    value = data.pop(key)
    if isinstance(value, Mapping) and set(cast("Mapping[str, Any]", value)) == {member}:
        return cast("Mapping[str, Any]", value)[member]
    raise SpecError([Problem(path, f"{key} takes exactly one member, {member}")])


def _parse_component(structure: _Structure) -> _Structure:
    def from_wire(value: Any, cls: Any) -> InferenceComponent:
        data = _mapping(value)
        if "RuntimeConfig" not in data:
            return cast("InferenceComponent", structure(data, cls))
        copies = _single(data, "RuntimeConfig", "CopyCount", "copies")
        return cast("InferenceComponent", attrs.evolve(structure(data, cls), copies=copies))

    return from_wire


def _render_adapter(unstructure: _Unstructure) -> _Unstructure:
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


def _parse_specification(structure: _Structure) -> _Structure:
    def from_wire(value: Any, cls: Any) -> Specification:
        data = _mapping(value)
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


def _parse_deployment(structure: _Structure) -> _Structure:
    def from_wire(value: Any, cls: Any) -> DeploymentConfig:
        data = _mapping(value)
        if "AutoRollbackConfiguration" not in data:
            return cast("DeploymentConfig", structure(data, cls))
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
        return cast(
            "DeploymentConfig", attrs.evolve(structure(data, cls), auto_rollback_alarms=names)
        )

    return from_wire


_PARSERS: Final[Mapping[type, Callable[[_Structure], _Structure]]] = {
    InferenceComponent: _parse_component,
    Specification: _parse_specification,
    DeploymentConfig: _parse_deployment,
}

# Reshaped attributes on the way out: (AWS member, how the value becomes it).
_RENDERERS: Final[Mapping[type, Mapping[str, tuple[str, Callable[[Any], Any]]]]] = {
    InferenceComponent: {"copies": ("RuntimeConfig", lambda copies: {"CopyCount": copies})},
    Specification: {
        "data_caching": ("DataCacheConfig", lambda enabled: {"EnableCaching": enabled}),
        "adapter": ("BaseInferenceComponentName", lambda adapter: adapter.base),
    },
    DeploymentConfig: {
        "auto_rollback_alarms": (
            "AutoRollbackConfiguration",
            lambda names: {"Alarms": [{"AlarmName": name} for name in names]},
        )
    },
}


def render_create(component: InferenceComponent) -> CreateInferenceComponentInputTypeDef:
    """``create_inference_component`` kwargs for ``component``."""
    return cast("CreateInferenceComponentInputTypeDef", _component_hook()(component))


@functools.cache
def _component_hook() -> _Unstructure:
    return _unstructuring().get_unstructure_hook(InferenceComponent)


def render_update(
    component: InferenceComponent,
    *,
    specification: bool = True,
    copies: bool = True,
    deployment: DeploymentConfig | None = None,
) -> UpdateInferenceComponentInputTypeDef:
    """``update_inference_component`` kwargs: the spec and/or copies of ``component``."""
    create = _component_hook()(component)
    request: dict[str, Any] = {"InferenceComponentName": component.name}
    if specification:
        for key in ("Specification", "Specifications"):
            if key in create:
                request[key] = create[key]
    if copies and "RuntimeConfig" in create:
        request["RuntimeConfig"] = create["RuntimeConfig"]
    if deployment is not None:
        request["DeploymentConfig"] = render_deployment(deployment)
    return cast("UpdateInferenceComponentInputTypeDef", request)


def render_deployment(deployment: DeploymentConfig) -> dict[str, Any]:
    """``DeploymentConfig`` for an update."""
    return _unstructuring().unstructure(deployment)  # type: ignore[no-any-return]


def render_runtime_update(
    name: str, copies: int
) -> UpdateInferenceComponentRuntimeConfigInputTypeDef:
    """``update_inference_component_runtime_config`` kwargs: a new copy count."""
    return {"InferenceComponentName": name, "DesiredRuntimeConfig": {"CopyCount": copies}}


def parse_create(kwargs: Mapping[str, Any]) -> InferenceComponent:
    """The validated spec for ``create_inference_component`` kwargs; SpecError if invalid."""
    return parse(InferenceComponent, kwargs)


def parse(cls: type[_T], wire: Any) -> _T:
    """Structure ``wire`` into a validated ``cls``; every problem becomes one SpecError."""
    converter = _structuring()
    with deferred_validation():
        try:
            value = converter.structure(wire, cls)
        except Exception as error:
            raise SpecError(_problems_from(error, "")) from None
    validate(value)
    return value


def _join(prefix: str, name: str) -> str:
    return f"{prefix}.{name}" if prefix else name


def _problems_from(error: BaseException, path: str) -> list[Problem]:
    from cattrs.errors import (
        ClassValidationError,
        ForbiddenExtraKeysError,
        IterableValidationError,
    )

    if isinstance(error, SpecError):
        return [Problem(_join(path, p.path), p.message) for p in error.problems]
    if isinstance(error, ForbiddenExtraKeysError):
        keys = ", ".join(sorted(error.extra_fields))
        return [Problem(path, f"unknown key(s): {keys}")]
    if isinstance(error, ClassValidationError):
        found: list[Problem] = []
        with_notes, without = error.group_exceptions()
        for inner, note in with_notes:
            if isinstance(inner, KeyError):
                found.append(Problem(_join(path, note.name), "is required"))
            else:
                found.extend(_problems_from(inner, _join(path, note.name)))
        for inner in without:
            found.extend(_problems_from(inner, path))
        return found
    if isinstance(error, IterableValidationError):
        found = []
        with_index, without = error.group_exceptions()
        for inner, index_note in with_index:
            found.extend(_problems_from(inner, f"{path}[{index_note.index}]"))
        for inner in without:
            found.extend(_problems_from(inner, path))
        return found
    return [Problem(path, f"has the wrong shape ({type(error).__name__}: {error})")]


# -- responses -------------------------------------------------------------------------------

# Members of Describe's specification summary that the create request spells differently.
_KNOWN_SPEC_KEYS = frozenset(
    [*RENAMES[Specification].values(), "BaseInferenceComponentName", "DataCacheConfig"]
)


def spec_from_summary(summary: Mapping[str, Any]) -> Specification:
    """A Specification from Describe's summary (image as specified, unknown members dropped)."""
    if summary.keys() <= _KNOWN_SPEC_KEYS and "Container" not in summary:
        data: Mapping[str, Any] = summary
    else:
        data = {key: value for key, value in summary.items() if key in _KNOWN_SPEC_KEYS}
        container = data.get("Container")
        if container is not None:
            container = dict(container)
            deployed = container.pop("DeployedImage", None)
            if deployed is not None and "SpecifiedImage" in deployed:
                container["Image"] = deployed["SpecifiedImage"]
            data["Container"] = container
    token = _DEFERRED.set(True)  # the service's own state: already accepted once
    try:
        return _specification_hook()(data, Specification)
    finally:
        _DEFERRED.reset(token)


def deployment_from_wire(wire: Mapping[str, Any]) -> DeploymentConfig:
    """A DeploymentConfig from a Describe response's LastDeploymentConfig."""
    token = _DEFERRED.set(True)
    try:
        deployment: DeploymentConfig = _structuring().structure(wire, DeploymentConfig)
        return deployment
    finally:
        _DEFERRED.reset(token)


@functools.cache
def _specification_hook() -> Callable[[Any, Any], Specification]:
    return _structuring().get_structure_hook(Specification)
