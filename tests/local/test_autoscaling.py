"""Application Auto Scaling and CloudWatch on LocalSageMaker, through real boto3 clients.

Everything runs on the manual clock: fifteen idle minutes take no real time.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import botocore.session
import pytest
from botocore.exceptions import ClientError

from icsdk.testing import FaultKind, LocalSageMaker
from icsdk.testing._metrics import Metrics, per_copy_key
from icsdk.testing._policies import step_capacity

from .conftest import NO_RETRIES, spec

RESOURCE = "inference-component/ic"
DIMENSION = "sagemaker:inference-component:DesiredCopyCount"
TARGET = {"ServiceNamespace": "sagemaker", "ResourceId": RESOURCE, "ScalableDimension": DIMENSION}
DIMENSIONS = [{"Name": "InferenceComponentName", "Value": "ic"}]
_STEPS = [
    {"MetricIntervalLowerBound": 0, "MetricIntervalUpperBound": 10, "ScalingAdjustment": 1},
    {"MetricIntervalLowerBound": 10, "ScalingAdjustment": 3},
]


def _error(error: pytest.ExceptionInfo[ClientError]) -> Any:
    response: Any = error.value.response
    return response["Error"]


def _code(error: pytest.ExceptionInfo[ClientError]) -> tuple[str, str]:
    return _error(error)["Code"], _error(error)["Message"]


def _tracking(
    name: str,
    target: float,
    metric: str = "SageMakerInferenceComponentInvocationsPerCopy",
    **config: Any,
) -> dict[str, Any]:
    """PutScalingPolicy's members for a target tracking policy ``name`` on the component."""
    return {
        **TARGET,
        "PolicyName": name,
        "PolicyType": "TargetTrackingScaling",
        "TargetTrackingScalingPolicyConfiguration": {
            "PredefinedMetricSpecification": {"PredefinedMetricType": metric},
            "TargetValue": target,
            **config,
        },
    }


class Scene:
    """A manual-clock LocalSageMaker with one InService component ``ic`` and its clients."""

    def __init__(self, local: LocalSageMaker) -> None:
        self.local = local
        # Typed loosely: the tests send raw requests, some of them deliberately wrong.
        self.sagemaker: Any = local.sagemaker_client()
        self.runtime: Any = local.runtime_client(config=NO_RETRIES)
        self.aas: Any = local.autoscaling_client(config=NO_RETRIES)
        self.cloudwatch: Any = local.cloudwatch_client(config=NO_RETRIES)
        # To a whole minute, so that each step below falls at the same place in every period.
        local.advance(-local.now() % 60)
        self.sagemaker.create_inference_component(
            InferenceComponentName="ic",
            EndpointName="shared-gpu",
            VariantName="AllTraffic",
            Specification=spec(),
            RuntimeConfig={"CopyCount": 1},
        )
        local.advance(30)

    def runtime_config(self) -> dict[str, Any]:
        found = self.sagemaker.describe_inference_component(InferenceComponentName="ic")
        config: dict[str, Any] = dict(found["RuntimeConfig"])
        config["Status"] = found["InferenceComponentStatus"]
        return config

    def invoke(self) -> bytes:
        answer = self.runtime.invoke_endpoint(
            EndpointName="shared-gpu", InferenceComponentName="ic", Body=b"{}"
        )
        return bytes(answer["Body"].read())

    def minutes(self, count: int) -> None:
        for _ in range(count):
            self.local.advance(60)

    def metric(self, name: str, stat: str, period: int = 60) -> list[float]:
        now = self.local.now()
        result = self.cloudwatch.get_metric_data(
            MetricDataQueries=[
                {
                    "Id": "m",
                    "MetricStat": {
                        "Metric": {
                            "Namespace": "AWS/SageMaker",
                            "MetricName": name,
                            "Dimensions": DIMENSIONS,
                        },
                        "Period": period,
                        "Stat": stat,
                    },
                }
            ],
            StartTime=datetime.fromtimestamp(now - 3600, UTC),
            EndTime=datetime.fromtimestamp(now, UTC),
            ScanBy="TimestampAscending",
        )
        return list(result["MetricDataResults"][0]["Values"])


@pytest.fixture
def scene(manual: LocalSageMaker) -> Scene:
    return Scene(manual)


