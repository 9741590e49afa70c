"""Autoscaling declared on the component: planned, applied, owned, deleted, woken from zero."""

from __future__ import annotations

from typing import Any

import pytest
from botocore.config import Config

from icsdk import (
    Action,
    Autoscaling,
    Client,
    ComputeRequirements,
    Endpoint,
    InferenceComponent,
    ManagedInstanceScaling,
    NoCapacity,
    RetryPolicy,
    ServiceError,
    Throttled,
    WaitTimeout,
)
from icsdk.testing import FaultKind, LocalSageMaker

from ..samples import small_component

ROLE = "arn:aws:iam::123456789012:role/sagemaker"
NAMESPACE: dict[str, Any] = {
    "ServiceNamespace": "sagemaker",
    "ScalableDimension": "sagemaker:inference-component:DesiredCopyCount",
}


def scaled(
    min_copies: int = 0, max_copies: int = 4, copies: int = 1, endpoint: str = "shared-gpu"
) -> InferenceComponent:
    return (
        InferenceComponent.builder("llama")
        .endpoint(endpoint)
        .model("llama-model")
        .compute(ComputeRequirements(min_memory_mb=1024, cpu_cores=1))
        .copies(copies)
        .autoscaling(
            Autoscaling(min_copies=min_copies, max_copies=max_copies, invocations_per_copy=5)
        )
        .build()
    )


def live_resources(local: LocalSageMaker) -> tuple[Any, list[Any], list[Any]]:
    aas, cloudwatch = local.autoscaling_client(), local.cloudwatch_client()
    resource = "inference-component/llama"
    targets = aas.describe_scalable_targets(**NAMESPACE, ResourceIds=[resource])["ScalableTargets"]
    policies = aas.describe_scaling_policies(**NAMESPACE, ResourceId=resource)["ScalingPolicies"]
    alarms = cloudwatch.describe_alarms(AlarmNamePrefix="icsdk-llama")["MetricAlarms"]
    return targets, policies, alarms


def test_apply_sets_up_exactly_the_aws_recipe(local: LocalSageMaker, client: Client) -> None:
    plan = client.apply(scaled())
    assert plan.scaling is not None and plan.scaling.action is Action.CREATE
    targets, policies, alarms = live_resources(local)
    assert [(t["MinCapacity"], t["MaxCapacity"]) for t in targets] == [(0, 4)]
    by_type = {policy["PolicyType"]: policy for policy in policies}
    tracking = by_type["TargetTrackingScaling"]["TargetTrackingScalingPolicyConfiguration"]
    assert tracking["TargetValue"] == 5
    assert tracking["PredefinedMetricSpecification"]["PredefinedMetricType"] == (
        "SageMakerInferenceComponentInvocationsPerCopy"
    )
    assert (tracking["ScaleInCooldown"], tracking["ScaleOutCooldown"]) == (300, 300)
    step = by_type["StepScaling"]
    assert step["StepScalingPolicyConfiguration"]["StepAdjustments"] == [
        {"MetricIntervalLowerBound": 0.0, "ScalingAdjustment": 1}
    ]
    (alarm,) = alarms
    assert alarm["AlarmActions"] == [step["PolicyARN"]]
    assert (alarm["Namespace"], alarm["MetricName"]) == (
        "AWS/SageMaker",
        "NoCapacityInvocationFailures",
    )
    assert alarm["Dimensions"] == [{"Name": "InferenceComponentName", "Value": "llama"}]
    assert (alarm["Statistic"], alarm["Period"], alarm["Threshold"]) == ("Maximum", 30, 1.0)
    again = client.apply(scaled())
    assert again.is_noop, str(again)


def test_the_autoscaler_owns_the_copy_count_within_its_bounds(
    local: LocalSageMaker, client: Client
) -> None:
    client.apply(scaled(copies=1))
    client.scale("llama", 3, wait=True)  # as the autoscaler would
    plan = client.plan(scaled(copies=1))
    assert plan.is_noop, str(plan)
    narrower = client.apply(scaled(copies=1, max_copies=2))
    assert [c.path for c in narrower.changes] == ["copies"]
    assert (narrower.changes[0].current, narrower.changes[0].desired) == (3, 2)
    assert narrower.scaling is not None
    assert [c.path for c in narrower.scaling.changes] == ["autoscaling.max_copies"]
    assert client.describe("llama").desired_copies == 2


def test_drifted_resources_are_planned_and_put_back(local: LocalSageMaker, client: Client) -> None:
    client.apply(scaled())
    local.cloudwatch_client().delete_alarms(AlarmNames=["icsdk-llama-wake-on-request"])
    plan = client.plan(scaled())
    assert plan.scaling is not None and plan.scaling.action is Action.UPDATE
    assert "autoscaling: update" in str(plan)
    client.apply(scaled())
    assert len(live_resources(local)[2]) == 1
    assert client.plan(scaled()).is_noop


