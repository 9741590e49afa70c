# pyright: reportTypedDictNotRequiredAccess=false
# (conformance tests read members the service returns, which the stubs mark optional)
"""LocalSageMaker behaves as the real service is publicly known to (docs/local-fidelity.md)."""

from __future__ import annotations

from typing import Any

import botocore.exceptions
import pytest

from icsdk.testing import LocalSageMaker

from .conftest import spec

ROLE = "arn:aws:iam::123456789012:role/r"


def error_of(call: Any, **kwargs: Any) -> str:
    with pytest.raises(botocore.exceptions.ClientError) as caught:
        call(**kwargs)
    error = caught.value.response["Error"]
    assert error["Code"] == "ValidationException"
    return str(error["Message"])


def create(sm: Any, name: str, *, endpoint: str = "shared-gpu", **extra: Any) -> None:
    request: dict[str, Any] = {
        "InferenceComponentName": name,
        "EndpointName": endpoint,
        "VariantName": "AllTraffic",
        "Specification": spec(),
        "RuntimeConfig": {"CopyCount": 1},
        **extra,
    }
    sm.create_inference_component(**{k: v for k, v in request.items() if v is not None})


def adapter(sm: Any, name: str, base: str, **extra: Any) -> None:
    sm.create_inference_component(
        InferenceComponentName=name,
        EndpointName="shared-gpu",
        Specification={
            "BaseInferenceComponentName": base,
            "Container": {"ArtifactUrl": "s3://b/a"},
        },
        **extra,
    )


def test_deleting_a_deleting_component_names_delete_in_progress(manual: LocalSageMaker) -> None:
    sm: Any = manual.sagemaker_client()
    create(sm, "a")
    manual.advance(30)
    sm.delete_inference_component(InferenceComponentName="a")
    message = error_of(sm.delete_inference_component, InferenceComponentName="a")
    assert "DELETE_IN_PROGRESS" in message
    assert "because it is" not in message  # icsdk must read the token, not the busy wording
    manual.client().delete("a")  # idempotent against the real token


def test_a_delete_mid_transition_is_refused(manual: LocalSageMaker) -> None:
    sm: Any = manual.sagemaker_client()
    create(sm, "a")
    creating = error_of(sm.delete_inference_component, InferenceComponentName="a")
    assert "because it is in Creating status" in creating
    manual.advance(30)
    sm.update_inference_component_runtime_config(
        InferenceComponentName="a", DesiredRuntimeConfig={"CopyCount": 2}
    )
    updating = error_of(sm.delete_inference_component, InferenceComponentName="a")
    assert "because it is in Updating status" in updating
    manual.advance(20)
    sm.delete_inference_component(InferenceComponentName="a")


def test_an_update_with_nothing_to_deploy_is_refused(manual: LocalSageMaker) -> None:
    sm: Any = manual.sagemaker_client()
    create(sm, "a")
    manual.advance(30)
    expected = "requires at least one of Specification, Specifications or RuntimeConfig"
    assert expected in error_of(sm.update_inference_component, InferenceComponentName="a")
    rollout: Any = {
        "RollingUpdatePolicy": {
            "MaximumBatchSize": {"Type": "COPY_COUNT", "Value": 1},
            "WaitIntervalInSeconds": 0,
        }
    }
    only_rollout = error_of(
        sm.update_inference_component, InferenceComponentName="a", DeploymentConfig=rollout
    )
    assert expected in only_rollout
    described = sm.describe_inference_component(InferenceComponentName="a")
    assert described["InferenceComponentStatus"] == "InService"
    sm.update_inference_component(
        InferenceComponentName="a", RuntimeConfig={"CopyCount": 2}, DeploymentConfig=rollout
    )


def test_an_endpoint_serving_a_model_takes_no_components(manual: LocalSageMaker) -> None:
    sm: Any = manual.sagemaker_client()
    manual.create_model("m")
    variant: Any = {"VariantName": "AllTraffic", "ModelName": "m", "InstanceType": "ml.m5.xlarge"}
    sm.create_endpoint_config(
        EndpointConfigName="classic", ProductionVariants=[{**variant, "InitialInstanceCount": 1}]
    )
    sm.create_endpoint(EndpointName="classic", EndpointConfigName="classic")
    assert error_of(
        sm.create_inference_component,
        InferenceComponentName="a",
        EndpointName="classic",
        VariantName="AllTraffic",
        Specification=spec(),
        RuntimeConfig={"CopyCount": 1},
    ).startswith("Invalid request provided: Inference Components are not supported")