def _recipe(scene: Scene) -> str:
    """The AWS scale-to-zero recipe: target (min 0), target tracking, step policy + alarm."""
    scene.aas.register_scalable_target(**TARGET, MinCapacity=0, MaxCapacity=4)
    scene.aas.put_scaling_policy(**_tracking("track", 1, ScaleInCooldown=300, ScaleOutCooldown=300))
    step = scene.aas.put_scaling_policy(
        **TARGET,
        PolicyName="wake",
        PolicyType="StepScaling",
        StepScalingPolicyConfiguration={
            "AdjustmentType": "ChangeInCapacity",
            "MetricAggregationType": "Maximum",
            "Cooldown": 60,
            "StepAdjustments": [{"MetricIntervalLowerBound": 0, "ScalingAdjustment": 1}],
        },
    )
    scene.cloudwatch.put_metric_alarm(
        AlarmName="wake-alarm",
        AlarmActions=[step["PolicyARN"]],
        MetricName="NoCapacityInvocationFailures",
        Namespace="AWS/SageMaker",
        Statistic="Maximum",
        Dimensions=DIMENSIONS,
        Period=30,
        EvaluationPeriods=1,
        DatapointsToAlarm=1,
        Threshold=1,
        ComparisonOperator="GreaterThanOrEqualToThreshold",
        TreatMissingData="missing",
    )
    return str(step["PolicyARN"])


def test_the_scale_to_zero_recipe_runs_end_to_end(scene: Scene) -> None:
    _recipe(scene)
    assert scene.invoke()  # one copy serves
    scene.minutes(13)
    assert scene.runtime_config()["DesiredCopyCount"] == 1  # not idle long enough yet
    scene.minutes(4)  # 15 idle one-minute periods below 90% of the target: scale in to zero
    scene.minutes(1)  # the update takes update_delay (20 s)
    config = scene.runtime_config()
    assert (config["DesiredCopyCount"], config["CurrentCopyCount"]) == (0, 0)

    with pytest.raises(ClientError) as refused:
        scene.invoke()
    assert _code(refused)[0] == "ValidationError"
    assert "has no capacity to process this request" in _code(refused)[1]
    assert scene.metric("NoCapacityInvocationFailures", "Sum") == [1.0]

    scene.local.advance(30)  # the alarm's 30-second period ends: ALARM, the step policy acts
    alarm = scene.cloudwatch.describe_alarms(AlarmNames=["wake-alarm"])["MetricAlarms"][0]
    assert alarm["StateValue"] == "ALARM"
    assert alarm["StateReason"].startswith("Threshold Crossed: 1 out of the last 1 datapoints")
    config = scene.runtime_config()
    assert (config["Status"], config["DesiredCopyCount"], config["CurrentCopyCount"]) == (
        "Updating",
        1,
        0,
    )
    with pytest.raises(ClientError):
        scene.invoke()  # the copy is still starting
    scene.local.advance(30)
    assert scene.runtime_config()["CurrentCopyCount"] == 1
    assert scene.invoke()

    activities = scene.aas.describe_scaling_activities(
        ServiceNamespace="sagemaker", ResourceId=RESOURCE
    )["ScalingActivities"]
    assert [(a["Description"], a["StatusCode"]) for a in activities] == [
        ("Setting desired copy count to 1.", "Successful"),
        ("Setting desired copy count to 0.", "Successful"),
    ]
    assert activities[0]["Cause"] == "monitor alarm wake-alarm in state ALARM triggered policy wake"
    assert activities[1]["Cause"].startswith(f"monitor alarm TargetTracking-{RESOURCE}-AlarmLow-")
    assert activities[0]["StatusMessage"] == (
        "Successfully set desired copy count to 1. Change successfully fulfilled by sagemaker."
    )


