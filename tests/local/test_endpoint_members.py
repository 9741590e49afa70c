# pyright: reportTypedDictNotRequiredAccess=false
# (conformance tests read members the service returns, which the stubs mark optional)
"""DescribeEndpoint and DescribeEndpointConfig return what was set, in the output shapes.

The configuration is icsdk's own full endpoint (every member `Endpoint` renders), sent through
real boto3 clients; the answers are checked member by member against botocore's output model.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import botocore.exceptions
import botocore.session
import pytest

from icsdk.testing import LocalSageMaker

from ..samples import full_endpoint
from .conftest import NO_RETRIES, spec

ROLE = "arn:aws:iam::123456789012:role/sagemaker"
MODEL = botocore.session.get_session().get_service_model("sagemaker")


@pytest.fixture
def local() -> Iterator[LocalSageMaker]:
    with LocalSageMaker(require_models=False, clock="manual", endpoint_delay=60) as local:
        yield local


def unknown_members(value: Any, shape_name: str, path: str = "") -> list[str]:
    """Paths in ``value`` that botocore's shape ``shape_name`` does not have."""
    shape: Any = MODEL.shape_for(shape_name)
    found: list[str] = []
    if shape.type_name == "structure":
        for key, item in value.items():
            if key not in shape.members:
                found.append(f"{path}.{key}")
            else:
                found += unknown_members(item, shape.members[key].name, f"{path}.{key}")
    elif shape.type_name == "list":
        for index, item in enumerate(value):
            found += unknown_members(item, shape.member.name, f"{path}[{index}]")
    return found


def error_of(call: Any, **kwargs: Any) -> str:
    with pytest.raises(botocore.exceptions.ClientError) as caught:
        call(**kwargs)
    return str(caught.value.response["Error"]["Message"])


def components_endpoint() -> Any:
    """icsdk's full endpoint (it has no member a variant for components must not carry)."""
    return full_endpoint()


def test_every_member_set_is_described(local: LocalSageMaker) -> None:
    sm: Any = local.sagemaker_client(config=NO_RETRIES)
    config, create = components_endpoint().to_boto3()
    sm.create_endpoint_config(**config)
    sm.create_endpoint(**create)
    described = sm.describe_endpoint_config(EndpointConfigName="shared-gpu-v1")
    described.pop("ResponseMetadata")
    assert unknown_members(described, "DescribeEndpointConfigOutput") == []
    assert described.pop("EndpointConfigArn").endswith(":endpoint-config/shared-gpu-v1")
    assert described.pop("CreationTime")
    assert described == {k: v for k, v in config.items() if k != "Tags"}
    assert "InitialVariantWeight" not in described["ProductionVariants"][0]
    local.advance(60)
    endpoint = sm.describe_endpoint(EndpointName="shared-gpu")
    endpoint.pop("ResponseMetadata")
    assert unknown_members(endpoint, "DescribeEndpointOutput") == []
    capture = config["DataCaptureConfig"]
    assert endpoint["DataCaptureConfig"] == {
        "EnableCapture": True,
        "CaptureStatus": "Started",
        "CurrentSamplingPercentage": capture["InitialSamplingPercentage"],
        "DestinationS3Uri": capture["DestinationS3Uri"],
        "KmsKeyId": capture["KmsKeyId"],
    }
    assert endpoint["MetricsConfig"] == config["MetricsConfig"]
    assert endpoint["CrossRegionTrafficConfig"] == config["CrossRegionTrafficConfig"]
    first, second = endpoint["ProductionVariants"]
    sent = config["ProductionVariants"][0]
    for member in (
        "ManagedInstanceScaling",
        "RoutingConfig",
        "CapacityReservationConfig",
        "AcceleratorPartitionLayouts",
    ):
        assert first[member] == sent[member]
    assert first["InstancePools"] == [
        {"InstanceType": "ml.p4d.24xlarge", "CurrentInstanceCount": 1},
        {"InstanceType": "ml.p4de.24xlarge", "CurrentInstanceCount": 0},
    ]
    assert (first["CurrentInstanceCount"], first["DesiredInstanceCount"]) == (1, 1)
    assert "CurrentWeight" not in first and "DeployedImages" not in first
    assert second == {
        "VariantName": "Secondary",
        "CurrentInstanceCount": 1,
        "DesiredInstanceCount": 1,
    }
    config_arn = "arn:aws:sagemaker:us-east-1:123456789012:endpoint-config/shared-gpu-v1"
    for arn in (endpoint["EndpointArn"], config_arn):
        assert sm.list_tags(ResourceArn=arn)["Tags"] == [{"Key": "team", "Value": "search"}]


