"""A component's autoscaling as requests of Application Auto Scaling and CloudWatch, and back.

For a component `NAME` with [`Autoscaling`][icsdk.Autoscaling] icsdk renders:

* `RegisterScalableTarget`: namespace `sagemaker`, resource `inference-component/NAME`,
  dimension `sagemaker:inference-component:DesiredCopyCount`, the two bounds;
* `PutScalingPolicy` `icsdk-NAME-target-tracking`: target tracking on the predefined metric of
  the one target given, with both cooldowns;
* with `min_copies=0`, `PutScalingPolicy` `icsdk-NAME-wake-on-request` (step scaling: add copies
  when the alarm's metric is at or above its threshold) and `PutMetricAlarm`
  `icsdk-NAME-wake-on-request` on `AWS/SageMaker` `NoCapacityInvocationFailures` for the
  component, whose action is the step policy's ARN (known once that policy is put).

Names are derived from the component's name, so the same spec always renders the same
requests; a component name holds at most 63 characters, so each name stays far within its limit
(256 for a policy, 255 for an alarm). `icsdk._wire.autoscaling_state` reads the answers back.

Sources of the member values: the AWS developer guide, "Scale an endpoint to zero instances"
(https://docs.aws.amazon.com/sagemaker/latest/dg/endpoint-auto-scaling-zero-instances.html):
`--resource-id inference-component/inference-component-name`, `--scalable-dimension
sagemaker:inference-component:DesiredCopyCount`, `--metric-name NoCapacityInvocationFailures`,
`--namespace AWS/SageMaker`, `--dimensions "Name=InferenceComponentName,Value=..."`; the
predefined metric types are those of the installed botocore model's `MetricType` enum.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Final, cast

import attrs

from .._autoscaling import Autoscaling, WakeOnRequest
from .._record import Record

if TYPE_CHECKING:
    from mypy_boto3_application_autoscaling.type_defs import (
        DeleteScalingPolicyRequestTypeDef,
        DeregisterScalableTargetRequestTypeDef,
        DescribeScalableTargetsRequestTypeDef,
        DescribeScalingPoliciesRequestTypeDef,
        PutScalingPolicyRequestTypeDef,
        RegisterScalableTargetRequestTypeDef,
    )
    from mypy_boto3_cloudwatch.type_defs import (
        DeleteAlarmsInputTypeDef,
        DescribeAlarmsInputTypeDef,
        PutMetricAlarmInputTypeDef,
    )

__all__ = [
    "ALARM_DIMENSION",
    "ALARM_METRIC",
    "ALARM_NAMESPACE",
    "AutoscalingRequests",
    "METRICS",
    "NAMESPACE",
    "SCALABLE_DIMENSION",
    "delete_alarm_request",
    "metric_alarms_of",
    "policy_arn_of",
    "render_autoscaling",
    "render_delete_alarm",
    "render_delete_policy",
    "render_deregister",
    "render_describe_alarms",
    "render_describe_policies",
    "render_describe_targets",
    "render_wake_alarm",
    "resource_id",
    "scalable_targets_of",
    "scaling_policies_of",
    "target_policy_name",
    "wake_alarm_name",
    "wake_policy_name",
]

NAMESPACE: Final = "sagemaker"
SCALABLE_DIMENSION: Final = "sagemaker:inference-component:DesiredCopyCount"
#: The predefined metric of each target field of `Autoscaling`.
METRICS: Final = {
    "invocations_per_copy": "SageMakerInferenceComponentInvocationsPerCopy",
    "concurrent_requests_per_copy": (
        "SageMakerInferenceComponentConcurrentRequestsPerCopyHighResolution"
    ),
}
ALARM_NAMESPACE: Final = "AWS/SageMaker"
ALARM_METRIC: Final = "NoCapacityInvocationFailures"
ALARM_DIMENSION: Final = "InferenceComponentName"


def resource_id(name: str) -> str:
    """The Application Auto Scaling resource of component `name`.

    Examples:
        >>> resource_id("llama-8b")
        'inference-component/llama-8b'
    """
    return f"inference-component/{name}"


def target_policy_name(name: str) -> str:
    """The name of component `name`'s target-tracking policy."""
    return f"icsdk-{name}-target-tracking"


def wake_policy_name(name: str) -> str:
    """The name of component `name`'s step-scaling policy that wakes it from zero copies."""
    return f"icsdk-{name}-wake-on-request"


def wake_alarm_name(name: str) -> str:
    """The name of the CloudWatch alarm that triggers component `name`'s wake policy."""
    return f"icsdk-{name}-wake-on-request"


