# pyright: reportTypedDictNotRequiredAccess=false
# (conformance tests read members the service returns, which the stubs mark optional)
"""Endpoints as the service runs them: UpdateEndpoint, rollbacks, refusals, deletes.

Every test drives LocalSageMaker through real boto3 clients on the manual clock; each behaviour
is in docs/local-fidelity.md with its source.
"""

from __future__ import annotations

from typing import Any

import botocore.exceptions
import pytest

from icsdk.testing import FaultKind, LocalSageMaker

from .conftest import NO_RETRIES, spec

ROLE = "arn:aws:iam::123456789012:role/sagemaker"


@pytest.fixture
def local(timed_endpoints: LocalSageMaker) -> LocalSageMaker:
    """This module's service: endpoints that take time to deploy and to scale."""
    return timed_endpoints


ARN = "arn:aws:sagemaker:us-east-1:123456789012"


def variant(instance_type: str = "ml.g5.12xlarge", count: int = 1, **extra: Any) -> Any:
    return {
        "VariantName": "AllTraffic",
        "InstanceType": instance_type,
        "InitialInstanceCount": count,
        **extra,
    }


def config(sm: Any, name: str, *variants: Any, **extra: Any) -> None:
    sm.create_endpoint_config(
        EndpointConfigName=name,
        ExecutionRoleArn=ROLE,
        ProductionVariants=list(variants) or [variant()],
        **extra,
    )


def endpoint(local: LocalSageMaker, name: str = "ep", *variants: Any) -> Any:
    """An InService endpoint called ``name`` on a configuration ``{name}-v1``."""
    sm: Any = local.sagemaker_client(config=NO_RETRIES)
    config(sm, f"{name}-v1", *variants)
    sm.create_endpoint(EndpointName=name, EndpointConfigName=f"{name}-v1")
    local.advance(60)
    return sm


def component(sm: Any, name: str, copies: int, accelerators: float = 1, **extra: Any) -> None:
    sm.create_inference_component(
        InferenceComponentName=name,
        EndpointName=extra.pop("endpoint", "ep"),
        VariantName="AllTraffic",
        Specification=spec(accelerators=accelerators, **extra),
        RuntimeConfig={"CopyCount": copies},
    )


def error_of(call: Any, **kwargs: Any) -> str:
    with pytest.raises(botocore.exceptions.ClientError) as caught:
        call(**kwargs)
    error = caught.value.response["Error"]
    assert error["Code"] == "ValidationException"
    return str(error["Message"])


def test_an_update_deploys_the_new_configuration_and_moves_the_copies(
    local: LocalSageMaker,
) -> None:
    sm = endpoint(local)
    component(sm, "a", copies=2)
    local.advance(30)
    config(sm, "ep-v2", variant("ml.g5.48xlarge"))
    started = local.now()
    assert sm.update_endpoint(EndpointName="ep", EndpointConfigName="ep-v2")["EndpointArn"] == (
        f"{ARN}:endpoint/ep"
    )
    updating = sm.describe_endpoint(EndpointName="ep")
    assert updating["EndpointStatus"] == "Updating"
    assert updating["EndpointConfigName"] == "ep-v1"
    assert updating["LastModifiedTime"].timestamp() == pytest.approx(started)
    pending = updating["PendingDeploymentSummary"]
    assert pending["EndpointConfigName"] == "ep-v2"
    assert pending["StartTime"].timestamp() == pytest.approx(started)
    assert pending["ProductionVariants"][0]["InstanceType"] == "ml.g5.48xlarge"
    assert pending["ProductionVariants"][0]["DesiredInstanceCount"] == 1
    assert pending["ProductionVariants"][0]["VariantStatus"][0]["StatusMessage"] == (
        "Launching 1 instance(s)."
    )
    runtime = local.runtime_client()
    # "there is no availability loss": the old fleet serves until the new one takes over.
    assert runtime.invoke_endpoint(EndpointName="ep", InferenceComponentName="a", Body=b"1")
    local.advance(59)
    assert sm.describe_endpoint(EndpointName="ep")["EndpointStatus"] == "Updating"
    local.advance(1)
    done = sm.describe_endpoint(EndpointName="ep")
    assert (done["EndpointStatus"], done["EndpointConfigName"]) == ("InService", "ep-v2")
    assert "PendingDeploymentSummary" not in done
    assert "FailureReason" not in done
    assert done["LastModifiedTime"].timestamp() == pytest.approx(started + 60)
    placed = sm.describe_inference_component(InferenceComponentName="a")["RuntimeConfig"]
    assert placed["PlacementStatus"] == [{"InstanceType": "ml.g5.48xlarge", "CurrentCopyCount": 2}]
    assert runtime.invoke_endpoint(EndpointName="ep", InferenceComponentName="a", Body=b"1")
    [call] = local.journal.calls(operation="UpdateEndpoint")
    assert (call.name, call.outcome, call.committed) == ("ep", "ok", True)


