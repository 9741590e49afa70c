"""Copy-count autoscaling of a component, down to zero copies and back up on the next request.

Scaling a component takes resources of two other services: a scalable target on the
component's `DesiredCopyCount` and a target-tracking policy in Application Auto Scaling, and,
for a component allowed to reach zero copies, a step-scaling policy that a CloudWatch alarm on
`NoCapacityInvocationFailures` triggers (target tracking never scales out from zero). The two
classes here describe all of it; `icsdk._wire.autoscaling` renders the requests.

The defaults are AWS's published recipe for scaling an inference component to zero:

* the blog post "Unlock cost savings with the new scale down to zero feature in SageMaker
  Inference" (AWS Machine Learning Blog, December 2024,
  https://aws.amazon.com/blogs/machine-learning/unlock-cost-savings-with-the-new-scale-down-to-zero-feature-in-amazon-sagemaker-inference/):
  target tracking with `"ScaleInCooldown": 300,  # default` and `"ScaleOutCooldown": 300,
  # default`; the step policy `{"AdjustmentType":"ChangeInCapacity",
  "MetricAggregationType":"Maximum","Cooldown":60,"StepAdjustments":[{"MetricIntervalLowerBound"
  :0,"ScalingAdjustment":1}]}`; the alarm `Statistic='Maximum'`, `Period=30`,
  `EvaluationPeriods=1`, `DatapointsToAlarm=1`, `Threshold=1`,
  `ComparisonOperator='GreaterThanOrEqualToThreshold'`, `TreatMissingData='missing'`, which
  "results in waiting approximately 1 minute for the step scaling policy to trigger after our
  endpoint receives a single request";
* the developer guide page "Scale an endpoint to zero instances"
  (https://docs.aws.amazon.com/sagemaker/latest/dg/endpoint-auto-scaling-zero-instances.html):
  the same cooldowns (300 and 300) and the same step policy; its alarm differs (`--period 60`,
  `--statistic Sum`, `--comparison-operator GreaterThanThreshold`, `--threshold 1`), which
  needs two failed requests within a minute before it wakes the component. icsdk follows the
  blog, which wakes on the first one; every setting can be overridden.
"""

from __future__ import annotations

import math
import sys
from typing import Literal, TypeAlias

import attrs

from ._base import Spec, limit
from ._constraints import Problems, accepts

__all__ = ["AlarmStatistic", "Autoscaling", "WakeOnRequest"]

AlarmStatistic: TypeAlias = Literal["SampleCount", "Average", "Sum", "Minimum", "Maximum"]
"""How the wake alarm aggregates `NoCapacityInvocationFailures` over a period."""

# The model's documentation of PutMetricAlarm's Period: "Valid values are 10, 20, 30, and any
# multiple of 60." and "Period multiplied by EvaluationPeriods can't be more than 604,800
# seconds. For alarms with a period of less than one hour (3,600 seconds), the total evaluation
# period can't be longer than one day (86,400 seconds)."
_SUB_MINUTE_PERIODS = (10, 20, 30)
_DAY_S = 86_400
_WEEK_S = 604_800
# The model's documentation of TreatMissingData: "Valid Values: breaching | notBreaching |
# ignore | missing".
_MISSING_DATA = ("breaching", "notBreaching", "ignore", "missing")
# The comparisons that fire as failed requests reach the threshold (the others look down or
# need an anomaly band).
_WAKING = ("GreaterThanOrEqualToThreshold", "GreaterThanThreshold")
# The model's documentation of TargetTrackingScalingPolicyConfiguration.TargetValue: "Values
# must be in the range of -2^360 to 2^360."
_TARGET_LIMIT = 2.0**360