def test_variant_rules_for_standard_components_and_adapters(manual: LocalSageMaker) -> None:
    sm: Any = manual.sagemaker_client()
    missing = error_of(
        sm.create_inference_component,
        InferenceComponentName="a",
        EndpointName="shared-gpu",
        Specification=spec(),
        RuntimeConfig={"CopyCount": 1},
    )
    assert missing == "VariantName is required for an inference component that is not an adapter."
    create(sm, "base", Specification=spec(accelerators=1))
    manual.advance(30)
    with_variant = error_of(adapter, sm=sm, name="sql", base="base", VariantName="AllTraffic")
    assert with_variant.startswith("VariantName must not be specified for an adapter")
    adapter(sm, "sql", "base")
    described = sm.describe_inference_component(InferenceComponentName="sql")
    assert described["VariantName"] == "AllTraffic"
    assert described["Specification"]["ComputeResourceRequirements"] == {
        "MinMemoryRequiredInMb": 1024,
        "NumberOfAcceleratorDevicesRequired": 1,
    }
    listed = sm.list_inference_components(NameContains="sql")["InferenceComponents"]
    assert listed[0]["VariantName"] == "AllTraffic"


def test_describe_fills_in_data_caching_and_the_resolved_image(manual: LocalSageMaker) -> None:
    manual.create_endpoint("cpu", instance_type="ml.m5.xlarge")
    sm: Any = manual.sagemaker_client()
    image: Any = {"Container": {"Image": "repo/img:1"}}
    create(sm, "gpu", Specification=spec(**image))
    create(sm, "cpu", endpoint="cpu", Specification=spec(**image))
    create(sm, "off", Specification=spec(DataCacheConfig={"EnableCaching": False}))
    described = {
        name: sm.describe_inference_component(InferenceComponentName=name)["Specification"]
        for name in ("gpu", "cpu", "off")
    }
    assert described["gpu"]["DataCacheConfig"] == {"EnableCaching": True}
    assert "DataCacheConfig" not in described["cpu"]
    assert described["off"]["DataCacheConfig"] == {"EnableCaching": False}
    deployed = described["gpu"]["Container"]["DeployedImage"]
    assert deployed["SpecifiedImage"] == "repo/img:1"
    assert deployed["ResolvedImage"] == "repo/img@sha256:" + "0" * 64
    assert "Image" not in described["gpu"]["Container"]


def test_create_time_validation() -> None:
    with LocalSageMaker(clock="manual", require_models=True) as local:
        local.create_endpoint("shared-gpu")
        sm: Any = local.sagemaker_client()
        no_compute = error_of(create, sm=sm, name="a", Specification={"ModelName": "m"})
        assert no_compute.startswith("ComputeResourceRequirements must be specified")
        arn = "arn:aws:sagemaker:us-east-1:123456789012:model/m"
        assert error_of(create, sm=sm, name="a") == f'Could not find model "{arn}".'
        variant: Any = {
            "VariantName": "v",
            "InstanceType": "ml.m5.xlarge",
            "InitialInstanceCount": 1,
        }
        missing = error_of(
            sm.create_endpoint_config,
            EndpointConfigName="c",
            ProductionVariants=[{**variant, "ModelName": "m"}],
        )
        assert missing == f'Could not find model "{arn}".'
        local.create_model("m")
        create(sm, "a")
        scaling = {"Status": "ENABLED", "MinInstanceCount": 1, "MaxInstanceCount": 2}
        refused = error_of(
            sm.create_endpoint_config,
            EndpointConfigName="c",
            ProductionVariants=[{**variant, "ModelName": "m", "ManagedInstanceScaling": scaling}],
        )
        assert (
            refused == "ManagedInstanceScaling is only supported for inference component endpoints."
        )
        sm.create_endpoint_config(
            EndpointConfigName="c",
            ExecutionRoleArn="arn:aws:iam::123456789012:role/sagemaker",
            ProductionVariants=[{**variant, "ManagedInstanceScaling": scaling}],
        )
    with LocalSageMaker(
        require_models=False, clock="manual"
    ) as lenient:  # require_models=False by default
        lenient.create_endpoint("shared-gpu")
        create(lenient.sagemaker_client(), "a")


