# pyright: reportTypedDictNotRequiredAccess=false
# (conformance tests read members the service returns, which the stubs mark optional)
"""Conformance of the control plane, driven by raw boto3 clients."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import botocore.exceptions
import pytest

from icsdk.testing import LocalSageMaker

from .conftest import NO_RETRIES, UNCHECKED, spec


def error_of(call: Any, **kwargs: Any) -> dict[str, Any]:
    with pytest.raises(botocore.exceptions.ClientError) as caught:
        call(**kwargs)
    return dict(caught.value.response["Error"])


def test_models_configs_and_endpoints(manual: LocalSageMaker) -> None:
    sm = manual.sagemaker_client()
    arn = sm.create_model(ModelName="m", ExecutionRoleArn="arn:aws:iam::123456789012:role/r")[
        "ModelArn"
    ]
    assert arn == "arn:aws:sagemaker:us-east-1:123456789012:model/m"
    assert sm.describe_model(ModelName="m")["ModelArn"] == arn
    sm.create_endpoint_config(
        EndpointConfigName="legacy",
        ProductionVariants=[
            {
                "VariantName": "v",
                "ModelName": "m",
                "InstanceType": "ml.m5.xlarge",
                "InitialInstanceCount": 1,
            }
        ],
    )
    assert sm.describe_endpoint_config(EndpointConfigName="legacy")["ProductionVariants"]
    sm.create_endpoint(EndpointName="legacy", EndpointConfigName="legacy")
    described = sm.describe_endpoint(EndpointName="legacy")
    assert described["EndpointStatus"] == "InService"
    assert described["ProductionVariants"][0]["CurrentInstanceCount"] == 1
    refused = error_of(
        sm.create_inference_component,
        InferenceComponentName="a",
        EndpointName="legacy",
        VariantName="AllTraffic",
        Specification=spec(),
        RuntimeConfig={"CopyCount": 1},
    )
    assert refused["Message"] == (
        "Invalid request provided: Inference Components are not supported in this Endpoint. "
        "Please make sure this endpoint can deploy inference components."
    )
    sm.delete_endpoint(EndpointName="legacy")
    sm.delete_endpoint_config(EndpointConfigName="legacy")
    sm.delete_model(ModelName="m")
    assert "Could not find model" in error_of(sm.describe_model, ModelName="m")["Message"]
    missing = error_of(sm.describe_endpoint, EndpointName="legacy")
    assert missing == {
        "Code": "ValidationException",
        "Message": 'Could not find endpoint "'
        + "arn:aws:sagemaker:us-east-1:123456789012:endpoint/legacy"
        + '".',
    }


def test_component_lifecycle_on_the_manual_clock(manual: LocalSageMaker) -> None:
    sm = manual.sagemaker_client()
    created = sm.create_inference_component(
        InferenceComponentName="Llama-8b",
        EndpointName="shared-gpu",
        VariantName="AllTraffic",
        Specification=spec(accelerators=1),
        RuntimeConfig={"CopyCount": 2},
        Tags=[{"Key": "team", "Value": "search"}],
    )
    arn = created["InferenceComponentArn"]
    assert arn == "arn:aws:sagemaker:us-east-1:123456789012:inference-component/llama-8b"
    first = sm.describe_inference_component(InferenceComponentName="Llama-8b")
    assert first["InferenceComponentStatus"] == "Creating"
    assert first["RuntimeConfig"]["CurrentCopyCount"] == 0
    manual.advance(29.9)
    assert (
        sm.describe_inference_component(InferenceComponentName="Llama-8b")[
            "InferenceComponentStatus"
        ]
        == "Creating"
    )
    manual.advance(0.2)
    ready = sm.describe_inference_component(InferenceComponentName="Llama-8b")
    assert ready["InferenceComponentStatus"] == "InService"
    assert ready["RuntimeConfig"]["DesiredCopyCount"] == 2
    assert ready["RuntimeConfig"]["CurrentCopyCount"] == 2
    assert ready["EndpointArn"].endswith(":endpoint/shared-gpu")
    assert ready["Specification"]["ComputeResourceRequirements"]["MinMemoryRequiredInMb"] == 1024
    assert ready["LastModifiedTime"] > ready["CreationTime"]

    sm.update_inference_component_runtime_config(
        InferenceComponentName="Llama-8b", DesiredRuntimeConfig={"CopyCount": 3}
    )
    assert (
        sm.describe_inference_component(InferenceComponentName="Llama-8b")[
            "InferenceComponentStatus"
        ]
        == "Updating"
    )
    busy = error_of(
        sm.update_inference_component_runtime_config,
        InferenceComponentName="Llama-8b",
        DesiredRuntimeConfig={"CopyCount": 1},
    )
    assert "because it is in Updating status" in busy["Message"]
    manual.advance(20)
    assert (
        sm.describe_inference_component(InferenceComponentName="Llama-8b")["RuntimeConfig"][
            "CurrentCopyCount"
        ]
        == 3
    )

    sm.update_inference_component(
        InferenceComponentName="Llama-8b",
        Specification=spec(memory=2048, accelerators=1),
        DeploymentConfig={
            "RollingUpdatePolicy": {
                "MaximumBatchSize": {"Type": "COPY_COUNT", "Value": 1},
                "WaitIntervalInSeconds": 0,
            }
        },
    )
    manual.advance(20)
    updated = sm.describe_inference_component(InferenceComponentName="Llama-8b")
    assert updated["Specification"]["ComputeResourceRequirements"]["MinMemoryRequiredInMb"] == 2048
    assert updated["LastDeploymentConfig"]["RollingUpdatePolicy"]["WaitIntervalInSeconds"] == 0
    assert updated["RuntimeConfig"]["CurrentCopyCount"] == 3

    sm.delete_inference_component(InferenceComponentName="Llama-8b")
    assert (
        sm.describe_inference_component(InferenceComponentName="Llama-8b")[
            "InferenceComponentStatus"
        ]
        == "Deleting"
    )
    again = error_of(sm.delete_inference_component, InferenceComponentName="Llama-8b")
    assert "DELETE_IN_PROGRESS" in again["Message"]
    manual.advance(10)
    gone = error_of(sm.describe_inference_component, InferenceComponentName="Llama-8b")
    assert gone["Message"].startswith("Could not find inference component")


def test_known_refusals(manual: LocalSageMaker) -> None:
    sm = manual.sagemaker_client()
    create = sm.create_inference_component
    create(
        InferenceComponentName="base",
        EndpointName="shared-gpu",
        VariantName="AllTraffic",
        Specification=spec(),
        RuntimeConfig={"CopyCount": 1},
    )
    duplicate = error_of(
        create,
        InferenceComponentName="base",
        EndpointName="shared-gpu",
        VariantName="AllTraffic",
        Specification=spec(),
        RuntimeConfig={"CopyCount": 1},
    )
    assert duplicate["Message"].startswith("Cannot create already existing inference component")
    no_endpoint = error_of(
        create,
        InferenceComponentName="x",
        EndpointName="nowhere",
        VariantName="AllTraffic",
        Specification=spec(),
        RuntimeConfig={"CopyCount": 1},
    )
    assert no_endpoint["Message"].startswith("Could not find endpoint")
    orphan = error_of(
        create,
        InferenceComponentName="orphan",
        EndpointName="shared-gpu",
        Specification={
            "BaseInferenceComponentName": "missing",
            "Container": {"ArtifactUrl": "s3://b/a"},
        },
    )
    assert orphan["Message"].startswith("Could not find base inference component")
    busy = error_of(
        sm.update_inference_component, InferenceComponentName="base", RuntimeConfig={"CopyCount": 2}
    )
    assert "because it is in Creating status" in busy["Message"]
    manual.advance(30)
    create(
        InferenceComponentName="adapter",
        EndpointName="shared-gpu",
        Specification={
            "BaseInferenceComponentName": "base",
            "Container": {"ArtifactUrl": "s3://b/a"},
        },
    )
    attached = error_of(sm.delete_inference_component, InferenceComponentName="base")
    assert "is a base inference component for one or more associated" in attached["Message"]
    assert sm.describe_inference_component(InferenceComponentName="adapter")["VariantName"] == (
        "AllTraffic"
    )


def test_requests_are_validated_like_the_service(manual: LocalSageMaker) -> None:
    sm = manual.sagemaker_client(config=UNCHECKED)
    refused = error_of(
        sm.create_inference_component,
        InferenceComponentName="bad_name",
        EndpointName="shared-gpu",
        VariantName="AllTraffic",
        Specification=spec(memory=64, SchedulingConfig={"PlacementStrategy": "FOO"}),
        RuntimeConfig={"CopyCount": -1},
    )
    assert refused["Code"] == "ValidationException"
    message = refused["Message"]
    assert message.startswith("4 validation errors detected: ")
    assert "Value 'bad_name' at 'inferenceComponentName' failed to satisfy constraint: " in message
    assert (
        "'runtimeConfig.copyCount' failed to satisfy constraint: Member must have value " in message
    )
    assert "specification.computeResourceRequirements.minMemoryRequiredInMb" in message
    assert "Member must satisfy enum value set: [SPREAD, BINPACK]" in message
    missing = error_of(sm.create_inference_component, InferenceComponentName="a")
    assert (
        "Value null at 'endpointName' failed to satisfy constraint: Member must not be null"
        in (missing["Message"])
    )
    secret = error_of(
        sm.create_inference_component,
        InferenceComponentName="a",
        EndpointName="shared-gpu",
        VariantName="AllTraffic",
        Specification=spec(Container={"Environment": {"TOKEN": "s3cr3t" * 200}}),
        RuntimeConfig={"CopyCount": 1},
    )
    assert "s3cr3t" not in secret["Message"]
    assert manual.sagemaker_client().list_inference_components()["InferenceComponents"] == []


def test_failed_deployment_reports_its_reason(manual: LocalSageMaker) -> None:
    sm = manual.sagemaker_client()
    manual.fail_next_deployment("a", "CUDA out of memory")
    sm.create_inference_component(
        InferenceComponentName="a",
        EndpointName="shared-gpu",
        VariantName="AllTraffic",
        Specification=spec(),
        RuntimeConfig={"CopyCount": 1},
    )
    manual.advance(30)
    described = sm.describe_inference_component(InferenceComponentName="a")
    assert described["InferenceComponentStatus"] == "Failed"
    assert described["FailureReason"] == "CUDA out of memory"
    assert described["RuntimeConfig"]["CurrentCopyCount"] == 0


def test_a_create_whose_copies_do_not_fit_fails() -> None:
    with LocalSageMaker(require_models=False, clock="manual") as local:
        local.create_endpoint("small", instance_type="ml.g5.xlarge", instance_count=2)
        sm = local.sagemaker_client()
        for name, copies in (("a", 1), ("b", 3)):
            sm.create_inference_component(
                InferenceComponentName=name,
                EndpointName="small",
                VariantName="AllTraffic",
                Specification=spec(accelerators=1),
                RuntimeConfig={"CopyCount": copies},
            )
        local.advance(60)
        b = sm.describe_inference_component(InferenceComponentName="b")
        assert b["InferenceComponentStatus"] == "Failed"
        assert b["FailureReason"] == (
            "Insufficient capacity: placed 1 of 3 copies of inference component b on endpoint "
            "small; the endpoint's instances have no room for the rest."
        )
        # A failed create serves nothing, and does not take room freed later.
        assert (b["RuntimeConfig"]["DesiredCopyCount"], b["RuntimeConfig"]["CurrentCopyCount"]) == (
            3,
            0,
        )
        sm.delete_inference_component(InferenceComponentName="a")
        local.advance(60)
        b = sm.describe_inference_component(InferenceComponentName="b")
        assert (b["InferenceComponentStatus"], b["RuntimeConfig"]["CurrentCopyCount"]) == (
            "Failed",
            0,
        )
        # What fits deploys again from Failed.
        sm.update_inference_component_runtime_config(
            InferenceComponentName="b", DesiredRuntimeConfig={"CopyCount": 2}
        )
        local.advance(60)
        b = sm.describe_inference_component(InferenceComponentName="b")
        assert b["InferenceComponentStatus"] == "InService"
        assert b.get("FailureReason") is None
        assert b["RuntimeConfig"]["PlacementStatus"] == [
            {"InstanceType": "ml.g5.xlarge", "CurrentCopyCount": 2}
        ]


def test_a_scale_that_does_not_fit_fails_and_keeps_its_copies() -> None:
    with LocalSageMaker(require_models=False, clock="manual") as local:
        local.create_endpoint("small", instance_type="ml.g5.xlarge", instance_count=2)
        sm = local.sagemaker_client()
        sm.create_inference_component(
            InferenceComponentName="a",
            EndpointName="small",
            VariantName="AllTraffic",
            Specification=spec(accelerators=1),
            RuntimeConfig={"CopyCount": 1},
        )
        local.advance(60)
        sm.update_inference_component_runtime_config(
            InferenceComponentName="a", DesiredRuntimeConfig={"CopyCount": 5}
        )
        local.advance(60)
        a = sm.describe_inference_component(InferenceComponentName="a")
        assert a["InferenceComponentStatus"] == "Failed"
        assert a["FailureReason"].startswith("Insufficient capacity: placed 2 of 5 copies")
        assert (a["RuntimeConfig"]["DesiredCopyCount"], a["RuntimeConfig"]["CurrentCopyCount"]) == (
            5,
            2,
        )
        # The copies that fit keep serving.
        runtime = local.runtime_client()
        answer = runtime.invoke_endpoint(
            EndpointName="small", InferenceComponentName="a", Body=b"1"
        )
        assert answer["ResponseMetadata"]["HTTPStatusCode"] == 200


def test_list_filters_sorting_and_pagination(manual: LocalSageMaker) -> None:
    manual.create_endpoint("other")
    sm = manual.sagemaker_client()
    start = datetime.fromtimestamp(manual.now(), UTC)
    for index in range(7):
        endpoint = "shared-gpu" if index % 2 == 0 else "other"
        sm.create_inference_component(
            InferenceComponentName=f"ic-{index}",
            EndpointName=endpoint,
            VariantName="AllTraffic",
            Specification=spec(),
            RuntimeConfig={"CopyCount": 1},
        )
        manual.advance(5)
    listing = sm.list_inference_components
    names = [c["InferenceComponentName"] for c in listing(MaxResults=100)["InferenceComponents"]]
    assert names == [f"ic-{i}" for i in reversed(range(7))]  # newest first by default
    ascending = listing(SortBy="Name", SortOrder="Ascending", MaxResults=100)
    assert [c["InferenceComponentName"] for c in ascending["InferenceComponents"]][:2] == [
        "ic-0",
        "ic-1",
    ]
    shared = listing(EndpointNameEquals="shared-gpu", MaxResults=100)["InferenceComponents"]
    assert {c["InferenceComponentName"] for c in shared} == {"ic-0", "ic-2", "ic-4", "ic-6"}
    assert (
        listing(NameContains="IC-3")["InferenceComponents"][0]["InferenceComponentName"] == "ic-3"
    )
    in_service = listing(StatusEquals="InService", MaxResults=100)["InferenceComponents"]
    # 35 s have passed: ic-0 (created at 0 s) and ic-1 (5 s) have had their 30 s in Creating.
    assert {c["InferenceComponentName"] for c in in_service} == {"ic-0", "ic-1"}
    later = listing(CreationTimeAfter=start + timedelta(seconds=12), MaxResults=100)
    assert len(later["InferenceComponents"]) == 4
    assert len(listing(VariantNameEquals="AllTraffic", MaxResults=100)["InferenceComponents"]) == 7
    modified = listing(LastModifiedTimeBefore=start + timedelta(seconds=11), MaxResults=100)
    assert [c["InferenceComponentName"] for c in modified["InferenceComponents"]] == ["ic-2"]
    recent = listing(LastModifiedTimeAfter=start + timedelta(seconds=29), MaxResults=100)
    assert {c["InferenceComponentName"] for c in recent["InferenceComponents"]} == {
        "ic-0",
        "ic-1",
        "ic-6",
    }
    pages: list[list[str]] = []
    page = listing(MaxResults=3)
    while True:
        pages.append([c["InferenceComponentName"] for c in page["InferenceComponents"]])
        token = page.get("NextToken")
        if token is None:
            break
        page = listing(MaxResults=3, NextToken=token)
    assert [len(p) for p in pages] == [3, 3, 1]
    paginated = sm.get_paginator("list_inference_components").paginate(
        PaginationConfig={"PageSize": 2}
    )
    assert sum(len(p["InferenceComponents"]) for p in paginated) == 7
    bad = error_of(listing, NextToken="garbage")
    assert bad["Message"] == "The NextToken is not valid."


def test_tags_on_component_arns(manual: LocalSageMaker) -> None:
    sm = manual.sagemaker_client()
    arn = sm.create_inference_component(
        InferenceComponentName="a",
        EndpointName="shared-gpu",
        VariantName="AllTraffic",
        Specification=spec(),
        RuntimeConfig={"CopyCount": 1},
        Tags=[{"Key": "team", "Value": "search"}],
    )["InferenceComponentArn"]
    sm.add_tags(
        ResourceArn=arn, Tags=[{"Key": "env", "Value": "prod"}, {"Key": "team", "Value": "ml"}]
    )
    assert sorted((t["Key"], t["Value"]) for t in sm.list_tags(ResourceArn=arn)["Tags"]) == [
        ("env", "prod"),
        ("team", "ml"),
    ]
    sm.delete_tags(ResourceArn=arn, TagKeys=["env"])
    assert sm.list_tags(ResourceArn=arn)["Tags"] == [{"Key": "team", "Value": "ml"}]
    unknown = error_of(sm.list_tags, ResourceArn=arn.replace("/a", "/zz"))
    assert unknown["Message"].startswith("Could not find resource")


def test_describe_output_is_exactly_the_model_shape(manual: LocalSageMaker) -> None:
    sm = manual.sagemaker_client(config=NO_RETRIES)
    sm.create_inference_component(
        InferenceComponentName="a",
        EndpointName="shared-gpu",
        VariantName="AllTraffic",
        Specification=spec(
            Container={"Image": "repo/img:1", "Environment": {"A": "1"}},
            DataCacheConfig={"EnableCaching": True},
        ),
        RuntimeConfig={"CopyCount": 1},
    )
    described = sm.describe_inference_component(InferenceComponentName="a")
    container = described["Specification"]["Container"]
    assert container["DeployedImage"]["SpecifiedImage"] == "repo/img:1"
    assert container["DeployedImage"]["ResolvedImage"].startswith("repo/img@sha256:")
    assert described["Specification"]["DataCacheConfig"] == {"EnableCaching": True}
    assert isinstance(described["CreationTime"], datetime)
