"""Autoscaling's requests against botocore's Application Auto Scaling and CloudWatch models.

Every request icsdk renders is validated by botocore's own parameter validator against the
installed models, every limit a field declares is the model's, and the live resources read back
give the spec they were made from.
"""

from __future__ import annotations

import copy
import re
from datetime import UTC, datetime
from typing import Any

import attrs
import botocore.session
import pytest
from botocore.model import Shape, StringShape, StructureShape
from botocore.validate import ParamValidator
from hypothesis import given, settings

from icsdk import Autoscaling, InferenceComponent, WakeOnRequest
from icsdk._base import field_checks
from icsdk._constraints import LIMITS
from icsdk._limits import model_of
from icsdk._wire.autoscaling import (
    render_autoscaling,
    render_delete_alarm,
    render_delete_policy,
    render_deregister,
    render_describe_alarms,
    render_describe_policies,
    render_describe_targets,
    render_wake_alarm,
    target_policy_name,
    wake_alarm_name,
    wake_policy_name,
)
from icsdk._wire.autoscaling_state import LiveAutoscaling, read_autoscaling

from .samples import full_component, model_limit
from .strategies import autoscalings, names

SESSION = botocore.session.get_session()
MODELS = {
    "application-autoscaling": SESSION.get_service_model("application-autoscaling"),
    "cloudwatch": SESSION.get_service_model("cloudwatch"),
}
ARN = (
    "arn:aws:autoscaling:us-east-1:123456789012:scalingPolicy:1a2b3c4d-0000-0000-0000-"
    "000000000000:resource/sagemaker/inference-component/llama-8b:policyName/"
    "icsdk-llama-8b-wake-on-request"
)
LONGEST = "a" + "-b" * 31  # 63 characters, the most InferenceComponentName holds


def assert_accepted(service: str, operation: str, params: Any) -> None:
    shape = MODELS[service].operation_model(operation).input_shape
    assert shape is not None
    report = ParamValidator().validate(params, shape)
    assert not report.has_errors(), report.generate_report()


def every_request(name: str, scaling: Autoscaling) -> list[tuple[str, str, Any]]:
    requests = render_autoscaling(name, scaling)
    found: list[tuple[str, str, Any]] = [
        ("application-autoscaling", "RegisterScalableTarget", requests.scalable_target),
        ("application-autoscaling", "PutScalingPolicy", requests.target_tracking),
        ("application-autoscaling", "DescribeScalableTargets", render_describe_targets(name)),
        ("application-autoscaling", "DescribeScalingPolicies", render_describe_policies(name)),
        ("application-autoscaling", "DeregisterScalableTarget", render_deregister(name)),
        (
            "application-autoscaling",
            "DeleteScalingPolicy",
            render_delete_policy(name, target_policy_name(name)),
        ),
        ("cloudwatch", "DescribeAlarms", render_describe_alarms(name)),
        ("cloudwatch", "DeleteAlarms", render_delete_alarm(name)),
    ]
    if requests.wake_policy is not None:
        found.append(("application-autoscaling", "PutScalingPolicy", requests.wake_policy))
        found.append(("cloudwatch", "PutMetricAlarm", requests.wake_alarm(ARN)))
    return found


def recipe(**kwargs: Any) -> Autoscaling:
    values: dict[str, Any] = {"min_copies": 0, "max_copies": 4, "invocations_per_copy": 5}
    return Autoscaling(**{**values, **kwargs})


@pytest.mark.parametrize("name", ["llama-8b", LONGEST])
def test_every_request_is_accepted_by_botocore(name: str) -> None:
    for scaling in (
        recipe(),
        recipe(min_copies=2, concurrent_requests_per_copy=2.5, invocations_per_copy=None),
    ):
        for service, operation, request in every_request(name, scaling):
            assert_accepted(service, operation, request)


@settings(max_examples=150)
@given(scaling=autoscalings(), name=names)
def test_every_valid_autoscaling_renders_requests_botocore_accepts(
    scaling: Autoscaling, name: str
) -> None:
    for service, operation, request in every_request(name, scaling):
        assert_accepted(service, operation, request)


