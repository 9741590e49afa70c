"""Exact requests, checked with botocore's Stubber (no HTTP at all)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Any

import boto3
import pytest
from botocore.stub import Stubber

from icsdk import Client, InferenceComponent, RetryPolicy, Status

from ..samples import full_component, small_component

NOW = datetime(2026, 1, 1, tzinfo=UTC)
ARN = "arn:aws:sagemaker:us-east-1:123456789012:inference-component/llama-8b"
ENDPOINT_ARN = "arn:aws:sagemaker:us-east-1:123456789012:endpoint/shared-gpu"


@pytest.fixture
def stubbed() -> Iterator[tuple[Client, Stubber]]:
    sagemaker: Any = boto3.client(  # pyright: ignore[reportUnknownMemberType]
        "sagemaker", region_name="us-east-1", aws_access_key_id="x", aws_secret_access_key="y"
    )
    with Stubber(sagemaker) as stubber:
        yield Client(sagemaker, retry=RetryPolicy(attempts=1)), stubber
        stubber.assert_no_pending_responses()


def describe_response(ic: InferenceComponent, status: str = "InService") -> dict[str, Any]:
    request: Any = ic.to_boto3()
    spec = dict(request["Specification"])
    container = dict(spec.get("Container", {}))
    if "Image" in container:
        container["DeployedImage"] = {"SpecifiedImage": container.pop("Image")}
        spec["Container"] = container
    return {
        "InferenceComponentName": ic.name,
        "InferenceComponentArn": ARN,
        "EndpointName": ic.endpoint,
        "EndpointArn": ENDPOINT_ARN,
        "VariantName": ic.variant or "AllTraffic",
        "Specification": spec,
        "RuntimeConfig": {"DesiredCopyCount": ic.copies or 0, "CurrentCopyCount": ic.copies or 0},
        "CreationTime": NOW,
        "LastModifiedTime": NOW,
        "InferenceComponentStatus": status,
    }


def test_create_sends_exactly_the_spec(stubbed: tuple[Client, Stubber]) -> None:
    client, stubber = stubbed
    ic = full_component()
    stubber.add_response(
        "create_inference_component", {"InferenceComponentArn": ARN}, dict(ic.to_boto3())
    )
    assert client.create(ic) == ARN


def test_describe_builds_typed_state(stubbed: tuple[Client, Stubber]) -> None:
    client, stubber = stubbed
    ic = full_component()
    stubber.add_response(
        "describe_inference_component",
        describe_response(ic),
        {"InferenceComponentName": "llama-8b"},
    )
    state = client.describe("llama-8b")
    assert state.status is Status.IN_SERVICE
    assert state.specification == ic.specification
    assert state.created == NOW


def test_scale_and_update_requests(stubbed: tuple[Client, Stubber]) -> None:
    client, stubber = stubbed
    stubber.add_response(
        "update_inference_component_runtime_config",
        {"InferenceComponentArn": ARN},
        {"InferenceComponentName": "llama-8b", "DesiredRuntimeConfig": {"CopyCount": 4}},
    )
    client.scale("llama-8b", 4)
    ic = small_component("llama-8b")
    without_copies = InferenceComponent(
        name=ic.name, endpoint=ic.endpoint, specification=ic.specification
    )
    stubber.add_response(
        "update_inference_component",
        {"InferenceComponentArn": ARN},
        {
            "InferenceComponentName": "llama-8b",
            "Specification": dict(ic.to_boto3())["Specification"],
        },
    )
    client.update(without_copies)


def test_delete_and_list_requests(stubbed: tuple[Client, Stubber]) -> None:
    client, stubber = stubbed
    stubber.add_response("delete_inference_component", {}, {"InferenceComponentName": "llama-8b"})
    client.delete("llama-8b")
    entry = {
        "CreationTime": NOW,
        "InferenceComponentArn": ARN,
        "InferenceComponentName": "llama-8b",
        "EndpointArn": ENDPOINT_ARN,
        "EndpointName": "shared-gpu",
        "VariantName": "AllTraffic",
        "InferenceComponentStatus": "Creating",
        "LastModifiedTime": NOW,
    }
    expected = {"EndpointNameEquals": "shared-gpu", "StatusEquals": "Creating", "MaxResults": 1}
    stubber.add_response(
        "list_inference_components",
        {"InferenceComponents": [entry], "NextToken": "t"},
        expected,
    )
    stubber.add_response(
        "list_inference_components",
        {"InferenceComponents": [entry]},
        {**expected, "NextToken": "t"},
    )
    found = list(client.list(endpoint="shared-gpu", status=Status.CREATING, page_size=1))
    assert [summary.status for summary in found] == [Status.CREATING, Status.CREATING]


def test_invoke_resolves_the_endpoint_once(stubbed: tuple[Client, Stubber]) -> None:
    stubbed_client, stubber = stubbed
    runtime: Any = boto3.client(  # pyright: ignore[reportUnknownMemberType]
        "sagemaker-runtime",
        region_name="us-east-1",
        aws_access_key_id="x",
        aws_secret_access_key="y",
    )
    client = Client(stubbed_client.sagemaker, runtime, retry=RetryPolicy(attempts=1))
    ic = small_component("llama-8b")
    stubber.add_response(
        "describe_inference_component",
        describe_response(ic),
        {"InferenceComponentName": "llama-8b"},
    )
    with Stubber(runtime) as runtime_stub:
        import io

        from botocore.response import StreamingBody

        for _ in range(2):
            runtime_stub.add_response(
                "invoke_endpoint",
                {"Body": StreamingBody(io.BytesIO(b"ok"), 2), "ContentType": "text/plain"},
                {
                    "EndpointName": "shared-gpu",
                    "InferenceComponentName": "llama-8b",
                    "Body": b"hi",
                    "ContentType": "text/plain",
                    "CustomAttributes": "a=1",
                },
            )
        for _ in range(2):
            result = client.invoke(
                "llama-8b", b"hi", content_type="text/plain", custom_attributes="a=1"
            )
            assert result.body == b"ok"
            assert result.text() == "ok"
