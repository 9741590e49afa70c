"""icsdk against botocore's service model: every member represented, every constraint enforced.

These tests read the installed botocore model, so a botocore that adds a member or tightens a
limit of one of the six inference-component operations fails here instead of being dropped.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Any, cast

import attrs
import botocore.session
import pytest
from botocore.model import ListShape, MapShape, Shape, StructureShape

from icsdk import (
    DataCapture,
    DeploymentConfig,
    Endpoint,
    InferenceComponent,
    SpecError,
    Specification,
)
from icsdk._base import Spec, field_checks
from icsdk._constraints import LIMITS, Limit, matches
from icsdk._wire.calls import render_list
from icsdk._wire.spec import member_names, parse, render_create, render_update

from .samples import (
    adapter_component,
    full_component,
    full_deployment,
    full_endpoint,
    model_limit,
    pooled_adapter_component,
    pooled_component,
)

MODEL = botocore.session.get_session().get_service_model("sagemaker")
OPERATIONS = (
    "CreateInferenceComponent",
    "UpdateInferenceComponent",
    "UpdateInferenceComponentRuntimeConfig",
    "DescribeInferenceComponent",
    "DeleteInferenceComponent",
    "ListInferenceComponents",
)


def input_shape(operation: str) -> Shape:
    shape = MODEL.operation_model(operation).input_shape
    assert shape is not None
    return shape


def members(shape: Shape, path: str = "") -> Iterator[tuple[str, Shape]]:
    """Every member path under ``shape``: ``A.B``, ``Tags[].Key``, ``Environment{}`` for values."""
    if isinstance(shape, StructureShape):
        for name, member in shape.members.items():
            child = f"{path}.{name}" if path else name
            yield child, member
            yield from members(member, child)
    elif isinstance(shape, ListShape):
        yield from members(shape.member, f"{path}[]")
    elif isinstance(shape, MapShape):
        yield f"{path}<key>", shape.key
        yield f"{path}<value>", shape.value


CONSTRAINED = {"min", "max", "pattern"}


def constrained_members() -> Iterator[tuple[str, str, Shape]]:
    for operation in OPERATIONS:
        for path, shape in members(input_shape(operation)):
            if CONSTRAINED & set(shape.metadata) or getattr(shape, "enum", None):
                yield operation, path, shape


def test_every_constrained_shape_matches_the_table() -> None:
    checked: set[str] = set()
    for _, _, shape in constrained_members():
        assert shape.name in LIMITS, f"{shape.name} is not in icsdk's constraint table"
        assert LIMITS[shape.name] == model_limit(shape), shape.name
        checked.add(shape.name)
    assert len(checked) >= 30


def wire_paths(value: object, path: str = "") -> Iterator[str]:
    if isinstance(value, dict):
        for key, child in cast("dict[str, object]", value).items():
            here = f"{path}.{key}" if path else key
            yield here
            if isinstance(child, dict) and here.endswith("Environment"):  # a map, not a shape
                yield f"{here}<key>"
                yield f"{here}<value>"
                continue
            yield from wire_paths(child, here)  # pyright: ignore[reportUnknownArgumentType]
    elif isinstance(value, list):
        for item in cast("list[object]", value):
            yield from wire_paths(item, f"{path}[]")


def SAMPLES() -> list[InferenceComponent]:
    return [full_component(), pooled_component(), adapter_component(), pooled_adapter_component()]


# Members the model declares but the service refuses, and icsdk refuses with it.
REFUSED_BY_SERVICE_RULES = {"Specification.InstanceType": "specification.instance_type"}


def test_members_refused_by_service_rules_are_refused() -> None:
    request: dict[str, Any] = dict(render_create(full_component()))
    request["Specification"] = {**request["Specification"], "InstanceType": "ml.g5.xlarge"}
    with pytest.raises(SpecError, match="belongs only in instance_pools") as caught:
        parse(InferenceComponent, request)
    assert caught.value.paths == (REFUSED_BY_SERVICE_RULES["Specification.InstanceType"],)


def rendered(operation: str) -> set[str]:
    samples = SAMPLES()
    if operation == "CreateInferenceComponent":
        requests: list[object] = [render_create(ic) for ic in samples]
    elif operation == "UpdateInferenceComponent":
        requests = [render_update(ic, deployment=full_deployment()) for ic in samples]
    elif operation == "UpdateInferenceComponentRuntimeConfig":
        from icsdk._wire.spec import render_runtime_update

        requests = [render_runtime_update("a", 1)]
    elif operation == "ListInferenceComponents":
        moment = datetime(2026, 1, 1, tzinfo=UTC)
        listing = dict(
            render_list(
                endpoint="e",
                variant="v",
                status="InService",
                name_contains="a",
                created_after=moment,
                created_before=moment,
                modified_after=moment,
                modified_before=moment,
                sort_by="Name",
                sort_order="Ascending",
                page_size=10,
            )
        )
        listing["NextToken"] = "token"  # set by the paginator in the client
        requests = [listing]
    else:
        requests = [{"InferenceComponentName": "a"}]
    return {path for request in requests for path in wire_paths(request)}


@pytest.mark.parametrize("operation", OPERATIONS)
def test_every_member_is_rendered(operation: str) -> None:
    declared = {path for path, _ in members(input_shape(operation))}
    expected = declared - set(REFUSED_BY_SERVICE_RULES)
    missing = expected - rendered(operation)
    unknown = rendered(operation) - expected
    assert not missing, f"{operation}: not represented by icsdk: {sorted(missing)}"
    assert not unknown, f"{operation}: rendered but not in the model: {sorted(unknown)}"


# -- every constraint is enforced ------------------------------------------------------------

# Wire segments that are reshaped rather than renamed: (class, segment) -> (spec path, class).
RESHAPED: dict[tuple[type, str], tuple[str, type | None]] = {
    (InferenceComponent, "RuntimeConfig"): ("copies", None),
    (Specification, "BaseInferenceComponentName"): ("adapter.base", None),
    (Specification, "DataCacheConfig"): ("data_caching", None),
    (DeploymentConfig, "AutoRollbackConfiguration"): ("auto_rollback_alarms", None),
}


def spec_path(root: type, wire_path: str) -> str:
    """The icsdk attribute path for a wire path, e.g. ``specification.compute.min_memory_mb``."""
    cls: type | None = root
    parts: list[str] = []
    for raw in re.split(r"\.|(?=<)", wire_path):
        segment = raw.removesuffix("[]")
        if cls is None or segment.startswith("<"):
            break
        if (cls, segment) in RESHAPED:
            name, cls = RESHAPED[(cls, segment)]
            parts.append(name)
            continue
        inverse = {wire: attr for attr, wire in member_names(cls).items()}
        attribute = inverse[segment]
        parts.append(attribute + ("[0]" if raw.endswith("[]") else ""))
        field = attrs.fields_dict(attrs.resolve_types(cls))[attribute]
        cls = next((a for a in _flatten(field.type) if isinstance(a, type) and attrs.has(a)), None)
    return ".".join(parts)


def _flatten(annotation: Any) -> Iterator[Any]:
    from typing import get_args

    yield annotation
    for arg in get_args(annotation):
        yield from _flatten(arg)


def violations(limit: Limit, current: Any) -> Iterator[Any]:
    """Values that break ``limit``, each for one reason."""
    if limit.kind == "string":
        if limit.enum:
            yield "NOT-A-KNOWN-VALUE"
        if limit.max is not None:
            yield (current if isinstance(current, str) and current else "a") * int(limit.max + 1)
        if limit.min:
            yield ""
        if limit.pattern:
            bad = [v for v in ("!", " ", "a b", "..", "", "x y!") if not matches_limit(limit, v)]
            if bad:
                yield bad[0]
    elif limit.kind in ("integer", "float"):
        step = 1 if limit.kind == "integer" else 0.01
        if limit.min is not None:
            yield type(current)(limit.min - step) if limit.kind == "integer" else limit.min - step
        if limit.max is not None:
            yield int(limit.max + 1)
    elif limit.kind == "list":
        if limit.max is not None:
            yield [current[0]] * int(limit.max + 1)
        if limit.min:
            yield []
    elif limit.kind == "map" and limit.max is not None:
        yield {f"K{i}": "v" for i in range(int(limit.max + 1))}


def matches_limit(limit: Limit, value: str) -> bool:
    for name, known in LIMITS.items():
        if known is limit:
            return (
                matches(name, value)
                and (limit.min is None or len(value) >= limit.min)
                and (limit.max is None or len(value) <= limit.max)
            )
    raise AssertionError(limit)


def locate(request: Any, wire_path: str) -> tuple[Any, Any]:
    """(container, key) of the value at ``wire_path`` in ``request``; lists take item 0."""
    node = request
    segments = wire_path.split(".")
    for segment in segments[:-1]:
        node = node[segment.removesuffix("[]")]
        if segment.endswith("[]"):
            node = node[0]
    last = segments[-1]
    if last.endswith("[]"):
        return node[last.removesuffix("[]")], 0
    return node, last


def cases() -> Iterator[Any]:
    sources = {
        "CreateInferenceComponent": (InferenceComponent, ""),
        "UpdateInferenceComponent": (DeploymentConfig, "DeploymentConfig."),
    }
    for operation, path, shape in constrained_members():
        if operation not in sources or "<" in path:
            continue
        root, prefix = sources[operation]
        if not path.startswith(prefix) or path.endswith("[]") or path in REFUSED_BY_SERVICE_RULES:
            continue
        limit = LIMITS[shape.name]
        if limit.pattern in (r"[\S\s]*", ".*") and limit.max is None:
            continue
        yield pytest.param(root, path.removeprefix(prefix), shape.name, id=path)


def requests_for(root: type) -> list[Any]:
    if root is DeploymentConfig:
        update: Any = render_update(full_component(), deployment=full_deployment())
        return [update["DeploymentConfig"]]
    return [render_create(ic) for ic in SAMPLES()]


@pytest.mark.parametrize(("root", "wire_path", "shape"), list(cases()))
def test_every_constraint_is_enforced(root: type, wire_path: str, shape: str) -> None:
    expected = spec_path(root, wire_path).split("[")[0]
    # An adapter's artifact URL travels in Container.ArtifactUrl but lives on Adapter.
    accepted = (expected, expected.replace("container.artifact_url", "adapter.artifact_url"))
    exercised = 0
    for request in requests_for(root):
        try:
            node, key = locate(request, wire_path)
            current = node[key]
        except (KeyError, IndexError, TypeError):
            continue
        for bad in violations(LIMITS[shape], current):
            broken = copy.deepcopy(request)
            broken_node, broken_key = locate(broken, wire_path)
            broken_node[broken_key] = bad
            with pytest.raises(SpecError) as caught:
                parse(root, broken)
            paths = caught.value.paths
            assert any(p.startswith(accepted) for p in paths), (bad, paths)
            exercised += 1
    assert exercised, f"no sample request has {wire_path}"


def test_environment_limits_are_enforced() -> None:
    request: Any = render_create(full_component())
    env = request["Specification"]["Container"]["Environment"]
    for bad_key in ("1BAD", "with space"):
        broken = copy.deepcopy(request)
        broken["Specification"]["Container"]["Environment"] = {**env, bad_key: "v"}
        with pytest.raises(SpecError, match=re.escape(repr(bad_key))):
            parse(InferenceComponent, broken)
    broken = copy.deepcopy(request)
    broken["Specification"]["Container"]["Environment"] = {"K": "v" * 1025}
    with pytest.raises(SpecError, match="at most 1024 characters"):
        parse(InferenceComponent, broken)


@pytest.mark.parametrize(
    ("kwargs", "path"),
    [
        ({"endpoint": "bad name!"}, "endpoint"),
        ({"variant": "-x"}, "variant"),
        ({"status": "Running"}, "status"),
        ({"name_contains": "a b"}, "name_contains"),
        ({"sort_by": "Size"}, "sort_by"),
        ({"sort_order": "Up"}, "sort_order"),
        ({"page_size": 0}, "page_size"),
        ({"page_size": 101}, "page_size"),
        ({"created_after": "yesterday"}, "created_after"),
    ],
)
def test_list_filters_are_enforced(kwargs: dict[str, Any], path: str) -> None:
    with pytest.raises(SpecError) as caught:
        render_list(**kwargs)
    assert caught.value.paths == (path,)


# -- the limits declared on the fields are the model's -------------------------------------------


def declared_shapes(root: type, wire_path: str) -> set[str]:
    """The shapes the icsdk field at ``wire_path`` declares (itself, its items, keys, values)."""
    cls: type | None = root
    declared: set[str] = set()
    for raw in wire_path.split("."):
        segment = raw.removesuffix("[]")
        if cls is None or (cls, segment) in RESHAPED:
            return set()
        attribute = {wire: attr for attr, wire in member_names(cls).items()}[segment]
        check = {c.name: c for c in field_checks(cls)}[attribute]
        cls = check.cls
        declared = set() if check.limit is None else {check.limit.shape}
        if check.limit is not None:
            declared |= {s for s in (check.limit.item, check.limit.key, check.limit.value) if s}
    return declared


def test_every_constrained_member_declares_its_model_shape() -> None:
    roots = {
        "CreateInferenceComponent": (InferenceComponent, ""),
        "UpdateInferenceComponent": (DeploymentConfig, "DeploymentConfig."),
    }
    checked = 0
    for operation, path, shape in constrained_members():
        if operation not in roots or path in REFUSED_BY_SERVICE_RULES:
            continue
        root, prefix = roots[operation]
        if not path.startswith(prefix):
            continue
        member = re.sub(r"(\[\]|<key>|<value>)+$", "", path.removeprefix(prefix))
        declared = declared_shapes(root, member)
        if not declared and any(k[1] in member.split(".") for k in RESHAPED):
            continue  # a reshaped member: checked by test_every_constraint_is_enforced
        assert shape.name in declared, (path, shape.name, declared)
        checked += 1
    assert checked >= 25


def spec_classes() -> list[type[Spec]]:
    found: list[type[Spec]] = []
    pending = list(Spec.__subclasses__())
    while pending:
        cls = pending.pop()
        found.append(cls)
        pending.extend(cls.__subclasses__())
    return found


def test_every_value_field_declares_a_limit_of_the_model() -> None:
    for cls in spec_classes():
        for check in field_checks(cls):
            if check.form not in ("spec", "specs"):
                assert check.limit is not None and check.limit.shape in LIMITS, (cls, check.name)


@pytest.mark.parametrize(
    ("kind", "bad"),
    [
        ("integer", 2**31),
        ("integer", -(2**31) - 1),
        ("integer", 10**400),
        ("float", float("nan")),
        ("float", float("inf")),
        ("float", 10**400),
    ],
)
def test_every_numeric_field_refuses_what_its_wire_type_cannot_carry(kind: str, bad: Any) -> None:
    exercised = 0
    for request in [render_create(ic) for ic in SAMPLES()]:
        for _, path, shape in constrained_or_numeric_members():
            if LIMITS.get(shape.name, Limit("")).kind != kind or "<" in path:
                continue
            try:
                node, key = locate(request, path)
                node[key]
            except (KeyError, IndexError, TypeError):
                continue
            broken = copy.deepcopy(request)
            broken_node, broken_key = locate(broken, path)
            broken_node[broken_key] = bad
            with pytest.raises(SpecError) as caught:
                parse(InferenceComponent, broken)
            assert str(caught.value)
            exercised += 1
    assert exercised


def constrained_or_numeric_members() -> Iterator[tuple[str, str, Shape]]:
    for path, shape in members(input_shape("CreateInferenceComponent")):
        if shape.type_name in ("integer", "long", "float", "double"):
            yield "CreateInferenceComponent", path, shape


# -- endpoints for components: CreateEndpointConfig and CreateEndpoint ------------------------

ENDPOINT_OPERATIONS = ("CreateEndpointConfig", "CreateEndpoint")

# Members an endpoint for components cannot carry: wire path -> (SpecError path, reason).
REFUSED_ENDPOINT_MEMBERS: dict[str, tuple[str, str]] = {
    "AsyncInferenceConfig": ("async_inference_config", "real-time endpoints for components"),
    "ExplainerConfig": ("explainer_config", "explainer explains a variant's model"),
    "ShadowProductionVariants": ("shadow_production_variants", "shadow variant mirrors"),
    "ProductionVariants[].ModelName": ("variants[0].model_name", "no model on its variants"),
    "ProductionVariants[].InitialVariantWeight": (
        "variants[0].initial_variant_weight",
        "takes no weight",
    ),
    "ProductionVariants[].EnableSSMAccess": (
        "variants[0].enable_ssm_access",
        "takes no SSM access",
    ),
    "ProductionVariants[].ServerlessConfig": (
        "variants[0].serverless_config",
        "serverless variants cannot host inference components",
    ),
    "ProductionVariants[].AcceleratorType": (
        "variants[0].accelerator_type",
        "Elastic Inference is no longer available",
    ),
    "ProductionVariants[].InstancePools[].ModelNameOverride": (
        "variants[0].instance_pools[0].model_name_override",
        "no model on its variants",
    ),
    "DeploymentConfig": ("deployment_config", "not typed by icsdk yet"),  # CreateEndpoint's
}
RESHAPED[(DataCapture, "CaptureOptions")] = ("capture_modes", None)


def is_refused(path: str) -> bool:
    return any(
        path == refused or path.startswith((f"{refused}.", f"{refused}[]", f"{refused}<"))
        for refused in REFUSED_ENDPOINT_MEMBERS
    )


def endpoint_requests() -> list[Any]:
    return [full_endpoint().to_boto3()]


def test_every_endpoint_member_is_rendered_or_refused() -> None:
    for operation, index in (("CreateEndpointConfig", 0), ("CreateEndpoint", 1)):
        declared = {path for path, _ in members(input_shape(operation))}
        expected = {path for path in declared if not is_refused(path)}
        shown = {path for request in endpoint_requests() for path in wire_paths(request[index])}
        assert not expected - shown, f"{operation}: not represented: {sorted(expected - shown)}"
        assert not shown - expected, f"{operation}: rendered, not in the model: {shown - expected}"
        assert declared & set(REFUSED_ENDPOINT_MEMBERS), operation


def endpoint_constrained_members() -> Iterator[tuple[str, Shape]]:
    for operation in ENDPOINT_OPERATIONS:
        for path, shape in members(input_shape(operation)):
            if is_refused(path):
                continue
            if CONSTRAINED & set(shape.metadata) or getattr(shape, "enum", None):
                yield path, shape


def test_every_constrained_endpoint_shape_matches_the_table() -> None:
    checked = {shape.name for _, shape in endpoint_constrained_members()}
    for name in checked:
        assert name in LIMITS, f"{name} is not in icsdk's constraint table"
        assert LIMITS[name] == model_limit(MODEL.shape_for(name)), name
    assert len(checked) >= 35


def refused_request(wire_path: str) -> tuple[dict[str, Any], dict[str, Any]]:
    requests = full_endpoint().to_boto3()
    config: dict[str, Any] = copy.deepcopy(dict(requests.config))
    endpoint: dict[str, Any] = dict(requests.endpoint)
    value: dict[str, Any] = {"placeholder": True}
    if wire_path == "DeploymentConfig":
        endpoint["DeploymentConfig"] = value
    elif wire_path.startswith("ProductionVariants[].InstancePools[]."):
        config["ProductionVariants"][0]["InstancePools"][0]["ModelNameOverride"] = "m"
    elif wire_path.startswith("ProductionVariants[]."):
        member = wire_path.removeprefix("ProductionVariants[].")
        config["ProductionVariants"][0][member] = "m" if member == "ModelName" else value
    else:
        config[wire_path] = value
    return config, endpoint


@pytest.mark.parametrize("wire_path", sorted(REFUSED_ENDPOINT_MEMBERS))
def test_every_refused_endpoint_member_is_refused_with_its_reason(wire_path: str) -> None:
    path, reason = REFUSED_ENDPOINT_MEMBERS[wire_path]
    config, endpoint = refused_request(wire_path)
    with pytest.raises(SpecError) as caught:
        Endpoint.from_boto3(config, endpoint)
    assert path in caught.value.paths
    assert reason in str(caught.value)


def test_managed_instance_scaling_beside_a_model_is_refused_with_the_services_words() -> None:
    config, _ = full_endpoint().to_boto3()
    variant = {**config["ProductionVariants"][0], "ModelName": "llama-8b-model"}
    broken = {**config, "ProductionVariants": [variant]}
    with pytest.raises(SpecError) as caught:
        Endpoint.from_boto3(broken)
    assert set(caught.value.paths) == {"variants[0].model_name", "variants[0].scaling"}
    assert "ManagedInstanceScaling is only supported for inference component endpoints." in str(
        caught.value
    )


def endpoint_cases() -> Iterator[Any]:
    for path, shape in endpoint_constrained_members():
        if "<" in path or path.endswith("[]") or path == "EndpointConfigName":
            continue
        limit = LIMITS[shape.name]
        if limit.pattern in (r"[\S\s]*", ".*") and limit.max is None:
            continue
        yield pytest.param(path, shape.name, id=path)


def merged_request() -> dict[str, Any]:
    """The structure the converter parses an Endpoint from: the config with the endpoint's name."""
    config, endpoint = full_endpoint().to_boto3()
    return {**copy.deepcopy(dict(config)), "EndpointName": endpoint["EndpointName"]}