def test_the_recipe_renders_exactly() -> None:
    requests = render_autoscaling("llama-8b", recipe())
    target = {
        "ServiceNamespace": "sagemaker",
        "ResourceId": "inference-component/llama-8b",
        "ScalableDimension": "sagemaker:inference-component:DesiredCopyCount",
    }
    assert requests.scalable_target == {**target, "MinCapacity": 0, "MaxCapacity": 4}
    assert requests.target_tracking == {
        "PolicyName": "icsdk-llama-8b-target-tracking",
        **target,
        "PolicyType": "TargetTrackingScaling",
        "TargetTrackingScalingPolicyConfiguration": {
            "TargetValue": 5,
            "PredefinedMetricSpecification": {
                "PredefinedMetricType": "SageMakerInferenceComponentInvocationsPerCopy"
            },
            "ScaleInCooldown": 300,
            "ScaleOutCooldown": 300,
        },
    }
    assert requests.wake_policy == {
        "PolicyName": "icsdk-llama-8b-wake-on-request",
        **target,
        "PolicyType": "StepScaling",
        "StepScalingPolicyConfiguration": {
            "AdjustmentType": "ChangeInCapacity",
            "StepAdjustments": [{"MetricIntervalLowerBound": 0, "ScalingAdjustment": 1}],
            "Cooldown": 60,
            "MetricAggregationType": "Maximum",
        },
    }
    alarm: dict[str, Any] = dict(requests.wake_alarm(ARN) or {})
    assert alarm.pop("AlarmDescription").startswith("Wakes inference component llama-8b")
    assert alarm == {
        "AlarmName": "icsdk-llama-8b-wake-on-request",
        "AlarmActions": [ARN],
        "MetricName": "NoCapacityInvocationFailures",
        "Namespace": "AWS/SageMaker",
        "Statistic": "Maximum",
        "Dimensions": [{"Name": "InferenceComponentName", "Value": "llama-8b"}],
        "Period": 30,
        "EvaluationPeriods": 1,
        "DatapointsToAlarm": 1,
        "Threshold": 1,
        "ComparisonOperator": "GreaterThanOrEqualToThreshold",
        "TreatMissingData": "missing",
    }


def test_the_other_target_uses_the_high_resolution_concurrency_metric() -> None:
    scaling = Autoscaling(min_copies=1, max_copies=2, concurrent_requests_per_copy=5)
    requests = render_autoscaling("a", scaling)
    tracking: Any = requests.target_tracking
    config = tracking["TargetTrackingScalingPolicyConfiguration"]
    assert config["PredefinedMetricSpecification"] == {
        "PredefinedMetricType": "SageMakerInferenceComponentConcurrentRequestsPerCopyHighResolution"
    }
    assert requests.wake_policy is None and requests.wake_alarm(ARN) is None


def test_the_component_renders_its_own_autoscaling() -> None:
    ic = attrs.evolve(full_component(), autoscaling=recipe())
    requests = ic.autoscaling_to_boto3()
    assert requests == render_autoscaling(ic.name, recipe())
    assert requests is not None and requests.wake_alarm(ARN) == render_wake_alarm(
        ic.name, WakeOnRequest(), ARN
    )


def test_the_constants_are_in_the_models_enums() -> None:
    aas = MODELS["application-autoscaling"]
    enum = {
        name: set(shape.enum)
        for name in ("ServiceNamespace", "ScalableDimension", "MetricType", "PolicyType")
        if isinstance(shape := aas.shape_for(name), StringShape)
    }
    assert "sagemaker" in enum["ServiceNamespace"]
    assert "sagemaker:inference-component:DesiredCopyCount" in enum["ScalableDimension"]
    assert {
        "SageMakerInferenceComponentInvocationsPerCopy",
        "SageMakerInferenceComponentConcurrentRequestsPerCopyHighResolution",
    } <= enum["MetricType"]
    assert {"StepScaling", "TargetTrackingScaling"} <= enum["PolicyType"]


def test_names_are_deterministic_and_within_the_limits() -> None:
    policy = MODELS["application-autoscaling"].shape_for("PolicyName")
    alarm = MODELS["cloudwatch"].shape_for("AlarmName")
    assert policy.metadata["pattern"] == r"\p{Print}+"
    for name in ("a", "llama-8b", LONGEST):
        for made in (target_policy_name(name), wake_policy_name(name)):
            assert len(made) <= policy.metadata["max"]
            assert made.isprintable() and made.isascii()
        assert len(wake_alarm_name(name)) <= alarm.metadata["max"]
        assert name in wake_alarm_name(name)
    assert render_autoscaling(LONGEST, recipe()) == render_autoscaling(LONGEST, recipe())
    assert target_policy_name("a") != wake_policy_name("a")