def test_a_variant_serving_a_model_reads_its_filled_in_weight_and_images(
    local: LocalSageMaker,
) -> None:
    sm: Any = local.sagemaker_client(config=NO_RETRIES)
    sm.create_model(
        ModelName="m",
        ExecutionRoleArn=ROLE,
        PrimaryContainer={"Image": "763104351884.dkr.ecr.us-east-1.amazonaws.com/tgi:3.0"},
    )
    variant = {
        "VariantName": "AllTraffic",
        "ModelName": "m",
        "InstanceType": "ml.m5.xlarge",
        "InitialInstanceCount": 1,
    }
    shadow = {**variant, "VariantName": "Shadow", "InstanceType": "ml.m5.large"}
    sm.create_endpoint_config(
        EndpointConfigName="classic",
        ProductionVariants=[variant],
        ShadowProductionVariants=[shadow],
    )
    described = sm.describe_endpoint_config(EndpointConfigName="classic")
    assert described["ProductionVariants"][0]["InitialVariantWeight"] == 1.0
    assert described["ShadowProductionVariants"][0]["InitialVariantWeight"] == 1.0
    sm.create_endpoint(EndpointName="classic", EndpointConfigName="classic")
    creating = sm.describe_endpoint(EndpointName="classic")
    assert "ProductionVariants" not in creating
    assert creating["PendingDeploymentSummary"]["EndpointConfigName"] == "classic"
    local.advance(60)
    running = sm.describe_endpoint(EndpointName="classic")
    assert unknown_members(running, "DescribeEndpointOutput") == [".ResponseMetadata"]
    [mirror] = running["ShadowProductionVariants"]
    assert (mirror["VariantName"], mirror["CurrentInstanceCount"], mirror["DesiredWeight"]) == (
        "Shadow",
        1,
        1.0,
    )
    summary = running["ProductionVariants"][0]
    [image] = summary["DeployedImages"]
    assert image["SpecifiedImage"] == "763104351884.dkr.ecr.us-east-1.amazonaws.com/tgi:3.0"
    assert image["ResolvedImage"].startswith(
        "763104351884.dkr.ecr.us-east-1.amazonaws.com/tgi@sha256:"
    )
    assert (summary["CurrentWeight"], summary["DesiredWeight"]) == (1.0, 1.0)
    assert (summary["CurrentInstanceCount"], summary["DesiredInstanceCount"]) == (1, 1)


def test_shapes_that_cannot_host_components_are_refused(local: LocalSageMaker) -> None:
    sm: Any = local.sagemaker_client(config=NO_RETRIES)
    hosting = {"VariantName": "v", "InstanceType": "ml.g5.xlarge", "InitialInstanceCount": 1}

    def refusal(*variants: Any, role: bool = True) -> str:
        extra = {"ExecutionRoleArn": ROLE} if role else {}
        return error_of(
            sm.create_endpoint_config,
            EndpointConfigName="c",
            ProductionVariants=list(variants),
            **extra,
        )

    assert refusal({**hosting, "InitialVariantWeight": 1.0}) == (
        "InitialVariantWeight must not be set for production variant v, which names no model: "
        "it hosts inference components."
    )
    assert refusal({**hosting, "EnableSSMAccess": True}).startswith(
        "EnableSSMAccess must not be set for production variant v"
    )
    assert refusal(hosting, role=False) == (
        "ExecutionRoleArn is required: production variant v names no model, so the endpoint "
        "hosts inference components."
    )
    scaling = {"Status": "ENABLED", "MinInstanceCount": 3, "MaxInstanceCount": 2}
    assert refusal({**hosting, "ManagedInstanceScaling": scaling}) == (
        "MinInstanceCount (3) of production variant v must not be greater than its "
        "MaxInstanceCount (2)."
    )
    assert refusal({**hosting, "ModelName": "m", "ManagedInstanceScaling": scaling}) == (
        "ManagedInstanceScaling is only supported for inference component endpoints."
    )
    # One variant serving a model makes the whole endpoint one that takes no components.
    mixed = [hosting, {**hosting, "VariantName": "classic", "ModelName": "m"}]
    sm.create_endpoint_config(
        EndpointConfigName="mixed", ExecutionRoleArn=ROLE, ProductionVariants=mixed
    )
    sm.create_endpoint(EndpointName="mixed", EndpointConfigName="mixed")
    local.advance(60)
    assert error_of(
        sm.create_inference_component,
        InferenceComponentName="a",
        EndpointName="mixed",
        VariantName="v",
        Specification=spec(),
        RuntimeConfig={"CopyCount": 1},
    ).startswith("Invalid request provided: Inference Components are not supported")