def test_target_tracking_scales_out_on_traffic_and_waits_out_its_cooldown(scene: Scene) -> None:
    scene.aas.register_scalable_target(**TARGET, MinCapacity=1, MaxCapacity=4)
    policy = scene.aas.put_scaling_policy(**_tracking("track", 2.0))
    high, low = (a["AlarmName"] for a in policy["Alarms"])
    assert high.startswith(f"TargetTracking-{RESOURCE}-AlarmHigh-")
    assert low.startswith(f"TargetTracking-{RESOURCE}-AlarmLow-")
    described = scene.cloudwatch.describe_alarms(AlarmNamePrefix="TargetTracking-")["MetricAlarms"]
    assert {(a["EvaluationPeriods"], a["Threshold"], a["Statistic"]) for a in described} == {
        (3, 2.0, "Sum"),
        (15, 1.8, "Sum"),
    }
    for _ in range(3):  # three busy minutes: 6 invocations a minute on one copy
        for _ in range(6):
            scene.invoke()
        scene.local.advance(60)
    scene.local.advance(30)
    # 1 copy x 6 invocations / 2 per copy = 3 copies
    assert scene.runtime_config()["DesiredCopyCount"] == 3
    assert scene.metric("InvocationsPerCopy", "Sum")[:3] == [6.0, 6.0, 6.0]
    for _ in range(2):  # still busy (10 a copy), but within the 300-second scale-out cooldown
        for _ in range(30):
            scene.invoke()
        scene.local.advance(60)
    assert scene.runtime_config()["DesiredCopyCount"] == 3
    for _ in range(4):  # the cooldown ends while the alarm still holds: 4, the maximum
        for _ in range(30):
            scene.invoke()
        scene.local.advance(60)
    assert scene.runtime_config()["DesiredCopyCount"] == 4
    activities = scene.aas.describe_scaling_activities(ServiceNamespace="sagemaker")
    later, earlier = (a["StartTime"] for a in activities["ScalingActivities"])
    assert (later - earlier).total_seconds() >= 300


def test_refusals_of_application_auto_scaling(scene: Scene) -> None:
    aas = scene.aas
    with pytest.raises(ClientError) as missing:
        aas.register_scalable_target(
            **{**TARGET, "ResourceId": "inference-component/nope"}, MinCapacity=0, MaxCapacity=2
        )
    assert _code(missing)[0] == "ValidationException"
    with pytest.raises(ClientError) as upside_down:
        aas.register_scalable_target(**TARGET, MinCapacity=3, MaxCapacity=2)
    assert _code(upside_down)[0] == "ValidationException"
    with pytest.raises(ClientError) as no_bounds:
        aas.register_scalable_target(**TARGET)
    assert _code(no_bounds)[0] == "ValidationException"
    with pytest.raises(ClientError) as mismatched:
        aas.register_scalable_target(
            **{**TARGET, "ScalableDimension": "sagemaker:variant:DesiredInstanceCount"},
            MinCapacity=0,
            MaxCapacity=2,
        )
    assert _code(mismatched) == (
        "ValidationException",
        "Unsupported service namespace, resource type or scalable dimension",
    )
    with pytest.raises(ClientError) as no_target:
        aas.put_scaling_policy(
            **TARGET,
            PolicyName="p",
            PolicyType="StepScaling",
            StepScalingPolicyConfiguration={
                "AdjustmentType": "ChangeInCapacity",
                "StepAdjustments": [{"ScalingAdjustment": 1, "MetricIntervalLowerBound": 0}],
            },
        )
    assert _code(no_target) == (
        "ObjectNotFoundException",
        f"No scalable target registered for service namespace: sagemaker, resource ID: "
        f"{RESOURCE}, scalable dimension: {DIMENSION}",
    )
    with pytest.raises(ClientError) as not_registered:
        aas.deregister_scalable_target(**TARGET)
    assert _code(not_registered) == (
        "ObjectNotFoundException",
        f"No scalable target found for service namespace: sagemaker, resource ID: {RESOURCE}, "
        f"scalable dimension: {DIMENSION}",
    )

    aas.register_scalable_target(**TARGET, MinCapacity=0, MaxCapacity=2)
    with pytest.raises(ClientError) as tagged:
        aas.register_scalable_target(**TARGET, MaxCapacity=3, Tags={"team": "search"})
    assert _code(tagged)[1].startswith("The scalable target that you tried to tag already exists")
    with pytest.raises(ClientError) as wrong_metric:
        aas.put_scaling_policy(**_tracking("p", 5, "SageMakerVariantInvocationsPerInstance"))
    assert _code(wrong_metric)[1] == (
        f"Scalable dimension {DIMENSION} only supports the following predefined metric types: "
        "SageMakerInferenceComponentInvocationsPerCopy, "
        "SageMakerInferenceComponentConcurrentRequestsPerCopyHighResolution"
    )
    with pytest.raises(ClientError) as gap:
        aas.put_scaling_policy(
            **TARGET,
            PolicyName="p",
            PolicyType="StepScaling",
            StepScalingPolicyConfiguration={
                "AdjustmentType": "ChangeInCapacity",
                "StepAdjustments": [
                    {"MetricIntervalUpperBound": 0, "ScalingAdjustment": -1},
                    {"MetricIntervalLowerBound": 5, "ScalingAdjustment": 1},
                ],
            },
        )
    assert _code(gap)[0] == "ValidationException"
    with pytest.raises(ClientError) as no_policy:
        aas.delete_scaling_policy(**TARGET, PolicyName="ghost")
    assert _code(no_policy)[0] == "ObjectNotFoundException"
    with pytest.raises(ClientError) as token:
        aas.describe_scalable_targets(ServiceNamespace="sagemaker", NextToken="bad")
    assert _code(token)[0] == "InvalidNextTokenException"


