"""plan() against Describe answers shaped like the real service's, not like LocalSageMaker's.

The real Describe fills in what the request left out: data caching (terraform-provider-aws's
inference-component resource notes caching is on by default on accelerator instances), an
adapter's variant and its base's compute requirements, and the resolved image beside the one
specified. None of that is drift. A member newer than icsdk must never break state parsing.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterator
from typing import Any

import boto3
import pytest
from botocore.stub import Stubber

from icsdk import Action, Client, ComputeRequirements, InferenceComponent, RetryPolicy

from ..samples import CANARY, adapter_component

ARN_PREFIX = "arn:aws:sagemaker:us-east-1:123456789012"
NOW = datetime.datetime(2026, 1, 1, tzinfo=datetime.UTC)


@pytest.fixture
def stubbed() -> Iterator[tuple[Client, Stubber, Any]]:
    sagemaker: Any = boto3.client(  # pyright: ignore[reportUnknownMemberType]
        "sagemaker", region_name="us-east-1", aws_access_key_id="x", aws_secret_access_key="y"
    )
    with Stubber(sagemaker) as stubber:
        yield Client(sagemaker, retry=RetryPolicy(attempts=1)), stubber, sagemaker
        stubber.assert_no_pending_responses()


def answer(name: str, specification: dict[str, Any], variant: str = "AllTraffic") -> dict[str, Any]:
    return {
        "InferenceComponentName": name,
        "InferenceComponentArn": f"{ARN_PREFIX}:inference-component/{name}",
        "EndpointName": "shared-gpu",
        "EndpointArn": f"{ARN_PREFIX}:endpoint/shared-gpu",
        "VariantName": variant,
        "Specification": specification,
        "RuntimeConfig": {"DesiredCopyCount": 1, "CurrentCopyCount": 1},
        "CreationTime": NOW,
        "LastModifiedTime": NOW,
        "InferenceComponentStatus": "InService",
    }


def stub_endpoint(stubber: Stubber) -> None:
    """The endpoint's two answers, as a plan reads them for its capacity fit."""
    stubber.add_response(
        "describe_endpoint",
        {
            "EndpointName": "shared-gpu",
            "EndpointArn": f"{ARN_PREFIX}:endpoint/shared-gpu",
            "EndpointConfigName": "shared-gpu-config",
            "EndpointStatus": "InService",
            "ProductionVariants": [
                {"VariantName": "AllTraffic", "CurrentInstanceCount": 1, "DesiredInstanceCount": 1}
            ],
            "CreationTime": NOW,
            "LastModifiedTime": NOW,
        },
        {"EndpointName": "shared-gpu"},
    )
    stubber.add_response(
        "describe_endpoint_config",
        {
            "EndpointConfigName": "shared-gpu-config",
            "EndpointConfigArn": f"{ARN_PREFIX}:endpoint-config/shared-gpu-config",
            "ExecutionRoleArn": "arn:aws:iam::123456789012:role/sagemaker",
            "ProductionVariants": [
                {
                    "VariantName": "AllTraffic",
                    "InstanceType": "ml.g5.12xlarge",
                    "InitialInstanceCount": 1,
                }
            ],
            "CreationTime": NOW,
        },
        {"EndpointConfigName": "shared-gpu-config"},
    )


def gpu_component() -> InferenceComponent:
    return (
        InferenceComponent.builder("llama-8b")
        .endpoint("shared-gpu")
        .image("763104351884.dkr.ecr.us-east-1.amazonaws.com/tgi:latest")
        .artifact_url("s3://bucket/llama-8b/")
        .compute(ComputeRequirements(min_memory_mb=16_384, accelerators=1))
        .copies(1)
        .build()
    )


