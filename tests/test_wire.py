"""The wire format: exact boto3 requests, exact round trips, strict parsing of boto3 kwargs."""

from __future__ import annotations

import copy
from typing import Any

import attrs
import botocore.session
import pytest
from botocore.validate import ParamValidator
from hypothesis import given

from icsdk import Container, DeploymentConfig, InferenceComponent, SpecError
from icsdk._wire.spec import parse, render_deployment, render_runtime_update, render_update

from .samples import full_component, full_deployment, pooled_component
from .strategies import components

MODEL = botocore.session.get_session().get_service_model("sagemaker")


def assert_botocore_accepts(operation: str, params: Any) -> None:
    shape = MODEL.operation_model(operation).input_shape
    assert shape is not None
    report = ParamValidator().validate(params, shape)
    assert not report.has_errors(), report.generate_report()


@given(components())
def test_every_valid_spec_renders_a_request_botocore_and_icsdk_accept(
    ic: InferenceComponent,
) -> None:
    request = ic.to_boto3()
    assert_botocore_accepts("CreateInferenceComponent", request)
    # Autoscaling is other services' requests: CreateInferenceComponent carries none of it.
    assert InferenceComponent.from_boto3(request) == attrs.evolve(ic, autoscaling=None)
    assert InferenceComponent.from_boto3(request).to_boto3() == request


@given(components())
def test_update_requests_are_valid_too(ic: InferenceComponent) -> None:
    assert_botocore_accepts("UpdateInferenceComponent", render_update(ic))
    assert_botocore_accepts(
        "UpdateInferenceComponentRuntimeConfig", render_runtime_update(ic.name, ic.copies or 0)
    )


def test_full_request_round_trips_exactly() -> None:
    for ic in (full_component(), pooled_component()):
        request = ic.to_boto3()
        assert_botocore_accepts("CreateInferenceComponent", request)
        assert InferenceComponent.from_boto3(copy.deepcopy(request)).to_boto3() == request


@pytest.mark.parametrize(
    "container",
    [
        {},
        {"ContainerMetricsConfig": {}},
        {"ContainerMetricsConfig": {"MetricsEndpoints": []}},
        {"Environment": {}},
    ],
)
def test_empty_structures_round_trip(container: dict[str, Any]) -> None:
    request: dict[str, Any] = {
        "InferenceComponentName": "a",
        "EndpointName": "e",
        "Specification": {
            "ModelName": "m",
            "Container": container,
            "StartupParameters": {},
            "ComputeResourceRequirements": {"MinMemoryRequiredInMb": 128},
        },
        "Tags": [],
    }
    assert InferenceComponent.from_boto3(request).to_boto3() == request


def test_adapter_with_extra_container_fields_round_trips() -> None:
    request = {
        "InferenceComponentName": "sql",
        "EndpointName": "e",
        "Specification": {
            "BaseInferenceComponentName": "base",
            "Container": {"ArtifactUrl": "s3://b/a", "Environment": {"A": "1"}},
        },
    }
    ic = InferenceComponent.from_boto3(request)
    assert ic.specification is not None
    assert ic.specification.container == Container(environment={"A": "1"})
    assert ic.to_boto3() == request


def test_unknown_keys_are_named_with_their_place() -> None:
    request: Any = full_component().to_boto3()
    request["ClientToken"] = "x"
    request["Specification"]["ComputeResourceRequirements"]["Gpus"] = 1
    with pytest.raises(SpecError) as caught:
        InferenceComponent.from_boto3(request)
    assert {str(p) for p in caught.value.problems} == {
        "unknown key(s): ClientToken",
        "specification.compute: unknown key(s): Gpus",
    }


def test_missing_required_members_are_named() -> None:
    with pytest.raises(SpecError) as caught:
        InferenceComponent.from_boto3(
            {"InferenceComponentName": "a", "Specification": {"ComputeResourceRequirements": {}}}
        )
    assert set(caught.value.paths) == {"endpoint", "specification.compute.min_memory_mb"}


@pytest.mark.parametrize(
    ("patch", "path"),
    [
        ({"RuntimeConfig": {"Copies": 1}}, "copies"),
        ({"Specification": {"DataCacheConfig": {}}}, "specification.data_caching"),
        (
            {"Specification": {"BaseInferenceComponentName": "b"}},
            "specification.adapter.artifact_url",
        ),
        ({"Specification": "m"}, "specification"),
        ({"Tags": [{"Key": "a"}]}, "tags[0].value"),
    ],
)
def test_malformed_shapes_are_reported(patch: dict[str, Any], path: str) -> None:
    request = {"InferenceComponentName": "a", "EndpointName": "e", **patch}
    with pytest.raises(SpecError) as caught:
        InferenceComponent.from_boto3(request)
    assert path in caught.value.paths


def test_values_are_not_coerced() -> None:
    request: Any = full_component().to_boto3()
    request["RuntimeConfig"]["CopyCount"] = "2"
    with pytest.raises(SpecError, match="copies: must be an integer, got str '2'"):
        InferenceComponent.from_boto3(request)


def test_update_renders_spec_and_copies_separately() -> None:
    ic = full_component()
    both: Any = render_update(ic)
    assert both["InferenceComponentName"] == ic.name
    assert both["Specification"] == ic.to_boto3().get("Specification")
    assert both["RuntimeConfig"] == {"CopyCount": 2}
    assert "RuntimeConfig" not in render_update(ic, copies=False)
    assert "Specification" not in render_update(ic, specification=False)
    assert render_runtime_update("a", 4) == {
        "InferenceComponentName": "a",
        "DesiredRuntimeConfig": {"CopyCount": 4},
    }


def test_deployment_config_round_trips() -> None:
    wire = render_deployment(full_deployment())
    assert wire["AutoRollbackConfiguration"] == {
        "Alarms": [{"AlarmName": "p99-latency-high"}, {"AlarmName": "error-rate-high"}]
    }
    assert parse(DeploymentConfig, wire) == full_deployment()
    request = render_update(full_component(), deployment=full_deployment())
    assert_botocore_accepts("UpdateInferenceComponent", request)
    with pytest.raises(SpecError):
        parse(DeploymentConfig, {**wire, "AutoRollbackConfiguration": {"Alarms": ["a"]}})