def test_targets_and_policies_are_described_updated_and_removed(scene: Scene) -> None:
    aas, cloudwatch = scene.aas, scene.cloudwatch
    arn = _recipe(scene)
    target = aas.describe_scalable_targets(ServiceNamespace="sagemaker")["ScalableTargets"][0]
    assert (target["MinCapacity"], target["MaxCapacity"]) == (0, 4)
    assert target["RoleARN"].endswith("/AWSServiceRoleForApplicationAutoScaling_SageMakerEndpoint")
    assert aas.describe_scalable_targets(ServiceNamespace="ecs")["ScalableTargets"] == []
    # An update keeps what it leaves out, and moves the copy count inside the new bounds.
    aas.register_scalable_target(**TARGET, MinCapacity=2)
    target = aas.describe_scalable_targets(ServiceNamespace="sagemaker")["ScalableTargets"][0]
    assert (target["MinCapacity"], target["MaxCapacity"]) == (2, 4)
    assert scene.runtime_config()["DesiredCopyCount"] == 2

    policies = aas.describe_scaling_policies(ServiceNamespace="sagemaker", ResourceId=RESOURCE)
    by_name = {p["PolicyName"]: p for p in policies["ScalingPolicies"]}
    wake_arn = "arn:aws:cloudwatch:us-east-1:123456789012:alarm:wake-alarm"
    assert by_name["wake"]["Alarms"] == [{"AlarmName": "wake-alarm", "AlarmARN": wake_arn}]
    assert len(by_name["track"]["Alarms"]) == 2
    assert arn.endswith(f":resource/sagemaker/{RESOURCE}:policyName/wake")

    # A step policy's alarm outlives it, without the action; target tracking's alarms do not.
    aas.delete_scaling_policy(**TARGET, PolicyName="wake")
    alarm = cloudwatch.describe_alarms(AlarmNames=["wake-alarm"])["MetricAlarms"][0]
    assert alarm["AlarmActions"] == []
    aas.deregister_scalable_target(**TARGET)
    assert aas.describe_scaling_policies(ServiceNamespace="sagemaker")["ScalingPolicies"] == []
    names = [a["AlarmName"] for a in cloudwatch.describe_alarms()["MetricAlarms"]]
    assert names == ["wake-alarm"]


def test_cloudwatch_alarms_and_metric_reads(scene: Scene) -> None:
    cloudwatch = scene.cloudwatch
    alarm: dict[str, Any] = {
        "AlarmName": "busy",
        "MetricName": "Invocations",
        "Namespace": "AWS/SageMaker",
        "Statistic": "Sum",
        "Dimensions": DIMENSIONS,
        "Period": 60,
        "EvaluationPeriods": 2,
        "DatapointsToAlarm": 1,
        "Threshold": 3,
        "ComparisonOperator": "GreaterThanThreshold",
    }
    cloudwatch.put_metric_alarm(**alarm)
    first = cloudwatch.describe_alarms()["MetricAlarms"][0]
    assert (first["StateValue"], first["StateReason"]) == (
        "INSUFFICIENT_DATA",
        "Unchecked: Initial alarm creation",
    )
    scene.minutes(3)  # the component serves: Invocations reads 0, not missing
    assert cloudwatch.describe_alarms(StateValue="OK")["MetricAlarms"][0]["AlarmName"] == "busy"
    for _ in range(5):
        scene.invoke()
    scene.minutes(1)
    assert cloudwatch.describe_alarms(StateValue="ALARM")["MetricAlarms"][0]["AlarmName"] == "busy"
    # An update overwrites the configuration and keeps the state.
    cloudwatch.put_metric_alarm(**{**alarm, "Threshold": 100})
    updated = cloudwatch.describe_alarms(AlarmNames=["busy"])["MetricAlarms"][0]
    assert (updated["Threshold"], updated["StateValue"]) == (100.0, "ALARM")
    assert scene.metric("Invocations", "Sum")[-3:] == [0.0, 0.0, 5.0]

    start = datetime.fromtimestamp(scene.local.now() - 600, UTC)
    end = datetime.fromtimestamp(scene.local.now(), UTC)
    statistics = cloudwatch.get_metric_statistics(
        Namespace="AWS/SageMaker",
        MetricName="InvocationsPerCopy",
        Dimensions=DIMENSIONS,
        StartTime=start,
        EndTime=end,
        Period=600,
        Statistics=["Sum", "SampleCount"],
    )["Datapoints"]
    assert [(p["Sum"], p["SampleCount"]) for p in statistics] == [(5.0, 5.0)]

    refusals: list[tuple[dict[str, Any], str]] = [
        ({**alarm, "Period": 45}, "ValidationError"),
        ({**alarm, "ExtendedStatistic": "p90"}, "InvalidParameterCombination"),
        ({**alarm, "DatapointsToAlarm": 3}, "ValidationError"),
    ]
    for params, code in refusals:
        with pytest.raises(ClientError) as refused:
            cloudwatch.put_metric_alarm(**params)
        assert _code(refused)[0] == code
    with pytest.raises(ClientError) as too_many:
        cloudwatch.get_metric_statistics(
            Namespace="AWS/SageMaker",
            MetricName="Invocations",
            StartTime=datetime.fromtimestamp(scene.local.now() - 86_400 * 2, UTC),
            EndTime=end,
            Period=60,
            Statistics=["Sum"],
        )
    assert _code(too_many)[0] == "InvalidParameterCombination"
    cloudwatch.delete_alarms(AlarmNames=["busy", "never-existed"])
    assert cloudwatch.describe_alarms()["MetricAlarms"] == []