GPU_ANSWER = {
    "Container": {
        "DeployedImage": {
            "SpecifiedImage": "763104351884.dkr.ecr.us-east-1.amazonaws.com/tgi:latest",
            "ResolvedImage": "763104351884.dkr.ecr.us-east-1.amazonaws.com/tgi@sha256:" + "0" * 64,
            "ResolutionTime": NOW,
        },
        "ArtifactUrl": "s3://bucket/llama-8b/",
    },
    "ComputeResourceRequirements": {
        "MinMemoryRequiredInMb": 16_384,
        "NumberOfAcceleratorDevicesRequired": 1.0,
    },
    "DataCacheConfig": {"EnableCaching": True},
}


def test_filled_in_caching_and_resolved_image_are_not_drift(
    stubbed: tuple[Client, Stubber, Any],
) -> None:
    client, stubber, _ = stubbed
    stubber.add_response(
        "describe_inference_component",
        answer("llama-8b", GPU_ANSWER),
        {"InferenceComponentName": "llama-8b"},
    )
    stub_endpoint(stubber)
    plan = client.plan(gpu_component())
    assert plan.action is Action.NOTHING, str(plan)
    assert plan.capacity is not None
    assert (plan.capacity.copies_per_instance, plan.capacity.instances_needed) == (4, 1)


def test_caching_asked_for_and_refused_is_drift(stubbed: tuple[Client, Stubber, Any]) -> None:
    client, stubber, _ = stubbed
    stubber.add_response(
        "describe_inference_component",
        answer("llama-8b", GPU_ANSWER),
        {"InferenceComponentName": "llama-8b"},
    )
    stub_endpoint(stubber)
    wanted = gpu_component().to_builder().data_caching(False).build()
    plan = client.plan(wanted)
    assert plan.action is Action.UPDATE
    assert [c.path for c in plan.changes] == ["specification.data_caching"]


def test_an_adapters_echoed_compute_and_variant_are_not_drift(
    stubbed: tuple[Client, Stubber, Any],
) -> None:
    client, stubber, _ = stubbed
    adapter = adapter_component(base="llama-8b", name="llama-8b-sql")
    assert adapter.specification is not None and adapter.specification.adapter is not None
    stubber.add_response(
        "describe_inference_component",
        answer(
            "llama-8b-sql",
            {
                "BaseInferenceComponentName": "llama-8b",
                "Container": {
                    "ArtifactUrl": adapter.specification.adapter.artifact_url,
                    "Environment": {"ADAPTER_TOKEN": CANARY},
                },
                "ComputeResourceRequirements": {
                    "MinMemoryRequiredInMb": 16_384,
                    "NumberOfAcceleratorDevicesRequired": 1.0,
                },
            },
        ),
        {"InferenceComponentName": "llama-8b-sql"},
    )
    plan = client.plan(adapter)
    assert plan.action is Action.NOTHING, str(plan)


def test_a_member_newer_than_icsdk_never_breaks_state_or_plan(
    stubbed: tuple[Client, Stubber, Any],
) -> None:
    client, stubber, sagemaker = stubbed

    def newer_service(parsed: dict[str, Any], **_: Any) -> None:
        # What a newer botocore hands over: members icsdk's classes do not have.
        spec = parsed["Specification"]
        spec["ComputeResourceRequirements"]["NumberOfNeuronCoresRequired"] = 2
        spec["Container"]["ModelPackage"] = {"Arn": "arn:aws:sagemaker:::model-package/x"}
        spec["Routing"] = {"Strategy": "LEAST_LOADED"}

    sagemaker.meta.events.register("after-call.sagemaker.DescribeInferenceComponent", newer_service)
    for _ in range(2):
        stubber.add_response(
            "describe_inference_component",
            answer("llama-8b", GPU_ANSWER),
            {"InferenceComponentName": "llama-8b"},
        )
    state = client.describe("llama-8b")
    assert state.specification is not None
    assert state.specification.compute == ComputeRequirements(min_memory_mb=16_384, accelerators=1)
    stub_endpoint(stubber)
    assert client.plan(gpu_component()).action is Action.NOTHING