@pytest.mark.parametrize(("wire_path", "shape"), list(endpoint_cases()))
def test_every_endpoint_constraint_is_enforced(wire_path: str, shape: str) -> None:
    expected = spec_path(Endpoint, wire_path).split("[")[0]
    request = merged_request()
    node, key = locate(request, wire_path)
    exercised = 0
    for bad in violations(LIMITS[shape], node[key]):
        broken = copy.deepcopy(request)
        broken_node, broken_key = locate(broken, wire_path)
        broken_node[broken_key] = bad
        with pytest.raises(SpecError) as caught:
            parse(Endpoint, broken)
        assert any(p.startswith(expected) for p in caught.value.paths), (bad, caught.value.paths)
        exercised += 1
    assert exercised, wire_path


def test_every_constrained_endpoint_member_declares_its_model_shape() -> None:
    checked = 0
    for path, shape in endpoint_constrained_members():
        if path.startswith(("EndpointConfigName", "EndpointName")):
            continue  # the names: declared on Endpoint.name and Endpoint.config_name
        member = re.sub(r"(\[\]|<key>|<value>)+$", "", path)
        declared = declared_shapes(Endpoint, member)
        segments = [segment.removesuffix("[]") for segment in member.split(".")]
        if not declared and any(k[1] in segments for k in RESHAPED):
            continue  # a reshaped member: checked by test_every_endpoint_constraint_is_enforced
        assert shape.name in declared, (path, shape.name, declared)
        checked += 1
    assert checked >= 40


def test_endpoint_names_declare_their_model_shapes() -> None:
    checks = {check.name: check for check in field_checks(Endpoint)}
    assert checks["name"].limit is not None and checks["name"].limit.shape == "EndpointName"
    config_name = checks["config_name"].limit
    assert config_name is not None and config_name.shape == "EndpointConfigName"


def test_every_endpoint_numeric_field_refuses_what_its_wire_type_cannot_carry() -> None:
    exercised = 0
    for path, shape in members(input_shape("CreateEndpointConfig")):
        if is_refused(path) or shape.type_name not in ("integer", "float") or "<" in path:
            continue
        wide = 2**31 if shape.type_name == "integer" else 10**39  # past a 32-bit float
        for bad in (wide, float("nan"), 10**400):
            broken = merged_request()
            node, key = locate(broken, path)
            node[key] = bad
            with pytest.raises(SpecError):
                parse(Endpoint, broken)
            exercised += 1
    assert exercised >= 30