def test_update_refusals_use_the_service_wording(local: LocalSageMaker) -> None:
    sm = endpoint(local)
    config(sm, "ep-v2")
    assert error_of(sm.update_endpoint, EndpointName="nope", EndpointConfigName="ep-v2") == (
        f'Could not find endpoint "{ARN}:endpoint/nope".'
    )
    assert error_of(sm.update_endpoint, EndpointName="ep", EndpointConfigName="nope") == (
        f'Could not find endpoint configuration "{ARN}:endpoint-config/nope".'
    )
    assert error_of(sm.update_endpoint, EndpointName="ep", EndpointConfigName="ep-v1") == (
        "Cannot update endpoint with the currently in use endpoint configuration."
    )
    sm.update_endpoint(EndpointName="ep", EndpointConfigName="ep-v2")
    in_progress = f'Cannot update in-progress endpoint "{ARN}:endpoint/ep".'
    assert error_of(sm.update_endpoint, EndpointName="ep", EndpointConfigName="ep-v1") == (
        in_progress
    )
    assert error_of(sm.delete_endpoint, EndpointName="ep") == in_progress
    config(sm, "creating-v1")
    sm.create_endpoint(EndpointName="creating", EndpointConfigName="creating-v1")
    assert error_of(sm.update_endpoint, EndpointName="creating", EndpointConfigName="ep-v2") == (
        f'Cannot update in-progress endpoint "{ARN}:endpoint/creating".'
    )
    local.fail_next_endpoint_deployment("broken", "The primary container did not pass ping.")
    config(sm, "broken-v1")
    sm.create_endpoint(EndpointName="broken", EndpointConfigName="broken-v1")
    local.advance(60)
    failed = sm.describe_endpoint(EndpointName="broken")
    assert (failed["EndpointStatus"], failed["FailureReason"]) == (
        "Failed",
        "The primary container did not pass ping.",
    )
    assert "ProductionVariants" not in failed
    assert error_of(sm.update_endpoint, EndpointName="broken", EndpointConfigName="ep-v2") == (
        f'Cannot update failed endpoint "{ARN}:endpoint/broken".'
    )
    sm.delete_endpoint(EndpointName="broken")  # the one operation a failed endpoint takes


def test_an_update_cannot_strand_components_or_change_a_layout(local: LocalSageMaker) -> None:
    sm = endpoint(local, "ep", variant(AcceleratorPartitionLayouts=[_layout("a", "b")]))
    partitioned = spec(accelerators=1)
    partitioned["ComputeResourceRequirements"]["AcceleratorPartitionType"] = "mig-3g.40gb"
    sm.create_inference_component(
        InferenceComponentName="c",
        EndpointName="ep",
        VariantName="AllTraffic",
        Specification=partitioned,
        RuntimeConfig={"CopyCount": 1},
    )
    local.advance(30)
    config(sm, "renamed", {**variant(), "VariantName": "Other"})
    assert error_of(sm.update_endpoint, EndpointName="ep", EndpointConfigName="renamed") == (
        "Production variant AllTraffic hosts inference components (c); endpoint configuration "
        "renamed does not have it. Delete the inference components first."
    )
    config(sm, "reordered", variant(AcceleratorPartitionLayouts=[_layout("b", "a")]))
    assert error_of(
        sm.update_endpoint, EndpointName="ep", EndpointConfigName="reordered"
    ).startswith("The accelerator partition layout of production variant AllTraffic cannot")
    assert sm.describe_endpoint(EndpointName="ep")["EndpointStatus"] == "InService"