def test_faults_and_the_journal_cover_both_services(scene: Scene) -> None:
    local = scene.local
    local.faults.script(FaultKind.THROTTLE, operation="DescribeAlarms")
    with pytest.raises(ClientError) as throttled:
        scene.cloudwatch.describe_alarms()
    assert _code(throttled) == ("Throttling", "Rate exceeded")
    local.faults.script(FaultKind.INTERNAL_ERROR, operation="RegisterScalableTarget")
    with pytest.raises(ClientError) as failed:
        scene.aas.register_scalable_target(**TARGET, MinCapacity=0, MaxCapacity=2)
    response: Any = failed.value.response
    assert response["ResponseMetadata"]["HTTPStatusCode"] == 500
    scene.aas.register_scalable_target(**TARGET, MinCapacity=0, MaxCapacity=2)
    calls = local.journal.calls(operation="RegisterScalableTarget")
    assert [(c.outcome, c.committed, c.name) for c in calls] == [
        ("INTERNAL_ERROR", False, "ic"),
        ("ok", True, "ic"),
    ]
    assert local.journal.count(operation="DescribeAlarms", outcome="THROTTLE") == 1


def _cbor_cloudwatch(local: LocalSageMaker, tmp_path: Path) -> Any:
    """A real botocore CloudWatch client that speaks Smithy RPC v2 CBOR, the model's first."""
    session = botocore.session.Session()
    loader = session.get_component("data_loader")
    model = loader.load_service_model("cloudwatch", "service-2")
    model["metadata"]["protocols"] = ["smithy-rpc-v2-cbor"]
    model["metadata"]["protocol"] = "smithy-rpc-v2-cbor"
    folder = tmp_path / "cloudwatch" / model["metadata"]["apiVersion"]
    folder.mkdir(parents=True)
    (folder / "service-2.json").write_text(json.dumps(model))
    loader.search_paths.insert(0, str(tmp_path))
    return session.create_client(
        "cloudwatch",
        region_name=local.region,
        endpoint_url=local.endpoint_url,
        aws_access_key_id="testing",
        aws_secret_access_key="testing",
        config=NO_RETRIES,
    )