def test_a_failure_midway_is_completed_by_the_next_apply(
    local: LocalSageMaker, client: Client
) -> None:
    local.faults.script(FaultKind.ACCESS_DENIED, operation="PutMetricAlarm")
    with pytest.raises(Exception, match="PutMetricAlarm"):
        client.apply(scaled())
    plan = client.plan(scaled())
    assert plan.action is Action.NOTHING
    assert plan.scaling is not None and plan.scaling.action is Action.UPDATE
    client.apply(scaled())
    assert client.plan(scaled()).is_noop


def test_delete_removes_alarm_policies_and_target_before_the_component(
    local: LocalSageMaker, client: Client
) -> None:
    client.apply(scaled())
    client.delete("llama", wait=True)
    order = [
        entry.operation
        for entry in local.journal.calls()
        if entry.operation
        in ("DeleteAlarms", "DeregisterScalableTarget", "DeleteInferenceComponent")
    ]
    assert order == ["DeleteAlarms", "DeregisterScalableTarget", "DeleteInferenceComponent"]
    assert live_resources(local) == ([], [], [])


def test_an_endpoint_that_never_releases_instances_is_noted(client: Client) -> None:
    plan = client.plan(scaled())
    assert any("no managed instance scaling" in note for note in plan.notes), str(plan)
    client.apply(
        Endpoint.builder("elastic")
        .role(ROLE)
        .variant(
            "AllTraffic",
            instance_type="ml.g5.12xlarge",
            instances=1,
            scaling=ManagedInstanceScaling(min_instances=0, max_instances=2),
        )
        .build()
    )
    assert client.plan(scaled(endpoint="elastic")).notes == ()


def test_a_component_at_zero_is_woken_by_a_request_and_answers(
    local: LocalSageMaker, client: Client
) -> None:
    client.apply(scaled())
    local.advance(30 * 60)  # idle: target tracking takes the copies to zero
    assert client.describe("llama").current_copies == 0
    with pytest.raises(NoCapacity):
        client.invoke("llama", b"{}")
    answer = client.invoke("llama", b"{}", wait_for_capacity=15 * 60)
    assert answer.json()["component"] == "llama"
    assert client.describe("llama").current_copies == 1


def test_waiting_for_capacity_is_bounded(local: LocalSageMaker, client: Client) -> None:
    client.apply(scaled())
    local.advance(30 * 60)
    started = local.now()
    with pytest.raises(WaitTimeout):
        client.invoke("llama", b"{}", wait_for_capacity=20)
    assert local.now() - started <= 20 + 1


def test_scaling_clients_passed_in_never_resend_icsdks_requests(local: LocalSageMaker) -> None:
    retrying = Config(retries={"total_max_attempts": 10})
    theirs_aas = local.autoscaling_client(config=retrying)
    theirs_cloudwatch = local.cloudwatch_client(config=retrying)
    client = Client(
        local.sagemaker_client(),
        local.runtime_client(),
        autoscaling=theirs_aas,
        cloudwatch=theirs_cloudwatch,
        retry=RetryPolicy(attempts=3, random=lambda: 0.0),
        clock=local.clock,
    )
    assert client.autoscaling is theirs_aas and client.cloudwatch is theirs_cloudwatch
    local.faults.script(FaultKind.THROTTLE, operation="PutMetricAlarm", times=20)
    with pytest.raises(Throttled):
        client.apply(scaled())
    assert local.journal.count(operation="PutMetricAlarm") == 3  # icsdk's attempts, no more
    local.faults.clear()
    local.journal.clear()
    # The application's own calls through the same clients keep botocore's retries.
    local.faults.script(FaultKind.THROTTLE, operation="DescribeAlarms", times=1)
    theirs_cloudwatch.describe_alarms()
    assert local.journal.count(operation="DescribeAlarms") == 2


def test_a_caller_without_rights_to_autoscaling_still_deletes(
    local: LocalSageMaker, client: Client, caplog: pytest.LogCaptureFixture
) -> None:
    client.apply(small_component("plain"))
    local.faults.script(FaultKind.ACCESS_DENIED, operation="DescribeScalableTargets")
    client.delete("plain", wait=True)
    assert not client.exists("plain")
    assert "its scaling resources were not checked" in caplog.text


def test_a_server_failure_reading_scaling_stops_the_delete(
    local: LocalSageMaker, client: Client
) -> None:
    client.apply(scaled())
    local.faults.script(FaultKind.INTERNAL_ERROR, operation="DescribeScalableTargets", times=20)
    with pytest.raises(ServiceError):
        client.delete("llama")
    assert client.exists("llama")
    assert local.journal.count(operation="DeleteInferenceComponent") == 0