def _layout(*profiles: str) -> Any:
    names = {"a": "mig-3g.40gb", "b": "mig-4g.40gb"}
    return {"AcceleratorPartitionTypes": [names[p] for p in profiles]}


def test_a_failed_update_rolls_back_with_its_reason(local: LocalSageMaker) -> None:
    sm = endpoint(local)
    component(sm, "a", copies=2, memory=65_536)
    local.advance(30)
    # ml.m5.large has 8 GiB and no accelerator: the copies cannot move there.
    config(sm, "small", variant("ml.m5.large"))
    sm.update_endpoint(EndpointName="ep", EndpointConfigName="small")
    local.advance(60)
    rolled_back = sm.describe_endpoint(EndpointName="ep")
    assert (rolled_back["EndpointStatus"], rolled_back["EndpointConfigName"]) == (
        "InService",
        "ep-v1",
    )
    assert rolled_back["FailureReason"] == (
        "Insufficient capacity: production variant AllTraffic of endpoint configuration small "
        "has no room for the 2 copies of inference component a."
    )
    a = sm.describe_inference_component(InferenceComponentName="a")
    assert (a["InferenceComponentStatus"], a["RuntimeConfig"]["CurrentCopyCount"]) == (
        "InService",
        2,
    )
    local.fail_next_endpoint_deployment("ep", "alarm p99-latency in ALARM")
    config(sm, "ep-v3", variant("ml.g5.48xlarge"))
    sm.update_endpoint(EndpointName="ep", EndpointConfigName="ep-v3")
    # "the failure reason ... disappears as soon as a new update is applied"
    assert "FailureReason" not in sm.describe_endpoint(EndpointName="ep")
    local.advance(60)
    again = sm.describe_endpoint(EndpointName="ep")
    assert (again["EndpointConfigName"], again["FailureReason"]) == (
        "ep-v1",
        "alarm p99-latency in ALARM",
    )


def test_a_configuration_in_use_can_be_deleted_but_an_update_then_fails(
    local: LocalSageMaker,
) -> None:
    sm = endpoint(local)
    sm.delete_endpoint_config(EndpointConfigName="ep-v1")  # allowed: the endpoint keeps it
    kept = sm.describe_endpoint(EndpointName="ep")
    assert (kept["EndpointConfigName"], kept["EndpointStatus"]) == ("ep-v1", "InService")
    config(sm, "ep-v2")
    assert error_of(sm.update_endpoint, EndpointName="ep", EndpointConfigName="ep-v2") == (
        f'Could not find endpoint configuration "{ARN}:endpoint-config/ep-v1".'
    )
    sm = endpoint(local, "other")
    config(sm, "other-v2")
    sm.update_endpoint(EndpointName="other", EndpointConfigName="other-v2")
    sm.delete_endpoint_config(EndpointConfigName="other-v2")
    local.advance(60)
    other = sm.describe_endpoint(EndpointName="other")
    assert (other["EndpointConfigName"], other["FailureReason"]) == (
        "other-v1",
        f'Could not find endpoint configuration "{ARN}:endpoint-config/other-v2".',
    )


