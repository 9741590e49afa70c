"""Scaling policy arithmetic: the alarms target tracking makes, and the capacity each policy asks.

Target tracking. "Application Auto Scaling creates and manages the CloudWatch alarms that invoke
the scaling policy and calculates the scaling adjustment based on the metric and the target
value" (Application Auto Scaling User Guide, target-tracking-scaling-policy-overview). For the
high-resolution metric, "The first triggers scale-out actions after 30 seconds (using 3
sub-minute data point), while the second triggers scale-in after 15 minutes (using 90 sub-minute
data points)" (aws-samples/sagemaker-genai-hosting-examples,
scale-to-zero-endpoint/llama3-8b-scale-to-zero-autoscaling.ipynb, the notebook of the AWS blog
"Unlock cost savings with the new scale down to zero feature in SageMaker Inference"). For
one-minute metrics the same counts of one-minute periods are assumed (3 and 15). Each alarm is
a real CloudWatch alarm here, named as AAS names them ("TargetTracking-<resource>-AlarmHigh-
<id>", seen in a published DescribeScalingActivities Cause), and listed by DescribeAlarms.
Assumed: the scale-in alarm's threshold (90% of the target), the statistics (Sum of
``InvocationsPerCopy`` per minute, Maximum of ``ConcurrentRequestsPerCopy`` per 10 seconds, as
the SageMaker metrics page lists them as valid), and the capacity asked, current x metric /
target rounded up.

Step scaling follows botocore's ``StepAdjustment`` documentation: "If the metric value is above
the breach threshold, the lower bound is inclusive ... and the upper bound is exclusive";
below it, the reverse.
"""

from __future__ import annotations

import itertools
import math
import uuid
from typing import Any

from ._protocol import AwsError

__all__ = [
    "PREDEFINED",
    "check_step_configuration",
    "managed_alarms",
    "step_capacity",
    "tracking_capacity",
]

PREDEFINED: dict[str, tuple[str, str, int]] = {
    "SageMakerInferenceComponentInvocationsPerCopy": ("InvocationsPerCopy", "Sum", 60),
    "SageMakerInferenceComponentConcurrentRequestsPerCopyHighResolution": (
        "ConcurrentRequestsPerCopy",
        "Maximum",
        10,
    ),
}
"""Predefined metric type -> (AWS/SageMaker metric, statistic, period in seconds)."""


def _validation(message: str) -> AwsError:
    return AwsError("ValidationException", message)


def managed_alarms(
    resource_id: str, component: str, configuration: dict[str, Any]
) -> list[dict[str, Any]]:
    """The PutMetricAlarm requests of a target tracking policy's alarms (high, then low)."""
    target = float(configuration["TargetValue"])
    predefined = configuration.get("PredefinedMetricSpecification")
    if predefined is not None:
        metric, statistic, period = PREDEFINED[predefined["PredefinedMetricType"]]
        source: dict[str, Any] = {
            "MetricName": metric,
            "Namespace": "AWS/SageMaker",
            "Dimensions": [{"Name": "InferenceComponentName", "Value": component}],
            "Statistic": statistic,
        }
    else:
        custom = configuration["CustomizedMetricSpecification"]
        period = 60
        source = {
            "MetricName": custom["MetricName"],
            "Namespace": custom["Namespace"],
            "Dimensions": list(custom.get("Dimensions", [])),
            "Statistic": custom.get("Statistic", "Average"),
        }
    high_periods, low_periods = (3, 90) if period < 60 else (3, 15)
    alarms = [
        {
            **source,
            "AlarmName": f"TargetTracking-{resource_id}-AlarmHigh-{uuid.uuid4()}",
            "Period": period,
            "EvaluationPeriods": high_periods,
            "DatapointsToAlarm": high_periods,
            "Threshold": target,
            "ComparisonOperator": "GreaterThanThreshold",
        }
    ]
    if not configuration.get("DisableScaleIn", False):
        alarms.append(
            {
                **source,
                "AlarmName": f"TargetTracking-{resource_id}-AlarmLow-{uuid.uuid4()}",
                "Period": period,
                "EvaluationPeriods": low_periods,
                "DatapointsToAlarm": low_periods,
                "Threshold": target * 0.9,
                "ComparisonOperator": "LessThanThreshold",
            }
        )
    return alarms


def tracking_capacity(current: int, value: float, target: float) -> int:
    """The capacity that brings ``value`` (measured at ``current``) to ``target``."""
    if target <= 0:
        return current
    return math.ceil(round(current * value / target, 9))


def step_capacity(
    configuration: dict[str, Any], current: int, value: float, threshold: float
) -> int | None:
    """The capacity a step policy asks for ``value`` against ``threshold``; ``None``: no step."""
    delta = value - threshold
    above = delta >= 0
    chosen: dict[str, Any] | None = None
    for step in configuration.get("StepAdjustments", []):
        lower = step.get("MetricIntervalLowerBound", -math.inf)
        upper = step.get("MetricIntervalUpperBound", math.inf)
        inside = (lower <= delta < upper) if above else (lower < delta <= upper)
        if inside:
            chosen = step
            break
    if chosen is None:
        return None
    adjustment = int(chosen["ScalingAdjustment"])
    kind = configuration.get("AdjustmentType")
    if kind == "ExactCapacity":
        return adjustment
    if kind == "PercentChangeInCapacity":
        change = current * adjustment / 100
        # Assumed rounding: toward zero, but never less than one whole copy.
        steps = math.copysign(max(1, math.floor(abs(change))), change) if change else 0
        magnitude = configuration.get("MinAdjustmentMagnitude")
        if magnitude is not None and 0 < abs(steps) < magnitude:
            steps = math.copysign(magnitude, steps)
        return current + int(steps)
    return current + adjustment


def check_step_configuration(configuration: dict[str, Any]) -> None:
    """Refuse a step configuration AAS would refuse (rules from botocore; wording assumed)."""
    # "AdjustmentType is required if you are adding a new step scaling policy configuration."
    # "At least one step adjustment is required if you are adding a new step scaling policy
    # configuration." (botocore StepScalingPolicyConfiguration)
    if "AdjustmentType" not in configuration:
        raise _validation("AdjustmentType is required for a step scaling policy.")
    steps: list[dict[str, Any]] = configuration.get("StepAdjustments") or []
    if not steps:
        raise _validation("At least one step adjustment is required for a step scaling policy.")
    if configuration["AdjustmentType"] == "ExactCapacity" and any(
        s["ScalingAdjustment"] < 0 for s in steps
    ):
        # "For exact capacity, you must specify a non-negative value." (botocore)
        raise _validation("ScalingAdjustment must be non-negative for ExactCapacity.")
    if "MinAdjustmentMagnitude" in configuration and (
        configuration["AdjustmentType"] != "PercentChangeInCapacity"
    ):
        raise _validation(
            "MinAdjustmentMagnitude is only valid with AdjustmentType PercentChangeInCapacity."
        )
    bounds: list[tuple[float, float]] = sorted(
        (
            s.get("MetricIntervalLowerBound", -math.inf),
            s.get("MetricIntervalUpperBound", math.inf),
        )
        for s in steps
    )
    for lower, upper in bounds:
        if lower >= upper:
            raise _validation("A step adjustment's lower bound must be less than its upper bound.")
    for (_, upper), (lower, _) in itertools.pairwise(bounds):
        if upper != lower:
            raise _validation("Step adjustments must not overlap or leave a gap between them.")