@attrs.frozen(kw_only=True, eq=False, repr=False)
class AutoscalingRequests(Record):
    """The requests that set up a component's autoscaling, in the order they are sent.

    `scalable_target` is boto3's `application-autoscaling` `register_scalable_target` kwargs,
    `target_tracking` its `put_scaling_policy` kwargs; with `min_copies=0`, `wake_policy` is the
    step policy's `put_scaling_policy` kwargs, and `wake_alarm(arn)` gives `cloudwatch`'s
    `put_metric_alarm` kwargs once `arn`, the `PolicyARN` that putting the step policy returns,
    is known. Without it both are `None`.

    Examples:
        >>> from icsdk import Autoscaling, ComputeRequirements, InferenceComponent
        >>> ic = (
        ...     InferenceComponent.builder("llama-8b").endpoint("shared-gpu").model("m")
        ...     .compute(ComputeRequirements(min_memory_mb=1024))
        ...     .autoscaling(Autoscaling(min_copies=1, max_copies=4, invocations_per_copy=5))
        ...     .build()
        ... )
        >>> requests = ic.autoscaling_to_boto3()
        >>> requests.scalable_target["MinCapacity"], requests.scalable_target["MaxCapacity"]
        (1, 4)
        >>> requests.wake_policy is None, requests.wake_alarm("arn:aws:autoscaling:...") is None
        (True, True)
    """

    scalable_target: RegisterScalableTargetRequestTypeDef
    target_tracking: PutScalingPolicyRequestTypeDef
    wake_policy: PutScalingPolicyRequestTypeDef | None
    _name: str = attrs.field(alias="name", repr=False)
    _wake: WakeOnRequest | None = attrs.field(alias="wake", repr=False)

    def wake_alarm(self, policy_arn: str) -> PutMetricAlarmInputTypeDef | None:
        """`put_metric_alarm` kwargs of the alarm that triggers the step policy `policy_arn`.

        Examples:
            >>> from icsdk import Autoscaling, ComputeRequirements, InferenceComponent
            >>> ic = (
            ...     InferenceComponent.builder("llama-8b").endpoint("shared-gpu").model("m")
            ...     .compute(ComputeRequirements(min_memory_mb=1024))
            ...     .autoscaling(Autoscaling(min_copies=0, max_copies=4, invocations_per_copy=5))
            ...     .build()
            ... )
            >>> alarm = ic.autoscaling_to_boto3().wake_alarm("arn:aws:autoscaling:...")
            >>> alarm["MetricName"], alarm["Period"], alarm["AlarmActions"]
            ('NoCapacityInvocationFailures', 30, ['arn:aws:autoscaling:...'])
        """
        if self._wake is None:
            return None
        return render_wake_alarm(self._name, self._wake, policy_arn)


def render_autoscaling(name: str, autoscaling: Autoscaling) -> AutoscalingRequests:
    """Every request that sets up `autoscaling` for component `name` (the alarm's on demand)."""
    return AutoscalingRequests(
        scalable_target=_scalable_target(name, autoscaling),
        target_tracking=_target_tracking(name, autoscaling),
        wake_policy=None if autoscaling.wake is None else _wake_policy(name, autoscaling.wake),
        name=name,
        wake=autoscaling.wake,
    )


def _target(name: str) -> dict[str, Any]:
    return {
        "ServiceNamespace": NAMESPACE,
        "ResourceId": resource_id(name),
        "ScalableDimension": SCALABLE_DIMENSION,
    }


def _scalable_target(name: str, autoscaling: Autoscaling) -> RegisterScalableTargetRequestTypeDef:
    request = {
        **_target(name),
        "MinCapacity": autoscaling.min_copies,
        "MaxCapacity": autoscaling.max_copies,
    }
    return cast("RegisterScalableTargetRequestTypeDef", request)


def _target_tracking(name: str, autoscaling: Autoscaling) -> PutScalingPolicyRequestTypeDef:
    field, value = next(
        (field, getattr(autoscaling, field))
        for field in METRICS
        if getattr(autoscaling, field) is not None
    )
    request = {
        "PolicyName": target_policy_name(name),
        **_target(name),
        "PolicyType": "TargetTrackingScaling",
        "TargetTrackingScalingPolicyConfiguration": {
            "TargetValue": value,
            "PredefinedMetricSpecification": {"PredefinedMetricType": METRICS[field]},
            "ScaleInCooldown": autoscaling.scale_in_cooldown_s,
            "ScaleOutCooldown": autoscaling.scale_out_cooldown_s,
        },
    }
    return cast("PutScalingPolicyRequestTypeDef", request)