def test_partitions_are_checked_and_each_copy_takes_one(manual: LocalSageMaker) -> None:
    # ml.g5.12xlarge has 4 GPUs; two mig-3g.40gb partitions each: 8 places.
    manual.create_endpoint("mig", partitions=["mig-3g.40gb", "mig-3g.40gb"])
    sm: Any = manual.sagemaker_client()
    layouts = sm.describe_endpoint(EndpointName="mig")["ProductionVariants"][0]
    assert layouts["AcceleratorPartitionLayouts"] == [
        {"AcceleratorPartitionTypes": ["mig-3g.40gb", "mig-3g.40gb"]}
    ]

    def partitioned(partition: str | None, accelerators: float | None = 1) -> Any:
        extra = {} if partition is None else {"AcceleratorPartitionType": partition}
        compute: dict[str, Any] = {"MinMemoryRequiredInMb": 1024, **extra}
        if accelerators is not None:
            compute["NumberOfAcceleratorDevicesRequired"] = accelerators
        return {"ModelName": "m", "ComputeResourceRequirements": compute}

    required = error_of(create, sm=sm, name="a", endpoint="mig", Specification=partitioned(None))
    assert required.startswith("AcceleratorPartitionType is required")
    foreign = error_of(
        create, sm=sm, name="a", endpoint="mig", Specification=partitioned("mig-1g.10gb")
    )
    assert "is not one of the partition profiles" in foreign
    two = error_of(
        create, sm=sm, name="a", endpoint="mig", Specification=partitioned("mig-3g.40gb", 2)
    )
    assert two.startswith("NumberOfAcceleratorDevicesRequired must be 1")
    create(sm, "a", endpoint="mig", Specification=partitioned("mig-3g.40gb"))
    create(sm, "b", endpoint="mig", Specification=partitioned("mig-3g.40gb"))
    manual.advance(30)
    sm.update_inference_component_runtime_config(
        InferenceComponentName="a", DesiredRuntimeConfig={"CopyCount": 7}
    )
    manual.advance(20)
    a = sm.describe_inference_component(InferenceComponentName="a")
    assert (a["InferenceComponentStatus"], a["RuntimeConfig"]["CurrentCopyCount"]) == (
        "InService",
        7,
    )
    sm.update_inference_component_runtime_config(
        InferenceComponentName="b", DesiredRuntimeConfig={"CopyCount": 2}
    )
    manual.advance(20)
    b = sm.describe_inference_component(InferenceComponentName="b")
    assert b["FailureReason"].startswith("Insufficient capacity: placed 1 of 2 copies")


def test_several_specifications_each_name_their_instance_type(manual: LocalSageMaker) -> None:
    sm: Any = manual.sagemaker_client()
    refused = error_of(
        sm.create_inference_component,
        InferenceComponentName="a",
        EndpointName="shared-gpu",
        VariantName="AllTraffic",
        Specifications=[spec(), spec(InstanceType="ml.g5.12xlarge")],
        RuntimeConfig={"CopyCount": 1},
    )
    assert refused.startswith("Each entry of Specifications must name its InstanceType")


def test_names_are_unique_whatever_their_case(manual: LocalSageMaker) -> None:
    arn = manual.create_endpoint("MyEp")
    assert arn.endswith(":endpoint/myep")
    sm: Any = manual.sagemaker_client()
    sm.create_endpoint_config(
        EndpointConfigName="other",
        ExecutionRoleArn="arn:aws:iam::123456789012:role/sagemaker",
        ProductionVariants=[
            {"VariantName": "AllTraffic", "InstanceType": "ml.m5.xlarge", "InitialInstanceCount": 1}
        ],
    )
    taken = error_of(sm.create_endpoint, EndpointName="myep", EndpointConfigName="other")
    assert taken.startswith("Cannot create already existing endpoint")
    assert sm.describe_endpoint(EndpointName="myep")["EndpointName"] == "MyEp"
    create(sm, "Llama", endpoint="MyEp")
    twin = error_of(create, sm=sm, name="llama", endpoint="MyEp")
    assert twin.startswith("Cannot create already existing inference component")
    manual.advance(30)
    runtime = manual.runtime_client()
    assert runtime.invoke_endpoint(EndpointName="MyEp", InferenceComponentName="Llama", Body=b"1")
    with pytest.raises(botocore.exceptions.ClientError, match="Endpoint myep of account"):
        runtime.invoke_endpoint(EndpointName="myep", InferenceComponentName="Llama", Body=b"1")