# -- the limits the fields declare are the models' -------------------------------------------

# Every field of the two classes, and the member it renders to: (service, operation, path).
MEMBERS: dict[tuple[type, str], tuple[str, str, str]] = {
    (Autoscaling, "min_copies"): (
        "application-autoscaling",
        "RegisterScalableTarget",
        "MinCapacity",
    ),
    (Autoscaling, "max_copies"): (
        "application-autoscaling",
        "RegisterScalableTarget",
        "MaxCapacity",
    ),
    (Autoscaling, "invocations_per_copy"): (
        "application-autoscaling",
        "PutScalingPolicy",
        "TargetTrackingScalingPolicyConfiguration.TargetValue",
    ),
    (Autoscaling, "concurrent_requests_per_copy"): (
        "application-autoscaling",
        "PutScalingPolicy",
        "TargetTrackingScalingPolicyConfiguration.TargetValue",
    ),
    (Autoscaling, "scale_in_cooldown_s"): (
        "application-autoscaling",
        "PutScalingPolicy",
        "TargetTrackingScalingPolicyConfiguration.ScaleInCooldown",
    ),
    (Autoscaling, "scale_out_cooldown_s"): (
        "application-autoscaling",
        "PutScalingPolicy",
        "TargetTrackingScalingPolicyConfiguration.ScaleOutCooldown",
    ),
    (WakeOnRequest, "copies_added"): (
        "application-autoscaling",
        "PutScalingPolicy",
        "StepScalingPolicyConfiguration.StepAdjustments[].ScalingAdjustment",
    ),
    (WakeOnRequest, "cooldown_s"): (
        "application-autoscaling",
        "PutScalingPolicy",
        "StepScalingPolicyConfiguration.Cooldown",
    ),
    (WakeOnRequest, "aggregation"): (
        "application-autoscaling",
        "PutScalingPolicy",
        "StepScalingPolicyConfiguration.MetricAggregationType",
    ),
    (WakeOnRequest, "period_s"): ("cloudwatch", "PutMetricAlarm", "Period"),
    (WakeOnRequest, "evaluation_periods"): ("cloudwatch", "PutMetricAlarm", "EvaluationPeriods"),
    (WakeOnRequest, "datapoints_to_alarm"): ("cloudwatch", "PutMetricAlarm", "DatapointsToAlarm"),
    (WakeOnRequest, "statistic"): ("cloudwatch", "PutMetricAlarm", "Statistic"),
    (WakeOnRequest, "comparison"): ("cloudwatch", "PutMetricAlarm", "ComparisonOperator"),
    (WakeOnRequest, "threshold"): ("cloudwatch", "PutMetricAlarm", "Threshold"),
    (WakeOnRequest, "treat_missing_data"): ("cloudwatch", "PutMetricAlarm", "TreatMissingData"),
}


def member_shape(service: str, operation: str, path: str) -> Shape:
    shape: Any = MODELS[service].operation_model(operation).input_shape
    for segment in path.split("."):
        assert isinstance(shape, StructureShape)
        shape = shape.members[segment.removesuffix("[]")]
        if segment.endswith("[]"):
            shape = shape.member
    assert isinstance(shape, Shape)
    return shape


def test_every_field_is_mapped_to_its_member() -> None:
    fields = {
        (cls, check.name) for cls in (Autoscaling, WakeOnRequest) for check in field_checks(cls)
    }
    assert fields - {(Autoscaling, "wake")} == set(MEMBERS)


@pytest.mark.parametrize(("owner", "member"), list(MEMBERS.items()), ids=lambda v: str(v))
def test_every_field_declares_its_members_shape(
    owner: tuple[type, str], member: tuple[str, str, str]
) -> None:
    cls, name = owner
    check = {c.name: c for c in field_checks(cls)}[name]
    assert check.limit is not None
    service, shape_name = model_of(check.limit.shape)
    shape = member_shape(*member)
    assert (service, shape_name) == (member[0], shape.name)
    assert LIMITS[check.limit.shape] == model_limit(shape)


def test_every_other_services_limit_is_the_models() -> None:
    others = [key for key in LIMITS if ":" in key]
    assert len(others) >= 12
    for key in others:
        service, name = model_of(key)
        assert LIMITS[key] == model_limit(MODELS[service].shape_for(name)), key