def test_cloudwatch_answers_smithy_rpc_v2_cbor(scene: Scene, tmp_path: Path) -> None:
    cloudwatch = _cbor_cloudwatch(scene.local, tmp_path)
    assert cloudwatch.meta.service_model.resolved_protocol == "smithy-rpc-v2-cbor"
    cloudwatch.put_metric_alarm(
        AlarmName="cbor",
        MetricName="NoCapacityInvocationFailures",
        Namespace="AWS/SageMaker",
        Statistic="Maximum",
        Dimensions=DIMENSIONS,
        Period=30,
        EvaluationPeriods=1,
        Threshold=1,
        ComparisonOperator="GreaterThanOrEqualToThreshold",
    )
    alarm = cloudwatch.describe_alarms(AlarmNames=["cbor"])["MetricAlarms"][0]
    assert (alarm["Period"], alarm["Threshold"]) == (30, 1.0)
    assert alarm["StateUpdatedTimestamp"].timestamp() == pytest.approx(scene.local.now())
    for _ in range(3):
        scene.invoke()
    scene.local.advance(60)
    points = cloudwatch.get_metric_statistics(
        Namespace="AWS/SageMaker",
        MetricName="Invocations",
        Dimensions=DIMENSIONS,
        StartTime=datetime.fromtimestamp(scene.local.now() - 120, UTC),
        EndTime=datetime.fromtimestamp(scene.local.now(), UTC),
        Period=120,
        Statistics=["Sum"],
    )["Datapoints"]
    assert [p["Sum"] for p in points] == [3.0]
    with pytest.raises(ClientError) as refused:
        cloudwatch.put_metric_alarm(**{**_ALARM, "Period": 7})
    assert _code(refused)[0] == "ValidationError"
    assert _error(refused)["QueryErrorCode"] == "ValidationException"
    scene.local.faults.script(FaultKind.THROTTLE, operation="DeleteAlarms")
    with pytest.raises(ClientError) as throttled:
        cloudwatch.delete_alarms(AlarmNames=["cbor"])
    assert _code(throttled)[0] == "Throttling"


_ALARM: dict[str, Any] = {
    "AlarmName": "a",
    "MetricName": "Invocations",
    "Namespace": "AWS/SageMaker",
    "Statistic": "Sum",
    "Period": 60,
    "EvaluationPeriods": 1,
    "Threshold": 1,
    "ComparisonOperator": "GreaterThanThreshold",
}


def test_requests_in_flight_are_the_concurrency_metric() -> None:
    clock = [1_800_000_000.0]
    metrics = Metrics(lambda: clock[0])
    metrics.invoked("ic", copies=2)
    metrics.invoked("ic", copies=2)  # two in flight on two copies: 1 a copy
    clock[0] += 10
    metrics.sample_in_flight(clock[0])  # still in flight ten seconds later
    metrics.finished("ic")
    metrics.finished("ic")
    clock[0] += 10
    metrics.sample_in_flight(clock[0])  # nothing in flight: no sample
    key = per_copy_key("ConcurrentRequestsPerCopy", "ic")
    values = metrics.period_values(key, clock[0] - 20, clock[0] + 1)
    assert values == [0.5, 1.0, 1.0]


@pytest.mark.parametrize(
    ("configuration", "current", "value", "expected"),
    [
        ({"AdjustmentType": "ChangeInCapacity", "StepAdjustments": _STEPS}, 2, 1.0, 3),
        ({"AdjustmentType": "ChangeInCapacity", "StepAdjustments": _STEPS}, 2, 11.0, 5),
        ({"AdjustmentType": "ExactCapacity", "StepAdjustments": _STEPS}, 2, 11.0, 3),
        ({"AdjustmentType": "PercentChangeInCapacity", "StepAdjustments": _STEPS}, 10, 1.0, 11),
        ({"AdjustmentType": "ChangeInCapacity", "StepAdjustments": _STEPS}, 2, 0.5, None),
    ],
)
def test_step_adjustments_follow_their_bounds(
    configuration: dict[str, Any], current: int, value: float, expected: int | None
) -> None:
    # Threshold 1: a breach of 0 takes the first step (lower bound inclusive), 10 the second.
    assert step_capacity(configuration, current, value, 1.0) == expected


def test_a_deleted_component_keeps_its_scalable_target(scene: Scene) -> None:
    scene.aas.register_scalable_target(**TARGET, MinCapacity=0, MaxCapacity=2)
    scene.sagemaker.delete_inference_component(InferenceComponentName="ic")
    scene.minutes(1)
    targets = scene.aas.describe_scalable_targets(ServiceNamespace="sagemaker")
    assert [t["ResourceId"] for t in targets["ScalableTargets"]] == [RESOURCE]
    with pytest.raises(ClientError) as gone:
        scene.aas.register_scalable_target(**TARGET, MaxCapacity=3)
    assert _code(gone)[0] == "ValidationException"


def test_an_idle_component_never_invoked_scales_in_to_zero(scene: Scene) -> None:
    scene.aas.register_scalable_target(**TARGET, MinCapacity=0, MaxCapacity=2)
    scene.aas.put_scaling_policy(**_tracking("track", 1))
    scene.minutes(17)
    assert scene.runtime_config()["DesiredCopyCount"] == 0
    assert scene.metric("InvocationsPerCopy", "Sum")[:15] == [0.0] * 15