def _wake_policy(name: str, wake: WakeOnRequest) -> PutScalingPolicyRequestTypeDef:
    # A lower bound of 0 and no upper bound: the step applies whenever the alarm's metric is at
    # or above its threshold, which is when the alarm is in ALARM.
    request = {
        "PolicyName": wake_policy_name(name),
        **_target(name),
        "PolicyType": "StepScaling",
        "StepScalingPolicyConfiguration": {
            "AdjustmentType": "ChangeInCapacity",
            "StepAdjustments": [
                {"MetricIntervalLowerBound": 0, "ScalingAdjustment": wake.copies_added}
            ],
            "Cooldown": wake.cooldown_s,
            "MetricAggregationType": wake.aggregation,
        },
    }
    return cast("PutScalingPolicyRequestTypeDef", request)


def render_wake_alarm(
    name: str, wake: WakeOnRequest, policy_arn: str
) -> PutMetricAlarmInputTypeDef:
    """`put_metric_alarm` kwargs: wake component `name` through the step policy `policy_arn`."""
    request = {
        "AlarmName": wake_alarm_name(name),
        "AlarmDescription": (
            f"Wakes inference component {name} when a request finds no copy to serve it "
            "(set up by icsdk)."
        ),
        "AlarmActions": [policy_arn],
        "MetricName": ALARM_METRIC,
        "Namespace": ALARM_NAMESPACE,
        "Statistic": wake.statistic,
        "Dimensions": [{"Name": ALARM_DIMENSION, "Value": name}],
        "Period": wake.period_s,
        "EvaluationPeriods": wake.evaluation_periods,
        "DatapointsToAlarm": wake.datapoints_to_alarm,
        "Threshold": wake.threshold,
        "ComparisonOperator": wake.comparison,
        "TreatMissingData": wake.treat_missing_data,
    }
    return cast("PutMetricAlarmInputTypeDef", request)


# -- reading and removing ---------------------------------------------------------------------


def render_describe_targets(name: str) -> DescribeScalableTargetsRequestTypeDef:
    """`describe_scalable_targets` kwargs for component `name`'s scalable target."""
    return {
        "ServiceNamespace": NAMESPACE,
        "ResourceIds": [resource_id(name)],
        "ScalableDimension": SCALABLE_DIMENSION,
    }


def render_describe_policies(name: str) -> DescribeScalingPoliciesRequestTypeDef:
    """`describe_scaling_policies` kwargs: every policy on component `name`'s target."""
    return {
        "ServiceNamespace": NAMESPACE,
        "ResourceId": resource_id(name),
        "ScalableDimension": SCALABLE_DIMENSION,
    }


def render_describe_alarms(name: str) -> DescribeAlarmsInputTypeDef:
    """`describe_alarms` kwargs for component `name`'s wake alarm."""
    return {"AlarmNames": [wake_alarm_name(name)]}


def render_delete_alarm(name: str) -> DeleteAlarmsInputTypeDef:
    """`delete_alarms` kwargs for component `name`'s wake alarm."""
    return delete_alarm_request(wake_alarm_name(name))


def delete_alarm_request(alarm: str) -> DeleteAlarmsInputTypeDef:
    """`delete_alarms` kwargs for the alarm called `alarm` (icsdk's, or one made by hand)."""
    return {"AlarmNames": [alarm]}


def scalable_targets_of(response: Mapping[str, Any]) -> list[Any]:
    """The `ScalableTargets` of a DescribeScalableTargets answer."""
    return list(response["ScalableTargets"])


def scaling_policies_of(response: Mapping[str, Any]) -> list[Any]:
    """The `ScalingPolicies` of a DescribeScalingPolicies answer."""
    return list(response["ScalingPolicies"])


def metric_alarms_of(response: Mapping[str, Any]) -> list[Any]:
    """The `MetricAlarms` of a DescribeAlarms answer."""
    return list(response["MetricAlarms"])


def policy_arn_of(response: Mapping[str, Any]) -> str:
    """The ARN a PutScalingPolicy answer gives the policy (the alarm's action)."""
    return str(response["PolicyARN"])


def render_delete_policy(name: str, policy_name: str) -> DeleteScalingPolicyRequestTypeDef:
    """`delete_scaling_policy` kwargs for the policy `policy_name` on component `name`."""
    return {
        "PolicyName": policy_name,
        "ServiceNamespace": NAMESPACE,
        "ResourceId": resource_id(name),
        "ScalableDimension": SCALABLE_DIMENSION,
    }


def render_deregister(name: str) -> DeregisterScalableTargetRequestTypeDef:
    """`deregister_scalable_target` kwargs (which also deletes the target's policies)."""
    return {
        "ServiceNamespace": NAMESPACE,
        "ResourceId": resource_id(name),
        "ScalableDimension": SCALABLE_DIMENSION,
    }