@pytest.mark.parametrize(
    ("cls", "field", "bad"),
    [
        (Autoscaling, "min_copies", 2**31),
        (Autoscaling, "max_copies", -(2**31) - 1),
        (Autoscaling, "invocations_per_copy", 10**400),
        (WakeOnRequest, "threshold", float("nan")),
        (WakeOnRequest, "period_s", 2**31),
        (WakeOnRequest, "copies_added", 2**31),
    ],
)
def test_numbers_the_wire_cannot_carry_are_refused(cls: type, field: str, bad: Any) -> None:
    from icsdk import SpecError

    base: dict[str, Any] = (
        {"min_copies": 1, "max_copies": 4, "invocations_per_copy": 5} if cls is Autoscaling else {}
    )
    with pytest.raises(SpecError) as caught:
        cls(**{**base, field: bad})
    assert field in caught.value.paths


# -- the live resources read back -----------------------------------------------------------

MOMENT = datetime(2026, 1, 1, tzinfo=UTC)


def described(name: str, scaling: Autoscaling) -> tuple[list[Any], list[Any], list[Any]]:
    """What the three Describe calls answer once the rendered requests were sent."""
    requests = render_autoscaling(name, scaling)
    target = {
        **requests.scalable_target,
        "RoleARN": "arn:aws:iam::123456789012:role/aws-service-role/sagemaker",
        "CreationTime": MOMENT,
    }
    policies: list[Any] = [
        {**requests.target_tracking, "PolicyARN": f"{ARN}-tt", "CreationTime": MOMENT}
    ]
    alarms: list[Any] = []
    if requests.wake_policy is not None:
        policies.append({**requests.wake_policy, "PolicyARN": ARN, "CreationTime": MOMENT})
        alarm: dict[str, Any] = dict(requests.wake_alarm(ARN) or {})
        alarm.update(AlarmArn="arn:aws:cloudwatch:us-east-1:123456789012:alarm:x")
        alarm.update(StateValue="OK", ActionsEnabled=True)
        if alarm["TreatMissingData"] == "missing":
            del alarm["TreatMissingData"]  # the default: reads back as "missing"
        alarms.append(alarm)
    for shape, items in (
        (MODELS["application-autoscaling"].shape_for("ScalableTarget"), [target]),
        (MODELS["application-autoscaling"].shape_for("ScalingPolicy"), policies),
        (MODELS["cloudwatch"].shape_for("MetricAlarm"), alarms),
    ):
        for item in items:
            report = ParamValidator().validate(item, shape)
            assert not report.has_errors(), report.generate_report()
    return [target], policies, alarms


@pytest.mark.parametrize(
    "scaling",
    [
        recipe(),
        recipe(
            min_copies=1, max_copies=3, invocations_per_copy=None, concurrent_requests_per_copy=2
        ),
        recipe(wake=WakeOnRequest(copies_added=2, period_s=60, statistic="Sum", threshold=0.5)),
    ],
)
def test_live_resources_read_back_as_the_spec(scaling: Autoscaling) -> None:
    live = read_autoscaling("llama-8b", *described("llama-8b", scaling))
    assert live.autoscaling == scaling
    assert live.target_policy == "icsdk-llama-8b-target-tracking"
    if scaling.wake is not None:
        assert live.wake_policy == live.wake_alarm == "icsdk-llama-8b-wake-on-request"
        assert live.wake_policy_arn == ARN
    else:
        assert live == LiveAutoscaling(scaling, target_policy="icsdk-llama-8b-target-tracking")


@settings(max_examples=100)
@given(scaling=autoscalings())
def test_every_valid_autoscaling_reads_back_as_itself(scaling: Autoscaling) -> None:
    assert read_autoscaling("c", *described("c", scaling)).autoscaling == scaling


def test_nothing_registered_reads_as_no_autoscaling() -> None:
    assert read_autoscaling("llama-8b", [], [], []) == LiveAutoscaling(None)
    targets, policies, alarms = described("other", recipe())
    assert read_autoscaling("llama-8b", targets, policies, alarms).autoscaling is None
    stray = read_autoscaling("other", [], [], alarms)
    assert stray == LiveAutoscaling(None, wake_alarm="icsdk-other-wake-on-request")