def _is_int(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _carried(value: object) -> bool:
    """Whether `value` is a number a double carries (the walker reports any other)."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return False
    return abs(value) <= sys.float_info.max and not (isinstance(value, float) and math.isnan(value))


@attrs.frozen(kw_only=True, eq=False, repr=False)
class WakeOnRequest(Spec):
    """How a component at zero copies wakes: a step-scaling policy and the alarm that triggers it.

    At zero copies a request fails with a `ValidationError` ("Inference Component has no capacity
    to process this request") and SageMaker counts it in the `AWS/SageMaker` metric
    `NoCapacityInvocationFailures` for the component. The alarm watches that metric
    (`statistic` over `period_s`, `datapoints_to_alarm` of `evaluation_periods` periods
    `comparison` with `threshold`, missing data treated as `treat_missing_data`); in alarm it
    triggers the step policy, which adds `copies_added` copies (aggregating the metric by
    `aggregation`) and then waits `cooldown_s` before it scales again.

    The defaults are the recipe of AWS's blog post "Unlock cost savings with the new scale down
    to zero feature in SageMaker Inference" (December 2024): one copy, a 60-second cooldown,
    `Maximum` over 30 seconds, 1 of 1 data points, at least 1 failure, missing data `missing`.
    The docs page "Autoscaling and scale to zero" quotes the sources.

    Examples:
        >>> WakeOnRequest()
        WakeOnRequest(copies_added=1, cooldown_s=60, aggregation='Maximum', period_s=30, \
evaluation_periods=1, datapoints_to_alarm=1, statistic='Maximum', \
comparison='GreaterThanOrEqualToThreshold', threshold=1.0, treat_missing_data='missing')
        >>> WakeOnRequest(period_s=60, statistic="Sum").period_s
        60
    """

    copies_added: int = attrs.field(
        default=1, metadata=limit("application-autoscaling:ScalingAdjustment", "copies")
    )
    cooldown_s: int = attrs.field(
        default=60, metadata=limit("application-autoscaling:Cooldown", "seconds")
    )
    aggregation: Literal["Average", "Minimum", "Maximum"] = attrs.field(
        default="Maximum", metadata=limit("application-autoscaling:MetricAggregationType")
    )
    period_s: int = attrs.field(default=30, metadata=limit("cloudwatch:Period", "seconds"))
    evaluation_periods: int = attrs.field(
        default=1, metadata=limit("cloudwatch:EvaluationPeriods", "periods")
    )
    datapoints_to_alarm: int = attrs.field(
        default=1, metadata=limit("cloudwatch:DatapointsToAlarm", "data points")
    )
    statistic: AlarmStatistic = attrs.field(
        default="Maximum", metadata=limit("cloudwatch:Statistic")
    )
    comparison: Literal["GreaterThanOrEqualToThreshold", "GreaterThanThreshold"] = attrs.field(
        default="GreaterThanOrEqualToThreshold", metadata=limit("cloudwatch:ComparisonOperator")
    )
    threshold: float = attrs.field(default=1.0, metadata=limit("cloudwatch:Threshold"))
    treat_missing_data: Literal["breaching", "notBreaching", "ignore", "missing"] = attrs.field(
        default="missing", metadata=limit("cloudwatch:TreatMissingData")
    )

    def _rules(self, p: Problems) -> None:
        if _is_int(self.copies_added) and self.copies_added < 1:
            p.add("copies_added", f"must add at least 1 copy to wake, got {self.copies_added}")
        if _is_int(self.cooldown_s) and self.cooldown_s < 0:
            p.add("cooldown_s", f"must be at least 0 seconds, got {self.cooldown_s}")
        period = self.period_s
        if _is_int(period) and period > 0:
            if period not in _SUB_MINUTE_PERIODS and period % 60:
                p.add("period_s", f"must be 10, 20, 30 or a multiple of 60 seconds, got {period}")
            periods = self.evaluation_periods
            if _is_int(periods) and periods > 0:
                most = _DAY_S if period < 3600 else _WEEK_S
                if period * periods > most:
                    p.add(
                        "evaluation_periods",
                        f"period_s x evaluation_periods must be at most {most} seconds "
                        f"(the alarm's evaluation range), got {period * periods}",
                    )
        points, periods = self.datapoints_to_alarm, self.evaluation_periods
        if _is_int(points) and _is_int(periods) and points > periods:
            p.add(
                "datapoints_to_alarm",
                f"must not be more than evaluation_periods ({periods}), got {points}",
            )
        comparison = self.comparison
        if accepts("cloudwatch:ComparisonOperator", comparison) and comparison not in _WAKING:
            p.add(
                "comparison",
                "must be GreaterThanOrEqualToThreshold or GreaterThanThreshold: the alarm wakes "
                f"the component when failed requests reach the threshold, got {comparison!r}",
            )
        missing = self.treat_missing_data
        if accepts("cloudwatch:TreatMissingData", missing) and missing not in _MISSING_DATA:
            p.add(
                "treat_missing_data", f"must be one of {', '.join(_MISSING_DATA)}, got {missing!r}"
            )


def _recipe_wake(autoscaling: Autoscaling) -> WakeOnRequest | None:
    return WakeOnRequest() if autoscaling.min_copies == 0 else None


@attrs.frozen(kw_only=True, eq=False, repr=False)
class Autoscaling(Spec):
    """How many copies a component runs as traffic comes and goes, down to zero if allowed.

    Application Auto Scaling keeps the copy count between `min_copies` and `max_copies`,
    tracking exactly one target per copy: `invocations_per_copy`
    (`SageMakerInferenceComponentInvocationsPerCopy`, invocations per copy per minute) or
    `concurrent_requests_per_copy`
    (`SageMakerInferenceComponentConcurrentRequestsPerCopyHighResolution`). After scaling in it
    waits `scale_in_cooldown_s` before scaling in again, after scaling out
    `scale_out_cooldown_s` (300 seconds each, AWS's recipe).

    With `min_copies=0`, `wake` is the policy and alarm that bring the first copy back when a
    request finds none; it defaults to [`WakeOnRequest()`][icsdk.WakeOnRequest], AWS's recipe,
    and is required there (target tracking alone never scales out from zero). With `min_copies`
    above 0 there is always a copy to serve, so there is nothing to wake: `wake` is `None`,
    and giving one is refused.

    On an [`InferenceComponent`][icsdk.InferenceComponent], `copies` is then the count the
    component is created with (within `min_copies` and `max_copies`); after that the count is
    the autoscaler's, and a live count anywhere within the bounds is not drift.

    Examples:
        >>> scaling = Autoscaling(min_copies=0, max_copies=4, invocations_per_copy=5)
        >>> scaling.scale_in_cooldown_s, scaling.wake.period_s
        (300, 30)
        >>> Autoscaling(min_copies=1, max_copies=4, concurrent_requests_per_copy=5).wake is None
        True
    """

    min_copies: int = attrs.field(
        metadata=limit("application-autoscaling:ResourceCapacity", "copies")
    )
    max_copies: int = attrs.field(
        metadata=limit("application-autoscaling:ResourceCapacity", "copies")
    )
    invocations_per_copy: float | None = attrs.field(
        default=None, metadata=limit("application-autoscaling:MetricScale", "invocations")
    )
    concurrent_requests_per_copy: float | None = attrs.field(
        default=None, metadata=limit("application-autoscaling:MetricScale", "requests")
    )
    scale_in_cooldown_s: int = attrs.field(
        default=300, metadata=limit("application-autoscaling:Cooldown", "seconds")
    )
    scale_out_cooldown_s: int = attrs.field(
        default=300, metadata=limit("application-autoscaling:Cooldown", "seconds")
    )
    wake: WakeOnRequest | None = attrs.field(default=attrs.Factory(_recipe_wake, takes_self=True))

    def _rules(self, p: Problems) -> None:
        low, high = self.min_copies, self.max_copies
        # The model's documentation of RegisterScalableTarget's MinCapacity: "For the following
        # resources, the minimum value allowed is 0. ... SageMaker inference components".
        if _is_int(low) and low < 0:
            p.add("min_copies", f"must be at least 0 copies, got {low}")
        if _is_int(high) and high < 1:
            p.add(
                "max_copies", f"must be at least 1 copy (at 0 the component never runs), got {high}"
            )
        elif _is_int(low) and _is_int(high) and high < low:
            p.add("max_copies", f"must not be less than min_copies ({low}), got {high}")
        targets = {
            "invocations_per_copy": self.invocations_per_copy,
            "concurrent_requests_per_copy": self.concurrent_requests_per_copy,
        }
        given = [name for name, value in targets.items() if value is not None]
        if len(given) != 1:
            p.add(
                "invocations_per_copy",
                "give exactly one target: invocations_per_copy or concurrent_requests_per_copy"
                + (", not both" if given else ""),
            )
        for name in given:
            value = targets[name]
            if not _carried(value):
                continue
            if not value > 0:  # type: ignore[operator]
                p.add(name, f"must be more than 0 (a target of {value} is never met), got {value}")
            elif abs(value) > _TARGET_LIMIT:  # type: ignore[arg-type]
                p.add(name, f"must be at most 2^360, got {value}")
        for name in ("scale_in_cooldown_s", "scale_out_cooldown_s"):
            seconds = getattr(self, name)
            if _is_int(seconds) and seconds < 0:
                p.add(name, f"must be at least 0 seconds, got {seconds}")
        if low == 0 and _is_int(low) and self.wake is None:
            p.add(
                "wake",
                "is required with min_copies=0: target tracking never scales out from zero "
                "copies (give WakeOnRequest() for AWS's recipe)",
            )
        elif _is_int(low) and low > 0 and self.wake is not None:
            p.add(
                "wake",
                f"applies only with min_copies=0: with {low} or more copies there is nothing to "
                "wake (leave it None)",
            )