def test_retained_variant_properties_and_deployment_config(local: LocalSageMaker) -> None:
    local.create_model("m")
    classic = variant("ml.m5.xlarge", 2, ModelName="m", InitialVariantWeight=3.0)
    sm = endpoint(local, "ep", classic)
    rollout = {
        "RollingUpdatePolicy": {
            "MaximumBatchSize": {"Type": "CAPACITY_PERCENT", "Value": 50},
            "WaitIntervalInSeconds": 0,
        }
    }
    config(sm, "ep-v2", variant("ml.m5.xlarge", 1, ModelName="m"))
    sm.update_endpoint(
        EndpointName="ep",
        EndpointConfigName="ep-v2",
        RetainAllVariantProperties=True,
        DeploymentConfig=rollout,
    )
    local.advance(60)
    kept = sm.describe_endpoint(EndpointName="ep")
    summary = kept["ProductionVariants"][0]
    assert (summary["CurrentInstanceCount"], summary["DesiredWeight"]) == (2, 3.0)
    assert kept["LastDeploymentConfig"] == rollout
    config(sm, "ep-v3", variant("ml.m5.xlarge", 1, ModelName="m"))
    sm.update_endpoint(
        EndpointName="ep",
        EndpointConfigName="ep-v3",
        RetainAllVariantProperties=True,
        ExcludeRetainedVariantProperties=[{"VariantPropertyType": "DesiredInstanceCount"}],
        RetainDeploymentConfig=True,
    )
    local.advance(60)
    mixed = sm.describe_endpoint(EndpointName="ep")
    summary = mixed["ProductionVariants"][0]
    assert (summary["CurrentInstanceCount"], summary["DesiredWeight"]) == (1, 3.0)
    assert mixed["LastDeploymentConfig"] == rollout
    config(sm, "ep-v4", variant("ml.m5.xlarge", 1, ModelName="m"))
    sm.update_endpoint(EndpointName="ep", EndpointConfigName="ep-v4")
    local.advance(60)
    fresh = sm.describe_endpoint(EndpointName="ep")
    assert fresh["ProductionVariants"][0]["DesiredWeight"] == 1.0
    assert "LastDeploymentConfig" not in fresh


def test_delete_goes_through_deleting(local: LocalSageMaker) -> None:
    sm = endpoint(local)
    component(sm, "a", copies=1)
    local.advance(30)
    assert error_of(sm.delete_endpoint, EndpointName="ep").startswith(
        "Cannot delete endpoint with inference component associated."
    )
    sm.delete_inference_component(InferenceComponentName="a")
    local.advance(10)
    sm.delete_endpoint(EndpointName="ep")
    assert sm.describe_endpoint(EndpointName="ep")["EndpointStatus"] == "Deleting"
    assert error_of(sm.delete_endpoint, EndpointName="ep") == (
        f'Cannot update in-progress endpoint "{ARN}:endpoint/ep".'
    )
    local.advance(60)
    assert error_of(sm.describe_endpoint, EndpointName="ep") == (
        f'Could not find endpoint "{ARN}:endpoint/ep".'
    )
    assert sm.list_endpoints()["Endpoints"] == []


def test_update_endpoint_faults_are_journaled(local: LocalSageMaker) -> None:
    sm = endpoint(local)
    config(sm, "ep-v2")
    local.faults.script(FaultKind.THROTTLE, operation="UpdateEndpoint")
    with pytest.raises(botocore.exceptions.ClientError, match="ThrottlingException"):
        sm.update_endpoint(EndpointName="ep", EndpointConfigName="ep-v2")
    assert sm.describe_endpoint(EndpointName="ep")["EndpointStatus"] == "InService"
    local.faults.script(FaultKind.RESET_AFTER, operation="UpdateEndpoint")
    with pytest.raises(botocore.exceptions.ConnectionClosedError):
        sm.update_endpoint(EndpointName="ep", EndpointConfigName="ep-v2")
    assert sm.describe_endpoint(EndpointName="ep")["EndpointStatus"] == "Updating"
    calls = local.journal.calls(operation="UpdateEndpoint", name="ep")
    assert [(c.outcome, c.committed) for c in calls] == [
        ("THROTTLE", False),
        ("RESET_AFTER", True),
    ]