def test_a_missing_wake_reads_as_none_so_it_differs_from_the_spec() -> None:
    targets, policies, _ = described("llama-8b", recipe())
    tracking_only = [p for p in policies if p["PolicyType"] == "TargetTrackingScaling"]
    live = read_autoscaling("llama-8b", targets, tracking_only, []).autoscaling
    assert live is not None and live.wake is None and live != recipe()
    without_alarm = read_autoscaling("llama-8b", targets, policies, []).autoscaling
    assert without_alarm is not None and without_alarm.wake is not None
    read = attrs.asdict(without_alarm.wake)  # read leniently: None where nothing was found
    assert read["copies_added"] == 1 and read["period_s"] is None
    assert without_alarm != recipe()


def test_a_missing_target_policy_reads_as_no_target() -> None:
    targets, policies, alarms = described("llama-8b", recipe())
    steps = [p for p in policies if p["PolicyType"] == "StepScaling"]
    live = read_autoscaling("llama-8b", targets, steps, alarms).autoscaling
    assert live is not None
    read = attrs.asdict(live, recurse=False)  # read leniently: None where nothing was found
    assert read["invocations_per_copy"] is None and read["concurrent_requests_per_copy"] is None
    assert read["scale_in_cooldown_s"] is None and live != recipe()


def test_a_setup_made_by_hand_is_read_too() -> None:
    # The blog's own names and values: policies and alarm named by hand, cooldown defaults.
    targets, policies, alarms = described("llama-8b", recipe())
    hand_policies = copy.deepcopy(policies)
    hand_policies[0]["PolicyName"] = "inference-component-target-tracking-scaling-policy"
    hand_policies[1]["PolicyName"] = "inference-component-step-scaling-policy"
    del hand_policies[1]["StepScalingPolicyConfiguration"]["Cooldown"]
    hand_alarms = copy.deepcopy(alarms)
    hand_alarms[0]["AlarmName"] = "ic-step-scaling-policy-alarm"
    other_alarm = {**hand_alarms[0], "AlarmName": "unrelated", "AlarmActions": ["arn:other"]}
    live = read_autoscaling("llama-8b", targets, hand_policies, [other_alarm, *hand_alarms])
    assert live.target_policy == "inference-component-target-tracking-scaling-policy"
    assert live.wake_policy == "inference-component-step-scaling-policy"
    assert live.wake_alarm == "ic-step-scaling-policy-alarm"
    # The model: a step policy's Cooldown "If not specified, the default value is 300".
    assert live.autoscaling == recipe(wake=WakeOnRequest(cooldown_s=300))


def test_an_alarm_on_another_metric_or_component_does_not_wake() -> None:
    targets, policies, alarms = described("llama-8b", recipe())
    for change in (
        {"MetricName": "Invocations"},
        {"Namespace": "AWS/Other"},
        {"Dimensions": [{"Name": "InferenceComponentName", "Value": "other"}]},
        {"AlarmActions": ["arn:aws:sns:us-east-1:123456789012:topic"]},
    ):
        live = read_autoscaling("llama-8b", targets, policies, [{**alarms[0], **change}])
        assert live.autoscaling is not None and live.autoscaling.wake is not None
        assert attrs.asdict(live.autoscaling.wake)["period_s"] is None, change


def test_a_step_policy_icsdk_cannot_express_reads_without_its_step() -> None:
    targets, policies, alarms = described("llama-8b", recipe())
    changed = copy.deepcopy(policies)
    changed[1]["StepScalingPolicyConfiguration"]["StepAdjustments"] = [
        {"MetricIntervalLowerBound": 0, "MetricIntervalUpperBound": 5, "ScalingAdjustment": 1},
        {"MetricIntervalLowerBound": 5, "ScalingAdjustment": 3},
    ]
    live = read_autoscaling("llama-8b", targets, changed, alarms).autoscaling
    assert live is not None and live.wake is not None
    assert attrs.asdict(live.wake)["copies_added"] is None


def test_the_reader_never_validates() -> None:
    targets, policies, alarms = described("llama-8b", recipe())
    targets[0]["MaxCapacity"] = 0  # refused in a spec; read as it is
    live = read_autoscaling("llama-8b", targets, policies, alarms).autoscaling
    assert live is not None and live.max_copies == 0


def test_a_component_with_autoscaling_keeps_its_create_request() -> None:
    ic = attrs.evolve(full_component(), autoscaling=recipe(min_copies=1))
    assert re.search("MinCapacity|Autoscaling", str(ic.to_boto3())) is None
    assert InferenceComponent.from_boto3(ic.to_boto3()).autoscaling is None