def test_a_failed_update_keeps_the_old_copies_serving(manual: LocalSageMaker) -> None:
    sm: Any = manual.sagemaker_client()
    create(sm, "a", RuntimeConfig={"CopyCount": 2})
    manual.advance(30)
    manual.fail_next_deployment("a", "alarm p99-latency-high in ALARM")
    sm.update_inference_component(
        InferenceComponentName="a",
        Specification=spec(memory=2048),
        RuntimeConfig={"CopyCount": 3},
        DeploymentConfig={
            "RollingUpdatePolicy": {
                "MaximumBatchSize": {"Type": "COPY_COUNT", "Value": 1},
                "WaitIntervalInSeconds": 0,
            },
            "AutoRollbackConfiguration": {"Alarms": [{"AlarmName": "p99-latency-high"}]},
        },
    )
    manual.advance(20)
    a = sm.describe_inference_component(InferenceComponentName="a")
    assert a["InferenceComponentStatus"] == "Failed"
    assert a["FailureReason"] == "alarm p99-latency-high in ALARM"
    assert a["Specification"]["ComputeResourceRequirements"]["MinMemoryRequiredInMb"] == 1024
    assert (a["RuntimeConfig"]["DesiredCopyCount"], a["RuntimeConfig"]["CurrentCopyCount"]) == (
        2,
        2,
    )
    answer = manual.runtime_client().invoke_endpoint(
        EndpointName="shared-gpu", InferenceComponentName="a", Body=b"1"
    )
    assert answer["ResponseMetadata"]["HTTPStatusCode"] == 200


def test_models_endpoints_and_configs_are_listed_and_paged(manual: LocalSageMaker) -> None:
    sm: Any = manual.sagemaker_client()
    for index in range(3):
        manual.create_model(f"m-{index}")
        manual.advance(1)
    manual.create_endpoint("second")
    names = [m["ModelName"] for m in sm.list_models()["Models"]]
    assert names == ["m-2", "m-1", "m-0"]  # newest first
    pages = list(sm.get_paginator("list_models").paginate(PaginationConfig={"PageSize": 2}))
    assert [len(p["Models"]) for p in pages] == [2, 1]
    assert sm.describe_model(ModelName="m-1")["ModelArn"].endswith(":model/m-1")
    sm.delete_model(ModelName="m-1")
    assert [m["ModelName"] for m in sm.list_models(NameContains="M-")["Models"]] == ["m-2", "m-0"]
    endpoints = sm.list_endpoints(SortBy="Name", SortOrder="Ascending")["Endpoints"]
    assert [(e["EndpointName"], e["EndpointStatus"]) for e in endpoints] == [
        ("second", "InService"),
        ("shared-gpu", "InService"),
    ]
    configs = sm.list_endpoint_configs(MaxResults=1)
    assert len(configs["EndpointConfigs"]) == 1
    rest = sm.list_endpoint_configs(MaxResults=1, NextToken=configs["NextToken"])
    assert {
        c["EndpointConfigName"] for c in configs["EndpointConfigs"] + rest["EndpointConfigs"]
    } == {
        "second-config",
        "shared-gpu-config",
    }
    message = error_of(sm.delete_model, ModelName="m-1")
    assert message.startswith("Could not find model")


def test_an_endpoint_with_components_is_not_deleted(manual: LocalSageMaker) -> None:
    sm: Any = manual.sagemaker_client()
    create(sm, "a")
    assert error_of(sm.delete_endpoint, EndpointName="shared-gpu") == (
        "Cannot delete endpoint with inference component associated. Please delete inference "
        "component and try it again."
    )


def test_the_component_header_on_a_classic_endpoint_is_refused(manual: LocalSageMaker) -> None:
    sm: Any = manual.sagemaker_client()
    manual.create_model("m")
    sm.create_endpoint_config(
        EndpointConfigName="classic",
        ProductionVariants=[
            {
                "VariantName": "AllTraffic",
                "ModelName": "m",
                "InstanceType": "ml.m5.xlarge",
                "InitialInstanceCount": 1,
            }
        ],
    )
    sm.create_endpoint(EndpointName="classic", EndpointConfigName="classic")
    runtime = manual.runtime_client()
    with pytest.raises(botocore.exceptions.ClientError) as caught:
        runtime.invoke_endpoint(EndpointName="classic", InferenceComponentName="a", Body=b"1")
    assert caught.value.response["Error"]["Message"] == (
        "Inference Component Name header is not allowed for endpoints to which you dont plan to "
        "deploy inference components. Please remove the Inference Component Name header and try "
        "again."
    )
    assert runtime.invoke_endpoint(EndpointName="classic", Body=b"1")["Body"].read()
